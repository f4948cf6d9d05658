#include "app/catalog_service.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "core/identifiers.hpp"
#include "core/strings.hpp"
#include "store/catalog_repo.hpp"
#include "text/catalog_loader.hpp"

namespace netral::app {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::vector<text::CatalogSource> toml_files(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<text::CatalogSource> out;
  for (auto& f : files) out.push_back({prefix + f.filename().string(), slurp(f)});
  return out;
}

std::string problems_text(const std::vector<text::CatalogProblem>& ps) {
  std::string s;
  for (auto& p : ps) s += p.to_string() + "\n";
  return s;
}

// TOML basic string: quotes, backslashes and control characters escaped.
std::string q(std::string_view s) {
  std::string r = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': r += "\\\""; break;
      case '\\': r += "\\\\"; break;
      case '\n': r += "\\n"; break;
      case '\t': r += "\\t"; break;
      case '\r': r += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          r += buf;
        } else {
          r.push_back(static_cast<char>(c));
        }
    }
  }
  return r + "\"";
}

std::string list(const std::vector<std::string>& v) {
  std::string r = "[";
  for (std::size_t i = 0; i < v.size(); ++i) r += (i ? ", " : "") + q(v[i]);
  return r + "]";
}

bool iso_date(const std::string& s) {
  static const std::regex d(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(s, d);
}

std::string slug(std::string_view s) {
  std::string r;
  for (unsigned char c : s) {
    if (std::isalnum(c)) r.push_back(static_cast<char>(std::tolower(c)));
    else if (c == '.' || c == '-' || c == '/' || c == ' ' || c == '_')
      if (!r.empty() && r.back() != '-') r.push_back('-');
  }
  while (!r.empty() && r.back() == '-') r.pop_back();
  return r.substr(0, 60);
}


std::vector<std::string> json_strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array())
    for (auto& x : *it)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

std::string json_str(const nlohmann::json& j, const char* key) {
  if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
  return {};
}

std::string letter_of(std::size_t i) {
  return i < 26 ? std::string(1, static_cast<char>('a' + i)) : "z" + std::to_string(i);
}

bool staff_type_ok(const std::string& t) { return t == "pns" || t == "pppk" || t == "non_asn"; }

std::vector<std::string> unread_list(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array())
    for (auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

// A document an earlier release wrote as a file, as the editor's body (those files hold
// only what to_toml writes, so nothing is lost).
AdoptCircular from_document(const text::CatalogDocument& d) {
  AdoptCircular c;
  c.region_code = d.region_code;
  c.region_name = d.region_name;
  c.title = d.title;
  c.number = d.number;
  c.date = d.date;
  c.place = d.place;
  c.signer = d.signer;
  for (auto t : d.staff_types) c.covers.emplace_back(to_string(t));
  c.valid_from = d.valid_from;
  c.valid_until = d.valid_until;
  c.channels = d.channels;
  c.duties = d.duties;
  c.source_name = d.sources.empty() ? std::string() : d.sources.front();
  for (auto& it : d.items) {
    AdoptCircular::Item i;
    i.letter = it.local_id;
    i.text = it.text;
    i.conduct = it.conduct;
    if (it.point != "huruf " + it.local_id) i.marker = it.point;
    for (auto t : it.staff_types) i.staff_types.emplace_back(to_string(t));
    i.valid_from = it.valid_from;
    i.valid_until = it.valid_until;
    for (auto& [t, ids] : it.sanctions) i.sanctions[std::string(to_string(t))] = ids;
    c.items.push_back(std::move(i));
  }
  return c;
}

// The loaded catalogue with each adopted circular's version, read from its source name
// ("adopted/<document>@v<n>", adopted_sources and validate_with name them so).
std::shared_ptr<const text::Catalog> versioned(text::Catalog&& cat) {
  auto docs = cat.documents();
  for (auto& d : docs)
    if (auto at = d.file.rfind("@v"); d.file.starts_with("adopted/") && at != std::string::npos)
      d.version = std::strtoll(d.file.c_str() + at + 2, nullptr, 10);
  return std::make_shared<const text::Catalog>(cat.conducts(), cat.sanctions(), std::move(docs));
}

}  // namespace

