// Expected failures are values: every fallible domain operation returns Result<T>.
#pragma once
#include <expected>
#include <string>
#include <utility>

namespace netral {

// A failure a user can be told about. `code` is the stable machine code
// (snake_case, e.g. "invalid_nip"); `message_key` names the entry in the
// message catalogue (core/messages.hpp) that explains it to a person;
// `field` names the input field at fault, when there is one.
struct Error {
  std::string code;
  std::string message_key;
  std::string field;
  std::string detail;  // extra context for logs and developers, never secret
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string code, std::string message_key, std::string field = {},
                                   std::string detail = {}) {
  return std::unexpected(Error{std::move(code), std::move(message_key), std::move(field), std::move(detail)});
}

}  // namespace netral
