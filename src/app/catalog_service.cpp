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

}  // namespace

CatalogService::CatalogService(Context& ctx, fs::path bundled, fs::path adopted_dir,
                               std::shared_ptr<const text::Catalog> catalog, text::Classifier classifier)
    : ctx_(ctx),
      bundled_(std::move(bundled)),
      adopted_dir_(std::move(adopted_dir)),
      catalog_(std::move(catalog)),
      classifier_(std::move(classifier)) {}

text::CatalogLoad CatalogService::load(const fs::path& bundled, const fs::path& adopted_dir,
                                       const std::vector<text::CatalogSource>& extra) {
  std::vector<text::CatalogSource> docs = toml_files(bundled / "national", "national/");
  for (auto& s : toml_files(bundled / "regional", "regional/")) docs.push_back(std::move(s));
  for (auto& s : toml_files(adopted_dir, "adopted/")) docs.push_back(std::move(s));
  for (auto& s : extra) docs.push_back(s);
  return text::parse_catalog({"conducts.toml", slurp(bundled / "conducts.toml")},
                             {"sanctions.toml", slurp(bundled / "sanctions.toml")}, docs);
}

Result<std::unique_ptr<CatalogService>> CatalogService::open(Context& ctx, const fs::path& bundled_dir,
                                                             const fs::path& data_dir) {
  for (auto f : {"conducts.toml", "sanctions.toml", "cues.toml"})
    if (!fs::exists(bundled_dir / f))
      return fail(ErrorCode::catalog_invalid, {}, {}, (bundled_dir / f).string() + ": file not found");
  auto adopted = data_dir / "catalog" / "regional";
  auto l = load(bundled_dir, adopted, {});
  if (!l.problems.empty()) return fail(ErrorCode::catalog_invalid, {}, {}, problems_text(l.problems));
  auto cues = text::Classifier::load(bundled_dir / "cues.toml");
  if (!cues) return std::unexpected(cues.error());
  return std::unique_ptr<CatalogService>(new CatalogService(
      ctx, bundled_dir, adopted, std::make_shared<const text::Catalog>(std::move(l.catalog)), std::move(*cues)));
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
    o << "point = " << q("huruf " + it.letter) << "\n";
    o << "text = " << q(it.text) << "\n";
    o << "conduct = " << list(it.conduct) << "\n";
  }
  return o.str();
}

Result<Adopted> CatalogService::adopt(const Principal& p, const AdoptCircular& in) {
  if (!manages_catalogue(p.user.role)) return fail(ErrorCode::forbidden, "error.admin_only");
  AdoptCircular c = in;
  // Letters normalised a, b, c ... in order, whatever the reviewer typed.
  for (std::size_t i = 0; i < c.items.size(); ++i)
    c.items[i].letter = i < 26 ? std::string(1, static_cast<char>('a' + i)) : "z" + std::to_string(i);
  static const std::regex code(R"(\d{2}(\.\d{2})?)");
  if (!std::regex_match(c.region_code, code))
    return fail(ErrorCode::invalid_region_code, {}, "region_code");
  if (c.date.empty() && c.valid_from.empty())
    return fail(ErrorCode::missing_field, "error.adopt_missing_date", "date");
  std::lock_guard lock(mu_);
  std::string base = "se-" + c.region_code + "-" + (c.number.empty() ? slug(c.date.empty() ? c.valid_from : c.date) : slug(c.number));
  std::string id = base;
  for (int n = 2; catalog_->find_document(id); ++n) id = base + "-" + std::to_string(n);
  std::string file_name = c.region_code + "_" + slug(id) + ".toml";
  auto toml = to_toml(c, id);
  // Validated with every other file by the same loader before anything is written.
  auto l = load(bundled_, adopted_dir_, {{"adopted/" + file_name, toml}});
  if (!l.problems.empty())
    return fail(ErrorCode::invalid_field, "error.adopt_invalid", {}, problems_text(l.problems));
  std::error_code ec;
  fs::create_directories(adopted_dir_, ec);
  auto path = adopted_dir_ / file_name;
  auto tmp = adopted_dir_ / (file_name + ".tmp");
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << toml;
    f.flush();
    if (!f) return fail(ErrorCode::storage_failed, {}, {}, tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec) return fail(ErrorCode::storage_failed, {}, {}, ec.message());
  auto now = ctx_.now();
  {
    auto tx = ctx_.store.begin(true);
    nlohmann::json detail = {{"document", id}, {"file", path.filename().string()}, {"items", c.items.size()},
                             {"region_code", c.region_code}, {"source", c.source_name}, {"date", format_iso_date(civil_from_days(static_cast<long>(now / 86400)))}};
    audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "catalog.adopt", "catalog:" + id, detail.dump(), now);
    tx->commit();
  }
  catalog_ = std::make_shared<const text::Catalog>(std::move(l.catalog));
  return Adopted{id, path};
}

}  // namespace netral::app