std::string to_json(const AdoptCircular& c) {
  nlohmann::json items = nlohmann::json::array();
  for (auto& it : c.items) {
    nlohmann::json sanctions = nlohmann::json::object();
    for (auto& [t, ids] : it.sanctions) sanctions[t] = ids;
    items.push_back({{"letter", it.letter}, {"marker", it.marker}, {"text", it.text}, {"conduct", it.conduct},
                     {"staff_types", it.staff_types}, {"valid_from", it.valid_from}, {"valid_until", it.valid_until},
                     {"sanctions", sanctions}});
  }
  nlohmann::json j = {{"region_code", c.region_code}, {"region_name", c.region_name}, {"title", c.title},
                      {"number", c.number},           {"date", c.date},               {"place", c.place},
                      {"signer", c.signer},           {"covers", c.covers},           {"valid_from", c.valid_from},
                      {"valid_until", c.valid_until}, {"items", items},               {"channels", c.channels},
                      {"duties", c.duties},           {"source_name", c.source_name}};
  return j.dump();
}

Result<AdoptCircular> circular_from_json(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return fail(ErrorCode::invalid_field, {}, "body");
  AdoptCircular c;
  c.region_code = json_str(j, "region_code");
  c.region_name = json_str(j, "region_name");
  c.title = json_str(j, "title");
  c.number = json_str(j, "number");
  c.date = json_str(j, "date");
  c.place = json_str(j, "place");
  c.signer = json_str(j, "signer");
  c.covers = json_strings(j, "covers");
  c.valid_from = json_str(j, "valid_from");
  c.valid_until = json_str(j, "valid_until");
  c.channels = json_strings(j, "channels");
  c.duties = json_strings(j, "duties");
  c.source_name = json_str(j, "source_name");
  if (auto it = j.find("items"); it != j.end() && it->is_array())
    for (auto& x : *it) {
      if (!x.is_object()) continue;
      AdoptCircular::Item i;
      i.letter = json_str(x, "letter");
      i.marker = json_str(x, "marker");
      i.text = json_str(x, "text");
      i.conduct = json_strings(x, "conduct");
      i.staff_types = json_strings(x, "staff_types");
      i.valid_from = json_str(x, "valid_from");
      i.valid_until = json_str(x, "valid_until");
      if (auto sc = x.find("sanctions"); sc != x.end() && sc->is_object())
        for (auto& [t, ids] : sc->items()) i.sanctions[t] = json_strings(*sc, t.c_str());
      c.items.push_back(std::move(i));
    }
  return c;
}

Result<void> apply_item_action(AdoptCircular& c, ItemAction action, std::size_t index, const std::string& new_text) {
  auto& v = c.items;
  auto bad = [] { return fail(ErrorCode::invalid_field, "error.item_action_invalid", "item"); };
  switch (action) {
    case ItemAction::add: {
      std::string t(trim(new_text));
      if (t.empty()) return fail(ErrorCode::missing_field, "error.item_text_empty", "new_text");
      AdoptCircular::Item i;
      i.text = t;
      v.insert(v.begin() + static_cast<std::ptrdiff_t>(std::min(index, v.size())), std::move(i));
      return {};
    }
    case ItemAction::move_up:
      if (index == 0 || index >= v.size()) return bad();
      std::swap(v[index - 1], v[index]);
      return {};
    case ItemAction::move_down:
      if (index + 1 >= v.size()) return bad();
      std::swap(v[index], v[index + 1]);
      return {};
    case ItemAction::remove:
      if (index >= v.size()) return bad();
      v.erase(v.begin() + static_cast<std::ptrdiff_t>(index));
      return {};
    case ItemAction::merge_next: {
      if (index + 1 >= v.size()) return bad();
      // One act the importer cut in two: the texts joined, every id of either kept.
      auto& a = v[index];
      auto& b = v[index + 1];
      std::string left(trim(a.text));
      while (!left.empty() && (left.back() == ';' || left.back() == ',')) left.pop_back();
      a.text = left + " " + std::string(trim(b.text));
      for (auto& k : b.conduct)
        if (std::find(a.conduct.begin(), a.conduct.end(), k) == a.conduct.end()) a.conduct.push_back(k);
      for (auto& t : b.staff_types)
        if (!a.staff_types.empty() && std::find(a.staff_types.begin(), a.staff_types.end(), t) == a.staff_types.end())
          a.staff_types.push_back(t);
      for (auto& [t, ids] : b.sanctions)
        for (auto& id : ids)
          if (auto& mine = a.sanctions[t]; std::find(mine.begin(), mine.end(), id) == mine.end()) mine.push_back(id);
      v.erase(v.begin() + static_cast<std::ptrdiff_t>(index + 1));
      return {};
    }
  }
  return bad();
}

