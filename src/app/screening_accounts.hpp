// Staff accounts on social media linked to the roster (issue 5, docs/screening.md
// "Managing elections"): admins link one handle or import a CSV, and unlink. A post by a
// linked handle is screened as an employee's; each change is audited and makes the
// screener (app/screener_cache.hpp) rebuild.
#pragma once
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/context.hpp"
#include "app/screener_cache.hpp"
#include "store/screening_repo.hpp"

namespace netral::app {

// How a post's account is compared with the links: trimmed, lower-case, without a leading '@'.
std::string clean_handle(std::string h);

class ScreeningAccounts {
 public:
  ScreeningAccounts(Context& ctx, ScreenerCache& screeners) : ctx_(ctx), screeners_(screeners) {}

  // Admin. Links (or re-links) a handle to the roster entry with this NIP in the admin's
  // instansi. Errors: "forbidden", "invalid_field", "unknown_employee".
  Result<void> link_account(const Principal& p, const std::string& platform, const std::string& handle,
                            const std::string& nip);
  // Admin. CSV platform,account,nip (a header line is allowed); all or nothing.
  // Errors as link_account, with the line in the detail ("line 3: ...").
  Result<int> import_accounts(const Principal& p, const std::string& csv);
  std::vector<store::StaffAccount> list();
  // Admin. Removes the link of an account of the admin's instansi; flags raised before keep
  // the account and the employee. Errors: "forbidden", "not_found".
  Result<void> unlink_account(const Principal& p, Id account_id);

 private:
  Context& ctx_;
  ScreenerCache& screeners_;
};

}  // namespace netral::app
