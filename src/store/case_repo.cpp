// Reports, cases, messages and evidence metadata.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/soci_detail.hpp"
#include "store/soci_repos.hpp"

namespace netral::store::detail {
namespace {

// An upsert rather than SELECT-then-UPDATE: the row lock it takes makes concurrent writers
// on PostgreSQL queue up instead of reading the same n (SQLite writers are serialised).
constexpr std::string_view kNextCaseSerial = R"(
INSERT INTO case_counters (instansi_id, year, n) VALUES (:instansi, :year, 1)
ON CONFLICT (instansi_id, year) DO UPDATE SET n = case_counters.n + 1
RETURNING n)";

constexpr std::string_view kInsertCase = R"(
INSERT INTO cases (instansi_id, case_number, status, unit_id, employee_id, reported_name, summary,
                   created_at, updated_at)
VALUES (:instansi, :number, :status, :unit, :employee, :reported_name, :summary, :created, :updated)
RETURNING id)";

constexpr std::string_view kCaseColumns =
    "SELECT c.id, c.instansi_id, c.case_number, c.status, c.unit_id, c.employee_id, c.reported_name, c.summary, "
    "c.created_at, c.updated_at FROM cases c ";
constexpr std::string_view kCaseById = "WHERE c.id = :id";
constexpr std::string_view kCaseByNumber = "WHERE c.case_number = :number";

// The unit filter covers the unit and every unit below it. UNION (not UNION ALL) ends the
// walk even if a bad import made the parent links circular.
constexpr std::string_view kUnitTreeCte =
    "WITH RECURSIVE subunits(id) AS ("
    "SELECT id FROM units WHERE id = :unit "
    "UNION SELECT u.id FROM units u JOIN subunits s ON u.parent_id = s.id) ";
constexpr std::string_view kCountCases = "SELECT COUNT(*) FROM cases c ";
constexpr std::string_view kCasesNewestFirst = " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountByStatus = "SELECT c.status, COUNT(*) FROM cases c ";
constexpr std::string_view kGroupByStatus = " GROUP BY c.status";

constexpr std::string_view kSetCaseStatus = "UPDATE cases SET status = :status, updated_at = :now WHERE id = :id";

constexpr std::string_view kInsertReport = R"(
INSERT INTO reports (case_id, instansi_id, channel, reported_name, reported_nip, reported_unit, reported_position,
                     description, incident_date, incident_place, learned_date, links, anonymous, reporter_sealed,
                     receipt_hash, created_at)
VALUES (:case_id, :instansi, :channel, :name, :nip, :unit, :position, :description, :incident_date,
        :incident_place, :learned_date, :links, :anonymous, :sealed, :receipt_hash, :created)
RETURNING id)";

constexpr std::string_view kReportColumns =
    "SELECT id, case_id, instansi_id, channel, reported_name, reported_nip, reported_unit, reported_position, "
    "description, incident_date, incident_place, learned_date, links, anonymous, reporter_sealed, created_at "
    "FROM reports ";
constexpr std::string_view kReportByReceipt = "WHERE receipt_hash = :receipt_hash";
constexpr std::string_view kReportsOfCase = "WHERE case_id = :case_id ORDER BY id";

constexpr std::string_view kInsertMessage = R"(
INSERT INTO messages (case_id, report_id, author, staff_user_id, body, created_at)
VALUES (:case_id, :report_id, :author, :staff_user_id, :body, :created)
RETURNING id)";

constexpr std::string_view kMessagesOfCase = R"(
SELECT m.id, m.case_id, m.report_id, m.author, m.staff_user_id, COALESCE(u.display_name, ''), m.body, m.created_at
FROM messages m LEFT JOIN staff_users u ON u.id = m.staff_user_id
WHERE m.case_id = :case_id ORDER BY m.id)";

constexpr std::string_view kInsertEvidence = R"(
INSERT INTO evidence (case_id, report_id, message_id, sha256, size, mime, original_name, created_at)
VALUES (:case_id, :report_id, :message_id, :sha256, :size, :mime, :original_name, :created)
RETURNING id)";

constexpr std::string_view kEvidenceColumns =
    "SELECT id, case_id, report_id, message_id, sha256, size, mime, original_name, created_at FROM evidence ";
constexpr std::string_view kEvidenceOfCase = "WHERE case_id = :case_id ORDER BY id";
constexpr std::string_view kEvidenceById = "WHERE id = :id";

constexpr int kMaxPageLimit = 1000;

std::string cat(std::string_view a, std::string_view b) { return std::string(a).append(b); }

struct CaseRow {
  Case c;
  std::string status;
  void bind(Stmt& st) {
    st.into(c.id)
        .into(c.instansi_id)
        .into(c.case_number)
        .into(status)
        .into(c.unit_id)
        .into(c.employee_id)
        .into(c.reported_name)
        .into(c.summary)
        .into(c.created_at)
        .into(c.updated_at);
  }
  Case get() {
    c.status = parse_or_throw(case_status_from_string(status), "case status", status);
    return c;
  }
};

