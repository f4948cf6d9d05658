// The staff roster in the web UI (issue 12): the upload of a CSV/XLSX file, its per-row
// errors and summary, and the browser of units and staff.
#include "core/messages/tables.hpp"

namespace netral::messages {
namespace {

constexpr MessageEntry kEntries[] = {
    {"nav_roster", "Data pegawai", "Staff roster"},
    {"roster_title", "Data pegawai", "Staff roster"},
    {"roster_intro", "Unit kerja (perangkat daerah) dan pegawai instansi Anda. Data ini menautkan laporan ke pegawai, unit dan atasannya.", "The units (perangkat daerah) and staff of your instansi. Reports are linked to staff, their unit and their superior through it."},
    {"roster_import", "Impor dari berkas", "Import from a file"},
    {"roster_file", "Berkas CSV atau XLSX", "CSV or XLSX file"},
    {"roster_file_hint", "Baris pertama berisi judul kolom: kode_unit, nama_unit, induk_unit, nip, nama, jenis_pegawai, jabatan, nip_atasan. Wajib: nama, jenis_pegawai, kode_unit. Paling besar 5 MB.", "The first row holds the column names: kode_unit, nama_unit, induk_unit, nip, nama, jenis_pegawai, jabatan, nip_atasan. Required: nama, jenis_pegawai, kode_unit. At most 5 MB."},
    {"roster_skip_bad_rows", "Lewati baris yang salah dan impor baris lainnya", "Skip bad rows and import the others"},
    {"roster_skip_hint", "Tanpa pilihan ini, tidak ada yang diimpor selama masih ada baris yang salah.", "Without this, nothing is imported while any row is bad."},
    {"roster_import_button", "Periksa dan impor", "Check and import"},
    {"roster_errors_heading", "Kesalahan per baris", "Errors by row"},
    {"roster_not_imported", "Tidak ada yang diimpor: {n} kesalahan. Perbaiki berkas lalu unggah lagi, atau pilih \"lewati baris yang salah\".", "Nothing was imported: {n} error(s). Fix the file and upload it again, or choose \"skip bad rows\"."},
    {"roster_imported", "Diimpor: {rows} baris. Unit: {units_created} baru, {units_updated} diubah. Pegawai: {staff_created} baru, {staff_updated} diubah. Baris dilewati: {skipped}.", "Imported: {rows} rows. Units: {units_created} new, {units_updated} updated. Staff: {staff_created} new, {staff_updated} updated. Rows skipped: {skipped}."},
    {"roster_col_row", "Baris", "Row"},
    {"roster_col_column", "Kolom", "Column"},
    {"roster_col_value", "Isi", "Value"},
    {"roster_col_problem", "Masalah", "Problem"},
    {"roster_search", "Cari nama, NIP atau unit", "Search by name, NIP or unit"},
    {"roster_search_button", "Cari", "Search"},
    {"roster_staff", "Pegawai", "Staff"},
    {"roster_units", "Unit kerja", "Units"},
    {"roster_count", "{matching} dari {total} pegawai", "{matching} of {total} staff"},
    {"roster_none", "Tidak ada pegawai yang cocok.", "No staff match."},
    {"roster_no_units", "Tidak ada unit yang cocok.", "No units match."},
    {"roster_col_name", "Nama", "Name"},
    {"roster_col_nip", "NIP / NI PPPK", "NIP / NI PPPK"},
    {"roster_col_type", "Jenis", "Type"},
    {"roster_col_unit", "Unit", "Unit"},
    {"roster_col_position", "Jabatan", "Position"},
    {"roster_col_superior", "Atasan", "Superior"},
    {"roster_col_code", "Kode", "Code"},
    {"roster_col_parent", "Induk", "Parent"},
    {"roster_col_staff_count", "Pegawai", "Staff"},
    {"roster_page_of", "Halaman {page} dari {pages}", "Page {page} of {pages}"},
    {"error.roster_no_file", "Pilih berkas CSV atau XLSX untuk diunggah.", "Choose a CSV or XLSX file to upload."},
};

}  // namespace

std::span<const MessageEntry> roster() { return kEntries; }

}  // namespace netral::messages