CatalogService::CatalogService(Context& ctx, fs::path bundled, std::shared_ptr<const text::Catalog> catalog,
                               text::Classifier classifier)
    : ctx_(ctx), bundled_(std::move(bundled)), catalog_(std::move(catalog)), classifier_(std::move(classifier)) {}

text::CatalogLoad CatalogService::load(const fs::path& bundled, const std::vector<text::CatalogSource>& adopted) {
  std::vector<text::CatalogSource> docs = toml_files(bundled / "national", "national/");
  for (auto& s : toml_files(bundled / "regional", "regional/")) docs.push_back(std::move(s));
  for (auto& s : adopted) docs.push_back(s);
  return text::parse_catalog({"conducts.toml", slurp(bundled / "conducts.toml")},
                             {"sanctions.toml", slurp(bundled / "sanctions.toml")}, docs);
}

std::vector<text::CatalogSource> CatalogService::adopted_sources(store::Tx& tx, const std::string& except_document) {
  std::vector<text::CatalogSource> out;
  for (auto& v : ctx_.store.catalog().current_versions(tx)) {
    if (v.document_id == except_document) continue;
    auto body = circular_from_json(v.body);
    // A body this binary cannot read names itself to the loader as an empty document.
    out.push_back({"adopted/" + v.document_id + "@v" + std::to_string(v.version),
                   body ? to_toml(*body, v.document_id) : std::string()});
  }
  return out;
}

// Circulars an earlier release adopted as files move into the database once, as version 1
// of an adopted circular (audited "catalog.migrate"); the file is then renamed *.migrated,
// so that the database alone says what is in force and a second start finds nothing to do.
Result<void> CatalogService::migrate_files(const fs::path& dir) {
  auto files = toml_files(dir, "adopted/");
  if (files.empty()) return {};
  auto tx = ctx_.store.begin(true);
  auto l = load(bundled_, [&] {
    auto all = adopted_sources(*tx);
    for (auto& f : files) all.push_back(f);
    return all;
  }());
  if (!l.problems.empty()) return fail(ErrorCode::catalog_invalid, {}, {}, problems_text(l.problems));
  auto now = ctx_.now();
  for (auto& d : l.catalog.documents()) {
    if (!d.file.starts_with("adopted/") || d.file.find('@') != std::string::npos) continue;
    if (ctx_.store.catalog().circular_by_document(*tx, d.id)) continue;  // moved before, file not yet renamed
    store::CatalogCircular row;
    row.region_code = d.region_code;
    row.source_name = d.file.substr(8);
    for (auto& f : files)
      if (f.name == d.file) row.source_text = f.content;
    row.unread = "[]";
    row.created_at = now;
    Id id = ctx_.store.catalog().insert_draft(*tx, row);
    store::CatalogVersion v;
    v.body = to_json(from_document(d));
    v.summary = "migrate";
    v.created_at = now;
    ctx_.store.catalog().add_version(*tx, id, 0, v, d.id);
    nlohmann::json detail = {{"document", d.id}, {"file", row.source_name}, {"circular", id}, {"version", 1}};
    audit(ctx_.store, *tx, Actor{"system", ""}, std::nullopt, "catalog.migrate", "catalog:" + d.id, detail.dump(), now);
  }
  tx->commit();
  for (auto& f : files) {
    std::error_code ec;
    auto path = dir / f.name.substr(8);
    fs::rename(path, fs::path(path.string() + ".migrated"), ec);
  }
  return {};
}

