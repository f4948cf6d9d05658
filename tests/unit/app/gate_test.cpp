// The gates the route tables declare: what `netral serve --routes` prints for each.
#include <gtest/gtest.h>

#include "app/access.hpp"

namespace netral::app {
namespace {

TEST(Gate, SaysItsRuleAndTheRolesItAdmits) {
  EXPECT_EQ(describe(kPublic), "public");
  EXPECT_EQ(describe(kUsers), "manages_users: admin");
  EXPECT_EQ(describe(kUser), "manages_users: admin (per item)");
  EXPECT_EQ(describe(kIntake), "takes_intake: admin verifier");
  EXPECT_EQ(describe(kCaseReaders), "sees_all_cases: admin verifier examiner ppk_office");
  EXPECT_EQ(describe(kCase), "may_see_case: admin verifier examiner unit_head ppk_office liaison (per item)");
  // Every role is staff; only the analyst never sees a case.
  for (Role r : all_roles()) {
    EXPECT_TRUE(kStaff.admits(r));
    EXPECT_EQ(kCase.admits(r), r != Role::analyst);
  }
}

}  // namespace
}  // namespace netral::app
