// Settings of a deployment, from netral.toml. Every key is optional (docs/configuration.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <vector>
#include <string>

#include "core/result.hpp"

namespace netral::app {

struct Config {
  struct Http {
    std::string listen = "127.0.0.1:8080";
    int header_timeout = 10;  // seconds to receive the request head
    int body_timeout = 30;    // seconds without progress while receiving a body
    int max_header_bytes = 16384;
    int max_json_bytes = 65536;
    int io_threads = 2;
    int worker_threads = 8;
  } http;
  struct Evidence {
    std::uint64_t max_file_bytes = 25ull << 20;
    std::uint64_t max_report_bytes = 100ull << 20;
    int max_files = 10;
  } evidence;
  struct Limits {
    int reports_per_minute = 20;  // per client IP, public submissions and replies
    int login_failures = 5;       // per username and IP per 15 minutes
    int session_hours = 8;
  } limits;
  // Outgoing e-mail of escalations (app/notifier). An empty url turns e-mail off.
  struct Smtp {
    std::string url;   // "smtp://mail.example.go.id:587", "smtps://...:465", "smtp://127.0.0.1:2525"
    std::string from;  // "netral@bkpsdmd.example.go.id"
    std::string username, password;
    bool starttls = false;  // require STARTTLS on smtp:// URLs
    int timeout = 20;       // seconds per message
    std::map<std::string, std::vector<std::string>> recipients;  // role -> addresses ([smtp.recipients])
  } smtp;
  // Social-media screening (issue 5, docs/screening.md).
  struct Screening {
    // The collector's bearer token for POST /api/v1/screening/posts (docs/api.md), at least
    // kMinCollectorToken characters; empty: bearer tokens are refused.
    std::string collector_token;
  } screening;
  std::string db;    // empty: <data>/netral.db
  std::string data;  // empty: ./var
};

inline constexpr std::size_t kMinCollectorToken = 32;

// Reads a TOML file; unknown keys are errors (a typo must not silently keep a default).
// Error code "config_invalid" with the file, line and key in `detail`. The environment
// overrides the file (apply_environment).
Result<Config> load_config(const std::filesystem::path& file);

// Settings the environment overrides, so that a secret can stay out of the file:
// NETRAL_COLLECTOR_TOKEN (screening.collector_token; a value shorter than kMinCollectorToken
// leaves no token, as it always has). Called by load_config, and on the defaults when there is
// no file.
void apply_environment(Config& c);

}  // namespace netral::app