Result<std::unique_ptr<CatalogService>> CatalogService::open(Context& ctx, const fs::path& bundled_dir,
                                                             const fs::path& data_dir) {
  for (auto f : {"conducts.toml", "sanctions.toml", "cues.toml"})
    if (!fs::exists(bundled_dir / f))
      return fail(ErrorCode::catalog_invalid, {}, {}, (bundled_dir / f).string() + ": file not found");
  auto cues = text::Classifier::load(bundled_dir / "cues.toml");
  if (!cues) return std::unexpected(cues.error());
  std::unique_ptr<CatalogService> svc(
      new CatalogService(ctx, bundled_dir, std::make_shared<const text::Catalog>(), std::move(*cues)));
  if (auto r = text::RegionIndex::load(bundled_dir.parent_path() / "regions")) svc->regions_ = std::move(*r);
  if (auto m = svc->migrate_files(data_dir / "catalog" / "regional"); !m) return std::unexpected(m.error());
  auto tx = ctx.store.begin(false);
  auto l = load(bundled_dir, svc->adopted_sources(*tx));
  if (!l.problems.empty()) return fail(ErrorCode::catalog_invalid, {}, {}, problems_text(l.problems));
  svc->catalog_ = versioned(std::move(l.catalog));
  return svc;
}

std::shared_ptr<const text::Catalog> CatalogService::catalog() const {
  std::lock_guard lock(mu_);
  return catalog_;
}

bool CatalogService::known_conduct(const std::vector<std::string>& ids) const {
  auto c = catalog();
  for (auto& id : ids)
    if (!c->find_conduct(id)) return false;
  return true;
}

std::vector<std::string> CatalogService::report_conduct(Id report_id) {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.conduct().report_conduct(*tx, report_id);
}

store::CaseConduct CatalogService::case_conduct(Id case_id) {
  auto tx = ctx_.store.begin(false);
  return ctx_.store.conduct().case_conduct(*tx, case_id);
}

Result<void> CatalogService::confirm(const Principal& p, Id case_id, std::vector<std::string> conduct) {
  if (!confirms_conduct(p.user.role))
    return fail(ErrorCode::forbidden, "error.conduct_forbidden");
  std::sort(conduct.begin(), conduct.end());
  conduct.erase(std::unique(conduct.begin(), conduct.end()), conduct.end());
  if (conduct.size() > 20 || !known_conduct(conduct))
    return fail(ErrorCode::invalid_field, "error.invalid_conduct", "conduct");
  auto tx = ctx_.store.begin(true);
  auto c = ctx_.store.cases().case_by_id(*tx, case_id);
  // A case of another instansi does not exist for this user.
  if (!c || c->instansi_id != p.user.instansi_id) return fail(ErrorCode::not_found, "error.case_not_found");
  auto before = ctx_.store.conduct().case_conduct(*tx, case_id);
  auto now = ctx_.now();
  ctx_.store.conduct().set_case_conduct(*tx, case_id, conduct, p.user.id, now);
  nlohmann::json detail = {{"conduct", conduct}, {"before", before.conduct}, {"was_confirmed", before.confirmed}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "case.conduct", "case:" + std::to_string(case_id), detail.dump(),
        now);
  tx->commit();
  return {};
}

