#include "app/regions.hpp"

#include <fstream>

#include "app/secrets.hpp"
#include "core/identifiers.hpp"

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

}  // namespace

Result<Government> find_government(const std::filesystem::path& regions_dir, const std::string& code) {
  auto normal = normalize_region_code(code);
  if (!normal) return std::unexpected(normal.error());
  Government g;
  g.code = *normal;
  if (g.code.size() == 2) {
    auto name = name_in(regions_dir / "provinces.csv", g.code);
    if (!name) return std::unexpected(name.error());
    g.name = "Pemerintah Provinsi " + *name;
    return g;
  }
  if (g.code.size() != 5) return fail(ErrorCode::invalid_region_code, {}, "instansi", "a province (36) or regency/city (36.71) code");
  auto name = name_in(regions_dir / "regencies.csv", g.code);
  if (!name) return std::unexpected(name.error());
  g.name = "Pemerintah " + *name;  // "Kabupaten ..." or "Kota ..."
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
  u.role = Role::admin;
  auto id = auth.create_user(u, Actor{"cli", ""});
  if (!id) return std::unexpected(id.error());
  out.admin_password = u.password;
  return out;
}

}  // namespace netral::app
