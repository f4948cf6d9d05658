// Indonesia's regional governments from the official list shipped in data/regions/
// (Kemendagri codes and names, from idn-area-data; scripts/gen-regions.sh): what lets a
// deployment for any of the 552 governments start without demo data.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"

namespace netral::app {

struct Government {
  std::string code;           // "36", "36.71"
  std::string name;           // "Pemerintah Kota Tangerang"
  std::string province_code;  // the province's code for a regency or city; empty for a province
  std::string official_name;  // as the list spells it: "Kota Tangerang", "Banten"
};

// The government of a Kemendagri province ("36") or regency/city ("36.71") code, read
// from `regions_dir` (provinces.csv, regencies.csv). Errors: invalid_region_code (not a
// code of that form), unknown_instansi (no such province or regency), file_unreadable.
Result<Government> find_government(const std::filesystem::path& regions_dir, const std::string& code);

struct SetUp {
  Government government;
  std::string admin_password;  // empty when no admin was asked for
  Role admin_role = Role::admin;
};

// Creates the government's instansi (and its province's, for a regency or city) when
// missing, and an admin of it named `admin_username` (if not empty) with a new random
// password, returned once. The first admin of a deployment (no superadmin yet) is made a
// superadmin, so that someone can manage the governments from the web UI; later ones are
// instansi admins. Idempotent for the instansi; an existing username is username_taken. Errors: those of find_government and AuthService::create_user.
Result<SetUp> set_up_government(Context& ctx, AuthService& auth, const std::filesystem::path& regions_dir,
                                const std::string& code, const std::string& admin_username);

// Every province and regency/city of the official list, provinces first, by code.
// Error: file_unreadable.
Result<std::vector<Government>> official_governments(const std::filesystem::path& regions_dir);

// The entries of `all` whose code or name contains every word of `query` (case and the
// "Pemerintah"/"Kabupaten"/"Kota" prefixes do not matter beyond the words typed), at most
// `limit` of them, in list order. An empty query matches nothing.
std::vector<Government> search_governments(const std::vector<Government>& all, const std::string& query,
                                           std::size_t limit = 30);

// A government this deployment serves, as `netral instansi list` and the superadmin page
// show it: the stored row (name as renamed, disabled) with the list's names beside it.
struct GovernmentEntry {
  Instansi instansi;
  std::string official_name;  // "Kabupaten Tangerang"; empty for a code outside the list
  std::string province;       // the province's official name ("Banten"); a province's own
  std::string level;          // "province", "regency", "city"
};
Result<std::vector<GovernmentEntry>> list_governments(Context& ctx, const std::filesystem::path& regions_dir);

// Adds the government of `code` from the official list (and its province when missing),
// named `name` when not empty, else from the list; audited as instansi.create by `actor`.
// Errors: those of find_government, instansi_exists (it is served already; nothing changes),
// invalid_field "name" (over 200 bytes).
Result<Government> add_government(Context& ctx, const std::filesystem::path& regions_dir, const std::string& code,
                                  const std::string& name, const Actor& actor);

// Renames a served government (instansi.rename). Errors: unknown_instansi, missing_field or
// invalid_field "name".
Result<void> rename_government(Context& ctx, const std::string& code, const std::string& name, const Actor& actor);

// Disables (no new public reports, not offered on the public form; its cases, users and
// staff work on) or enables a served government (instansi.disable / instansi.enable).
// Error: unknown_instansi.
Result<void> set_government_disabled(Context& ctx, const std::string& code, bool disabled, const Actor& actor);

// The superadmin's governments page: the calls above for a signed-in person, each refused
// ("forbidden") unless app::manages_governments admits their role. Audited as that person.
class GovernmentAdmin {
 public:
  GovernmentAdmin(Context& ctx, std::filesystem::path regions_dir) : ctx_(ctx), dir_(std::move(regions_dir)) {}
  Result<std::vector<GovernmentEntry>> list(const Principal& p);
  // The official entries matching `query` (search_governments), each marked served or not.
  struct Match {
    Government government;
    std::string province;  // its province's official name; empty for a province
    bool served = false;
  };
  Result<std::vector<Match>> search(const Principal& p, const std::string& query);
  Result<Government> add(const Principal& p, const std::string& code, const std::string& name);
  Result<void> rename(const Principal& p, const std::string& code, const std::string& name);
  Result<void> set_disabled(const Principal& p, const std::string& code, bool disabled);

 private:
  Context& ctx_;
  std::filesystem::path dir_;
};

}  // namespace netral::app
