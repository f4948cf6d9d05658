// Indonesia's regional governments from the official list shipped in data/regions/
// (Kemendagri codes and names, from idn-area-data; scripts/gen-regions.sh): what lets a
// deployment for any of the 552 governments start without demo data.
#pragma once
#include <filesystem>
#include <string>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "core/result.hpp"

namespace netral::app {

struct Government {
  std::string code;           // "36", "36.71"
  std::string name;           // "Pemerintah Kota Tangerang"
  std::string province_code;  // the province's code for a regency or city; empty for a province
};

// The government of a Kemendagri province ("36") or regency/city ("36.71") code, read
// from `regions_dir` (provinces.csv, regencies.csv). Errors: invalid_region_code (not a
// code of that form), unknown_instansi (no such province or regency), file_unreadable.
Result<Government> find_government(const std::filesystem::path& regions_dir, const std::string& code);

struct SetUp {
  Government government;
  std::string admin_password;  // empty when no admin was asked for
};

// Creates the government's instansi (and its province's, for a regency or city) when
// missing, and an admin of it named `admin_username` (if not empty) with a new random
// password, returned once. Idempotent for the instansi; an existing username is
// username_taken. Errors: those of find_government and AuthService::create_user.
Result<SetUp> set_up_government(Context& ctx, AuthService& auth, const std::filesystem::path& regions_dir,
                                const std::string& code, const std::string& admin_username);

}  // namespace netral::app
