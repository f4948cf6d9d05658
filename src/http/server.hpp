// The HTTP server: routing, limits, timeouts and streaming uploads. Knows HTTP, not the
// domain. Beast and Asio stay inside server.cpp so that nothing else recompiles them.
#pragma once
#include "core/error_code.hpp"
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace netral::http {

// What a route accepts as a request body. Content types outside `accept` get 415.
struct BodyPolicy {
  bool json = false;        // application/json, buffered up to max_json_bytes
  bool urlencoded = false;  // application/x-www-form-urlencoded, buffered up to max_json_bytes
  bool multipart = false;   // multipart/form-data, file parts streamed to disk
  std::size_t max_json_bytes = 64 * 1024;
  std::size_t max_field_bytes = 64 * 1024;    // one multipart text field
  std::size_t max_files = 10;                 // file parts per request
  std::uint64_t max_file_bytes = 25ull << 20; // one file part
  std::uint64_t max_total_bytes = 100ull << 20;  // whole body
  static BodyPolicy none() { return {}; }
};

// Client errors the server detects itself, before any handler runs, are ErrorCodes
// (bad_request, malformed_multipart, body_too_large, request_timeout, not_found ...): their
// status comes from core/error_code.hpp like every other error's.

using Handler = std::function<Response(Request&)>;
// Renders a fault (or a 500 when `fault` is empty) for this request: the web layer decides
// JSON or HTML and the language.
using FaultRenderer = std::function<Response(const Request&, std::optional<ErrorCode> fault)>;

// The body a policy admits, in words: "none", or the kinds and their limits in bytes
// (JSON and url-encoded bodies are buffered up to max_json_bytes; multipart streams),
// e.g. "json<=65536", "form<=65536 multipart field<=65536 total<=262144".
std::string describe(const BodyPolicy& p);

class Router {
 public:
  // `pattern` is a path with {name} segments, e.g. "/api/v1/cases/{id}".
  // `access` says who may call it, for the route table only (the handler decides).
  void add(std::string method, std::string pattern, BodyPolicy body, Handler handler, std::string access = "public");

  struct Match {
    const Handler* handler = nullptr;
    const BodyPolicy* body = nullptr;
    bool path_known = false;  // some route has this path (for 405 vs 404)
  };
  Match match(std::string_view method, std::string_view path, std::map<std::string, std::string, std::less<>>& params) const;

  // Every route as registered, in order: what `netral serve --routes` prints and the access
  // matrix test checks its rows against.
  struct Listed {
    std::string method;
    std::string pattern;
    BodyPolicy body;
    std::string access;
  };
  std::vector<Listed> list() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::string access;
    std::vector<std::string> segments;
    BodyPolicy body;
    Handler handler;
  };
  std::vector<Route> routes_;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int worker_threads = 8;  // handlers run here: they may block on the database
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};        // without progress
  std::chrono::seconds request_timeout{600};    // whole request, slow-drip guard
  std::chrono::seconds keep_alive_timeout{30};
  std::size_t max_header_bytes = 16 * 1024;
  std::filesystem::path upload_dir;  // temp files of uploads; same filesystem as the evidence store
  // Paths (prefixes) whose targets must never be logged (they carry secrets, e.g. receipts).
  std::vector<std::string> secret_path_prefixes;
};

class Server {
 public:
  virtual ~Server() = default;
  // Binds and listens; returns the port actually bound (useful with port 0).
  virtual unsigned short bind() = 0;
  // Serves until stop() or SIGINT/SIGTERM. Blocks.
  virtual void run() = 0;
  virtual void stop() = 0;
};
using ServerPtr = std::unique_ptr<Server>;

ServerPtr make_server(ServerOptions options, std::shared_ptr<const Router> router, FaultRenderer render_fault);

}  // namespace netral::http
