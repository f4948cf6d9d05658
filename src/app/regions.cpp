#include "app/regions.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/access.hpp"
#include "app/secrets.hpp"
#include "core/identifiers.hpp"
#include "core/strings.hpp"

namespace netral::app {
namespace {

// The name column of the row whose first column is `code` ("code,name" or
// "code,province_code,name"; the official names hold no comma or quote).
Result<std::string> name_in(const std::filesystem::path& file, const std::string& code) {
  std::ifstream in(file);
  if (!in) return fail(ErrorCode::file_unreadable, {}, "regions", file.string() + ": tidak dapat dibaca / cannot be read");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.starts_with(code + ",")) continue;
    return line.substr(line.rfind(',') + 1);
  }
  return fail(ErrorCode::unknown_instansi, {}, "instansi", code + " is not in " + file.filename().string());
}

// Every "code,...,name" row of a list file after its header.
Result<std::vector<std::pair<std::string, std::string>>> rows_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return fail(ErrorCode::file_unreadable, {}, "regions", file.string() + ": tidak dapat dibaca / cannot be read");
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    out.emplace_back(line.substr(0, line.find(',')), line.substr(line.rfind(',') + 1));
  }
  return out;
}

constexpr std::size_t kMaxName = 200;

Result<std::string> checked_name(const std::string& name) {
  std::string n = trim(name);
  if (n.empty()) return fail(ErrorCode::missing_field, {}, "name");
  if (n.size() > kMaxName || n.find_first_of("\r\n") != std::string::npos)
    return fail(ErrorCode::invalid_field, {}, "name", "at most 200 bytes on one line");
  return n;
}

std::string obj(const std::string& code) { return "instansi:" + code; }

}  // namespace

Result<std::vector<Government>> official_governments(const std::filesystem::path& regions_dir) {
  auto provinces = rows_of(regions_dir / "provinces.csv");
  if (!provinces) return std::unexpected(provinces.error());
  auto regencies = rows_of(regions_dir / "regencies.csv");
  if (!regencies) return std::unexpected(regencies.error());
  std::vector<Government> out;
  out.reserve(provinces->size() + regencies->size());
  for (const auto& [code, name] : *provinces) out.push_back({code, "Pemerintah Provinsi " + name, "", name});
  for (const auto& [code, name] : *regencies) out.push_back({code, "Pemerintah " + name, code.substr(0, 2), name});
  return out;
}

std::vector<Government> search_governments(const std::vector<Government>& all, const std::string& query,
                                           std::size_t limit) {
  std::vector<std::string> words;
  std::istringstream in(ascii_lower(query));
  for (std::string w; in >> w;) words.push_back(w);
  std::vector<Government> out;
  if (words.empty()) return out;
  std::map<std::string, std::string> province_names;
  for (const auto& g : all)
    if (g.province_code.empty()) province_names[g.code] = g.official_name;
  for (const auto& g : all) {
    // The province's name counts too: "banten" finds its regencies as well.
    const std::string hay = ascii_lower(g.code + " " + g.name + " " +
                                        (g.province_code.empty() ? "" : province_names[g.province_code]));
    if (std::ranges::all_of(words, [&](const std::string& w) { return hay.find(w) != std::string::npos; })) {
      out.push_back(g);
      if (out.size() >= limit) break;
    }
  }
  return out;
}

Result<std::vector<GovernmentEntry>> list_governments(Context& ctx, const std::filesystem::path& regions_dir) {
  auto official = official_governments(regions_dir);
  if (!official) return std::unexpected(official.error());
  std::map<std::string, const Government*> by_code;
  for (const auto& g : *official) by_code[g.code] = &g;
  std::vector<Instansi> rows;
  {
    auto tx = ctx.store.begin(false);
    rows = ctx.store.reference().list_instansi(*tx);
  }
  std::vector<GovernmentEntry> out;
  for (auto& i : rows) {
    GovernmentEntry e;
    e.level = i.code.size() == 2 ? "province" : i.code.size() >= 4 && i.code[3] == '7' ? "city" : "regency";
    if (auto it = by_code.find(i.code); it != by_code.end()) {
      e.official_name = it->second->official_name;
      if (e.level != "province") e.level = e.official_name.starts_with("Kota ") ? "city" : "regency";
    }
    if (auto it = by_code.find(i.code.substr(0, 2)); it != by_code.end()) e.province = it->second->official_name;
    e.instansi = std::move(i);
    out.push_back(std::move(e));
  }
  return out;
}

