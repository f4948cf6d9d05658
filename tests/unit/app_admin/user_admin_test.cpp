// Staff administration on both backends: the new repository methods, the admin service
// (instansi isolation, disable ends sessions, one-time reset codes, role and unit rules)
// and TOTP at login.
#include <gtest/gtest.h>

#include <set>

#include "app/auth_service.hpp"
#include "app/user_admin.hpp"
#include "app_fixture.hpp"
#include "core/totp.hpp"

namespace netral::app {
namespace {

using store::Backend;
using testing::AppTest;

const std::string kPassword = "kata-sandi-uji-123";

class UserAdmin : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    freeze_clock(1'900'000'000);
    auth_ = std::make_unique<AuthService>(*ctx_);
    svc_ = std::make_unique<UserAdminService>(*ctx_);
    auto tx = store().begin(true);
    Id prov = store().reference().upsert_instansi(*tx, Instansi{0, "19", "Provinsi", {}});
    Id kab = store().reference().upsert_instansi(*tx, Instansi{0, "19.03", "Kabupaten", prov});
    disdik_ = store().reference().upsert_unit(*tx, Unit{0, kab, {}, "DISDIK", "Dinas Pendidikan"});
    prov_unit_ = store().reference().upsert_unit(*tx, Unit{0, prov, {}, "DINSOS", "Dinas Sosial"});
    tx->commit();
    for (auto [name, inst, role] : {std::tuple{"admin", "19.03", Role::admin}, std::tuple{"verif", "19.03", Role::verifier},
                                    std::tuple{"provadmin", "19", Role::admin}, std::tuple{"provuser", "19", Role::verifier}}) {
      auto id = auth_->create_user({name, "", kPassword, inst, "", role}, Actor{"system", ""});
      ASSERT_TRUE(id) << id.error().code;
    }
    admin_ = login("admin");
    prov_admin_ = login("provadmin");
  }
  Principal login(const std::string& user, const std::string& password = kPassword, const std::string& code = {}) {
    auto in = auth_->login(user, password, "127.0.0.1", code);
    EXPECT_TRUE(in) << user << ": " << (in ? "" : to_string(in.error().code));
    return in ? in->principal : Principal{};
  }
  Id id_of(const std::string& username) {
    auto tx = store().begin(false);
    return store().users().user_by_username(*tx, username)->id;
  }
  long long audit_count(const std::string& action) {
    auto tx = store().begin(false);
    long long n = 0;
    for (const auto& e : store().audit().audit_entries(*tx, 0, 100000)) n += e.action == action;
    return n;
  }

  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<UserAdminService> svc_;
  Id disdik_ = 0, prov_unit_ = 0;
  Principal admin_, prov_admin_;
};

TEST_P(UserAdmin, RepositoryResetsAndTotpRoundTrip) {
  auto& users = store().users();
  const Id uid = id_of("verif");
  {
    auto tx = store().begin(true);
    users.insert_password_reset(*tx, store::PasswordReset{"h1", uid, "user:1", 100, 200});
    users.insert_password_reset(*tx, store::PasswordReset{"h2", uid, "user:1", 110, 4'102'444'800});  // retires h1
    tx->commit();
  }
  auto tx = store().begin(true);
  EXPECT_FALSE(users.password_reset_by_hash(*tx, "h1", 150));
  auto r = users.password_reset_by_hash(*tx, "h2", 150);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->user_id, uid);
  EXPECT_EQ(r->expires_at, 4'102'444'800);
  EXPECT_FALSE(users.password_reset_by_hash(*tx, "h2", 4'102'444'800));  // expired at that instant
  EXPECT_TRUE(users.use_password_reset(*tx, "h2", 160));
  EXPECT_FALSE(users.use_password_reset(*tx, "h2", 161));
  EXPECT_FALSE(users.password_reset_by_hash(*tx, "h2", 170));
  EXPECT_EQ(users.totp_of(*tx, uid).sealed, "");
  users.set_totp(*tx, uid, store::TotpState{"sealed", 4'000'000'000});
  EXPECT_EQ(users.totp_of(*tx, uid).sealed, "sealed");
  EXPECT_EQ(users.totp_of(*tx, uid).last_step, 4'000'000'000);
  users.insert_session(*tx, Session{"t1", uid, "c", 1, 9'000'000'000});
  users.insert_session(*tx, Session{"t2", uid, "c", 1, 9'000'000'000});
  users.delete_sessions_of(*tx, uid);
  EXPECT_FALSE(users.session_by_hash(*tx, "t1", 2));
  EXPECT_FALSE(users.session_by_hash(*tx, "t2", 2));
  tx->commit();
}

TEST_P(UserAdmin, AdminSeesAndManagesOnlyTheirInstansi) {
  auto mine = svc_->list(admin_);
  ASSERT_TRUE(mine);
  std::set<std::string> names;
  for (const auto& v : *mine) names.insert(v.user.username);
  EXPECT_EQ(names, (std::set<std::string>{"admin", "verif"}));
  EXPECT_EQ(svc_->get(admin_, id_of("provuser")).error().code, ErrorCode::not_found);
  EXPECT_EQ(svc_->set_disabled(admin_, id_of("provuser"), true).error().code, ErrorCode::not_found);
  EXPECT_EQ(svc_->issue_reset(admin_, id_of("provuser")).error().code, ErrorCode::not_found);
  EXPECT_EQ(svc_->assign(admin_, id_of("provuser"), Role::analyst, {}).error().code, ErrorCode::not_found);
  // A unit of another instansi is unknown here.
  EXPECT_EQ(svc_->create(admin_, {"newhead", "", Role::unit_head, prov_unit_}).error().code, ErrorCode::unknown_unit);
  EXPECT_TRUE(svc_->get(prov_admin_, id_of("provuser")));
}

TEST_P(UserAdmin, NonAdminsAreForbidden) {
  auto verif = login("verif");
  EXPECT_EQ(svc_->list(verif).error().code, ErrorCode::forbidden);
  EXPECT_EQ(svc_->create(verif, {"x_user", "", Role::admin, {}}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(svc_->assign(verif, verif.user.id, Role::admin, {}).error().code, ErrorCode::forbidden);
}

TEST_P(UserAdmin, CreateIssuesAOneTimeCodeTheUserRedeems) {
  auto made = svc_->create(admin_, {"kadis2", "Kepala Dinas", Role::unit_head, disdik_});
  ASSERT_TRUE(made) << made.error().code;
  EXPECT_EQ(made->reset.expires_at, now_ + 24 * 3600);
  // No password works before the code is used.
  EXPECT_FALSE(auth_->login("kadis2", kPassword, "127.0.0.1"));
  // Codes are typed by people: case and dashes do not matter.
  std::string typed = made->reset.code;
  for (auto& c : typed) c = static_cast<char>(std::tolower(c));
  EXPECT_EQ(svc_->redeem_reset(typed, "short", Actor{}).error().code, ErrorCode::invalid_field);
  auto who = svc_->redeem_reset(typed, "kata-sandi-baru-99", Actor{"anonymous", "10.0.0.1"});
  ASSERT_TRUE(who) << who.error().code;
  EXPECT_EQ(*who, "kadis2");
  EXPECT_TRUE(auth_->login("kadis2", "kata-sandi-baru-99", "127.0.0.1"));
  // Once only.
  EXPECT_EQ(svc_->redeem_reset(made->reset.code, "lain-lagi-12345", Actor{}).error().code, ErrorCode::invalid_reset_code);
  EXPECT_EQ(audit_count("user.create"), 5);
  EXPECT_EQ(audit_count("user.reset_used"), 1);
  EXPECT_TRUE(verify_audit(store()).ok);
}

TEST_P(UserAdmin, CreateChecksItsInput) {
  EXPECT_EQ(svc_->create(admin_, {"AB", "", Role::verifier, {}}).error().code, ErrorCode::invalid_field);
  EXPECT_EQ(svc_->create(admin_, {"verif", "", Role::verifier, {}}).error().code, ErrorCode::username_taken);
  EXPECT_EQ(svc_->create(admin_, {"headless", "", Role::unit_head, {}}).error().code, ErrorCode::missing_field);
  EXPECT_EQ(svc_->create(admin_, {"nounit", "", Role::verifier, 987654}).error().code, ErrorCode::unknown_unit);
}

TEST_P(UserAdmin, ResetCodesExpireAndAreReplacedByNewOnes) {
  const Id uid = id_of("verif");
  auto first = svc_->issue_reset(admin_, uid);
  auto second = svc_->issue_reset(admin_, uid);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(svc_->redeem_reset(first->code, "kata-sandi-baru-99", Actor{}).error().code, ErrorCode::invalid_reset_code);
  now_ += 24 * 3600;  // exactly at expiry
  EXPECT_EQ(svc_->redeem_reset(second->code, "kata-sandi-baru-99", Actor{}).error().code, ErrorCode::invalid_reset_code);
  EXPECT_EQ(svc_->redeem_reset("NOT-A-REAL-CODE", "kata-sandi-baru-99", Actor{}).error().code, ErrorCode::invalid_reset_code);
  // The old password still works: an unredeemed code changes nothing.
  EXPECT_TRUE(auth_->login("verif", kPassword, "127.0.0.1"));
}

TEST_P(UserAdmin, RedeemingEndsTheUsersSessions) {
  auto verif = login("verif");
  ASSERT_TRUE(auth_->authenticate("x", "") == std::nullopt);
  auto in = auth_->login("verif", kPassword, "127.0.0.1");
  ASSERT_TRUE(in);
  ASSERT_TRUE(auth_->authenticate(in->token, "127.0.0.1"));
  auto code = svc_->issue_reset(admin_, verif.user.id);
  ASSERT_TRUE(svc_->redeem_reset(code->code, "kata-sandi-baru-99", Actor{}));
  EXPECT_FALSE(auth_->authenticate(in->token, "127.0.0.1"));
}

TEST_P(UserAdmin, DisablingEndsSessionsAndBlocksLogin) {
  auto in = auth_->login("verif", kPassword, "127.0.0.1");
  ASSERT_TRUE(in);
  const Id uid = in->principal.user.id;
  ASSERT_TRUE(svc_->set_disabled(admin_, uid, true));
  EXPECT_FALSE(auth_->authenticate(in->token, "127.0.0.1"));
  {
    auto tx = store().begin(false);
    EXPECT_FALSE(store().users().session_by_hash(*tx, in->principal.token_hash, now_));
  }
  EXPECT_EQ(auth_->login("verif", kPassword, "127.0.0.1").error().code, ErrorCode::invalid_credentials);
  EXPECT_EQ(svc_->issue_reset(admin_, uid).error().code, ErrorCode::invalid_field);
  ASSERT_TRUE(svc_->set_disabled(admin_, uid, false));
  EXPECT_TRUE(auth_->login("verif", kPassword, "127.0.0.1"));
  EXPECT_EQ(audit_count("user.disable"), 1);
  EXPECT_EQ(audit_count("user.enable"), 1);
  EXPECT_EQ(svc_->set_disabled(admin_, admin_.user.id, true).error().code, ErrorCode::invalid_field);
}

TEST_P(UserAdmin, RoleAndUnitAssignment) {
  const Id uid = id_of("verif");
  EXPECT_EQ(svc_->assign(admin_, uid, Role::unit_head, {}).error().code, ErrorCode::missing_field);
  ASSERT_TRUE(svc_->assign(admin_, uid, Role::unit_head, disdik_));
  auto v = svc_->get(admin_, uid);
  EXPECT_EQ(v->user.role, Role::unit_head);
  EXPECT_EQ(v->user.unit_id, disdik_);
  EXPECT_EQ(v->unit_code, "DISDIK");
  EXPECT_EQ(svc_->assign(admin_, admin_.user.id, Role::verifier, {}).error().code, ErrorCode::invalid_field);
  EXPECT_EQ(audit_count("user.assign"), 1);
}

TEST_P(UserAdmin, TotpEnrolmentThenLoginNeedsTheCodeOnce) {
  auto verif = login("verif");
  auto e = svc_->begin_totp(verif);
  EXPECT_EQ(e.secret_base32.size(), 32u);
  EXPECT_TRUE(e.uri.starts_with("otpauth://totp/Netral%2019.03:verif?secret=" + e.secret_base32));
  const std::string key = *totp::base32_decode(e.secret_base32);
  EXPECT_EQ(svc_->confirm_totp(verif, e.secret_base32, "000000").error().code == ErrorCode::invalid_totp ||
                totp::code_at(key, now_) == "000000",
            true);
  ASSERT_TRUE(svc_->confirm_totp(verif, e.secret_base32, totp::code_at(key, now_)));
  {
    auto tx = store().begin(false);
    auto t = store().users().totp_of(*tx, verif.user.id);
    EXPECT_NE(t.sealed.find_first_not_of(" "), std::string::npos);
    EXPECT_EQ(t.sealed.find(e.secret_base32), std::string::npos) << "secret must be sealed at rest";
  }
  EXPECT_EQ(auth_->login("verif", kPassword, "127.0.0.1").error().code, ErrorCode::totp_required);
  // The code used to confirm cannot open a session (same step).
  EXPECT_EQ(auth_->login("verif", kPassword, "127.0.0.1", totp::code_at(key, now_)).error().code, ErrorCode::invalid_totp);
  now_ += 30;
  EXPECT_EQ(auth_->login("verif", "wrong-password!", "127.0.0.1", totp::code_at(key, now_)).error().code,
            ErrorCode::invalid_credentials);
  EXPECT_TRUE(auth_->login("verif", kPassword, "127.0.0.1", totp::code_at(key, now_)));
  EXPECT_EQ(auth_->login("verif", kPassword, "127.0.0.1", totp::code_at(key, now_)).error().code, ErrorCode::invalid_totp);
  // The admin clears it (a lost phone): the password alone works again.
  ASSERT_TRUE(svc_->clear_totp(admin_, verif.user.id));
  EXPECT_TRUE(auth_->login("verif", kPassword, "127.0.0.1"));
  EXPECT_EQ(audit_count("user.totp_enrol"), 1);
  EXPECT_EQ(audit_count("user.totp_cleared"), 1);
  EXPECT_TRUE(verify_audit(store()).ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, UserAdmin, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         store::testing::backend_name);

}  // namespace
}  // namespace netral::app
