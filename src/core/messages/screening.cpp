// Social-media screening (issue 5, docs/screening.md): the review queue, flags, opening
// a case from a flag, screenshots and the labelled-data export.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    {"screening_title", "Penyaringan media sosial", "Social-media screening"},
    {"screening_lead", "Postingan akun pegawai yang cocok dengan leksikon pemilihan. Tolak dengan alasan, atau buka perkara dalam satu langkah; postingan disimpan sebagai bukti beserta hash-nya.", "Posts of staff accounts that match the election's lexicon. Dismiss with a reason, or open a case in one step; the post is kept as evidence with its hash."},
    {"screening_case_opened", "Perkara dibuka:", "Case opened:"},
    {"screening_dismissed_notice", "Tanda ditolak dan alasannya dicatat.", "Flag dismissed and its reason recorded."},
    {"screening_open", "Terbuka", "Open"},
    {"screening_confirmed", "Dikonfirmasi", "Confirmed"},
    {"screening_dismissed", "Ditolak", "Dismissed"},
    {"screening_precision", "Presisi (dikonfirmasi dari yang ditinjau)", "Precision (confirmed of reviewed)"},
    {"screening_precision_none", "belum ada tinjauan", "no reviews yet"},
    {"screening_admin_title", "Pemilihan dan akun pegawai", "Elections and staff accounts"},
    {"screening_no_flags", "Tidak ada tanda di sini.", "No flags here."},
    {"screening_employee", "Pegawai", "Employee"},
    {"screening_unlinked", "akun belum ditautkan ke pegawai", "account not linked to an employee"},
    {"screening_candidate", "Nomor urut pasangan calon", "Candidate pair number"},
    {"screening_stance", "Sikap", "Stance"},
    {"screening_stance_for", "mendukung", "for"},
    {"screening_stance_against", "menolak", "against"},
    {"screening_conduct", "Kategori pelanggaran", "Conduct"},
    {"screening_score", "Skor", "Score"},
    {"screening_context", "Konten yang dibagikan, disukai atau dikomentari", "What was shared, liked or commented on"},
    {"screening_post_link", "Buka postingan asli", "Open the original post"},
    {"screening_case", "Perkara", "Case"},
    {"screening_reason", "Alasan penolakan", "Reason for dismissal"},
    {"screening_reviewer", "Ditinjau oleh", "Reviewed by"},
    {"screening_open_case", "Buka perkara", "Open a case"},
    {"screening_dismiss", "Tolak tanda", "Dismiss"},
    {"screening_elections", "Pemilihan", "Elections"},
    {"screening_election_name", "Nama", "Name"},
    {"screening_voting_date", "Hari pemungutan suara", "Voting day"},
    {"screening_imported_at", "Diimpor", "Imported"},
    {"screening_import", "Impor", "Import"},
    {"screening_accounts", "Akun media sosial pegawai", "Staff social-media accounts"},
    {"screening_platform", "Platform", "Platform"},
    {"screening_handle", "Nama akun", "Handle"},
    {"screening_link", "Tautkan", "Link"},
    {"screening_accounts_csv", "Daftar akun (CSV: platform,account,nip)", "Account list (CSV: platform,account,nip)"},
    {"screening_saved", "Tersimpan:", "Saved:"},
    // Screenshots of posts and the labelled data (docs/screening.md)
    {"error.invalid_screenshot", "Tangkapan layar tidak terbaca: kirim gambar sebagai base64 standar (RFC 4648, dengan padding, tanpa spasi atau awalan data:).", "The screenshot cannot be read: send the image as standard base64 (RFC 4648, padded, without spaces or a data: prefix)."},
    {"error.screenshot_too_large", "Tangkapan layar melebihi 5 MB.", "The screenshot is larger than 5 MB."},
    {"error.unsupported_screenshot_type", "Tangkapan layar harus berupa gambar PNG, JPEG atau WebP (jenis diperiksa dari isinya, bukan dari namanya).", "The screenshot must be a PNG, JPEG or WebP image (the type is checked from its content, not its name)."},
    {"screening_screenshot", "Tangkapan layar", "Screenshot"},
    {"screening_screenshot_alt", "Tangkapan layar postingan", "Screenshot of the post"},
    {"screening_screenshot_open", "Buka tangkapan layar ukuran penuh", "Open the full-size screenshot"},
    {"screening_screenshot_upload", "Tangkapan layar dari peninjau (PNG, JPEG atau WebP, paling besar 5 MB)", "Reviewer's screenshot (PNG, JPEG or WebP, at most 5 MB)"},
    {"screening_screenshot_upload_hint", "Disimpan sebagai bukti perkara beserta hash SHA-256-nya, bersama postingan dan tangkapan layar dari pengumpul bila ada.", "Kept as case evidence with its SHA-256 hash, beside the post and the collector's screenshot if any."},
    {"screening_case_error", "Perkara belum dibuka; tidak ada yang berubah.", "No case was opened; nothing changed."},
    {"screening_export", "Unduh data berlabel (JSON Lines)", "Download the labelled data (JSON Lines)"},
    {"screening_export_hint", "Satu baris per tanda yang sudah ditinjau (dikonfirmasi atau ditolak), untuk mengukur presisi per istilah atau kategori; tanpa nama dan NIP pegawai.", "One line per reviewed flag (confirmed or dismissed), to measure precision per term or conduct; without staff names or NIPs."},
    // Errors of the screen layer (posts, account lists, lexicons, output), from the push and from netral screen
    {"error.invalid_post", "Postingan tidak valid.", "The post is invalid."},
    {"screen.post_invalid", "Postingan tidak valid.", "The post is invalid."},
    {"error.invalid_accounts", "Daftar akun tidak valid.", "The account list is invalid."},
    {"screen.accounts_invalid", "Daftar akun tidak valid.", "The account list is invalid."},
    {"screen.election_invalid", "Berkas pemilihan tidak valid.", "The election file is invalid."},
    {"screen.file_unreadable", "Berkas tidak dapat dibaca.", "The file cannot be read."},
    {"error.invalid_lexicon_file", "Berkas leksikon penyaringan tidak valid.", "The screening lexicon file is invalid."},
    {"screen.lexicon_invalid", "Berkas leksikon penyaringan tidak valid.", "The screening lexicon file is invalid."},
    {"error.lexicon_compile_failed", "Leksikon penyaringan tidak dapat dikompilasi.", "The screening lexicon could not be compiled."},
    {"screen.lexicon_compile_failed", "Leksikon penyaringan tidak dapat dikompilasi.", "The screening lexicon could not be compiled."},
    {"screen.write_failed", "Keluaran tidak dapat ditulis.", "The output cannot be written."},
};

}  // namespace

std::span<const MessageEntry> screening() { return kEntries; }

}  // namespace netral::messages
