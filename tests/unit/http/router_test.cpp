// The route table as `netral serve --routes` prints it: every route in registration order
// with the body its policy admits, and matching by pattern.
#include <gtest/gtest.h>

#include "http/server.hpp"

namespace netral::http {
namespace {

Response ok(Request&) { return Response::text(200, "ok", "text/plain"); }

TEST(Router, ListsEveryRouteInOrderWithItsPolicy) {
  Router r;
  BodyPolicy json;
  json.json = true;
  json.max_json_bytes = 4096;
  r.add("GET", "/staff/cases/{id}", {}, ok);
  r.add("POST", "/api/v1/users", json, ok);
  const auto listed = r.list();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].method, "GET");
  EXPECT_EQ(listed[0].pattern, "/staff/cases/{id}");
  EXPECT_EQ(describe(listed[0].body), "none");
  EXPECT_EQ(listed[1].pattern, "/api/v1/users");
  EXPECT_EQ(describe(listed[1].body), "json<=4096");

  std::map<std::string, std::string, std::less<>> params;
  auto m = r.match("GET", "/staff/cases/42", params);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(params["id"], "42");
  auto wrong = r.match("DELETE", "/staff/cases/42", params);
  EXPECT_EQ(wrong.handler, nullptr);
  EXPECT_TRUE(wrong.path_known);  // 405, not 404
}

TEST(Router, DescribesFormsAndUploadsByTheirLimits) {
  BodyPolicy form;
  form.urlencoded = true;
  form.multipart = true;
  form.max_files = 0;
  form.max_json_bytes = 65536;
  form.max_field_bytes = 1000;
  form.max_total_bytes = 262144;
  EXPECT_EQ(describe(form), "form<=65536 multipart field<=1000 total<=262144");
  BodyPolicy upload = form;
  upload.urlencoded = false;
  upload.max_files = 3;
  upload.max_file_bytes = 1048576;
  EXPECT_EQ(describe(upload), "multipart files<=3x1048576 field<=1000 total<=262144");
}

}  // namespace
}  // namespace netral::http
