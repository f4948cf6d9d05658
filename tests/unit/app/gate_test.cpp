// The gates the route tables declare: what `netral serve --routes` prints for each.
#include <gtest/gtest.h>

#include "app/access.hpp"

namespace netral::app {
namespace {

TEST(Gate, SaysItsRuleAndTheRolesItAdmits) {
  EXPECT_EQ(describe(kPublic), "public");
  EXPECT_EQ(describe(kUsers), "manages_users: admin superadmin");
  EXPECT_EQ(describe(kUser), "manages_users: admin superadmin (per item)");
  EXPECT_EQ(describe(kIntake), "takes_intake: admin verifier superadmin");
  EXPECT_EQ(describe(kCaseReaders), "sees_all_cases: admin verifier examiner ppk_office superadmin");
  EXPECT_EQ(describe(kCase), "may_see_case: admin verifier examiner unit_head ppk_office liaison superadmin (per item)");
  // Only a superadmin manages the deployment's governments.
  EXPECT_EQ(describe(kGovernments), "manages_governments: superadmin");
  // Every role is staff; only the analyst never sees a case.
  for (Role r : all_roles()) {
    EXPECT_TRUE(kStaff.admits(r));
    EXPECT_EQ(kCase.admits(r), r != Role::analyst);
  }
}

// An instansi admin can neither make a superadmin nor act on one's account (a reset code
// would hand it over); a superadmin can do both.
TEST(Access, OnlyASuperadminGivesOrManagesTheSuperadminRole) {
  EXPECT_FALSE(may_grant_role(Role::admin, Role::superadmin));
  EXPECT_TRUE(may_grant_role(Role::admin, Role::admin));
  EXPECT_TRUE(may_grant_role(Role::superadmin, Role::superadmin));
  EXPECT_FALSE(may_manage_account(Role::admin, Role::superadmin));
  EXPECT_TRUE(may_manage_account(Role::admin, Role::verifier));
  EXPECT_TRUE(may_manage_account(Role::superadmin, Role::superadmin));
  for (Role r : all_roles()) EXPECT_EQ(manages_governments(r), r == Role::superadmin) << to_string(r);
}

}  // namespace
}  // namespace netral::app
