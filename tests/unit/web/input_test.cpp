// Reading handler input without a server: the JSON body as form-like fields (the workflow
// and intake API), and the staff intake read by name from either. The HTTP suite checks the
// same routes end to end; these pin the parsing itself, case by case.
#include <gtest/gtest.h>

#include "web/common.hpp"
#include "web/intake_pages.hpp"

namespace netral::web {
namespace {

http::Request json_request(std::string body) {
  http::Request r;
  r.body = std::move(body);
  return r;
}

std::vector<std::string> values(const Fields& f, const std::string& k) {
  std::vector<std::string> out;
  auto [b, e] = f.equal_range(k);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

TEST(FieldsOfJson, FlattensAnObjectLikeAForm) {
  auto f = fields_of_json(json_request(
      R"({"note":"catatan","days":5,"checked":true,"no":false,"examiners":["3","4"],"gone":null,)"
      R"("findings":[{"item":"k1","proven":true},{"item":"k2"}]})"));
  EXPECT_EQ(field_value(f, "note"), "catatan");
  EXPECT_EQ(field_value(f, "days"), "5");
  EXPECT_EQ(field_value(f, "checked"), "1");
  EXPECT_EQ(field_value(f, "no"), "0");
  EXPECT_EQ(values(f, "examiners"), (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(f.count("gone"), 0u);
  EXPECT_EQ(values(f, "finding_item"), (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(field_value(f, "finding_1"), "1");
  EXPECT_EQ(field_value(f, "finding_2"), "0");
  EXPECT_EQ(field_value(f, "absent"), "");
}

Error thrown_by(const std::string& body) {
  try {
    fields_of_json(json_request(body));
  } catch (const ClientError& e) {
    return e.error;
  }
  ADD_FAILURE() << "no error for " << body;
  return {};
}

TEST(FieldsOfJson, RefusesWhatIsNotAnObjectOfScalars) {
  EXPECT_EQ(thrown_by("{not json").code, ErrorCode::malformed_json);
  EXPECT_EQ(thrown_by("[1, 2]").code, ErrorCode::malformed_json);
  const Error nested = thrown_by(R"({"note": {"a": 1}})");
  EXPECT_EQ(nested.code, ErrorCode::wrong_type);
  EXPECT_EQ(nested.field, "note");
  EXPECT_EQ(thrown_by(R"({"findings": [1]})").field, "findings");
  EXPECT_EQ(http_status(nested.code), 422);
}

TEST(IntakeFrom, ReadsEveryFieldByNameFromAFormOrJson) {
  const char* names[] = {"external_ref", "reported_name", "reported_nip",   "reported_unit", "reported_position",
                         "description",  "incident_date", "learned_date",   "incident_place", "reporter_name",
                         "reporter_phone", "reporter_email"};
  Fields form{{"channel", "bawaslu"}};
  std::string json = R"({"channel":"bawaslu")";
  for (const char* n : names) {
    form.emplace(n, std::string("nilai-") + n);
    json += std::string(",\"") + n + "\":\"nilai-" + n + "\"";
  }
  json += "}";
  for (const auto& in : {intake_from(form), intake_from(fields_of_json(json_request(json)))}) {
    EXPECT_EQ(in.report.channel, Channel::bawaslu);
    EXPECT_EQ(in.external_ref, "nilai-external_ref");
    EXPECT_EQ(in.report.reported.name, "nilai-reported_name");
    EXPECT_EQ(in.report.reported.nip, "nilai-reported_nip");
    EXPECT_EQ(in.report.reported.unit, "nilai-reported_unit");
    EXPECT_EQ(in.report.reported.position, "nilai-reported_position");
    EXPECT_EQ(in.report.description, "nilai-description");
    EXPECT_EQ(in.report.incident_date, "nilai-incident_date");
    EXPECT_EQ(in.report.learned_date, "nilai-learned_date");
    EXPECT_EQ(in.report.incident_place, "nilai-incident_place");
    EXPECT_EQ(in.report.reporter.name, "nilai-reporter_name");
    EXPECT_EQ(in.report.reporter.phone, "nilai-reporter_phone");
    EXPECT_EQ(in.report.reporter.email, "nilai-reporter_email");
    EXPECT_EQ(in.report.reporter.nik, "");  // staff never enter a reporter's NIK here
  }
}

TEST(IntakeFrom, AChannelThatIsNoChannelIsAnInvalidField) {
  for (const char* ch : {"", "pos", "WALK_IN"}) {
    try {
      intake_from(Fields{{"channel", ch}});
      ADD_FAILURE() << "accepted channel '" << ch << "'";
    } catch (const ClientError& e) {
      EXPECT_EQ(e.error.code, ErrorCode::invalid_field);
      EXPECT_EQ(e.error.field, "channel");
      EXPECT_EQ(e.status(), 422);
    }
  }
}

}  // namespace
}  // namespace netral::web