std::string CatalogService::to_toml(const AdoptCircular& c, const std::string& document_id) {
  std::ostringstream o;
  o << "# Regional circular adopted through the web import (docs/catalog.md, \"Importing a circular\").\n\n";
  o << "[document]\n";
  o << "id = " << q(document_id) << "\n";
  o << "kind = \"regional_circular\"\n";
  o << "title = " << q(c.title) << "\n";
  if (!c.number.empty()) o << "number = " << q(c.number) << "\n";
  if (iso_date(c.date)) o << "date = " << c.date << "\n";
  if (!c.place.empty()) o << "place = " << q(c.place) << "\n";
  if (!c.signer.empty()) o << "signer = " << q(c.signer) << "\n";
  o << "region_code = " << q(c.region_code) << "\n";
  o << "region_name = " << q(c.region_name) << "\n";
  o << "staff_types = " << list(c.covers) << "\n";
  std::string from = c.valid_from.empty() ? c.date : c.valid_from;
  o << "valid_from = " << (iso_date(from) ? from : q(from)) << "\n";
  if (!c.valid_until.empty()) o << "valid_until = " << (iso_date(c.valid_until) ? c.valid_until : q(c.valid_until)) << "\n";
  o << "sources = " << list({c.source_name.empty() ? std::string("web import") : c.source_name}) << "\n";
  if (!c.channels.empty()) o << "channels = " << list(c.channels) << "\n";
  if (!c.duties.empty()) o << "duties = " << list(c.duties) << "\n";
  for (auto& it : c.items) {
    o << "\n[[item]]\n";
    o << "id = " << q(it.letter) << "\n";
    o << "point = " << q(it.marker.empty() ? "huruf " + it.letter : it.marker) << "\n";
    o << "text = " << q(it.text) << "\n";
    o << "conduct = " << list(it.conduct) << "\n";
    if (!it.staff_types.empty()) o << "staff_types = " << list(it.staff_types) << "\n";
    if (!it.valid_from.empty()) o << "valid_from = " << (iso_date(it.valid_from) ? it.valid_from : q(it.valid_from)) << "\n";
    if (!it.valid_until.empty()) o << "valid_until = " << (iso_date(it.valid_until) ? it.valid_until : q(it.valid_until)) << "\n";
    std::string sanctions;
    for (auto& [t, ids] : it.sanctions)
      if (!ids.empty()) sanctions += (sanctions.empty() ? "" : ", ") + t + " = " + list(ids);
    if (!sanctions.empty()) o << "sanctions = { " << sanctions << " }\n";
  }
  return o.str();
}

Result<void> CatalogService::check(const Principal& p, AdoptCircular& c) const {
  if (!manages_catalogue(p.user.role)) return fail(ErrorCode::forbidden, "error.admin_only");
  static const std::regex code(R"(\d{2}(\.\d{2})?)");
  if (!std::regex_match(c.region_code, code)) return fail(ErrorCode::invalid_region_code, {}, "region_code");
  if (!manages_catalogue_of(p.user.role, p.instansi.code, c.region_code))
    return fail(ErrorCode::forbidden, "error.catalog_foreign_region", "region_code");
  for (auto& t : c.covers)
    if (!staff_type_ok(t)) return fail(ErrorCode::invalid_field, "error.invalid_staff_type", "covers");
  for (auto* d : {&c.date, &c.valid_from, &c.valid_until})
    if (!d->empty() && !iso_date(*d)) return fail(ErrorCode::invalid_date, {}, d == &c.date ? "date" : d == &c.valid_from ? "valid_from" : "valid_until");
  if (c.items.size() > 200) return fail(ErrorCode::invalid_field, "error.item_action_invalid", "item");
  auto cat = catalog();
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    auto& it = c.items[i];
    const std::string n = std::to_string(i + 1);
    it.letter = letter_of(i);
    it.text = trim(it.text);
    it.marker = trim(it.marker);
    if (it.text.empty()) return fail(ErrorCode::missing_field, "error.item_text_empty", "item_text_" + n);
    for (auto& k : it.conduct)
      if (!cat->find_conduct(k)) return fail(ErrorCode::invalid_field, "error.invalid_conduct", "item_conduct_" + n);
    for (auto& t : it.staff_types)
      if (!staff_type_ok(t)) return fail(ErrorCode::invalid_field, "error.invalid_staff_type", "item_staff_" + n);
    for (auto* d : {&it.valid_from, &it.valid_until})
      if (!d->empty() && !iso_date(*d)) return fail(ErrorCode::invalid_date, {}, (d == &it.valid_from ? "item_from_" : "item_until_") + n);
    for (auto& [t, ids] : it.sanctions) {
      if (!staff_type_ok(t)) return fail(ErrorCode::invalid_field, "error.invalid_staff_type", "item_sanction_" + n);
      for (auto& id : ids) {
        auto* so = cat->find_sanction(id);
        auto type = staff_type_from_string(t);
        if (!so || !type || std::find(so->staff_types.begin(), so->staff_types.end(), *type) == so->staff_types.end())
          return fail(ErrorCode::invalid_field, "error.invalid_sanction", "item_sanction_" + n + "_" + t);
      }
    }
  }
  return {};
}

