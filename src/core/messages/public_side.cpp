// The public side: home page, report form, receipt page and the reporter's status page.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    // Home
    {"home_title", "Laporkan pelanggaran netralitas ASN", "Report a breach of civil-servant neutrality"},
    {"home_lead", "ASN (PNS dan PPPK) dan pegawai non-ASN dilarang memihak pasangan calon dalam Pilkada. Siapa pun boleh melapor, dengan atau tanpa identitas.", "Civil servants (PNS and PPPK) and non-ASN staff must not take sides in regional elections. Anyone may report, with or without giving their name."},
    {"home_cta", "Buat laporan", "File a report"},
    {"home_what_title", "Apa yang dapat dilaporkan", "What you can report"},
    {"conduct_social_media", "Kampanye, unggahan, komentar, bagikan, suka atau ikuti akun calon di media sosial.", "Campaigning, posting, commenting, sharing, liking or following a candidate's account on social media."},
    {"conduct_photo_symbol", "Foto bersama calon dengan simbol tangan atau pose keberpihakan.", "Photos with a candidate showing a partisan hand sign or pose."},
    {"conduct_campaign", "Ikut kampanye atau deklarasi, memakai atribut partai atau atribut ASN.", "Joining a campaign or declaration, wearing party or civil-service attributes."},
    {"conduct_facilities", "Memakai fasilitas negara: kendaraan, gedung, komputer, internet, anggaran atau program.", "Using state facilities: vehicles, buildings, computers, internet, budget or programmes."},
    {"conduct_mobilising", "Mengerahkan pegawai, bawahan atau pemilih.", "Mobilising staff, subordinates or voters."},
    {"conduct_ktp", "Memberi surat dukungan atau mengumpulkan fotokopi KTP untuk calon.", "Giving a support letter or collecting ID-card copies for a candidate."},
    {"conduct_decision", "Membuat keputusan atau tindakan yang menguntungkan atau merugikan calon.", "Decisions or actions that favour or harm a candidate."},
    {"home_protect_title", "Perlindungan pelapor", "How you are protected"},
    {"home_protect_anonymous", "Anda boleh melapor tanpa nama.", "You may report without giving your name."},
    {"home_protect_encrypted", "Identitas pelapor disimpan terenkripsi dan hanya dapat dibuka petugas yang berwenang; setiap pembukaan dicatat.", "Your identity is stored encrypted and only authorised officers can open it; every opening is logged."},
    {"home_protect_receipt", "Anda menerima kode tanda terima untuk mengikuti laporan dan menjawab pertanyaan petugas, tanpa akun.", "You get a receipt code to follow the report and answer the officers' questions, without an account."},
    // Report form
    {"report_title", "Laporan dugaan pelanggaran netralitas", "Report a suspected neutrality breach"},
    {"report_intro", "Isi sebisanya. Yang wajib hanya nama atau NIP terlapor dan uraian kejadian.", "Fill in what you can. Only the reported person's name or NIP and the description are required."},
    {"form_has_error", "Laporan belum terkirim.", "The report was not sent."},
    {"files_reattach", "Demi keamanan, berkas bukti perlu dipilih ulang.", "For safety, please choose your evidence files again."},
    {"field_instansi", "Pemerintah daerah yang dilaporkan", "Regional government concerned"},
    {"reported_legend", "Terlapor", "Reported person"},
    {"field_reported_name", "Nama terlapor", "Name of the reported person"},
    {"field_reported_nip", "NIP / NI PPPK", "NIP / NI PPPK"},
    {"hint_nip", "18 angka, jika Anda mengetahuinya.", "18 digits, if you know it."},
    {"field_reported_unit", "Unit kerja / Perangkat Daerah", "Unit / department"},
    {"field_reported_position", "Jabatan", "Position"},
    {"incident_legend", "Kejadian", "What happened"},
    {"field_description", "Uraian kejadian", "Description"},
    {"hint_description", "Apa yang dilakukan, bagaimana, siapa saja yang terlibat.", "What was done, how, and who was involved."},
    {"field_incident_date", "Tanggal kejadian", "Date of the incident"},
    {"field_learned_date", "Tanggal Anda mengetahuinya", "Date you learned of it"},
    {"hint_learned", "Laporan diterima paling lambat 7 hari sejak pelanggaran diketahui.", "Reports are accepted within 7 days of the breach becoming known."},
    {"field_incident_place", "Tempat kejadian", "Place"},
    {"field_links", "Tautan unggahan", "Links to posts"},
    {"hint_links", "Satu tautan per baris, diawali https://", "One link per line, starting with https://"},
    {"field_evidence", "Bukti (foto, video, tangkapan layar, PDF, rekaman suara)", "Evidence (photos, videos, screenshots, PDF, audio)"},
    {"hint_evidence", "Paling banyak {files} berkas, masing-masing paling besar {size}.", "At most {files} files, each at most {size}."},
    {"reporter_legend", "Identitas pelapor", "Reporter"},
    {"reporter_intro", "Tidak wajib. Kosongkan untuk melapor tanpa nama. Identitas membantu petugas menghubungi Anda.", "Optional. Leave empty to stay anonymous. It helps officers contact you."},
    {"field_reporter_name", "Nama", "Name"},
    {"field_reporter_nik", "NIK", "NIK (resident ID number)"},
    {"field_reporter_phone", "Nomor telepon / WhatsApp", "Phone / WhatsApp"},
    {"field_reporter_email", "Surel", "E-mail"},
    {"submit_report", "Kirim laporan", "Send report"},
    // Done
    {"done_title", "Laporan diterima", "Report received"},
    {"done_receipt_intro", "Kode tanda terima Anda:", "Your receipt code:"},
    {"done_receipt_keep", "Simpan kode ini sekarang (catat atau foto layar). Kode ini hanya ditampilkan sekali dan tidak dapat dipulihkan. Jangan bagikan kepada siapa pun.", "Keep this code now (write it down or take a screenshot). It is shown only once and cannot be recovered. Share it with no one."},
    {"done_case_number", "Nomor perkara:", "Case number:"},
    {"done_evidence", "{n} berkas bukti tersimpan.", "{n} evidence files stored."},
    // Status
    {"status_title", "Status laporan", "Report status"},
    {"field_receipt", "Kode tanda terima", "Receipt code"},
    {"hint_receipt", "20 huruf dan angka, misalnya ABCD-EFGH-JKMN-PQRS-TVWX.", "20 letters and digits, e.g. ABCD-EFGH-JKMN-PQRS-TVWX."},
    {"check_status", "Cek status", "Check status"},
    {"case_number", "Nomor perkara", "Case number"},
    {"status", "Status", "Status"},
    {"evidence_files", "Berkas bukti", "Evidence files"},
    {"evidence", "Bukti", "Evidence"},
    {"messages", "Pesan", "Messages"},
    {"no_messages", "Belum ada pesan.", "No messages yet."},
    {"reply_title", "Jawab atau tambah bukti", "Answer or add evidence"},
    {"field_reply", "Pesan Anda", "Your message"},
    {"field_more_evidence", "Bukti tambahan", "More evidence"},
    {"send_reply", "Kirim", "Send"},
    {"reply_sent", "Pesan terkirim.", "Message sent."},
    {"author_reporter", "Pelapor", "Reporter"},
    {"author_staff", "Petugas", "Officer"},
    {"author_system", "Sistem", "System"},
    {"status_help_received", "Laporan telah diterima dan menunggu verifikasi.", "The report was received and awaits verification."},
    {"status_help_verification", "Laporan sedang diverifikasi. Petugas mungkin meminta kelengkapan melalui halaman ini.", "The report is being verified. Officers may ask for more information here."},
    {"status_help_examination", "Laporan sedang diperiksa.", "The report is under examination."},
    {"status_help_recommendation", "Pemeriksaan selesai; rekomendasi sanksi sedang disusun.", "The examination is over; a sanction recommendation is being prepared."},
    {"status_help_decision", "Menunggu keputusan Pejabat Pembina Kepegawaian.", "Awaiting the staffing authority's decision."},
    {"status_help_executed", "Sanksi telah dijatuhkan.", "The sanction has been imposed."},
    {"status_help_closed", "Perkara ditutup.", "The case is closed."},
    {"status_help_rejected", "Laporan tidak dapat ditindaklanjuti. Lihat pesan petugas.", "The report cannot be taken further. See the officers' messages."},
};

}  // namespace

std::span<const MessageEntry> public_side() { return kEntries; }

}  // namespace netral::messages
