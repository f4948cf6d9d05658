// Domain types of Netral. Plain data, no I/O. Names follow the glossary of docs/domain.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netral {

using Id = std::int64_t;
using Timestamp = std::int64_t;  // seconds since the Unix epoch, UTC

// Kind of staff a reported person or roster entry is.
enum class StaffType { pns, pppk, non_asn, unknown };
std::string_view to_string(StaffType t);
std::optional<StaffType> staff_type_from_string(std::string_view s);

// Roles of staff users (issue 3 widens their rules; the set is fixed here).
// superadmin: an admin of their own instansi who also manages the deployment's regional
// governments (app/access.hpp, manages_governments).
enum class Role { admin, verifier, examiner, unit_head, ppk_office, liaison, analyst, superadmin };
std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);
const std::vector<Role>& all_roles();
// Whether this role may read the reporter's identity (name, NIK, phone, e-mail).
bool role_sees_reporter_identity(Role r);

// Case states. Transition rules live in core/workflow (issue 3).
enum class CaseStatus { received, verification, examination, recommendation, decision, executed, closed, rejected };
std::string_view to_string(CaseStatus s);
std::optional<CaseStatus> case_status_from_string(std::string_view s);
const std::vector<CaseStatus>& all_case_statuses();

// How a report reached the agency.
enum class Channel { web, api, walk_in, bawaslu, bkn, agency_finding };
std::string_view to_string(Channel c);
std::optional<Channel> channel_from_string(std::string_view s);

// A regional government (province, regency or city), identified by its Kemendagri code.
struct Instansi {
  Id id = 0;
  std::string code;  // "19", "19.03"
  std::string name;  // "Pemerintah Kabupaten Bangka Selatan"
  std::optional<Id> parent_id;
  bool disabled = false;  // takes no new public reports; its cases and staff work on
};

// A Perangkat Daerah (department) or sub-unit of an instansi.
struct Unit {
  Id id = 0;
  Id instansi_id = 0;
  std::optional<Id> parent_id;
  std::string code;  // short code, unique within the instansi
  std::string name;
};

// A staff member on the roster.
struct Employee {
  Id id = 0;
  Id instansi_id = 0;
  std::optional<Id> unit_id;
  std::string nip;  // NIP (PNS) or NI PPPK; empty for non-ASN
  std::string name;
  StaffType type = StaffType::unknown;
  std::string position;
  std::optional<Id> superior_id;  // direct superior, for conflict-of-interest rules
};

// Who the reporter says they are. Stored encrypted; every field optional.
struct ReporterIdentity {
  std::string name;
  std::string nik;
  std::string phone;
  std::string email;
  bool empty() const { return name.empty() && nik.empty() && phone.empty() && email.empty(); }
};

// The person a report is about, as the reporter described them.
struct ReportedPerson {
  std::string name;
  std::string nip;
  std::string unit;
  std::string position;
};

// One report as received. A case groups one or more reports (duplicates merge into one case).
struct Report {
  Id id = 0;
  Id case_id = 0;
  Id instansi_id = 0;
  Channel channel = Channel::web;
  ReportedPerson reported;
  std::string description;
  std::string incident_date;  // ISO YYYY-MM-DD or empty
  std::string incident_place;
  std::string learned_date;  // ISO YYYY-MM-DD or empty
  std::vector<std::string> links;
  bool anonymous = true;
  std::string reporter_sealed;  // reporter identity, encrypted (base64 nonce|ciphertext); empty if anonymous
  Timestamp created_at = 0;
};

struct Case {
  Id id = 0;
  Id instansi_id = 0;
  std::string case_number;  // "19.03-2024-00042"
  CaseStatus status = CaseStatus::received;
  std::optional<Id> unit_id;      // unit of the reported person, when known
  std::optional<Id> employee_id;  // roster link, when known
  std::string reported_name;      // denormalised for the inbox
  std::string summary;            // first words of the description, for the inbox
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

enum class Author { reporter, staff, system };
std::string_view to_string(Author a);
std::optional<Author> author_from_string(std::string_view s);

// Which way a case crossed to or from another body (Bawaslu, BKN): "out" we forwarded it,
// "in" they forwarded it to us. The body itself is a ForwardTarget (core/workflow).
enum class RefDirection { out, in };
std::string_view to_string(RefDirection d);
std::optional<RefDirection> ref_direction_from_string(std::string_view s);

// Where a screening flag stands in review: open until a reviewer dismisses it or confirms
// it by opening a case.
enum class FlagStatus { open, dismissed, confirmed };
std::string_view to_string(FlagStatus s);
std::optional<FlagStatus> flag_status_from_string(std::string_view s);

// A message between staff and the reporter on a case, seen through the receipt.
struct Message {
  Id id = 0;
  Id case_id = 0;
  std::optional<Id> report_id;  // the report (receipt) the message belongs to
  Author author = Author::system;
  std::optional<Id> staff_user_id;
  std::string author_name;  // staff display name, filled by queries
  std::string body;
  Timestamp created_at = 0;
};

// A file attached to a report or message. The bytes live in the evidence store under sha256.
struct Evidence {
  Id id = 0;
  Id case_id = 0;
  std::optional<Id> report_id;
  std::optional<Id> message_id;
  std::string sha256;  // lowercase hex
  std::int64_t size = 0;
  std::string mime;           // sniffed from content, never from the name
  std::string original_name;  // as uploaded, for staff information only; never used to serve
  Timestamp created_at = 0;
};

struct StaffUser {
  Id id = 0;
  Id instansi_id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;  // argon2id, libsodium string format
  Role role = Role::verifier;
  std::optional<Id> unit_id;      // for unit heads: the unit they head
  std::optional<Id> employee_id;  // roster entry of the user, for conflict-of-interest rules
  bool disabled = false;
  Timestamp created_at = 0;
  // Liaisons: the national body they answer for, "bawaslu" or "bkn"; they follow only the
  // cases forwarded to or received from it. Empty: both (accounts made before the field).
  std::string liaison_body{};
};

// A staff login session. The token itself is never stored: only its keyed hash.
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  Timestamp created_at = 0;
  Timestamp expires_at = 0;
};

// One audit entry. Entries are chained: hash = H(prev_hash || canonical fields).
struct AuditEntry {
  Id id = 0;
  std::optional<Id> instansi_id;
  Timestamp at = 0;
  std::string actor;   // "user:12", "reporter", "system"
  std::string action;  // "report.create", "identity.view", "evidence.download", ...
  std::string object;  // "case:42"
  std::string detail;  // JSON text
  std::string ip;
  std::string prev_hash;
  std::string hash;
};

// What a screened post is: its author's own post, or a share, comment, like or follow of
// someone else's (docs/screening.md).
enum class PostKind : std::uint8_t { post, share, comment, like, follow };
std::string_view to_string(PostKind k);
std::optional<PostKind> post_kind_from_string(std::string_view s);

// Which way a screened post leans about a candidate.
enum class Stance : std::uint8_t { for_candidate, against_candidate };
std::string_view to_string(Stance s);  // "for" / "against"
std::optional<Stance> stance_from_string(std::string_view s);

// Who was put on a case: an examiner (a staff user) or the reported person's direct superior.
enum class AssignmentKind { examiner, superior };
std::string_view to_string(AssignmentKind k);
std::optional<AssignmentKind> assignment_kind_from_string(std::string_view s);

// Why an in-app notification was sent. One kind today; the column keeps room for more.
enum class NotificationKind { escalation };
std::string_view to_string(NotificationKind k);
std::optional<NotificationKind> notification_kind_from_string(std::string_view s);

}  // namespace netral