Result<text::CatalogLoad> CatalogService::validate_with(store::Tx& tx, const AdoptCircular& c, const std::string& id,
                                                        long long version) {
  if (c.date.empty() && c.valid_from.empty()) return fail(ErrorCode::missing_field, "error.adopt_missing_date", "date");
  auto sources = adopted_sources(tx, id);
  sources.push_back({"adopted/" + id + "@v" + std::to_string(version), to_toml(c, id)});
  auto l = load(bundled_, sources);
  if (!l.problems.empty()) return fail(ErrorCode::invalid_field, "error.adopt_invalid", {}, problems_text(l.problems));
  return l;
}

std::string CatalogService::new_document_id(store::Tx& tx, const AdoptCircular& c) {
  std::string base = "se-" + c.region_code + "-" +
                     (c.number.empty() ? slug(c.date.empty() ? c.valid_from : c.date) : slug(c.number));
  std::string id = base;
  for (int n = 2; catalog_->find_document(id) || ctx_.store.catalog().circular_by_document(tx, id); ++n)
    id = base + "-" + std::to_string(n);
  return id;
}

Result<Id> CatalogService::create_draft(const Principal& p, const AdoptCircular& in, const std::string& source_text,
                                        const std::vector<std::string>& unread) {
  AdoptCircular body = in;
  // The importer's draft may hold what a reviewer must still fix (an item without text is
  // dropped here; a missing conduct or date is checked at adoption).
  std::erase_if(body.items, [](const AdoptCircular::Item& it) { return trim(it.text).empty(); });
  if (auto ok = check(p, body); !ok) return std::unexpected(ok.error());
  auto now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  store::CatalogCircular row;
  row.region_code = body.region_code;
  row.draft = to_json(body);
  row.source_name = body.source_name;
  row.source_text = source_text;
  row.unread = nlohmann::json(unread).dump();
  row.created_by = p.user.id;
  row.created_at = now;
  Id id = ctx_.store.catalog().insert_draft(*tx, row);
  nlohmann::json detail = {{"circular", id}, {"region_code", body.region_code}, {"source", body.source_name},
                           {"items", body.items.size()}, {"unread", unread}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "catalog.draft", "circular:" + std::to_string(id), detail.dump(), now);
  tx->commit();
  return id;
}

Result<CircularView> CatalogService::circular(const Principal& p, Id id) {
  if (!manages_catalogue(p.user.role)) return fail(ErrorCode::forbidden, "error.admin_only");
  auto tx = ctx_.store.begin(false);
  auto row = ctx_.store.catalog().circular_by_id(*tx, id);
  // Another government's circular does not exist for this admin.
  if (!row || !manages_catalogue_of(p.user.role, p.instansi.code, row->region_code))
    return fail(ErrorCode::not_found, "error.circular_not_found");
  CircularView v;
  v.row = *row;
  v.adopted = row->version > 0;
  v.rev = v.adopted ? row->version : row->draft_rev;
  v.unread = unread_list(row->unread);
  v.versions = ctx_.store.catalog().versions_of(*tx, id);
  auto body = circular_from_json(v.adopted ? v.versions.front().body : row->draft);
  if (!body) return std::unexpected(body.error());
  v.body = std::move(*body);
  return v;
}

std::vector<store::CatalogCircular> CatalogService::circulars(const Principal& p) {
  if (!manages_catalogue(p.user.role) || p.instansi.code.empty()) return {};
  auto tx = ctx_.store.begin(false);
  return ctx_.store.catalog().list_circulars(*tx, p.instansi.code);
}

