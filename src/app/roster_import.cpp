#include "app/roster_import.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/access.hpp"
#include "core/identifiers.hpp"
#include "core/strings.hpp"

namespace netral::app {
namespace {

constexpr std::size_t kMaxRows = 200000;
constexpr zip_uint64_t kMaxPartBytes = 64ull << 20;  // per XML part: a zip bomb stops here

Error file_error(std::string detail) { return Error{ErrorCode::invalid_file, {}, "file", std::move(detail)}; }

// --- CSV ---

char guess_delimiter(std::string_view text) {
  // The header line decides: Excel in an Indonesian locale writes ';'.
  const auto end = text.find('\n');
  const std::string_view head = text.substr(0, end);
  return std::count(head.begin(), head.end(), ';') > std::count(head.begin(), head.end(), ',') ? ';' : ',';
}

// --- XLSX ---

std::optional<std::string> zip_part(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPartBytes) return std::nullopt;
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return std::nullopt;
  std::string out(static_cast<std::size_t>(st.size), '\0');
  zip_int64_t got = 0, n;
  while (got < static_cast<zip_int64_t>(out.size()) && (n = zip_fread(f, out.data() + got, out.size() - got)) > 0) got += n;
  zip_fclose(f);
  if (got != static_cast<zip_int64_t>(out.size())) return std::nullopt;
  return out;
}

// A tiny SAX driver: callbacks on start, end and text, with the element stack.
struct Sax {
  std::function<void(const std::string&, const char**)> on_start;
  std::function<void(const std::string&)> on_end;
  std::string text;  // character data since the last start/end
  bool parse(const std::string& xml, std::string& error) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, this);
    XML_SetElementHandler(
        p,
        [](void* u, const XML_Char* name, const XML_Char** atts) {
          auto* s = static_cast<Sax*>(u);
          s->text.clear();
          if (s->on_start) s->on_start(name, atts);
        },
        [](void* u, const XML_Char* name) {
          auto* s = static_cast<Sax*>(u);
          if (s->on_end) s->on_end(name);
          s->text.clear();
        });
    XML_SetCharacterDataHandler(p, [](void* u, const XML_Char* t, int len) { static_cast<Sax*>(u)->text.append(t, len); });
    const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
    if (!ok) error = XML_ErrorString(XML_GetErrorCode(p));
    XML_ParserFree(p);
    return ok;
  }
};

const char* attr(const char** atts, std::string_view name) {
  for (int i = 0; atts[i]; i += 2)
    if (name == atts[i]) return atts[i + 1];
  return nullptr;
}

// "B12" -> column index 1.
int column_of(const char* ref) {
  int col = 0;
  for (; ref && *ref >= 'A' && *ref <= 'Z'; ++ref) col = col * 26 + (*ref - 'A' + 1);
  return col - 1;
}

// --- import ---

// Header spellings accepted for each column (Indonesian and English).
const std::map<std::string, std::string>& column_aliases() {
  static const std::map<std::string, std::string> m = {
      {"unit_code", "unit_code"},       {"kode_unit", "unit_code"},       {"unit", "unit_code"},
      {"unit_name", "unit_name"},       {"nama_unit", "unit_name"},       {"parent_unit", "parent_unit"},
      {"induk_unit", "parent_unit"},    {"kode_induk", "parent_unit"},    {"nip", "nip"},
      {"ni_pppk", "nip"},               {"nip_ni_pppk", "nip"},           {"name", "name"},
      {"nama", "name"},                 {"staff_type", "staff_type"},     {"jenis_pegawai", "staff_type"},
      {"jenis", "staff_type"},          {"status_kepegawaian", "staff_type"}, {"position", "position"},
      {"jabatan", "position"},          {"superior_nip", "superior_nip"}, {"nip_atasan", "superior_nip"},
  };
  return m;
}

std::string header_key(std::string h) {
  h = ascii_lower(trim(h));
  for (auto& c : h)
    if (c == ' ' || c == '-' || c == '/' || c == '.') c = '_';
  auto it = column_aliases().find(h);
  return it == column_aliases().end() ? std::string() : it->second;
}

std::optional<StaffType> parse_staff_type(std::string v) {
  v = ascii_lower(trim(v));
  std::erase_if(v, [](char c) { return c == ' ' || c == '-' || c == '_'; });
  if (v == "pns") return StaffType::pns;
  if (v == "pppk" || v == "p3k") return StaffType::pppk;
  if (v == "nonasn" || v == "honorer" || v == "kontrak" || v == "pegawaikontrak" || v == "ppnpn" || v == "thl")
    return StaffType::non_asn;
  return std::nullopt;
}

