// Errors every layer can raise: HTTP and body limits, sessions, the report form's
// fields (NIP, NIK, dates, links), storage and configuration.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    // Errors (titles)
    {"error_title", "Terjadi kesalahan", "Something went wrong"},
    {"error.internal", "Terjadi kesalahan pada server. Data Anda tidak tersimpan sebagian; silakan coba lagi.", "A server error occurred. Nothing was half-saved; please try again."},
    {"error.bad_request", "Permintaan tidak dapat dibaca.", "The request could not be read."},
    {"error.malformed_json", "Data JSON tidak valid.", "The JSON is not valid."},
    {"error.malformed_multipart", "Unggahan formulir rusak atau terpotong.", "The form upload is damaged or incomplete."},
    {"error.malformed_form", "Formulir tidak dapat dibaca.", "The form could not be read."},
    {"error.body_too_large", "Kiriman terlalu besar.", "The request is too large."},
    {"error.file_too_large", "Salah satu berkas melebihi batas ukuran.", "A file is larger than allowed."},
    {"error.field_too_large", "Salah satu isian terlalu panjang.", "A field is too long."},
    {"error.too_many_files", "Terlalu banyak berkas.", "Too many files."},
    {"error.report_too_large", "Jumlah ukuran berkas melebihi batas.", "The files together are larger than allowed."},
    {"error.unsupported_media_type", "Jenis isi kiriman tidak didukung.", "This content type is not supported."},
    {"error.unsupported_file_type", "Jenis berkas tidak diterima. Kirim foto, video, rekaman suara atau PDF.", "This file type is not accepted. Send photos, videos, audio or PDF."},
    {"error.header_too_large", "Kepala permintaan terlalu besar.", "The request headers are too large."},
    {"error.request_timeout", "Waktu pengiriman habis. Periksa koneksi lalu coba lagi.", "The upload timed out. Check your connection and try again."},
    {"error.not_found", "Halaman atau data tidak ditemukan.", "Not found."},
    {"error.method_not_allowed", "Metode tidak diizinkan.", "Method not allowed."},
    {"error.unauthenticated", "Silakan masuk terlebih dahulu; sesi Anda mungkin telah berakhir.", "Please log in; your session may have expired."},
    {"error.csrf_failed", "Formulir kedaluwarsa. Muat ulang halaman lalu kirim lagi.", "The form has expired. Reload the page and send it again."},
    {"error.forbidden", "Anda tidak berwenang.", "You are not allowed to do this."},
    {"error.rate_limited", "Terlalu banyak permintaan. Coba lagi beberapa menit lagi.", "Too many requests. Try again in a few minutes."},
    {"error.login_rate_limited", "Terlalu banyak percobaan masuk yang gagal. Coba lagi 15 menit lagi.", "Too many failed logins. Try again in 15 minutes."},
    {"error.invalid_credentials", "Nama pengguna atau kata sandi salah.", "Wrong username or password."},
    {"error.missing_reported", "Isi nama atau NIP terlapor.", "Give the reported person's name or NIP."},
    {"error.missing_description", "Isi uraian kejadian.", "Describe what happened."},
    {"error.missing_instansi", "Pilih pemerintah daerah yang dilaporkan.", "Choose the regional government concerned."},
    {"error.missing_message", "Tulis pesan atau lampirkan berkas.", "Write a message or attach a file."},
    {"error.missing_field", "Isian wajib belum diisi.", "A required field is missing."},
    {"error.duplicate_field", "Isian ini dikirim lebih dari sekali.", "This field was sent more than once."},
    {"error.invalid_field", "Isian tidak valid.", "A field is not valid."},
    {"error.wrong_type", "Jenis nilai isian salah.", "A field has the wrong type."},
    {"error.field_too_long", "Isian terlalu panjang.", "A field is too long."},
    {"error.invalid_nip_length", "NIP/NI PPPK harus 18 angka.", "A NIP/NI PPPK has 18 digits."},
    {"error.invalid_nip_birth", "NIP tidak valid: 8 angka pertama harus tanggal lahir (TTTTBBHH).", "Invalid NIP: the first 8 digits must be a birth date (YYYYMMDD)."},
    {"error.invalid_nip_appointment", "NIP tidak valid: angka 9-14 harus tahun dan bulan pengangkatan.", "Invalid NIP: digits 9-14 must be the appointment year and month."},
    {"error.invalid_nip_sex", "NIP tidak valid: angka ke-15 harus 1 atau 2.", "Invalid NIP: digit 15 must be 1 or 2."},
    {"error.invalid_nik_length", "NIK harus 16 angka.", "A NIK has 16 digits."},
    {"error.invalid_nik_region", "NIK tidak valid: kode wilayah salah.", "Invalid NIK: wrong region code."},
    {"error.invalid_nik_birth", "NIK tidak valid: tanggal lahir salah.", "Invalid NIK: wrong birth date."},
    {"error.invalid_nik_serial", "NIK tidak valid: nomor urut salah.", "Invalid NIK: wrong serial number."},
    {"error.invalid_date", "Tanggal tidak valid (format TTTT-BB-HH).", "Invalid date (format YYYY-MM-DD)."},
    {"error.date_in_future", "Tanggal tidak boleh di masa depan.", "The date cannot be in the future."},
    {"error.invalid_email", "Alamat surel tidak valid.", "Invalid e-mail address."},
    {"error.invalid_phone", "Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung.", "A phone number may contain only digits, spaces, +, - and brackets."},
    {"error.invalid_link", "Tautan harus diawali http:// atau https://.", "Links must start with http:// or https://."},
    {"error.too_many_links", "Paling banyak 20 tautan.", "At most 20 links."},
    {"error.invalid_region_code", "Kode wilayah tidak valid (contoh: 19.03).", "Invalid region code (e.g. 19.03)."},
    {"error.unknown_instansi", "Pemerintah daerah tidak dikenal.", "Unknown regional government."},
    {"error.unknown_unit", "Unit kerja tidak dikenal.", "Unknown unit."},
    {"error.receipt_not_found", "Kode tanda terima tidak ditemukan. Periksa kembali penulisannya.", "Receipt code not found. Check how you typed it."},
    {"error.case_not_found", "Perkara tidak ditemukan.", "Case not found."},
    {"error.evidence_not_found", "Berkas bukti tidak ditemukan.", "Evidence not found."},
    {"error.evidence_missing", "Berkas bukti hilang dari penyimpanan.", "The evidence file is missing from storage."},
    {"error.storage_failed", "Berkas tidak dapat disimpan. Coba lagi.", "The file could not be stored. Try again."},
    {"error.invalid_username", "Nama pengguna 3-64 karakter: huruf kecil, angka, titik, garis.", "Usernames have 3-64 characters: lower-case letters, digits, dot, dash, underscore."},
    {"error.password_too_short", "Kata sandi minimal 10 karakter.", "Passwords have at least 10 characters."},
    {"error.username_taken", "Nama pengguna sudah dipakai.", "That username is taken."},
    {"error.config_invalid", "Berkas konfigurasi tidak valid.", "The configuration file is not valid."},
    {"error.db_open_failed", "Basis data tidak dapat dibuka.", "The database could not be opened."},
    // Codes raised below the web layer (store, mail, set-up data) that had no message of their own
    {"error.invalid_nik", "NIK tidak valid.", "Invalid NIK."},
    {"error.missing_column", "Kolom wajib tidak ada di baris judul.", "A required column is missing from the header row."},
    {"error.unavailable", "Layanan ini tidak tersedia di server ini.", "This service is not available on this server."},
    {"error.file_unreadable", "Berkas tidak dapat dibaca.", "The file cannot be read."},
    {"error.write_failed", "Keluaran tidak dapat ditulis.", "The output cannot be written."},
    {"error.mail_failed", "Surel tidak dapat dikirim.", "The e-mail could not be sent."},
    {"error.clocks_invalid", "Berkas tenggat waktu (clocks.toml) tidak valid.", "The deadlines file (clocks.toml) is invalid."},
    {"error.demo_failed", "Data contoh tidak dapat dibuat.", "The demo data could not be created."},
    {"store.db_open_failed", "Basis data tidak dapat dibuka.", "The database could not be opened."},
};

}  // namespace

std::span<const MessageEntry> errors() { return kEntries; }

}  // namespace netral::messages
