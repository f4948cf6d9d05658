// Expected failures are values: every fallible domain operation returns Result<T>.
#pragma once
#include <expected>
#include <string>
#include <utility>

#include "core/error_code.hpp"

namespace netral {

// A failure a user can be told about. `code` fixes the HTTP status and the API's machine
// code (core/error_code.hpp); `message_key` names a more specific explanation in the
// message catalogue (core/messages.hpp) than the code's own, when there is one; `field`
// names the input field at fault, when there is one.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message_key{};
  std::string field{};
  std::string detail{};  // extra context for logs and developers, never secret

  // The message a person is shown: the specific key, or the code's default.
  std::string_view key() const { return message_key.empty() ? default_message_key(code) : std::string_view(message_key); }
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message_key = {}, std::string field = {},
                                   std::string detail = {}) {
  return std::unexpected(Error{code, std::move(message_key), std::move(field), std::move(detail)});
}

}  // namespace netral