struct Row {
  int number = 0;
  std::string unit_code, unit_name, parent_unit, nip, name, position, superior_nip;
  std::string staff_type_text;
  StaffType type = StaffType::unknown;
  bool bad = false;
};

}  // namespace

Result<RosterTable> read_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const char delim = guess_delimiter(text);
  RosterTable t;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  int line = 1, row_start = 1;
  auto end_row = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    const bool blank = std::all_of(row.begin(), row.end(), [](const std::string& c) { return trim(c).empty(); });
    if (!blank) {
      if (t.header.empty()) t.header = std::move(row);
      else {
        t.rows.push_back(std::move(row));
        t.row_numbers.push_back(row_start);
      }
    }
    row.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && trim(cell).empty()) {
      quoted = true;
      cell.clear();
      any = true;
    } else if (c == delim) {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      row_start = line;
      if (t.rows.size() > kMaxRows) return std::unexpected(file_error("more than 200000 rows"));
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) return std::unexpected(file_error("unterminated quoted field starting on row " + std::to_string(row_start)));
  if (any || !cell.empty()) end_row();
  if (t.header.empty()) return std::unexpected(file_error("no header row"));
  return t;
}

Result<RosterTable> read_xlsx(const std::filesystem::path& file) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  if (!z) return std::unexpected(file_error("not a ZIP/XLSX file (libzip error " + std::to_string(err) + ")"));
  struct Closer {
    zip_t* z;
    ~Closer() { zip_discard(z); }
  } closer{z};

  std::string xml_error;
  // The first sheet of the workbook, through its relationship.
  std::string sheet_path = "xl/worksheets/sheet1.xml";
  if (auto wb = zip_part(z, "xl/workbook.xml"), rels = zip_part(z, "xl/_rels/workbook.xml.rels"); wb && rels) {
    std::string rid;
    Sax s;
    s.on_start = [&](const std::string& name, const char** atts) {
      if (rid.empty() && (name == "sheet" || name.ends_with(":sheet")))
        if (const char* r = attr(atts, "r:id")) rid = r;
    };
    if (!s.parse(*wb, xml_error)) return std::unexpected(file_error("workbook.xml: " + xml_error));
    Sax r;
    r.on_start = [&](const std::string& name, const char** atts) {
      const char* id = attr(atts, "Id");
      const char* target = attr(atts, "Target");
      if (name.ends_with("Relationship") && id && target && rid == id) {
        std::string t = target;
        sheet_path = t.starts_with("/") ? t.substr(1) : "xl/" + t;
      }
    };
    if (!r.parse(*rels, xml_error)) return std::unexpected(file_error("workbook.xml.rels: " + xml_error));
  }

  std::vector<std::string> shared;
  if (auto ss = zip_part(z, "xl/sharedStrings.xml")) {
    std::string current;
    bool in_si = false, in_phonetic = false;
    Sax s;
    s.on_start = [&](const std::string& name, const char**) {
      if (name == "si") in_si = true, current.clear();
      if (name == "rPh") in_phonetic = true;
    };
    s.on_end = [&](const std::string& name) {
      if (name == "t" && in_si && !in_phonetic) current += s.text;
      if (name == "rPh") in_phonetic = false;
      if (name == "si") in_si = false, shared.push_back(current);
    };
    if (!s.parse(*ss, xml_error)) return std::unexpected(file_error("sharedStrings.xml: " + xml_error));
  }

  auto sheet = zip_part(z, sheet_path);
  if (!sheet) return std::unexpected(file_error("no worksheet " + sheet_path));
  RosterTable t;
  std::vector<std::string> row;
  int row_number = 0, col = 0;
  std::string type, value;
  bool in_is = false;
  std::optional<Error> bad;
  Sax s;
  s.on_start = [&](const std::string& name, const char** atts) {
    if (name == "row") {
      row.clear();
      const char* r = attr(atts, "r");
      row_number = r ? std::atoi(r) : row_number + 1;
    } else if (name == "c") {
      const char* r = attr(atts, "r");
      col = r ? column_of(r) : static_cast<int>(row.size());
      const char* ty = attr(atts, "t");
      type = ty ? ty : "n";
      value.clear();
    } else if (name == "is") {
      in_is = true;
    }
  };
  s.on_end = [&](const std::string& name) {
    if (name == "v") value = s.text;
    else if (name == "t" && in_is) value += s.text;
    else if (name == "is") in_is = false;
    else if (name == "c") {
      std::string cell = value;
      if (type == "s") {
        const std::size_t i = static_cast<std::size_t>(std::atol(value.c_str()));
        cell = i < shared.size() ? shared[i] : std::string();
      } else if (type == "b") {
        cell = value == "1" ? "TRUE" : "FALSE";
      }
      if (col >= 0 && col < 64) {
        if (row.size() <= static_cast<std::size_t>(col)) row.resize(col + 1);
        row[col] = cell;
      }
    } else if (name == "row") {
      const bool blank = std::all_of(row.begin(), row.end(), [](const std::string& c) { return trim(c).empty(); });
      if (blank) return;
      if (t.header.empty()) t.header = row;
      else if (t.rows.size() < kMaxRows) {
        t.rows.push_back(row);
        t.row_numbers.push_back(row_number);
      } else if (!bad) {
        bad = file_error("more than 200000 rows");
      }
    }
  };
  if (!s.parse(*sheet, xml_error)) return std::unexpected(file_error(sheet_path + ": " + xml_error));
  if (bad) return std::unexpected(*bad);
  if (t.header.empty()) return std::unexpected(file_error("no header row"));
  return t;
}

