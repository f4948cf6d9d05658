// Case statistics (web/stats_pages.cpp, app/statistics): page, CSV and notes.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    {"stats_title", "Statistik perkara", "Case statistics"},
    {"stats_intro", "Semua perkara instansi ini menurut tahap alur kerja, dan jenis pelanggaran yang dikonfirmasi petugas.", "Every case of this government by workflow stage, and the kinds of breach staff confirmed."},
    {"stats_csv", "Unduh CSV", "Download CSV"},
    {"stats_csv_header", "bagian,kode,nama,jumlah", "part,code,name,count"},
    {"stats_by_status", "Perkara menurut tahap", "Cases by stage"},
    {"stats_by_conduct", "Jenis pelanggaran (dikonfirmasi petugas)", "Kinds of breach (confirmed by staff)"},
    {"stats_cases", "Perkara", "Cases"},
    {"stats_share", "Bagian", "Share"},
    {"stats_share_confirmed", "Bagian dari perkara terkonfirmasi", "Share of confirmed cases"},
    {"stats_total", "Jumlah", "Total"},
    {"stats_merged", "Digabung sebagai duplikat (tidak dihitung dalam jumlah)", "Merged as duplicates (not counted in the total)"},
    {"stats_confirmed_cases", "Perkara dengan jenis pelanggaran terkonfirmasi", "Cases with confirmed kinds of breach"},
    {"stats_no_conduct", "Belum ada jenis pelanggaran yang dikonfirmasi.", "No kind of breach confirmed yet."},
    {"stats_note_confirmed", "Hanya pilihan petugas yang dihitung, bukan centang pelapor atau saran sistem. Perkara terkonfirmasi:", "Only the staff's choice counts, not the reporter's ticks or the system's suggestions. Confirmed cases:"},
    {"stats_note_unconfirmed", "belum dikonfirmasi:", "not yet confirmed:"},
};

}  // namespace

std::span<const MessageEntry> statistics() { return kEntries; }

}  // namespace netral::messages
