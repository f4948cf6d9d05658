// The staff roster import (`netral import employees FILE.csv|FILE.xlsx`, issue 3): units and
// staff of one instansi from a table with a header row. Every row is checked (NIP / NI PPPK
// through core/identifiers, staff type, unit, superior) before anything is written; with
// any error nothing is imported, unless skip_bad_rows. docs/administration.md lists the
// columns.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"

namespace netral::app {

// A table as read from a file: header names and rows of cells, with the file line/row
// number of each row (for the error list).
struct RosterTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_numbers;
};

// RFC 4180 CSV, comma or semicolon (what Excel writes in an Indonesian locale), UTF-8 with
// or without BOM, quoted fields with doubled quotes and line breaks. Error "invalid_file".
Result<RosterTable> read_csv(std::string_view text);
// The first worksheet of an XLSX workbook (libzip + expat). Error "invalid_file".
Result<RosterTable> read_xlsx(const std::filesystem::path& file);
// By extension: .csv or .xlsx. Error "invalid_file", "unsupported_file_type".
Result<RosterTable> read_roster_file(const std::filesystem::path& file);

struct RosterError {
  int row = 0;          // file row number (the header is row 1)
  std::string column;   // column name as in the header, or "" for the whole row
  std::string message_key;
  std::string detail;   // the offending value or extra context
};

struct RosterImportOptions {
  std::string instansi_code;
  bool skip_bad_rows = false;
  bool dry_run = false;  // check only
};

struct RosterImportReport {
  int rows = 0;
  int units_created = 0, units_updated = 0;
  int staff_created = 0, staff_updated = 0;
  int skipped = 0;
  bool imported = false;  // false when errors stopped it (or dry run)
  std::vector<RosterError> errors;
};

// Errors (nothing checked row by row yet): "unknown_instansi", "missing_column".
Result<RosterImportReport> import_roster(Context& ctx, const RosterTable& table, const RosterImportOptions& o,
                                         const Actor& actor);

// ---- the roster in the web UI (issue 12) ----------------------------------------------
// Both answer "forbidden" unless `p` manages the roster of the instansi `code` names
// (app/access.hpp manages_roster_of: an admin, of that instansi); an unknown code too, so
// that the answer tells nothing an admin of another instansi could not read elsewhere.

// The instansi `code` names, when `p` manages its roster (a cheap check before reading an upload).
Result<Instansi> roster_instansi(Context& ctx, const Principal& p, const std::string& code);

// An uploaded file, already on disk under a name of the server's: an XLSX by its zip
// signature (or a .xlsx name), else a .csv/.txt or nameless upload as CSV text. Errors
// "invalid_file", "unsupported_file_type".
Result<RosterTable> read_roster_upload(const std::filesystem::path& file, std::string_view client_filename);

// import_roster for the instansi, as `p` (audited as the user, like the CLI's import).
Result<RosterImportReport> import_roster_as(Context& ctx, const Principal& p, const std::string& code,
                                            const RosterTable& table, bool skip_bad_rows);

struct RosterQuery {
  std::string q;  // part of a name, NIP / NI PPPK, unit code or unit name; "" for all
  int page = 1;   // 1-based; past the last page shows the last
  int per_page = 50;
};
struct RosterStaffRow {
  Employee employee;
  std::string unit_code, unit_name;
  std::string superior_name;
};
struct RosterUnitRow {
  Unit unit;
  std::string parent_code;
  int staff = 0;
};
struct RosterListing {
  Instansi instansi;
  std::vector<RosterUnitRow> units;   // the units the query matches (all of them for "")
  std::vector<RosterStaffRow> staff;  // the page's staff, by name
  int staff_total = 0;                // staff on the roster
  int staff_matching = 0;             // staff the query matches
  int page = 1, pages = 1;
};
// The roster filtered by the query, one page of staff.
Result<RosterListing> browse_roster(Context& ctx, const Principal& p, const std::string& code, const RosterQuery& q);

}  // namespace netral::app
