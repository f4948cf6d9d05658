#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace netral::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Value of parameter `key` in a header value like `form-data; name="a"; filename="b.jpg"`.
std::optional<std::string> header_param(std::string_view value, std::string_view key) {
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t semi = value.find(';', pos);
    if (semi == std::string_view::npos) return std::nullopt;
    pos = semi + 1;
    std::string_view rest = trim(value.substr(pos));
    std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim(rest.substr(0, eq))) != key) continue;
    std::string_view v = trim(rest.substr(eq + 1));
    if (!v.empty() && v.front() == '"') {
      std::string out;
      for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
          out.push_back(v[++i]);
        } else if (v[i] == '"') {
          return out;
        } else {
          out.push_back(v[i]);
        }
      }
      return std::nullopt;  // unterminated quote
    }
    std::size_t end = v.find(';');
    return std::string(trim(v.substr(0, end)));
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(MultipartError e) {
  switch (e) {
    case MultipartError::none: return "none";
    case MultipartError::bad_preamble: return "bad_preamble";
    case MultipartError::bad_delimiter: return "bad_delimiter";
    case MultipartError::header_too_large: return "header_too_large";
    case MultipartError::bad_header: return "bad_header";
    case MultipartError::too_many_parts: return "too_many_parts";
    case MultipartError::truncated: return "truncated";
    case MultipartError::rejected: return "rejected";
  }
  return "unknown";
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  if (lower(type) != "multipart/form-data") return std::nullopt;
  auto b = header_param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;  // RFC 2046: 1-70 characters
  return b;
}

MultipartParser::MultipartParser(std::string boundary, Callbacks callbacks, Limits limits)
    : delimiter_("\r\n--" + boundary), cb_(std::move(callbacks)), limits_(limits) {
  // The first boundary need not follow a CRLF: pretend one came before the body.
  buf_ = "\r\n";
}

bool MultipartParser::fail(MultipartError e) {
  state_ = State::failed;
  error_ = e;
  buf_.clear();
  return false;
}

bool MultipartParser::parse_headers(std::string_view block) {
  PartHeaders h;
  bool disposition = false;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail(MultipartError::bad_header);
    std::string key = lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (key == "content-disposition") {
      if (lower(trim(value.substr(0, value.find(';')))) != "form-data") return fail(MultipartError::bad_header);
      auto name = header_param(value, "name");
      if (!name) return fail(MultipartError::bad_header);
      h.name = *name;
      if (auto fn = header_param(value, "filename")) {
        h.filename = *fn;
        h.has_filename = true;
      }
      disposition = true;
    } else if (key == "content-type") {
      h.content_type = std::string(value);
    }
  }
  if (!disposition) return fail(MultipartError::bad_header);
  if (++parts_ > limits_.max_parts) return fail(MultipartError::too_many_parts);
  if (cb_.on_part_begin && !cb_.on_part_begin(h)) return fail(MultipartError::rejected);
  return true;
}

// Consumes as much of buf_ as the current state allows. Returns false when more input is
// needed (or on failure: check state_).
bool MultipartParser::step() {
  switch (state_) {
    case State::preamble:
    case State::body: {
      std::size_t at = buf_.find(delimiter_);
      if (at == std::string::npos) {
        // Keep a tail that could be the start of a delimiter; hand the rest over.
        if (buf_.size() >= delimiter_.size()) {
          std::size_t keep = delimiter_.size() - 1;
          std::string_view emit(buf_.data(), buf_.size() - keep);
          if (state_ == State::body && cb_.on_part_data && !emit.empty() && !cb_.on_part_data(emit))
            return fail(MultipartError::rejected);
          if (state_ == State::preamble && buf_.size() > 4096) return fail(MultipartError::bad_preamble);
          buf_.erase(0, buf_.size() - keep);
        }
        return false;
      }
      if (state_ == State::body) {
        if (at > 0 && cb_.on_part_data && !cb_.on_part_data(std::string_view(buf_.data(), at)))
          return fail(MultipartError::rejected);
        if (cb_.on_part_end && !cb_.on_part_end()) return fail(MultipartError::rejected);
      }
      buf_.erase(0, at + delimiter_.size());
      state_ = State::after_delimiter;
      return true;
    }
    case State::after_delimiter: {
      // "--" closes the body; otherwise optional whitespace then CRLF starts a part.
      if (buf_.size() < 2) return false;
      if (buf_[0] == '-' && buf_[1] == '-') {
        state_ = State::epilogue;
        buf_.clear();
        return false;
      }
      std::size_t i = 0;
      while (i < buf_.size() && (buf_[i] == ' ' || buf_[i] == '\t')) ++i;
      if (i + 2 > buf_.size()) {
        if (i > 64) return fail(MultipartError::bad_delimiter);
        return false;
      }
      if (buf_[i] != '\r' || buf_[i + 1] != '\n') return fail(MultipartError::bad_delimiter);
      buf_.erase(0, i + 2);
      state_ = State::headers;
      return true;
    }
    case State::headers: {
      std::size_t end = buf_.find("\r\n\r\n");
      if (buf_.rfind("\r\n", 0) == 0) end = 0;  // a part with no header lines at all
      if (end == std::string::npos) {
        if (buf_.size() > limits_.max_header_bytes) return fail(MultipartError::header_too_large);
        return false;
      }
      if (end > limits_.max_header_bytes) return fail(MultipartError::header_too_large);
      std::size_t skip = end == 0 ? 2 : end + 4;
      std::string block = buf_.substr(0, end);
      buf_.erase(0, skip);
      if (!parse_headers(block)) return false;
      state_ = State::body;
      return true;
    }
    case State::epilogue:
      buf_.clear();
      return false;
    case State::failed:
      return false;
  }
  return false;
}

bool MultipartParser::feed(std::string_view data) {
  if (state_ == State::failed) return false;
  if (state_ == State::epilogue) return true;  // epilogue is ignored
  buf_.append(data);
  while (step()) {
  }
  return state_ != State::failed;
}

bool MultipartParser::finish() {
  if (state_ == State::failed) return false;
  if (state_ != State::epilogue) return fail(MultipartError::truncated);
  return true;
}

}  // namespace netral::http
