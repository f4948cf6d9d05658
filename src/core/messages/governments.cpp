// Regional governments (issue 12): `netral instansi`, the superadmin's governments page and
// the choice of government on the public form.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    {"lapor_search", "Cari pemerintah daerah", "Find the regional government"},
    {"lapor_search_hint", "Ketik nama kabupaten, kota atau provinsi, lalu pilih dari daftar di bawah.", "Type the name of the regency, city or province, then choose from the list below."},
    {"lapor_show_all", "Tampilkan semua", "Show all"},
    {"lapor_no_matches", "Tidak ada pemerintah daerah yang cocok; semua ditampilkan.", "No regional government matches; all are shown."},
    {"lapor_choose", "— Pilih pemerintah daerah —", "— Choose the regional government —"},
    {"lapor_choose_hint", "Pilih pemerintah daerah tempat pegawai yang dilaporkan bekerja.", "Choose the government the reported employee works for."},
    {"lapor_chosen", "Laporan ditujukan kepada:", "The report goes to:"},
    {"error.report_instansi_not_found", "Pemerintah daerah dengan kode ini tidak menerima laporan di sini. Pilih dari daftar di formulir laporan (/lapor).", "No regional government with this code takes reports here. Choose one from the list on the report form (/lapor)."},
    {"error.instansi_exists", "Pemerintah daerah ini sudah terdaftar.", "This regional government is registered already."},
    {"nav_governments", "Pemerintah daerah", "Governments"},
    {"gov_title", "Pemerintah daerah", "Regional governments"},
    {"gov_intro", "Pemerintah daerah yang dilayani Netral ini. Tambahkan dari daftar resmi Kemendagri; setiap admin instansi hanya mengelola pemerintah daerahnya sendiri.", "The regional governments this Netral serves. Add them from the official Kemendagri list; each instansi admin manages only their own government."},
    {"gov_served", "Pemerintah daerah yang dilayani", "Governments served"},
    {"gov_code", "Kode", "Code"},
    {"gov_name", "Nama", "Name"},
    {"gov_province", "Provinsi", "Province"},
    {"gov_actions", "Tindakan", "Actions"},
    {"gov_level_province", "Provinsi", "Province"},
    {"gov_level_regency", "Kabupaten", "Regency"},
    {"gov_level_city", "Kota", "City"},
    {"gov_disabled", "Nonaktif", "Disabled"},
    {"gov_new_name", "Nama baru", "New name"},
    {"gov_rename", "Ganti nama", "Rename"},
    {"gov_disable", "Nonaktifkan", "Disable"},
    {"gov_enable", "Aktifkan kembali", "Enable again"},
    {"gov_disable_note", "Pemerintah daerah nonaktif tidak ditawarkan di formulir publik dan tidak menerima laporan baru; perkara, pengguna dan data pegawainya tetap ada.", "A disabled government is not offered on the public form and takes no new reports; its cases, users and staff roster stay."},
    {"gov_add", "Tambah dari daftar resmi", "Add from the official list"},
    {"gov_search", "Cari provinsi, kabupaten atau kota", "Search a province, regency or city"},
    {"gov_search_hint", "Nama atau kode, misalnya \"Tangerang\" atau \"36.03\".", "A name or code, e.g. \"Tangerang\" or \"36.03\"."},
    {"gov_search_button", "Cari", "Search"},
    {"gov_no_matches", "Tidak ada yang cocok dalam daftar resmi.", "Nothing in the official list matches."},
    {"gov_already", "sudah dilayani", "served already"},
    {"gov_add_button", "Tambahkan", "Add"},
    {"gov_added", "Pemerintah daerah ditambahkan:", "Government added:"},
    {"error.instansi_disabled", "Pemerintah daerah ini sedang tidak menerima laporan baru melalui Netral.", "This regional government is not taking new reports through Netral at the moment."},
};

}  // namespace

std::span<const MessageEntry> governments() { return kEntries; }

}  // namespace netral::messages
