// Streaming multipart/form-data parser (RFC 7578). Pure C++20, no I/O and no Boost, so
// that it can be fuzzed on its own (fuzz/fuzz_multipart.cpp). Bytes are fed in chunks of
// any size; part data is handed to callbacks as it arrives and never buffered whole.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace netral::http {

struct PartHeaders {
  std::string name;          // form field name (Content-Disposition name=)
  std::string filename;      // present when the part is a file (may be empty)
  bool has_filename = false;
  std::string content_type;  // as declared by the client; never trusted for files
};

// Why parsing stopped.
enum class MultipartError {
  none,
  bad_preamble,       // body does not start with the boundary
  bad_delimiter,      // junk after a boundary line
  header_too_large,   // one part's header block over the limit
  bad_header,         // no Content-Disposition: form-data with a name
  too_many_parts,
  truncated,          // input ended before the closing boundary
  rejected,           // a callback refused to go on (a limit of the caller)
};
std::string_view to_string(MultipartError e);

class MultipartParser {
 public:
  struct Callbacks {
    std::function<bool(const PartHeaders&)> on_part_begin;
    std::function<bool(std::string_view data)> on_part_data;
    std::function<bool()> on_part_end;
  };
  struct Limits {
    std::size_t max_header_bytes = 8192;
    std::size_t max_parts = 64;
  };

  MultipartParser(std::string boundary, Callbacks callbacks, Limits limits);
  MultipartParser(std::string boundary, Callbacks callbacks) : MultipartParser(std::move(boundary), std::move(callbacks), Limits{}) {}

  // Feeds the next bytes. Returns false once an error occurred (see error()).
  bool feed(std::string_view data);
  // Call at the end of input: false unless the closing boundary was seen.
  bool finish();
  MultipartError error() const { return error_; }
  bool done() const { return state_ == State::epilogue; }

 private:
  enum class State { preamble, after_delimiter, headers, body, epilogue, failed };
  bool fail(MultipartError e);
  bool parse_headers(std::string_view block);
  bool step();

  std::string delimiter_;  // "\r\n--" + boundary
  Callbacks cb_;
  Limits limits_;
  State state_ = State::preamble;
  MultipartError error_ = MultipartError::none;
  std::string buf_;  // bytes not yet consumed; bounded by delimiter size or header limit
  std::size_t parts_ = 0;
};

// The boundary parameter of a multipart/form-data Content-Type, if it is one and valid.
std::optional<std::string> multipart_boundary(std::string_view content_type);

}  // namespace netral::http