struct ReportRow {
  Report r;
  std::string channel;
  std::string links;
  void bind(Stmt& st) {
    st.into(r.id)
        .into(r.case_id)
        .into(r.instansi_id)
        .into(channel)
        .into(r.reported.name)
        .into(r.reported.nip)
        .into(r.reported.unit)
        .into(r.reported.position)
        .into(r.description)
        .into(r.incident_date)
        .into(r.incident_place)
        .into(r.learned_date)
        .into(links)
        .into(r.anonymous)
        .into(r.reporter_sealed)
        .into(r.created_at);
  }
  Report get() {
    Report out = r;
    out.channel = parse_or_throw(channel_from_string(channel), "channel", channel);
    auto j = nlohmann::json::parse(links, nullptr, /*allow_exceptions=*/false);
    if (!j.is_array()) throw StoreError("store: report " + std::to_string(r.id) + " has malformed links");
    for (const auto& l : j)
      if (l.is_string()) out.links.push_back(l.get<std::string>());
    return out;
  }
};

struct MessageRow {
  Message m;
  std::string author;
  void bind(Stmt& st) {
    st.into(m.id)
        .into(m.case_id)
        .into(m.report_id)
        .into(author)
        .into(m.staff_user_id)
        .into(m.author_name)
        .into(m.body)
        .into(m.created_at);
  }
  Message get() {
    m.author = parse_or_throw(author_from_string(author), "message author", author);
    return m;
  }
};

void bind(Stmt& st, Evidence& e) {
  st.into(e.id)
      .into(e.case_id)
      .into(e.report_id)
      .into(e.message_id)
      .into(e.sha256)
      .into(e.size)
      .into(e.mime)
      .into(e.original_name)
      .into(e.created_at);
}

// The WHERE clause of a case filter, with its parameters in placeholder order. The unit
// tree comes first because its CTE precedes the SELECT.
struct FilterSql {
  std::string cte;
  std::string where;
  std::vector<Param> params;
};

FilterSql filter_sql(const CaseFilter& f, bool with_status) {
  FilterSql out;
  std::vector<std::string> conds;
  if (f.unit_id) {
    out.cte = kUnitTreeCte;
    out.params.emplace_back(static_cast<long long>(*f.unit_id));
    conds.emplace_back("c.unit_id IN (SELECT id FROM subunits)");
  }
  if (f.instansi_id) {
    conds.emplace_back("c.instansi_id = :instansi");
    out.params.emplace_back(static_cast<long long>(*f.instansi_id));
  }
  if (!f.include_merged) conds.emplace_back("c.merged_into IS NULL");
  if (with_status && f.status) {
    conds.emplace_back("c.status = :status");
    out.params.emplace_back(std::string(to_string(*f.status)));
  }
  for (std::size_t i = 0; i < conds.size(); ++i) out.where += (i == 0 ? "WHERE " : " AND ") + conds[i];
  return out;
}

}  // namespace

std::int64_t SociCaseRepo::next_case_serial(Tx& tx, Id instansi_id, int year) {
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "next_case_serial", kNextCaseSerial);
  st.use(instansi_id).use(year).into(n);
  if (!st.run()) throw StoreError("store: next_case_serial returned no row");
  return n;
}

Id SociCaseRepo::insert_case(Tx& tx, const Case& c) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_case", kInsertCase);
  st.use(c.instansi_id)
      .use(c.case_number)
      .use(to_string(c.status))
      .use(c.unit_id)
      .use(c.employee_id)
      .use(c.reported_name)
      .use(c.summary)
      .use(c.created_at)
      .use(c.updated_at)
      .into(id);
  st.run();
  return id;
}

Id SociCaseRepo::insert_report(Tx& tx, const Report& r, const std::string& receipt_hash) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_report", kInsertReport);
  st.use(r.case_id)
      .use(r.instansi_id)
      .use(to_string(r.channel))
      .use(r.reported.name)
      .use(r.reported.nip)
      .use(r.reported.unit)
      .use(r.reported.position)
      .use(r.description)
      .use(r.incident_date)
      .use(r.incident_place)
      .use(r.learned_date)
      .use(nlohmann::json(r.links).dump())
      .use(r.anonymous)
      .use(r.reporter_sealed)
      .use(receipt_hash)
      .use(r.created_at)
      .into(id);
  st.run();
  return id;
}

std::optional<Case> SociCaseRepo::case_by_id(Tx& tx, Id id) {
  CaseRow row;
  Stmt st(soci_tx(tx).sql(), "case_by_id", cat(kCaseColumns, kCaseById));
  row.bind(st);
  st.use(id);
  if (!st.run()) return std::nullopt;
  return row.get();
}

std::optional<Case> SociCaseRepo::case_by_number(Tx& tx, const std::string& case_number) {
  CaseRow row;
  Stmt st(soci_tx(tx).sql(), "case_by_number", cat(kCaseColumns, kCaseByNumber));
  row.bind(st);
  st.use(case_number);
  if (!st.run()) return std::nullopt;
  return row.get();
}

