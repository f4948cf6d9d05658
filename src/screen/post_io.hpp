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
