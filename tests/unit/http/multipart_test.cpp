#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <map>
#include <vector>

using namespace netral::http;

namespace {

struct Collected {
  std::vector<PartHeaders> headers;
  std::vector<std::string> bodies;
};

// Parses `body` fed in chunks of `chunk` bytes.
std::pair<bool, Collected> parse(const std::string& boundary, const std::string& body, std::size_t chunk,
                                 MultipartParser::Limits limits = {}) {
  Collected c;
  MultipartParser p(boundary,
                    {[&](const PartHeaders& h) {
                       c.headers.push_back(h);
                       c.bodies.emplace_back();
                       return true;
                     },
                     [&](std::string_view d) {
                       c.bodies.back().append(d);
                       return true;
                     },
                     [&] { return true; }},
                    limits);
  bool ok = true;
  for (std::size_t i = 0; i < body.size() && ok; i += chunk) ok = p.feed(std::string_view(body).substr(i, chunk));
  ok = ok && p.finish();
  return {ok, c};
}

const std::string kBody =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"report\"\r\n"
    "Content-Type: application/json\r\n"
    "\r\n"
    "{\"description\":\"ikut kampanye\"}\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"evidence\"; filename=\"foto \\\"1\\\".jpg\"\r\n"
    "Content-Type: image/jpeg\r\n"
    "\r\n"
    "\xff\xd8\xff\r\n--XY\r\n--XyY-not-yet\r\nend\r\n"
    "--XyZ--\r\n"
    "epilogue ignored";

}  // namespace

TEST(Multipart, ParsesEveryChunking) {
  for (std::size_t chunk = 1; chunk <= kBody.size(); ++chunk) {
    auto [ok, c] = parse("XyZ", kBody, chunk);
    ASSERT_TRUE(ok) << "chunk " << chunk;
    ASSERT_EQ(c.headers.size(), 2u);
    EXPECT_EQ(c.headers[0].name, "report");
    EXPECT_FALSE(c.headers[0].has_filename);
    EXPECT_EQ(c.bodies[0], "{\"description\":\"ikut kampanye\"}");
    EXPECT_EQ(c.headers[1].name, "evidence");
    EXPECT_EQ(c.headers[1].filename, "foto \"1\".jpg");
    EXPECT_EQ(c.headers[1].content_type, "image/jpeg");
    EXPECT_EQ(c.bodies[1], "\xff\xd8\xff\r\n--XY\r\n--XyY-not-yet\r\nend");
  }
}

TEST(Multipart, EmptyPartBody) {
  std::string b = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--b--";
  auto [ok, c] = parse("b", b, 3);
  ASSERT_TRUE(ok);
  ASSERT_EQ(c.bodies.size(), 1u);
  EXPECT_EQ(c.bodies[0], "");
}

TEST(Multipart, RejectsMalformed) {
  auto err = [](const std::string& boundary, const std::string& body, MultipartParser::Limits l = {}) {
    MultipartParser p(boundary, {}, l);
    if (p.feed(body) && p.finish()) return MultipartError::none;
    return p.error();
  };
  EXPECT_EQ(err("b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc"), MultipartError::truncated);
  EXPECT_EQ(err("b", "--b\r\nX-Other: 1\r\n\r\nabc\r\n--b--"), MultipartError::bad_header);
  EXPECT_EQ(err("b", "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nabc\r\n--b--"),
            MultipartError::bad_header);
  EXPECT_EQ(err("b", "--bjunk\r\n"), MultipartError::bad_delimiter);
  EXPECT_EQ(err("b", std::string(5000, 'x')), MultipartError::bad_preamble);
  EXPECT_EQ(err("b", "--b\r\n" + std::string(9000, 'h')), MultipartError::header_too_large);
  EXPECT_EQ(err("b", ""), MultipartError::truncated);
  std::string many;
  for (int i = 0; i < 3; ++i) many += "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n";
  many += "--b--";
  EXPECT_EQ(err("b", many, {8192, 2}), MultipartError::too_many_parts);
}

TEST(Multipart, CallbackCanStopParsing) {
  MultipartParser p("b", {[](const PartHeaders&) { return false; }, {}, {}});
  EXPECT_FALSE(p.feed("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc\r\n--b--"));
  EXPECT_EQ(p.error(), MultipartError::rejected);
}

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryx7"), "----WebKitFormBoundaryx7");
  EXPECT_EQ(*multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("application/json; boundary=x"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}
