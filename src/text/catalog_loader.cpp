#include "text/catalog_loader.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace netral::text {

std::string CatalogProblem::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!field.empty()) s += field + ": ";
  return s + message;
}

namespace {

class Reader {
 public:
  Reader(std::string file, std::vector<CatalogProblem>& problems) : file_(std::move(file)), problems_(problems) {}

  void problem(const toml::node* at, int fallback_line, std::string field, std::string message) {
    int line = at ? static_cast<int>(at->source().begin.line) : fallback_line;
    problems_.push_back({file_, line, std::move(field), std::move(message)});
  }

  // A required or optional string. Dates (TOML date values) are read as ISO strings.
  std::string str(const toml::table& t, std::string_view key, const std::string& path, int line, bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) problem(nullptr, line, path + std::string(key), "missing (wajib diisi)");
      return {};
    }
    if (auto s = n->value<std::string>()) {
      if (required && s->empty()) problem(n, line, path + std::string(key), "must not be empty");
      return *s;
    }
    if (auto d = n->as_date()) {
      std::ostringstream o;
      o << d->get();
      return o.str();
    }
    problem(n, line, path + std::string(key), "must be a string");
    return {};
  }

  bool boolean(const toml::table& t, std::string_view key, const std::string& path, int line) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    if (auto b = n->value<bool>()) return *b;
    problem(n, line, path + std::string(key), "must be true or false");
    return false;
  }

  std::vector<std::string> strings(const toml::table& t, std::string_view key, const std::string& path, int line,
                                   bool required) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) problem(nullptr, line, path + std::string(key), "missing (wajib diisi)");
      return out;
    }
    auto* arr = n->as_array();
    if (!arr) {
      problem(n, line, path + std::string(key), "must be an array of strings");
      return out;
    }
    for (auto& e : *arr) {
      if (auto s = e.value<std::string>())
        out.push_back(*s);
      else
        problem(&e, line, path + std::string(key), "must be an array of strings");
    }
    if (required && out.empty()) problem(n, line, path + std::string(key), "must not be empty");
    return out;
  }

  std::vector<StaffType> staff(const toml::table& t, std::string_view key, const std::string& path, int line,
                               bool required) {
    std::vector<StaffType> out;
    for (auto& s : strings(t, key, path, line, required)) {
      auto st = staff_type_from_string(s);
      if (!st || *st == StaffType::unknown)
        problem(t.get(key), line, path + std::string(key), "unknown staff type \"" + s + "\" (pns, pppk, non_asn)");
      else
        out.push_back(*st);
    }
    return out;
  }

  void date(const toml::table& t, std::string_view key, const std::string& value, const std::string& path, int line) {
    static const std::regex iso(R"(\d{4}-\d{2}-\d{2})");
    if (!value.empty() && !std::regex_match(value, iso))
      problem(t.get(key), line, path + std::string(key), "not an ISO date (YYYY-MM-DD): \"" + value + "\"");
  }

  void unknown_keys(const toml::table& t, std::initializer_list<std::string_view> known, const std::string& path) {
    for (auto& [k, v] : t) {
      if (std::find(known.begin(), known.end(), k.str()) == known.end())
        problem(&v, 0, path + std::string(k.str()), "unknown field (typo?)");
    }
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<CatalogProblem>& problems_;
};