Result<RosterTable> read_roster_file(const std::filesystem::path& file) {
  const std::string ext = ascii_lower(file.extension().string());
  if (ext == ".xlsx") return read_xlsx(file);
  if (ext != ".csv" && ext != ".txt")
    return fail(ErrorCode::unsupported_file_type, "error.roster_file_type", "file", "use .csv or .xlsx");
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(file_error("cannot read " + file.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  return read_csv(ss.str());
}

Result<RosterImportReport> import_roster(Context& ctx, const RosterTable& table, const RosterImportOptions& o,
                                         const Actor& actor) {
  auto code = normalize_region_code(o.instansi_code);
  if (!code) return std::unexpected(code.error());
  // Which header column holds which field.
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < table.header.size(); ++i)
    if (auto k = header_key(table.header[i]); !k.empty() && !col.contains(k)) col[k] = i;
  for (const char* need : {"name", "staff_type", "unit_code"})
    if (!col.contains(need)) return fail(ErrorCode::missing_column, {}, need);
  auto header_name = [&](const char* key) { return trim(table.header[col.at(key)]); };

  RosterImportReport rep;
  rep.rows = static_cast<int>(table.rows.size());
  auto tx = ctx.store.begin(true);
  auto& ref = ctx.store.reference();
  auto inst = ref.instansi_by_code(*tx, *code);
  if (!inst) return fail(ErrorCode::unknown_instansi, {}, "instansi");

  std::map<std::string, Unit> db_units;
  for (auto& u : ref.units_of(*tx, inst->id)) db_units[u.code] = u;
  std::map<std::string, Employee> db_by_nip;
  std::map<std::pair<Id, std::string>, Employee> db_by_unit_name;  // non-ASN: no NIP to match on
  for (auto& e : ref.employees_of(*tx, inst->id)) {
    if (!e.nip.empty()) db_by_nip[e.nip] = e;
    else if (e.unit_id) db_by_unit_name[{*e.unit_id, ascii_lower(e.name)}] = e;
  }

  std::vector<Row> rows;
  auto cell = [&](const std::vector<std::string>& r, const char* key) {
    auto it = col.find(key);
    return it == col.end() || it->second >= r.size() ? std::string() : trim(r[it->second]);
  };
  auto error = [&](Row& r, const char* key, std::string message_key, std::string detail = {}) {
    r.bad = true;
    rep.errors.push_back(RosterError{r.number, col.contains(key) ? header_name(key) : std::string(key),
                                     std::move(message_key), std::move(detail)});
  };

  // Pass 1: each row on its own.
  std::map<std::string, std::string> file_units;  // code -> name, as defined in the file
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    Row r;
    r.number = table.row_numbers[i];
    const auto& raw = table.rows[i];
    r.unit_code = cell(raw, "unit_code");
    r.unit_name = cell(raw, "unit_name");
    r.parent_unit = cell(raw, "parent_unit");
    r.nip = strip_number(cell(raw, "nip"));
    r.name = cell(raw, "name");
    r.staff_type_text = cell(raw, "staff_type");
    r.position = cell(raw, "position");
    r.superior_nip = strip_number(cell(raw, "superior_nip"));
    if (r.name.empty()) error(r, "name", "error.roster_missing_name");
    else if (r.name.size() > 200) error(r, "name", "error.field_too_long");
    if (r.position.size() > 200) error(r, "position", "error.field_too_long");
    if (auto t = parse_staff_type(r.staff_type_text)) r.type = *t;
    else error(r, "staff_type", "error.roster_invalid_staff_type", r.staff_type_text);
    if (r.unit_code.empty()) error(r, "unit_code", "error.roster_missing_unit");
    if (!r.unit_code.empty() && !r.unit_name.empty()) {
      auto [it, fresh] = file_units.emplace(r.unit_code, r.unit_name);
      if (!fresh && it->second != r.unit_name) error(r, "unit_name", "error.roster_unit_conflict", r.unit_code);
    }
    if (!r.parent_unit.empty() && r.parent_unit == r.unit_code) error(r, "parent_unit", "error.roster_unknown_parent_unit", r.parent_unit);
    if (r.type == StaffType::non_asn) {
      if (!r.nip.empty()) error(r, "nip", "error.roster_nip_for_non_asn", r.nip);
    } else if (r.type == StaffType::pns || r.type == StaffType::pppk) {
      if (r.nip.empty()) error(r, "nip", "error.roster_missing_nip");
      else if (auto v = r.type == StaffType::pns ? validate_nip(r.nip) : validate_ni_pppk(r.nip); !v)
        error(r, "nip", std::string(v.error().key()), r.nip);
    }
    if (!r.superior_nip.empty() && r.superior_nip == r.nip) error(r, "superior_nip", "error.roster_self_superior", r.nip);
    rows.push_back(std::move(r));
  }
  // Pass 2: rows against each other and the database.
  std::map<std::string, int> nip_rows;
  for (auto& r : rows) {
    if (r.nip.empty()) continue;
    if (auto [it, fresh] = nip_rows.emplace(r.nip, r.number); !fresh)
      error(r, "nip", "error.roster_duplicate_nip", r.nip + " (" + std::to_string(it->second) + ")");
  }
  for (auto& r : rows) {
    if (!r.unit_code.empty() && !file_units.contains(r.unit_code) && !db_units.contains(r.unit_code))
      error(r, "unit_code", "error.roster_unknown_unit", r.unit_code);
    if (!r.parent_unit.empty() && !file_units.contains(r.parent_unit) && !db_units.contains(r.parent_unit))
      error(r, "parent_unit", "error.roster_unknown_parent_unit", r.parent_unit);
  }
  // Superiors must resolve to a good row of the file or a known employee, without a loop;
  // dropping bad rows can orphan others, so repeat until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    std::map<std::string, const Row*> good;
    for (const auto& r : rows)
      if (!r.bad && !r.nip.empty()) good[r.nip] = &r;
    for (auto& r : rows) {
      if (r.bad || r.superior_nip.empty()) continue;
      if (!good.contains(r.superior_nip) && !db_by_nip.contains(r.superior_nip)) {
        error(r, "superior_nip", "error.roster_unknown_superior", r.superior_nip);
        changed = true;
        continue;
      }
    }
    // Walk up within the file; a chain that reaches a loop is refused. What a walk learns
    // is kept for every row on its path, so each row is walked once (a long chain of
    // command is linear, not quadratic).
    enum : char { on_path = 1, ends = 2, loops = 3 };
    std::map<const Row*, char> state;
    std::vector<const Row*> path;
    for (auto& r : rows) {
      if (r.bad || r.superior_nip.empty() || !good.contains(r.superior_nip)) continue;
      path.clear();
      char result = ends;
      for (const Row* at = &r;;) {
        if (auto it = state.find(at); it != state.end()) {
          result = it->second == ends ? ends : loops;  // back on this path: a loop
          break;
        }
        state[at] = on_path;
        path.push_back(at);
        auto up = at->superior_nip.empty() ? good.end() : good.find(at->superior_nip);
        if (up == good.end()) break;
        at = up->second;
      }
      for (const Row* q : path) state[q] = result;
      if (result == loops) {
        error(r, "superior_nip", "error.roster_superior_cycle", r.superior_nip);
        changed = true;
      }
    }
  }
  std::sort(rep.errors.begin(), rep.errors.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
  for (const auto& r : rows) rep.skipped += r.bad;
  if ((!rep.errors.empty() && !o.skip_bad_rows) || o.dry_run) return rep;

  // Write: units first (parents after all exist), then staff, then superiors.
  const Timestamp now = ctx.now();
  std::map<std::string, Id> unit_ids;
  for (const auto& [c, u] : db_units) unit_ids[c] = u.id;
  std::map<std::string, std::string> parents;
  for (const auto& r : rows)
    if (!r.bad && !r.parent_unit.empty()) parents[r.unit_code] = r.parent_unit;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [c, name] : file_units) {
      const bool used = std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return !r.bad && r.unit_code == c; });
      if (!used) continue;
      Unit u;
      u.instansi_id = inst->id;
      u.code = c;
      u.name = name;
      if (auto p = parents.find(c); p != parents.end() && unit_ids.contains(p->second)) u.parent_id = unit_ids[p->second];
      else if (auto d = db_units.find(c); d != db_units.end() && !parents.contains(c)) u.parent_id = d->second.parent_id;
      if (pass == 0) {
        if (db_units.contains(c)) rep.units_updated += db_units[c].name != name || db_units[c].parent_id != u.parent_id;
        else ++rep.units_created;
      }
      unit_ids[c] = ref.upsert_unit(*tx, u);
    }
  }
  std::map<std::string, Id> emp_ids;
  for (const auto& [n, e] : db_by_nip) emp_ids[n] = e.id;
  std::vector<std::pair<Employee, std::string>> with_superior;
  for (const auto& r : rows) {
    if (r.bad) continue;
    Employee e;
    e.instansi_id = inst->id;
    e.unit_id = unit_ids.at(r.unit_code);
    e.nip = r.nip;
    e.name = r.name;
    e.type = r.type;
    e.position = r.position;
    std::optional<Employee> existing;
    if (!r.nip.empty()) {
      if (auto it = db_by_nip.find(r.nip); it != db_by_nip.end()) existing = it->second;
    } else if (auto it = db_by_unit_name.find({*e.unit_id, ascii_lower(r.name)}); it != db_by_unit_name.end()) {
      existing = it->second;
    }
    if (existing) {
      e.id = existing->id;
      e.superior_id = r.superior_nip.empty() ? std::nullopt : existing->superior_id;
      ref.update_employee(*tx, e);
      ++rep.staff_updated;
    } else {
      e.id = ref.insert_employee(*tx, e);
      ++rep.staff_created;
    }
    if (!e.nip.empty()) emp_ids[e.nip] = e.id;
    if (!r.superior_nip.empty()) with_superior.emplace_back(e, r.superior_nip);
  }
  for (auto& [e, sup] : with_superior) {
    e.superior_id = emp_ids.at(sup);
    ref.update_employee(*tx, e);
  }
  audit(ctx.store, *tx, actor, inst->id, "roster.import", "instansi:" + std::to_string(inst->id),
        nlohmann::json{{"rows", rep.rows},
                       {"units_created", rep.units_created},
                       {"units_updated", rep.units_updated},
                       {"staff_created", rep.staff_created},
                       {"staff_updated", rep.staff_updated},
                       {"skipped", rep.skipped}}
            .dump(),
        now);
  tx->commit();
  rep.imported = true;
  return rep;
}

