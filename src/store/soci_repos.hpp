// The SOCI implementations of the repository interfaces of store.hpp. They hold no
// connection: each call runs on the connection of the Tx it is given. One class serves
// both backends; the few statements that differ are chosen by Tx::backend().
#pragma once
#include "store/store.hpp"

namespace netral::store::detail {

class SociReferenceRepo final : public ReferenceRepo {
 public:
  Id upsert_instansi(Tx& tx, const Instansi& i) override;
  std::optional<Instansi> instansi_by_code(Tx& tx, const std::string& code) override;
  std::optional<Instansi> instansi_by_id(Tx& tx, Id id) override;
  std::vector<Instansi> list_instansi(Tx& tx) override;
  Id upsert_unit(Tx& tx, const Unit& u) override;
  std::vector<Unit> units_of(Tx& tx, Id instansi_id) override;
  std::optional<Unit> unit_by_id(Tx& tx, Id id) override;
  Id insert_employee(Tx& tx, const Employee& e) override;
  std::optional<Employee> employee_by_nip(Tx& tx, Id instansi_id, const std::string& nip) override;
  std::optional<Employee> employee_by_id(Tx& tx, Id id) override;
  long long count_employees(Tx& tx, Id instansi_id) override;
  void update_employee(Tx& tx, const Employee& e) override;
  std::vector<Employee> employees_of(Tx& tx, Id instansi_id) override;
};

class SociCaseRepo final : public CaseRepo {
 public:
  std::int64_t next_case_serial(Tx& tx, Id instansi_id, int year) override;
  Id insert_case(Tx& tx, const Case& c) override;
  Id insert_report(Tx& tx, const Report& r, const std::string& receipt_hash) override;
  std::optional<Case> case_by_id(Tx& tx, Id id) override;
  std::optional<Case> case_by_number(Tx& tx, const std::string& case_number) override;
  std::optional<Report> report_by_receipt_hash(Tx& tx, const std::string& receipt_hash) override;
  std::vector<Report> reports_of_case(Tx& tx, Id case_id) override;
  PageOf<Case> list_cases(Tx& tx, const CaseFilter& f, const Page& p) override;
  std::vector<std::pair<CaseStatus, long long>> count_by_status(Tx& tx, const CaseFilter& f) override;
  void set_case_status(Tx& tx, Id case_id, CaseStatus s, Timestamp now) override;
  Id insert_message(Tx& tx, const Message& m) override;
  std::vector<Message> messages_of_case(Tx& tx, Id case_id) override;
  Id insert_evidence(Tx& tx, const Evidence& e) override;
  std::vector<Evidence> evidence_of_case(Tx& tx, Id case_id) override;
  std::optional<Evidence> evidence_by_id(Tx& tx, Id id) override;
};

class SociUserRepo final : public UserRepo {
 public:
  Id insert_user(Tx& tx, const StaffUser& u) override;
  void update_user(Tx& tx, const StaffUser& u) override;
  std::optional<StaffUser> user_by_username(Tx& tx, const std::string& username) override;
  std::optional<StaffUser> user_by_id(Tx& tx, Id id) override;
  std::vector<StaffUser> list_users(Tx& tx, std::optional<Id> instansi_id) override;
  void insert_session(Tx& tx, const Session& s) override;
  std::optional<Session> session_by_hash(Tx& tx, const std::string& token_hash, Timestamp now) override;
  void delete_session(Tx& tx, const std::string& token_hash) override;
  void delete_expired_sessions(Tx& tx, Timestamp now) override;
  void delete_sessions_of(Tx& tx, Id user_id) override;
  void insert_password_reset(Tx& tx, const PasswordReset& r) override;
  std::optional<PasswordReset> password_reset_by_hash(Tx& tx, const std::string& code_hash, Timestamp now) override;
  bool use_password_reset(Tx& tx, const std::string& code_hash, Timestamp now) override;
  void delete_password_resets_of(Tx& tx, Id user_id) override;
  TotpState totp_of(Tx& tx, Id user_id) override;
  void set_totp(Tx& tx, Id user_id, const TotpState& t) override;
};

class SociAuditRepo final : public AuditRepo {
 public:
  std::string last_hash(Tx& tx) override;
  Id insert_audit(Tx& tx, const AuditEntry& e) override;
  std::vector<AuditEntry> audit_entries(Tx& tx, Id after_id, int limit) override;
  std::vector<AuditEntry> audit_of_object(Tx& tx, const std::string& object) override;
};

}  // namespace netral::store::detail