std::optional<toml::table> parse(const CatalogSource& src, std::vector<CatalogProblem>& problems) {
  try {
    return toml::parse(src.content, src.name);
  } catch (const toml::parse_error& e) {
    problems.push_back({src.name, static_cast<int>(e.source().begin.line), {}, std::string(e.description())});
    return std::nullopt;
  }
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

std::vector<Conduct> read_conducts(const CatalogSource& src, std::vector<CatalogProblem>& problems) {
  std::vector<Conduct> out;
  auto t = parse(src, problems);
  if (!t) return out;
  Reader r(src.name, problems);
  auto* arr = t->get_as<toml::array>("conduct");
  if (!arr) {
    r.problem(nullptr, 1, "conduct", "missing [[conduct]] tables");
    return out;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto* ct = arr->get(i)->as_table();
    std::string path = "conduct[" + std::to_string(i) + "].";
    if (!ct) {
      r.problem(arr->get(i), 0, path, "must be a table");
      continue;
    }
    int line = line_of(*ct);
    r.unknown_keys(*ct, {"id", "name_id", "name_en", "description"}, path);
    out.push_back({r.str(*ct, "id", path, line, true), r.str(*ct, "name_id", path, line, true),
                   r.str(*ct, "name_en", path, line, true), r.str(*ct, "description", path, line, true)});
  }
  std::set<std::string> ids;
  for (auto& c : out) ids.insert(c.id);
  for (auto want : canonical_conduct_ids())
    if (!ids.count(std::string(want))) r.problem(nullptr, 1, "conduct", "canonical id missing: " + std::string(want));
  for (auto& c : out) {
    auto& canon = canonical_conduct_ids();
    if (std::find(canon.begin(), canon.end(), c.id) == canon.end())
      r.problem(nullptr, 1, "conduct", "not a canonical id of domain.md: " + c.id);
  }
  return out;
}

std::vector<SanctionOption> read_sanctions(const CatalogSource& src, std::vector<CatalogProblem>& problems) {
  std::vector<SanctionOption> out;
  auto t = parse(src, problems);
  if (!t) return out;
  Reader r(src.name, problems);
  auto* arr = t->get_as<toml::array>("sanction");
  if (!arr) {
    r.problem(nullptr, 1, "sanction", "missing [[sanction]] tables");
    return out;
  }
  static const std::set<std::string> levels = {"ringan", "sedang", "berat", "moral", "administratif", "pidana"};
  std::set<std::string> seen;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto* st = arr->get(i)->as_table();
    std::string path = "sanction[" + std::to_string(i) + "].";
    if (!st) continue;
    int line = line_of(*st);
    r.unknown_keys(*st, {"id", "level", "name_id", "name_en", "staff_types", "source", "uncertain", "note"}, path);
    SanctionOption s;
    s.id = r.str(*st, "id", path, line, true);
    s.level = r.str(*st, "level", path, line, true);
    s.name_id = r.str(*st, "name_id", path, line, true);
    s.name_en = r.str(*st, "name_en", path, line, true);
    s.staff_types = r.staff(*st, "staff_types", path, line, true);
    s.source = r.str(*st, "source", path, line, true);
    s.uncertain = r.boolean(*st, "uncertain", path, line);
    s.note = r.str(*st, "note", path, line, s.uncertain);
    if (!s.level.empty() && !levels.count(s.level))
      r.problem(st->get("level"), line, path + "level", "unknown level \"" + s.level + "\"");
    if (!s.id.empty() && !seen.insert(s.id).second) r.problem(st->get("id"), line, path + "id", "duplicate id " + s.id);
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<CatalogDocument> read_document(const CatalogSource& src, std::vector<CatalogProblem>& problems) {
  auto t = parse(src, problems);
  if (!t) return std::nullopt;
  Reader r(src.name, problems);
  auto* dt = t->get_as<toml::table>("document");
  if (!dt) {
    r.problem(nullptr, 1, "document", "missing [document] table");
    return std::nullopt;
  }
  r.unknown_keys(*t, {"document", "item"}, "");
  std::string p = "document.";
  int line = line_of(*dt);
  r.unknown_keys(*dt, {"id", "kind", "title", "number", "date", "place", "signer", "region_code", "region_name",
                       "region_code_uncertain", "staff_types", "valid_from", "valid_until", "sources", "channels",
                       "duties", "uncertain", "note"},
                 p);
  CatalogDocument d;
  d.file = src.name;
  d.id = r.str(*dt, "id", p, line, true);
  auto kind = r.str(*dt, "kind", p, line, true);
  if (auto k = document_kind_from_string(kind))
    d.kind = *k;
  else if (!kind.empty())
    r.problem(dt->get("kind"), line, p + "kind",
              "unknown kind \"" + kind + "\" (regulation, joint_decree, national_circular, regional_circular)");
  d.title = r.str(*dt, "title", p, line, true);
  d.number = r.str(*dt, "number", p, line, false);
  d.date = r.str(*dt, "date", p, line, false);
  r.date(*dt, "date", d.date, p, line);
  d.place = r.str(*dt, "place", p, line, false);
  d.signer = r.str(*dt, "signer", p, line, false);
  d.region_code = r.str(*dt, "region_code", p, line, d.kind == DocumentKind::regional_circular);
  d.region_name = r.str(*dt, "region_name", p, line, d.kind == DocumentKind::regional_circular);
  d.region_code_uncertain = r.boolean(*dt, "region_code_uncertain", p, line);
  static const std::regex code(R"(\d{2}(\.\d{2})?)");
  if (!d.region_code.empty() && !std::regex_match(d.region_code, code))
    r.problem(dt->get("region_code"), line, p + "region_code",
              "not a Kemendagri province or regency code (\"19\" or \"19.03\"): \"" + d.region_code + "\"");
  d.staff_types = r.staff(*dt, "staff_types", p, line, true);
  d.valid_from = r.str(*dt, "valid_from", p, line, true);
  d.valid_until = r.str(*dt, "valid_until", p, line, false);
  r.date(*dt, "valid_from", d.valid_from, p, line);
  r.date(*dt, "valid_until", d.valid_until, p, line);
  if (!d.valid_until.empty() && d.valid_until < d.valid_from)
    r.problem(dt->get("valid_until"), line, p + "valid_until", "before valid_from");
  d.sources = r.strings(*dt, "sources", p, line, true);
  d.channels = r.strings(*dt, "channels", p, line, false);
  d.duties = r.strings(*dt, "duties", p, line, false);
  d.uncertain = r.boolean(*dt, "uncertain", p, line);
  d.note = r.str(*dt, "note", p, line, d.uncertain);

  auto* items = t->get_as<toml::array>("item");
  if (!items || items->empty()) r.problem(nullptr, line, "item", "a document needs at least one [[item]]");
  std::set<std::string> local_ids;
  if (items) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto* it = items->get(i)->as_table();
      std::string ip = "item[" + std::to_string(i) + "].";
      if (!it) continue;
      int il = line_of(*it);
      r.unknown_keys(*it, {"id", "point", "text", "conduct", "staff_types", "level", "sanctions", "basis",
                           "valid_from", "valid_until", "uncertain", "note"},
                     ip);
      CatalogItem item;
      item.line = il;
      item.local_id = r.str(*it, "id", ip, il, true);
      item.id = d.id + "/" + item.local_id;
      if (!item.local_id.empty() && !local_ids.insert(item.local_id).second)
        r.problem(it->get("id"), il, ip + "id", "duplicate item id " + item.local_id);
      item.point = r.str(*it, "point", ip, il, true);
      item.text = r.str(*it, "text", ip, il, true);
      item.conduct = r.strings(*it, "conduct", ip, il, true);
      item.staff_types = r.staff(*it, "staff_types", ip, il, false);
      item.level = r.str(*it, "level", ip, il, false);
      item.basis = r.strings(*it, "basis", ip, il, false);
      item.valid_from = r.str(*it, "valid_from", ip, il, false);
      item.valid_until = r.str(*it, "valid_until", ip, il, false);
      r.date(*it, "valid_from", item.valid_from, ip, il);
      r.date(*it, "valid_until", item.valid_until, ip, il);
      item.uncertain = r.boolean(*it, "uncertain", ip, il);
      item.note = r.str(*it, "note", ip, il, item.uncertain);
      if (auto* sanc = it->get("sanctions")) {
        if (auto* st = sanc->as_table()) {
          for (auto& [k, v] : *st) {
            auto type = staff_type_from_string(k.str());
            if (!type || *type == StaffType::unknown) {
              r.problem(&v, il, ip + "sanctions." + std::string(k.str()), "unknown staff type");
              continue;
            }
            item.sanctions[*type] = r.strings(*st, k.str(), ip + "sanctions.", il, true);
          }
        } else {
          r.problem(sanc, il, ip + "sanctions", "must be a table: { pns = [...], pppk = [...] }");
        }
      }
      d.items.push_back(std::move(item));
    }
  }
  return d;
}

