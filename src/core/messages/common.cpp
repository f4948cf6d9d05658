// Shared by every page: layout and navigation, the staff chrome (login, inbox, paging), and the
// vocabulary of core/model.hpp (case statuses, channels, roles, staff types) that several
// features show.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    // Layout and navigation
    {"skip_to_content", "Langsung ke isi", "Skip to content"},
    {"nav_label", "Navigasi utama", "Main navigation"},
    {"nav_report", "Laporkan", "Report"},
    {"nav_status", "Cek status laporan", "Check a report"},
    {"footer", "Netral: kanal pengaduan netralitas ASN dan non-ASN dalam pemilihan.", "Netral: the channel for reporting breaches of civil-servant neutrality in elections."},
    {"staff_login_link", "Masuk petugas", "Staff login"},
    {"back", "Kembali", "Back"},
    {"optional", "(tidak wajib)", "(optional)"},
    // Staff navigation, one entry per feature
    {"nav_users", "Pengguna", "Users"},
    {"nav_screening", "Penyaringan medsos", "Social-media screening"},
    {"nav_stats", "Statistik", "Statistics"},
    {"nav_account", "Akun saya", "My account"},
    {"nav_katalog", "Katalog larangan", "Catalogue of prohibited acts"},
    // Case statuses
    {"status_received", "Diterima", "Received"},
    {"status_verification", "Verifikasi", "Verification"},
    {"status_examination", "Pemeriksaan", "Examination"},
    {"status_recommendation", "Rekomendasi", "Recommendation"},
    {"status_decision", "Keputusan PPK", "PPK decision"},
    {"status_executed", "Sanksi dilaksanakan", "Sanction executed"},
    {"status_closed", "Ditutup", "Closed"},
    {"status_rejected", "Ditolak", "Rejected"},
    // Channels
    {"channel_web", "Formulir web", "Web form"},
    {"channel_api", "API", "API"},
    {"channel_walk_in", "Datang langsung", "Walk-in"},
    {"channel_bawaslu", "Penerusan Bawaslu", "Forwarded by Bawaslu"},
    {"channel_bkn", "Penerusan BKN", "Forwarded by BKN"},
    {"channel_agency_finding", "Temuan instansi", "Agency finding"},
    // Roles
    {"role_admin", "Admin", "Admin"},
    {"role_superadmin", "Superadmin (pengelola pemerintah daerah)", "Superadmin (manages the governments)"},
    {"role_verifier", "Verifikator BKPSDMD", "Verifier (BKPSDMD)"},
    {"role_examiner", "Pemeriksa Inspektorat", "Examiner (Inspectorate)"},
    {"role_unit_head", "Kepala Perangkat Daerah", "Department head"},
    {"role_ppk_office", "Kantor PPK", "Staffing authority office"},
    {"role_liaison", "Penghubung Bawaslu/BKN", "Bawaslu/BKN liaison"},
    {"role_analyst", "Analis", "Analyst"},
    // Staff
    {"login_title", "Masuk petugas", "Staff login"},
    {"field_username", "Nama pengguna", "Username"},
    {"field_password", "Kata sandi", "Password"},
    {"login", "Masuk", "Log in"},
    {"logout", "Keluar", "Log out"},
    {"inbox", "Kotak masuk", "Inbox"},
    {"all", "Semua", "All"},
    {"filter", "Saring", "Filter"},
    {"filter_status", "Saring menurut status", "Filter by status"},
    {"unit", "Unit kerja", "Unit"},
    {"no_cases", "Tidak ada perkara.", "No cases."},
    {"reported_person", "Terlapor", "Reported person"},
    {"summary", "Ringkasan", "Summary"},
    {"received_at", "Diterima", "Received"},
    {"pages", "Halaman", "Pages"},
    {"previous", "Sebelumnya", "Previous"},
    {"next", "Berikutnya", "Next"},
    {"page_caption", "Perkara {from}–{to} dari {total}", "Cases {from}–{to} of {total}"},
    {"case", "Perkara", "Case"},
    {"report", "Laporan", "Report"},
    {"anonymous", "Pelapor tidak mencantumkan identitas (anonim).", "The reporter gave no identity (anonymous)."},
    {"identity_hidden", "Identitas pelapor hanya dapat dilihat verifikator dan admin.", "Only verifiers and admins may see the reporter's identity."},
    {"no_evidence", "Tidak ada berkas bukti.", "No evidence files."},
    {"download", "Unduh", "Download"},
    {"reply_to_reporter", "Pesan kepada pelapor (terlihat oleh pelapor)", "Message to the reporter (the reporter sees it)"},
    // Shared answers and staff types (core/model.hpp StaffType)
    {"yes", "Ya", "Yes"},
    {"no", "Tidak", "No"},
    {"staff_pns", "PNS", "Civil servant (PNS)"},
    {"staff_pppk", "PPPK", "Contract civil servant (PPPK)"},
    {"staff_non_asn", "Pegawai non-ASN", "Non-ASN staff"},
    {"staff_unknown", "Tidak diketahui", "Unknown"},
};

}  // namespace

std::span<const MessageEntry> common() { return kEntries; }

}  // namespace netral::messages
