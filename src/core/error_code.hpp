// Every failure a user or client can be told about has one stable code. Its HTTP status and
// the message that explains it to a person are fixed here, in one table, so that no layer
// maps codes again and no code can exist without a status: the X-macro below is the only
// place an enumerator is declared, and each declaration carries its status and message key.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string_view>

namespace netral {

// X(code, http_status, default_message_key). The code's name is what the JSON API sends
// ("error": {"code": ...}) and docs/api.md lists: renaming one breaks API clients.
#define NETRAL_ERROR_CODES(X)                                                          \
  /* the request itself (mostly raised by http/ before a handler runs) */              \
  X(bad_request, 400, "error.bad_request")                                              \
  X(malformed_json, 400, "error.malformed_json")                                        \
  X(malformed_multipart, 400, "error.malformed_multipart")                              \
  X(malformed_form, 400, "error.malformed_form")                                        \
  X(not_found, 404, "error.not_found")                                                  \
  X(method_not_allowed, 405, "error.method_not_allowed")                                \
  X(request_timeout, 408, "error.request_timeout")                                      \
  X(body_too_large, 413, "error.body_too_large")                                        \
  X(field_too_large, 413, "error.field_too_large")                                      \
  X(file_too_large, 413, "error.file_too_large")                                        \
  X(too_many_files, 413, "error.too_many_files")                                        \
  X(report_too_large, 413, "error.report_too_large")                                    \
  X(screenshot_too_large, 413, "error.screenshot_too_large")                            \
  X(unsupported_media_type, 415, "error.unsupported_media_type")                        \
  X(unsupported_file_type, 415, "error.unsupported_file_type")                          \
  X(unsupported_screenshot_type, 415, "error.unsupported_screenshot_type")              \
  X(header_too_large, 431, "error.header_too_large")                                    \
  /* who is asking */                                                                   \
  X(unauthenticated, 401, "error.unauthenticated")                                      \
  X(invalid_credentials, 401, "error.invalid_credentials")                              \
  X(invalid_totp, 401, "error.invalid_totp")                                            \
  X(totp_required, 401, "error.totp_required")                                          \
  X(csrf_failed, 403, "error.csrf_failed")                                              \
  X(forbidden, 403, "error.forbidden")                                                  \
  X(conflict_of_interest, 403, "error.conflict_of_interest")                            \
  X(rate_limited, 429, "error.rate_limited")                                            \
  /* what was sent: well-formed but not acceptable */                                   \
  X(missing_field, 422, "error.missing_field")                                          \
  X(invalid_field, 422, "error.invalid_field")                                          \
  X(wrong_type, 422, "error.wrong_type")                                                \
  X(invalid_nip, 422, "error.invalid_nip")                                              \
  X(invalid_nik, 422, "error.invalid_nik_length")                                       \
  X(invalid_date, 422, "error.invalid_date")                                            \
  X(invalid_region_code, 422, "error.invalid_region_code")                              \
  X(unknown_instansi, 422, "error.unknown_instansi")                                    \
  X(instansi_disabled, 422, "error.instansi_disabled")                                  \
  X(unknown_unit, 422, "error.unknown_unit")                                            \
  X(unknown_employee, 422, "error.unknown_employee")                                    \
  X(unknown_role, 422, "error.unknown_role")                                            \
  X(invalid_username, 422, "error.invalid_username")                                    \
  X(invalid_reset_code, 422, "error.invalid_reset_code")                                \
  X(invalid_file, 422, "error.invalid_file")                                            \
  X(missing_column, 422, "error.roster_missing_column")                                 \
  X(file_unreadable, 422, "screen.file_unreadable")                                     \
  X(catalog_invalid, 422, "catalog.invalid")                                            \
  X(invalid_election, 422, "error.invalid_election")                                    \
  X(unknown_election, 422, "error.unknown_election")                                    \
  X(invalid_platform, 422, "error.invalid_platform")                                    \
  X(invalid_post, 422, "screen.post_invalid")                                           \
  X(invalid_accounts, 422, "screen.accounts_invalid")                                   \
  X(invalid_lexicon_file, 422, "screen.lexicon_invalid")                                \
  X(invalid_screenshot, 422, "error.invalid_screenshot")                                \
  /* the state of things forbids it now */                                              \
  X(username_taken, 409, "error.username_taken")                                        \
  X(instansi_exists, 409, "error.instansi_exists")                                      \
  X(transition_not_allowed, 409, "error.transition_not_allowed")                        \
  X(guard_failed, 409, "error.transition_not_allowed")                                  \
  X(already_reviewed, 409, "error.already_reviewed")                                    \
  X(no_election, 409, "error.no_election")                                              \
  X(election_in_use, 409, "error.election_in_use")                                      \
  X(election_changed, 409, "error.election_changed")                                    \
  X(foreign_election, 403, "error.foreign_election")                                    \
  X(catalog_stale, 409, "error.catalog_stale")                                          \
  /* ours: the server, its configuration or its data */                                 \
  X(internal, 500, "error.internal")                                                    \
  X(storage_failed, 500, "error.storage_failed")                                        \
  X(write_failed, 500, "screen.write_failed")                                           \
  X(mail_failed, 500, "error.internal")                                                 \
  X(db_open_failed, 500, "error.db_open_failed")                                        \
  X(config_invalid, 500, "error.config_invalid")                                        \
  X(clocks_invalid, 500, "error.config_invalid")                                        \
  X(demo_failed, 500, "error.internal")                                                 \
  X(cues_unreadable, 500, "classify.cues_unreadable")                                   \
  X(cues_invalid, 500, "classify.cues_invalid")                                         \
  X(lexicon_compile_failed, 500, "screen.lexicon_compile_failed")                       \
  X(screening_data_invalid, 500, "error.screening_data_invalid")                        \
  X(unavailable, 503, "error.internal")

enum class ErrorCode : std::uint8_t {
#define NETRAL_ERROR_ENUM(code, status, key) code,
  NETRAL_ERROR_CODES(NETRAL_ERROR_ENUM)
#undef NETRAL_ERROR_ENUM
};

struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;         // as sent by the API
  int http_status;               // 4xx or 5xx
  std::string_view message_key;  // core/messages: what a person is told unless a more specific key is given
};

// Every code, in declaration order; error_codes()[i].code == ErrorCode(i).
std::span<const ErrorCodeInfo> error_codes();
const ErrorCodeInfo& info(ErrorCode c);
std::string_view to_string(ErrorCode c);
int http_status(ErrorCode c);
std::string_view default_message_key(ErrorCode c);
// The code of an API name, for clients of the API (tests, the CLI); nullopt if unknown.
std::optional<ErrorCode> parse_error_code(std::string_view name);
std::ostream& operator<<(std::ostream& os, ErrorCode c);  // its name, for logs and test output

}  // namespace netral
