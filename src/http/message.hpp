// HTTP requests and responses as the rest of Netral sees them: plain data, no Beast.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netral::http {

// An uploaded file, already streamed to a temporary file by the server. The server
// deletes `path` after the handler returns unless the handler moved it away.
struct UploadedFile {
  std::string field;
  std::string filename;      // as sent by the client: informative only, never trusted
  std::string content_type;  // as sent by the client: never trusted
  std::filesystem::path path;
  std::uint64_t size = 0;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target
  std::string path;    // decoded path without query
  std::multimap<std::string, std::string, std::less<>> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::map<std::string, std::string, std::less<>> params;     // route parameters, e.g. {id}
  std::string body;                                            // buffered bodies (JSON, urlencoded)
  std::multimap<std::string, std::string, std::less<>> form;   // urlencoded or multipart text fields
  std::vector<UploadedFile> files;
  std::string remote_ip;

  std::string_view header(std::string_view lower_name) const;
  std::string cookie(std::string_view name) const;
  std::string query_value(std::string_view key) const;
  std::string form_value(std::string_view key) const;
  std::string param(std::string_view key) const;
  std::string content_type() const;  // media type only, lower-cased, without parameters
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::optional<std::filesystem::path> file;  // when set, the body is streamed from this file

  void set(std::string name, std::string value);
  static Response text(int status, std::string body, std::string content_type);
  static Response redirect(std::string location, int status = 303);
};

// Percent-decoding for paths and form values. `plus_is_space` for x-www-form-urlencoded.
std::optional<std::string> url_decode(std::string_view s, bool plus_is_space);
std::string url_encode(std::string_view s);
std::multimap<std::string, std::string, std::less<>> parse_urlencoded(std::string_view s);

}  // namespace netral::http
