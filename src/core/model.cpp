#include "core/model.hpp"

#include <array>
#include <utility>

namespace netral {
namespace {

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "unknown";
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}

constexpr std::array<std::pair<StaffType, std::string_view>, 4> kStaffTypes{{
    {StaffType::pns, "pns"}, {StaffType::pppk, "pppk"}, {StaffType::non_asn, "non_asn"}, {StaffType::unknown, "unknown"}}};

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles{{{Role::admin, "admin"},
                                                                   {Role::verifier, "verifier"},
                                                                   {Role::examiner, "examiner"},
                                                                   {Role::unit_head, "unit_head"},
                                                                   {Role::ppk_office, "ppk_office"},
                                                                   {Role::liaison, "liaison"},
                                                                   {Role::analyst, "analyst"},
                                                                   {Role::superadmin, "superadmin"}}};

constexpr std::array<std::pair<CaseStatus, std::string_view>, 8> kStatuses{{{CaseStatus::received, "received"},
                                                                           {CaseStatus::verification, "verification"},
                                                                           {CaseStatus::examination, "examination"},
                                                                           {CaseStatus::recommendation, "recommendation"},
                                                                           {CaseStatus::decision, "decision"},
                                                                           {CaseStatus::executed, "executed"},
                                                                           {CaseStatus::closed, "closed"},
                                                                           {CaseStatus::rejected, "rejected"}}};

constexpr std::array<std::pair<Channel, std::string_view>, 6> kChannels{{{Channel::web, "web"},
                                                                        {Channel::api, "api"},
                                                                        {Channel::walk_in, "walk_in"},
                                                                        {Channel::bawaslu, "bawaslu"},
                                                                        {Channel::bkn, "bkn"},
                                                                        {Channel::agency_finding, "agency_finding"}}};

constexpr std::array<std::pair<Author, std::string_view>, 3> kAuthors{
    {{Author::reporter, "reporter"}, {Author::staff, "staff"}, {Author::system, "system"}}};

constexpr std::array<std::pair<RefDirection, std::string_view>, 2> kRefDirections{
    {{RefDirection::out, "out"}, {RefDirection::in, "in"}}};

constexpr std::array<std::pair<FlagStatus, std::string_view>, 3> kFlagStatuses{
    {{FlagStatus::open, "open"}, {FlagStatus::dismissed, "dismissed"}, {FlagStatus::confirmed, "confirmed"}}};

constexpr std::array<std::pair<PostKind, std::string_view>, 5> kPostKinds{{{PostKind::post, "post"},
                                                                        {PostKind::share, "share"},
                                                                        {PostKind::comment, "comment"},
                                                                        {PostKind::like, "like"},
                                                                        {PostKind::follow, "follow"}}};
constexpr std::array<std::pair<Stance, std::string_view>, 2> kStances{
    {{Stance::for_candidate, "for"}, {Stance::against_candidate, "against"}}};
constexpr std::array<std::pair<AssignmentKind, std::string_view>, 2> kAssignmentKinds{
    {{AssignmentKind::examiner, "examiner"}, {AssignmentKind::superior, "superior"}}};
constexpr std::array<std::pair<NotificationKind, std::string_view>, 1> kNotificationKinds{
    {{NotificationKind::escalation, "escalation"}}};

}  // namespace

std::string_view to_string(StaffType t) { return name_of(kStaffTypes, t); }
std::optional<StaffType> staff_type_from_string(std::string_view s) { return value_of(kStaffTypes, s); }
std::string_view to_string(Role r) { return name_of(kRoles, r); }
std::optional<Role> role_from_string(std::string_view s) { return value_of(kRoles, s); }
std::string_view to_string(CaseStatus s) { return name_of(kStatuses, s); }
std::optional<CaseStatus> case_status_from_string(std::string_view s) { return value_of(kStatuses, s); }
std::string_view to_string(Channel c) { return name_of(kChannels, c); }
std::optional<Channel> channel_from_string(std::string_view s) { return value_of(kChannels, s); }
std::string_view to_string(Author a) { return name_of(kAuthors, a); }
std::optional<Author> author_from_string(std::string_view s) { return value_of(kAuthors, s); }
std::string_view to_string(RefDirection d) { return name_of(kRefDirections, d); }
std::optional<RefDirection> ref_direction_from_string(std::string_view s) { return value_of(kRefDirections, s); }
std::string_view to_string(FlagStatus s) { return name_of(kFlagStatuses, s); }
std::optional<FlagStatus> flag_status_from_string(std::string_view s) { return value_of(kFlagStatuses, s); }
std::string_view to_string(PostKind k) { return name_of(kPostKinds, k); }
std::optional<PostKind> post_kind_from_string(std::string_view s) { return value_of(kPostKinds, s); }
std::string_view to_string(Stance s) { return name_of(kStances, s); }
std::optional<Stance> stance_from_string(std::string_view s) { return value_of(kStances, s); }
std::string_view to_string(AssignmentKind k) { return name_of(kAssignmentKinds, k); }
std::optional<AssignmentKind> assignment_kind_from_string(std::string_view s) { return value_of(kAssignmentKinds, s); }
std::string_view to_string(NotificationKind k) { return name_of(kNotificationKinds, k); }
std::optional<NotificationKind> notification_kind_from_string(std::string_view s) {
  return value_of(kNotificationKinds, s);
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> v;
    for (const auto& [r, _] : kRoles) v.push_back(r);
    return v;
  }();
  return roles;
}

const std::vector<CaseStatus>& all_case_statuses() {
  static const std::vector<CaseStatus> v = [] {
    std::vector<CaseStatus> out;
    for (const auto& [s, _] : kStatuses) out.push_back(s);
    return out;
  }();
  return v;
}

bool role_sees_reporter_identity(Role r) { return r == Role::admin || r == Role::superadmin || r == Role::verifier; }

}  // namespace netral