Result<Government> add_government(Context& ctx, const std::filesystem::path& regions_dir, const std::string& code,
                                  const std::string& name, const Actor& actor) {
  auto g = find_government(regions_dir, code);
  if (!g) return std::unexpected(g.error());
  if (!name.empty()) {
    auto n = checked_name(name);
    if (!n) return std::unexpected(n.error());
    g->name = *n;
  }
  std::optional<Government> province;
  if (!g->province_code.empty()) {
    auto p = find_government(regions_dir, g->province_code);
    if (!p) return std::unexpected(p.error());
    province = *p;
  }
  auto tx = ctx.store.begin(true);
  auto& ref = ctx.store.reference();
  if (ref.instansi_by_code(*tx, g->code)) return fail(ErrorCode::instansi_exists, {}, "instansi", g->code);
  std::optional<Id> parent;
  if (province) {
    auto existing = ref.instansi_by_code(*tx, province->code);
    if (existing) {
      parent = existing->id;
    } else {
      parent = ref.upsert_instansi(*tx, Instansi{0, province->code, province->name, std::nullopt});
      audit(ctx.store, *tx, actor, parent, "instansi.create", obj(province->code),
            nlohmann::json{{"name", province->name}, {"with", g->code}}.dump(), ctx.now());
    }
  }
  const Id id = ref.upsert_instansi(*tx, Instansi{0, g->code, g->name, parent});
  audit(ctx.store, *tx, actor, id, "instansi.create", obj(g->code), nlohmann::json{{"name", g->name}}.dump(), ctx.now());
  tx->commit();
  return *g;
}

Result<void> rename_government(Context& ctx, const std::string& code, const std::string& name, const Actor& actor) {
  auto n = checked_name(name);
  if (!n) return std::unexpected(n.error());
  auto tx = ctx.store.begin(true);
  auto& ref = ctx.store.reference();
  auto i = ref.instansi_by_code(*tx, code);
  if (!i) return fail(ErrorCode::unknown_instansi, {}, "instansi", code);
  if (i->name == *n) return {};
  const std::string from = i->name;
  i->name = *n;
  ref.upsert_instansi(*tx, *i);
  audit(ctx.store, *tx, actor, i->id, "instansi.rename", obj(code), nlohmann::json{{"from", from}, {"to", *n}}.dump(),
        ctx.now());
  tx->commit();
  return {};
}

Result<void> set_government_disabled(Context& ctx, const std::string& code, bool disabled, const Actor& actor) {
  auto tx = ctx.store.begin(true);
  auto& ref = ctx.store.reference();
  auto i = ref.instansi_by_code(*tx, code);
  if (!i) return fail(ErrorCode::unknown_instansi, {}, "instansi", code);
  if (i->disabled == disabled) return {};
  ref.set_instansi_disabled(*tx, i->id, disabled);
  audit(ctx.store, *tx, actor, i->id, disabled ? "instansi.disable" : "instansi.enable", obj(code), "{}", ctx.now());
  tx->commit();
  return {};
}

Result<Government> find_government(const std::filesystem::path& regions_dir, const std::string& code) {
  auto normal = normalize_region_code(code);
  if (!normal) return std::unexpected(normal.error());
  Government g;
  g.code = *normal;
  if (g.code.size() == 2) {
    auto name = name_in(regions_dir / "provinces.csv", g.code);
    if (!name) return std::unexpected(name.error());
    g.name = "Pemerintah Provinsi " + *name;
    g.official_name = *name;
    return g;
  }
  if (g.code.size() != 5) return fail(ErrorCode::invalid_region_code, {}, "instansi", "a province (36) or regency/city (36.71) code");
  auto name = name_in(regions_dir / "regencies.csv", g.code);
  if (!name) return std::unexpected(name.error());
  g.name = "Pemerintah " + *name;  // "Kabupaten ..." or "Kota ..."
  g.official_name = *name;
  g.province_code = g.code.substr(0, 2);
  return g;
}

