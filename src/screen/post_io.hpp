// Reading posts and writing flags in the exchange formats of docs/screening.md:
// JSON Lines or CSV in, JSON Lines out. Parsing only: the caller owns the bytes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "screen/screener.hpp"

namespace netral::screen {

// One JSON object per line. Unknown keys are ignored (collectors add their own);
// `kind` defaults to "post"; values may be strings, numbers or null.
Result<Post> parse_post_json(std::string_view line);
// The same into a Post reused from record to record (its strings keep their capacity).
Result<void> parse_post_json(std::string_view line, Post& out);

// One JSON Lines record read without copying, for the hot path of a feed: each field is a
// view of the line, and a post is decoded only when the prefilter lets it through
// (Screener::may_flag_json). The line must outlive the view.
class JsonPostView {
 public:
  // The same checks and errors as parse_post_json.
  Result<void> parse(std::string_view line);
  // `text` and `context_text` as written between their quotes (JSON escapes kept; a
  // number's literal text; empty when absent or null).
  std::string_view text_json() const;
  std::string_view context_text_json() const;
  // The post, decoded into `out`, whose strings keep their capacity.
  void decode(Post& out) const;

 private:
  struct Field {
    std::string_view raw;  // between the quotes, or a number's text
    std::size_t quote = 0; // offset of the opening quote in the line
    bool string = false, escaped = false;
  };
  bool parse_plain(std::string_view line);
  Result<void> finish_parse();  // the checks after the object is read
  static constexpr int kFields = 8;  // the Post fields, in the order of post_io.cpp's PostField
  std::string_view line_;
  Field fields_[kFields];
  PostKind kind_ = PostKind::post;
};

// CSV with a header row naming the columns (any order; `text` required).
class CsvPostParser {
 public:
  // `header` is the first record of the file.
  static Result<CsvPostParser> from_header(std::string_view header);
  Result<Post> parse(std::string_view record) const;

 private:
  std::vector<int> column_of_;  // field index (see post_io.cpp) -> column, -1 if absent
  std::size_t columns_ = 0;
};

// Splits one CSV record (RFC 4180: quotes, doubled quotes, newlines inside quotes).
std::vector<std::string> split_csv_record(std::string_view record);

// Appends the flag as one JSON line (with '\n').
void append_flag_json(const Flag& flag, std::string& out);

// Appends `s` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
void append_json_string(std::string_view s, std::string& out);

// Staff accounts from CSV with header `platform,account,nip` (extra columns ignored).
Result<AccountDirectory> parse_accounts_csv(std::string_view csv, std::string_view source);
Result<AccountDirectory> load_accounts(const std::string& path);

}  // namespace netral::screen