Result<long long> CatalogService::save(const Principal& p, Id id, long long rev, AdoptCircular body,
                                       const std::string& summary) {
  auto view = circular(p, id);
  if (!view) return std::unexpected(view.error());
  body.source_name = view->body.source_name;
  if (auto ok = check(p, body); !ok) return std::unexpected(ok.error());
  if (body.region_code != view->row.region_code) return fail(ErrorCode::forbidden, "error.catalog_foreign_region", "region_code");
  if (rev != view->rev) return fail(ErrorCode::catalog_stale);
  // A save that changes nothing is no edit: no version, no audit entry.
  if (to_json(body) == to_json(view->body)) return rev;
  std::lock_guard lock(mu_);
  auto now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto& repo = ctx_.store.catalog();
  nlohmann::json detail = {{"circular", id}, {"summary", summary}, {"region_code", body.region_code}};
  if (!view->adopted) {
    if (!repo.update_draft(*tx, id, rev, to_json(body), now)) return fail(ErrorCode::catalog_stale);
    detail["rev"] = rev + 1;
    audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "catalog.edit", "circular:" + std::to_string(id), detail.dump(), now);
    tx->commit();
    return rev + 1;
  }
  const std::string& doc = view->row.document_id;
  auto l = validate_with(*tx, body, doc, rev + 1);
  if (!l) return std::unexpected(l.error());
  store::CatalogVersion v;
  v.body = to_json(body);
  v.summary = summary;
  v.author_id = p.user.id;
  v.created_at = now;
  if (!repo.add_version(*tx, id, rev, v, doc)) return fail(ErrorCode::catalog_stale);
  detail["document"] = doc;
  detail["version"] = rev + 1;
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "catalog.version", "catalog:" + doc, detail.dump(), now);
  tx->commit();
  catalog_ = versioned(std::move(l->catalog));
  return rev + 1;
}

Result<Adopted> CatalogService::adopt_draft(const Principal& p, Id id, long long rev, AdoptCircular body,
                                            bool confirm_unread) {
  auto view = circular(p, id);
  if (!view) return std::unexpected(view.error());
  if (view->adopted) return fail(ErrorCode::catalog_stale);
  body.source_name = view->body.source_name;
  if (auto ok = check(p, body); !ok) return std::unexpected(ok.error());
  if (body.region_code != view->row.region_code) return fail(ErrorCode::forbidden, "error.catalog_foreign_region", "region_code");
  if (!view->unread.empty() && !confirm_unread)
    return fail(ErrorCode::missing_field, "error.adopt_confirm_unread", "confirm_unread");
  std::lock_guard lock(mu_);
  auto now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  if (rev != view->rev) return fail(ErrorCode::catalog_stale);
  auto doc = new_document_id(*tx, body);
  auto l = validate_with(*tx, body, doc, 1);
  if (!l) return std::unexpected(l.error());
  store::CatalogVersion v;
  v.body = to_json(body);
  v.summary = "adopt";
  v.author_id = p.user.id;
  v.created_at = now;
  if (!ctx_.store.catalog().add_version(*tx, id, 0, v, doc)) return fail(ErrorCode::catalog_stale);
  nlohmann::json detail = {{"document", doc}, {"circular", id}, {"version", 1}, {"items", body.items.size()},
                           {"region_code", body.region_code}, {"source", body.source_name},
                           {"unread_confirmed", view->unread}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "catalog.adopt", "catalog:" + doc, detail.dump(), now);
  tx->commit();
  catalog_ = versioned(std::move(l->catalog));
  return Adopted{doc, id, 1};
}

Result<Adopted> CatalogService::adopt(const Principal& p, const AdoptCircular& in) {
  AdoptCircular c = in;
  if (auto ok = check(p, c); !ok) return std::unexpected(ok.error());
  std::lock_guard lock(mu_);
  auto now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  auto doc = new_document_id(*tx, c);
  auto l = validate_with(*tx, c, doc, 1);
  if (!l) return std::unexpected(l.error());
  store::CatalogCircular row;
  row.region_code = c.region_code;
  row.source_name = c.source_name;
  row.unread = "[]";
  row.created_by = p.user.id;
  row.created_at = now;
  Id id = ctx_.store.catalog().insert_draft(*tx, row);
  store::CatalogVersion v;
  v.body = to_json(c);
  v.summary = "adopt";
  v.author_id = p.user.id;
  v.created_at = now;
  ctx_.store.catalog().add_version(*tx, id, 0, v, doc);
  nlohmann::json detail = {{"document", doc}, {"circular", id}, {"version", 1}, {"items", c.items.size()},
                           {"region_code", c.region_code}, {"source", c.source_name},
                           {"date", format_iso_date(civil_from_days(static_cast<long>(now / 86400)))}};
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "catalog.adopt", "catalog:" + doc, detail.dump(), now);
  tx->commit();
  catalog_ = versioned(std::move(l->catalog));
  return Adopted{doc, id, 1};
}

}  // namespace netral::app
