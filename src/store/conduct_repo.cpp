#include "store/conduct_repo.hpp"

#include <algorithm>

#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

constexpr std::string_view kDeleteReportConduct = "DELETE FROM report_conduct WHERE report_id = :report";
constexpr std::string_view kInsertReportConduct = "INSERT INTO report_conduct (report_id, conduct) VALUES (:report, :conduct)";
constexpr std::string_view kReportConduct = "SELECT conduct FROM report_conduct WHERE report_id = :report ORDER BY conduct";
constexpr std::string_view kDeleteCaseConduct = "DELETE FROM case_conduct WHERE case_id = :case_id";
constexpr std::string_view kInsertCaseConduct = "INSERT INTO case_conduct (case_id, conduct) VALUES (:case_id, :conduct)";
// The confirmation itself (who, when) lives beside the set, so that "confirmed: none" is
// different from "not confirmed yet".
constexpr std::string_view kUpsertConfirmation = R"(
INSERT INTO case_conduct_confirmations (case_id, user_id, confirmed_at) VALUES (:case_id, :user_id, :at)
ON CONFLICT (case_id) DO UPDATE SET user_id = excluded.user_id, confirmed_at = excluded.confirmed_at)";
constexpr std::string_view kCaseConduct = "SELECT conduct FROM case_conduct WHERE case_id = :case_id ORDER BY conduct";
constexpr std::string_view kConfirmation = R"(
SELECT c.user_id, COALESCE(u.display_name, ''), c.confirmed_at FROM case_conduct_confirmations c
LEFT JOIN staff_users u ON u.id = c.user_id WHERE c.case_id = :case_id)";
constexpr std::string_view kCountsAll =
    "SELECT cc.conduct, COUNT(*) FROM case_conduct cc GROUP BY cc.conduct ORDER BY cc.conduct";
constexpr std::string_view kCountsOf =
    "SELECT cc.conduct, COUNT(*) FROM case_conduct cc JOIN cases c ON c.id = cc.case_id "
    "WHERE c.instansi_id = :instansi GROUP BY cc.conduct ORDER BY cc.conduct";

constexpr std::string_view kConfirmedCases =
    "SELECT COUNT(*) FROM case_conduct_confirmations x JOIN cases c ON c.id = x.case_id WHERE c.instansi_id = :instansi";

std::vector<std::string> unique_sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

void SociConductRepo::set_report_conduct(Tx& tx, Id report_id, const std::vector<std::string>& conduct) {
  auto& sql = soci_tx(tx).sql();
  Stmt(sql, "delete_report_conduct", kDeleteReportConduct).use(report_id).run();
  for (auto& c : unique_sorted(conduct)) Stmt(sql, "insert_report_conduct", kInsertReportConduct).use(report_id).use(c).run();
}

std::vector<std::string> SociConductRepo::report_conduct(Tx& tx, Id report_id) {
  std::vector<std::string> out;
  std::string c;
  Stmt st(soci_tx(tx).sql(), "report_conduct", kReportConduct);
  st.use(report_id).into(c);
  for (bool row = st.run(); row; row = st.next()) out.push_back(c);
  return out;
}

void SociConductRepo::set_case_conduct(Tx& tx, Id case_id, const std::vector<std::string>& conduct, Id user_id, Timestamp now) {
  auto& sql = soci_tx(tx).sql();
  Stmt(sql, "delete_case_conduct", kDeleteCaseConduct).use(case_id).run();
  for (auto& c : unique_sorted(conduct)) Stmt(sql, "insert_case_conduct", kInsertCaseConduct).use(case_id).use(c).run();
  Stmt(sql, "upsert_conduct_confirmation", kUpsertConfirmation).use(case_id).use(user_id).use(now).run();
}

CaseConduct SociConductRepo::case_conduct(Tx& tx, Id case_id) {
  CaseConduct out;
  auto& sql = soci_tx(tx).sql();
  std::string c;
  Stmt st(sql, "case_conduct", kCaseConduct);
  st.use(case_id).into(c);
  for (bool row = st.run(); row; row = st.next()) out.conduct.push_back(c);
  long long user = 0, at = 0;
  std::string name;
  Stmt conf(sql, "conduct_confirmation", kConfirmation);
  conf.use(case_id).into(user).into(name).into(at);
  if (conf.run()) {
    out.confirmed = true;
    out.confirmed_by = user;
    out.confirmed_by_name = name;
    out.confirmed_at = at;
  }
  return out;
}

std::vector<std::pair<std::string, long long>> SociConductRepo::confirmed_counts(Tx& tx, std::optional<Id> instansi_id) {
  std::vector<std::pair<std::string, long long>> out;
  std::string c;
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), instansi_id ? "conduct_counts_of" : "conduct_counts", instansi_id ? kCountsOf : kCountsAll);
  if (instansi_id) st.use(*instansi_id);
  st.into(c).into(n);
  for (bool row = st.run(); row; row = st.next()) out.emplace_back(c, n);
  return out;
}

long long SociConductRepo::confirmed_cases(Tx& tx, Id instansi_id) {
  long long n = 0;
  Stmt(soci_tx(tx).sql(), "confirmed_cases", kConfirmedCases).use(instansi_id).into(n).run();
  return n;
}

}  // namespace netral::store::detail