namespace {

// The instansi `code` names when `p` manages its roster; "forbidden" otherwise.
Result<Instansi> roster_instansi(Context& ctx, store::Tx& tx, const Principal& p, const std::string& code) {
  auto inst = ctx.store.reference().instansi_by_code(tx, code);
  if (!inst || !manages_roster_of(p.user, inst->id)) return fail(ErrorCode::forbidden);
  return *inst;
}

bool contains_folded(const std::string& hay, const std::string& needle_lower) {
  return ascii_lower(hay).find(needle_lower) != std::string::npos;
}

}  // namespace

Result<Instansi> roster_instansi(Context& ctx, const Principal& p, const std::string& code) {
  auto tx = ctx.store.begin(false);
  return roster_instansi(ctx, *tx, p, code);
}

Result<RosterTable> read_roster_upload(const std::filesystem::path& file, std::string_view client_filename) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::unexpected(file_error("cannot read the upload"));
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  const std::string ext = ascii_lower(std::filesystem::path(std::string(client_filename)).extension().string());
  if (bytes.starts_with("PK\x03\x04") || ext == ".xlsx") return read_xlsx(file);
  if (!ext.empty() && ext != ".csv" && ext != ".txt")
    return fail(ErrorCode::unsupported_file_type, "error.roster_file_type", "file", "use .csv or .xlsx");
  // A spreadsheet in another binary format (.xls, .ods saved as .csv ...) is not CSV text.
  if (bytes.find('\0') != std::string::npos) return std::unexpected(file_error("not a text file"));
  return read_csv(bytes);
}

