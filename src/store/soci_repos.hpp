// The SOCI implementations of the repository interfaces of store.hpp. They hold no
// connection: each call runs on the connection of the Tx it is given. One class serves
// both backends; the few statements that differ are chosen by Tx::backend().
#pragma once
#include "store/catalog_repo.hpp"
#include "store/conduct_repo.hpp"
#include "store/screening_repo.hpp"
#include "store/store.hpp"
#include "store/workflow_repo.hpp"

namespace netral::store::detail {

class SociReferenceRepo final : public ReferenceRepo {
 public:
  Id upsert_instansi(Tx& tx, const Instansi& i) override;
  void set_instansi_disabled(Tx& tx, Id id, bool disabled) override;
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

class SociWorkflowRepo final : public WorkflowRepo {
 public:
  Id insert_event(Tx& tx, const CaseEvent& e) override;
  std::vector<CaseEvent> events_of_case(Tx& tx, Id case_id) override;
  Id insert_assignment(Tx& tx, const Assignment& a) override;
  std::vector<Assignment> assignments_of_case(Tx& tx, Id case_id) override;
  Id insert_deadline(Tx& tx, const Deadline& d) override;
  std::vector<Deadline> deadlines_of_case(Tx& tx, Id case_id) override;
  int stop_deadlines(Tx& tx, Id case_id, const std::string& clock, Timestamp now) override;
  std::vector<Deadline> overdue_deadlines(Tx& tx, Timestamp now, int max_level, int limit) override;
  void mark_escalated(Tx& tx, Id deadline_id, Timestamp now, int level) override;
  CaseFlow case_flow(Tx& tx, Id case_id) override;
  void refresh_flow(Tx& tx, Id case_id, std::optional<Role> holder) override;
  void set_duplicate_of(Tx& tx, Id case_id, std::optional<Id> other) override;
  void set_merged_into(Tx& tx, Id case_id, Id target) override;
  void move_case_content(Tx& tx, Id from, Id to) override;
  std::vector<Id> find_duplicates(Tx& tx, Id instansi_id, Id except, const std::string& name, const std::string& nip,
                                  const std::string& incident_date) override;
  std::vector<Id> cases_without_flow(Tx& tx, int limit) override;
  Id insert_external_ref(Tx& tx, const ExternalRef& r) override;
  std::vector<ExternalRef> external_refs_of_case(Tx& tx, Id case_id) override;
  PageOf<InboxRow> inbox(Tx& tx, const InboxFilter& f, const Page& p,
                         std::optional<long long> overdue) override;
  long long count_overdue(Tx& tx, const InboxFilter& f) override;
  std::vector<std::pair<CaseStatus, long long>> count_by_status(Tx& tx, const InboxFilter& f) override;
  Id insert_notification(Tx& tx, const Notification& n) override;
  std::vector<Notification> notifications_of(Tx& tx, Id user_id, bool unread_only, int limit) override;
  long long count_unread(Tx& tx, Id user_id) override;
  void mark_notification_read(Tx& tx, Id id, Id user_id, Timestamp now) override;
};

class SociScreeningRepo final : public ScreeningRepo {
 public:
  Id upsert_election(Tx& tx, const ElectionRow& e) override;
  std::optional<ElectionRow> election_by_code(Tx& tx, const std::string& code) override;
  std::optional<ElectionRow> election_by_id(Tx& tx, Id id) override;
  std::vector<ElectionRow> list_elections(Tx& tx) override;
  long long count_election_flags(Tx& tx, Id election_id) override;
  bool delete_election(Tx& tx, Id id) override;
  Id upsert_account(Tx& tx, const StaffAccount& a) override;
  std::vector<StaffAccount> list_accounts(Tx& tx) override;
  std::optional<StaffAccount> account_by_id(Tx& tx, Id id) override;
  bool delete_account(Tx& tx, Id id) override;
  std::optional<Id> insert_flag(Tx& tx, const FlagRow& f) override;
  std::optional<FlagRow> flag_by_id(Tx& tx, Id id) override;
  std::optional<FlagRow> flag_by_post(Tx& tx, Id election_id, const std::string& platform,
                                      const std::string& post_id) override;
  bool attach_screenshot(Tx& tx, Id flag_id, const std::string& sha256, const std::string& mime,
                         long long size) override;
  PageOf<FlagRow> list_flags(Tx& tx, const FlagFilter& f, const Page& p) override;
  bool review_flag(Tx& tx, Id id, FlagStatus status, const std::string& reason, Id reviewer, Timestamp at,
                   std::optional<Id> case_id) override;
  FlagCounts count_flags(Tx& tx, std::optional<Id> instansi_id) override;
  std::vector<FlagRow> list_reviewed(Tx& tx, std::optional<Id> instansi_id, Id after_id, int limit) override;
};

class SociConductRepo final : public ConductRepo {
 public:
  void set_report_conduct(Tx& tx, Id report_id, const std::vector<std::string>& conduct) override;
  std::vector<std::string> report_conduct(Tx& tx, Id report_id) override;
  void set_case_conduct(Tx& tx, Id case_id, const std::vector<std::string>& conduct, Id user_id,
                        Timestamp now) override;
  CaseConduct case_conduct(Tx& tx, Id case_id) override;
  std::vector<std::pair<std::string, long long>> confirmed_counts(Tx& tx,
                                                                  std::optional<Id> instansi_id) override;
  long long confirmed_cases(Tx& tx, Id instansi_id) override;
};

class SociCatalogRepo final : public CatalogRepo {
 public:
  Id insert_draft(Tx& tx, const CatalogCircular& c) override;
  std::optional<CatalogCircular> circular_by_id(Tx& tx, Id id) override;
  std::optional<CatalogCircular> circular_by_document(Tx& tx, const std::string& document_id) override;
  std::vector<CatalogCircular> list_circulars(Tx& tx, const std::string& region_code) override;
  bool update_draft(Tx& tx, Id id, long long expected_rev, const std::string& body, Timestamp now) override;
  bool add_version(Tx& tx, Id id, long long expected_version, const CatalogVersion& v,
                   const std::string& document_id) override;
  std::vector<CatalogVersion> versions_of(Tx& tx, Id circular_id) override;
  std::optional<CatalogVersion> version_of(Tx& tx, Id circular_id, long long version) override;
  std::vector<CatalogVersion> current_versions(Tx& tx) override;
};

}  // namespace netral::store::detail