std::optional<Report> SociCaseRepo::report_by_receipt_hash(Tx& tx, const std::string& receipt_hash) {
  ReportRow row;
  Stmt st(soci_tx(tx).sql(), "report_by_receipt_hash", cat(kReportColumns, kReportByReceipt));
  row.bind(st);
  st.use(receipt_hash);
  if (!st.run()) return std::nullopt;
  return row.get();
}

std::vector<Report> SociCaseRepo::reports_of_case(Tx& tx, Id case_id) {
  std::vector<Report> out;
  ReportRow row;
  Stmt st(soci_tx(tx).sql(), "reports_of_case", cat(kReportColumns, kReportsOfCase));
  row.bind(st);
  st.use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(row.get());
  return out;
}

PageOf<Case> SociCaseRepo::list_cases(Tx& tx, const CaseFilter& f, const Page& p) {
  auto& sql = soci_tx(tx).sql();
  const FilterSql flt = filter_sql(f, /*with_status=*/true);
  PageOf<Case> out;
  {
    Stmt st(sql, "count_cases", flt.cte + std::string(kCountCases) + flt.where);
    for (const auto& param : flt.params) st.use(param);
    st.into(out.total);
    st.run();
  }
  const int limit = std::clamp(p.limit, 0, kMaxPageLimit);
  const int offset = std::max(p.offset, 0);
  if (limit == 0 || offset >= out.total) return out;
  CaseRow row;
  Stmt st(sql, "list_cases", flt.cte + std::string(kCaseColumns) + flt.where + std::string(kCasesNewestFirst));
  row.bind(st);
  for (const auto& param : flt.params) st.use(param);
  st.use(limit).use(offset);
  for (bool got = st.run(); got; got = st.next()) out.items.push_back(row.get());
  return out;
}

// Every status is listed, zero counts included, in workflow order: the inbox shows them as tabs.
std::vector<std::pair<CaseStatus, long long>> SociCaseRepo::count_by_status(Tx& tx, const CaseFilter& f) {
  const FilterSql flt = filter_sql(f, /*with_status=*/false);
  std::vector<std::pair<CaseStatus, long long>> out;
  for (CaseStatus s : all_case_statuses()) out.emplace_back(s, 0);
  std::string status;
  long long n = 0;
  Stmt st(soci_tx(tx).sql(), "count_by_status", flt.cte + std::string(kCountByStatus) + flt.where +
                                                    std::string(kGroupByStatus));
  for (const auto& param : flt.params) st.use(param);
  st.into(status).into(n);
  for (bool got = st.run(); got; got = st.next()) {
    const CaseStatus s = parse_or_throw(case_status_from_string(status), "case status", status);
    for (auto& [k, v] : out)
      if (k == s) v = n;
  }
  return out;
}

void SociCaseRepo::set_case_status(Tx& tx, Id case_id, CaseStatus s, Timestamp now) {
  Stmt st(soci_tx(tx).sql(), "set_case_status", kSetCaseStatus);
  st.use(to_string(s)).use(now).use(case_id);
  st.run();
}

Id SociCaseRepo::insert_message(Tx& tx, const Message& m) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_message", kInsertMessage);
  st.use(m.case_id)
      .use(m.report_id)
      .use(to_string(m.author))
      .use(m.staff_user_id)
      .use(m.body)
      .use(m.created_at)
      .into(id);
  st.run();
  return id;
}

std::vector<Message> SociCaseRepo::messages_of_case(Tx& tx, Id case_id) {
  std::vector<Message> out;
  MessageRow row;
  Stmt st(soci_tx(tx).sql(), "messages_of_case", kMessagesOfCase);
  row.bind(st);
  st.use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(row.get());
  return out;
}

Id SociCaseRepo::insert_evidence(Tx& tx, const Evidence& e) {
  Id id = 0;
  Stmt st(soci_tx(tx).sql(), "insert_evidence", kInsertEvidence);
  st.use(e.case_id)
      .use(e.report_id)
      .use(e.message_id)
      .use(e.sha256)
      .use(e.size)
      .use(e.mime)
      .use(e.original_name)
      .use(e.created_at)
      .into(id);
  st.run();
  return id;
}

std::vector<Evidence> SociCaseRepo::evidence_of_case(Tx& tx, Id case_id) {
  std::vector<Evidence> out;
  Evidence e;
  Stmt st(soci_tx(tx).sql(), "evidence_of_case", cat(kEvidenceColumns, kEvidenceOfCase));
  bind(st, e);
  st.use(case_id);
  for (bool got = st.run(); got; got = st.next()) out.push_back(e);
  return out;
}

std::optional<Evidence> SociCaseRepo::evidence_by_id(Tx& tx, Id id) {
  Evidence e;
  Stmt st(soci_tx(tx).sql(), "evidence_by_id", cat(kEvidenceColumns, kEvidenceById));
  bind(st, e);
  st.use(id);
  if (!st.run()) return std::nullopt;
  return e;
}

}  // namespace netral::store::detail