Result<RosterImportReport> import_roster_as(Context& ctx, const Principal& p, const std::string& code,
                                            const RosterTable& table, bool skip_bad_rows) {
  if (auto inst = roster_instansi(ctx, p, code); !inst) return std::unexpected(inst.error());
  return import_roster(ctx, table, {code, skip_bad_rows, false}, p.actor());
}

Result<RosterListing> browse_roster(Context& ctx, const Principal& p, const std::string& code, const RosterQuery& q) {
  auto tx = ctx.store.begin(false);
  auto inst = roster_instansi(ctx, *tx, p, code);
  if (!inst) return std::unexpected(inst.error());
  auto& ref = ctx.store.reference();
  RosterListing out;
  out.instansi = *inst;
  const auto units = ref.units_of(*tx, inst->id);
  auto employees = ref.employees_of(*tx, inst->id);
  std::map<Id, const Unit*> unit_by_id;
  for (const auto& u : units) unit_by_id[u.id] = &u;
  std::map<Id, int> staff_of_unit;
  std::map<Id, std::string> name_by_id;
  for (const auto& e : employees) {
    if (e.unit_id) ++staff_of_unit[*e.unit_id];
    name_by_id[e.id] = e.name;
  }
  const std::string needle = ascii_lower(trim(q.q));
  // A NIP is often written with spaces (19850101 201001 1 001): matched without them.
  std::string digits;
  for (char c : needle)
    if (c != ' ') digits += c;
  auto unit_matches = [&](const Unit& u) {
    return needle.empty() || contains_folded(u.code, needle) || contains_folded(u.name, needle);
  };
  for (const auto& u : units) {
    if (!unit_matches(u)) continue;
    RosterUnitRow r{u, {}, staff_of_unit[u.id]};
    if (u.parent_id)
      if (auto it = unit_by_id.find(*u.parent_id); it != unit_by_id.end()) r.parent_code = it->second->code;
    out.units.push_back(std::move(r));
  }
  std::sort(out.units.begin(), out.units.end(), [](const auto& a, const auto& b) { return a.unit.code < b.unit.code; });
  out.staff_total = static_cast<int>(employees.size());
  std::vector<RosterStaffRow> matching;
  for (auto& e : employees) {
    const Unit* u = nullptr;
    if (e.unit_id)
      if (auto it = unit_by_id.find(*e.unit_id); it != unit_by_id.end()) u = it->second;
    const bool hit = needle.empty() || contains_folded(e.name, needle) ||
                     (!digits.empty() && e.nip.find(digits) != std::string::npos) || (u && unit_matches(*u));
    if (!hit) continue;
    RosterStaffRow r;
    if (u) r.unit_code = u->code, r.unit_name = u->name;
    if (e.superior_id)
      if (auto it = name_by_id.find(*e.superior_id); it != name_by_id.end()) r.superior_name = it->second;
    r.employee = std::move(e);
    matching.push_back(std::move(r));
  }
  std::sort(matching.begin(), matching.end(), [](const auto& a, const auto& b) {
    const auto la = ascii_lower(a.employee.name), lb = ascii_lower(b.employee.name);
    return la != lb ? la < lb : a.employee.id < b.employee.id;
  });
  out.staff_matching = static_cast<int>(matching.size());
  const int per = std::max(1, q.per_page);
  out.pages = std::max(1, (out.staff_matching + per - 1) / per);
  out.page = std::clamp(q.page, 1, out.pages);
  const auto from = static_cast<std::size_t>((out.page - 1) * per);
  for (std::size_t i = from; i < matching.size() && i < from + static_cast<std::size_t>(per); ++i)
    out.staff.push_back(std::move(matching[i]));
  return out;
}

}  // namespace netral::app