// Cross-file checks: references to conducts, sanctions and items, unique document ids.
void cross_check(const Catalog& cat, std::vector<CatalogProblem>& problems) {
  std::set<std::string> doc_ids;
  for (auto& d : cat.documents()) {
    if (!doc_ids.insert(d.id).second) problems.push_back({d.file, 0, "document.id", "duplicate document id " + d.id});
    for (std::size_t i = 0; i < d.items.size(); ++i) {
      auto& it = d.items[i];
      std::string ip = "item[" + std::to_string(i) + "].";
      for (auto& c : it.conduct)
        if (!cat.find_conduct(c)) problems.push_back({d.file, it.line, ip + "conduct", "unknown conduct id \"" + c + "\""});
      for (auto& [type, ids] : it.sanctions)
        for (auto& s : ids) {
          auto* so = cat.find_sanction(s);
          if (!so) {
            problems.push_back({d.file, it.line, ip + "sanctions", "unknown sanction id \"" + s + "\""});
          } else if (std::find(so->staff_types.begin(), so->staff_types.end(), type) == so->staff_types.end()) {
            problems.push_back({d.file, it.line, ip + "sanctions." + std::string(to_string(type)),
                                "sanction \"" + s + "\" does not apply to this staff type"});
          }
        }
      for (auto& b : it.basis)
        if (!cat.find_item(b)) problems.push_back({d.file, it.line, ip + "basis", "unknown item id \"" + b + "\""});
    }
  }
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

CatalogLoad parse_catalog(const CatalogSource& conducts, const CatalogSource& sanctions,
                          const std::vector<CatalogSource>& documents) {
  CatalogLoad out;
  auto cs = read_conducts(conducts, out.problems);
  auto ss = read_sanctions(sanctions, out.problems);
  std::vector<CatalogDocument> docs;
  for (auto& d : documents)
    if (auto doc = read_document(d, out.problems)) docs.push_back(std::move(*doc));
  out.catalog = Catalog(std::move(cs), std::move(ss), std::move(docs));
  cross_check(out.catalog, out.problems);
  return out;
}

CatalogLoad read_catalog(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  CatalogLoad out;
  auto read = [&](const fs::path& p) { return CatalogSource{fs::relative(p, dir).generic_string(), slurp(p)}; };
  for (auto f : {"conducts.toml", "sanctions.toml"})
    if (!fs::exists(dir / f)) out.problems.push_back({(dir / f).string(), 0, {}, "file not found (berkas tidak ada)"});
  if (!out.problems.empty()) return out;
  std::vector<CatalogSource> docs;
  for (auto sub : {"national", "regional"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir / sub, ec))
      if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files) docs.push_back(read(f));
  }
  return parse_catalog(read(dir / "conducts.toml"), read(dir / "sanctions.toml"), docs);
}

Result<Catalog> load_catalog(const std::filesystem::path& dir) {
  auto l = read_catalog(dir);
  if (!l.problems.empty()) {
    std::string detail;
    for (auto& p : l.problems) detail += p.to_string() + "\n";
    return fail(ErrorCode::catalog_invalid, {}, {}, detail);
  }
  return std::move(l.catalog);
}

}  // namespace netral::text
