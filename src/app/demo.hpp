// Demo data for `make run` and `netral init --demo`: Provinsi Kepulauan Bangka Belitung (19)
// and Kabupaten Bangka Selatan (19.03), their main units, fictional staff, one staff user
// per role, and a few sample reports. Every person in it is fictional.
#pragma once
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/report_service.hpp"

namespace netral::app {

struct DemoUsers {
  std::string password;  // shared by every demo user, generated at load
  std::vector<std::pair<std::string, Role>> users;
};

// Loads the demo data unless it is there already (then returns no users).
Result<DemoUsers> load_demo(Context& ctx, AuthService& auth, ReportService& reports);

}  // namespace netral::app