Result<SetUp> set_up_government(Context& ctx, AuthService& auth, const std::filesystem::path& regions_dir,
                                const std::string& code, const std::string& admin_username) {
  auto g = find_government(regions_dir, code);
  if (!g) return std::unexpected(g.error());
  std::optional<Government> province;
  if (!g->province_code.empty()) {
    auto p = find_government(regions_dir, g->province_code);
    if (!p) return std::unexpected(p.error());
    province = *p;
  }
  SetUp out{*g, {}};
  {
    auto tx = ctx.store.begin(true);
    auto& ref = ctx.store.reference();
    std::optional<Id> parent;
    if (province) {
      auto existing = ref.instansi_by_code(*tx, province->code);
      parent = existing ? existing->id : ref.upsert_instansi(*tx, Instansi{0, province->code, province->name, std::nullopt});
    }
    if (!ref.instansi_by_code(*tx, g->code)) ref.upsert_instansi(*tx, Instansi{0, g->code, g->name, parent});
    tx->commit();
  }
  if (admin_username.empty()) return out;
  AuthService::NewUser u;
  u.username = admin_username;
  u.display_name = "Admin " + g->name;
  u.password = Secrets::random_token(12);
  u.instansi_code = g->code;
  {
    auto tx = ctx.store.begin(false);
    const auto users = ctx.store.users().list_users(*tx, std::nullopt);
    const bool has_superadmin =
        std::ranges::any_of(users, [](const StaffUser& s) { return s.role == Role::superadmin && !s.disabled; });
    u.role = has_superadmin ? Role::admin : Role::superadmin;
  }
  auto id = auth.create_user(u, Actor{"cli", ""});
  if (!id) return std::unexpected(id.error());
  out.admin_password = u.password;
  out.admin_role = u.role;
  return out;
}

Result<std::vector<GovernmentEntry>> GovernmentAdmin::list(const Principal& p) {
  if (!manages_governments(p.user.role)) return fail(ErrorCode::forbidden);
  return list_governments(ctx_, dir_);
}

Result<std::vector<GovernmentAdmin::Match>> GovernmentAdmin::search(const Principal& p, const std::string& query) {
  if (!manages_governments(p.user.role)) return fail(ErrorCode::forbidden);
  auto all = official_governments(dir_);
  if (!all) return std::unexpected(all.error());
  std::vector<Instansi> served;
  {
    auto tx = ctx_.store.begin(false);
    served = ctx_.store.reference().list_instansi(*tx);
  }
  std::map<std::string, std::string> provinces;
  for (const auto& g : *all)
    if (g.province_code.empty()) provinces[g.code] = g.official_name;
  std::vector<Match> out;
  for (auto& g : search_governments(*all, query)) {
    const bool is_served = std::ranges::any_of(served, [&](const Instansi& i) { return i.code == g.code; });
    std::string province = g.province_code.empty() ? std::string() : provinces[g.province_code];
    out.push_back({std::move(g), std::move(province), is_served});
  }
  return out;
}

Result<Government> GovernmentAdmin::add(const Principal& p, const std::string& code, const std::string& name) {
  if (!manages_governments(p.user.role)) return fail(ErrorCode::forbidden);
  return add_government(ctx_, dir_, code, name, p.actor());
}

Result<void> GovernmentAdmin::rename(const Principal& p, const std::string& code, const std::string& name) {
  if (!manages_governments(p.user.role)) return fail(ErrorCode::forbidden);
  return rename_government(ctx_, code, name, p.actor());
}

Result<void> GovernmentAdmin::set_disabled(const Principal& p, const std::string& code, bool disabled) {
  if (!manages_governments(p.user.role)) return fail(ErrorCode::forbidden);
  return set_government_disabled(ctx_, code, disabled, p.actor());
}

}  // namespace netral::app
