// The one golden-file format of the unit tests (tests/golden/*/*.test; docs/testing.md,
// "Golden files"), read by netral_text_tests and netral_screen_tests alike:
//
//   # comments and directives      before the first case only
//   == <case name>
//   <input, one or more lines>
//   --
//   <expected, zero or more lines, up to the next "== "; trailing blank lines dropped>
//
// A malformed file (a case without "--", an empty name, no case at all) throws, so a
// golden test fails instead of silently checking less.
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace netral::test {

struct GoldenCase {
  std::string name;
  int line = 0;  // of its "== " line, for messages
  std::string input;
  std::string expected;
};

struct GoldenLine {
  int line = 0;
  std::string text;
};

struct GoldenFile {
  std::vector<std::string> preamble;  // every line before the first case, as written
  std::vector<GoldenCase> cases;

  // The preamble's lines that are neither blank nor comments: settings of the whole file
  // (the screening tests' `election` and `account`); each test says which it knows.
  std::vector<GoldenLine> directives() const {
    std::vector<GoldenLine> out;
    for (std::size_t i = 0; i < preamble.size(); ++i)
      if (!preamble[i].empty() && preamble[i][0] != '#') out.push_back({static_cast<int>(i) + 1, preamble[i]});
    return out;
  }
};

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

inline std::string trim_trailing_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

inline GoldenFile parse_golden(const std::string& text, const std::string& path = "golden") {
  GoldenFile file;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  enum { preamble, input, expected } state = preamble;
  auto check_closed = [&] {
    if (state == input)
      throw std::runtime_error(path + ":" + std::to_string(file.cases.back().line) + ": case \"" +
                               file.cases.back().name + "\" has no \"--\" line");
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (line.starts_with("== ")) {
      check_closed();
      if (line.size() == 3) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": case without a name");
      file.cases.push_back({line.substr(3), lineno, {}, {}});
      state = input;
    } else if (state == preamble) {
      file.preamble.push_back(line);
    } else if (state == input && line == "--") {
      state = expected;
    } else if (state == input) {
      auto& c = file.cases.back();
      c.input += (c.input.empty() ? "" : "\n") + line;
    } else {
      file.cases.back().expected += line + "\n";
    }
  }
  check_closed();
  if (file.cases.empty()) throw std::runtime_error(path + ": no case (a case starts with \"== \")");
  for (auto& c : file.cases) c.expected = trim_trailing_newlines(c.expected);
  return file;
}

inline GoldenFile read_golden_file(const std::string& path) { return parse_golden(read_file(path), path); }

// The cases of a file that takes no directives: a stray line before the first case throws
// rather than being skipped.
inline std::vector<GoldenCase> read_golden(const std::string& path) {
  auto file = read_golden_file(path);
  if (auto d = file.directives(); !d.empty())
    throw std::runtime_error(path + ":" + std::to_string(d[0].line) + ": unexpected line before the first case");
  return std::move(file.cases);
}

// The file `parse_golden` reads back as `file` (used to rewrite expected values).
inline std::string format_golden(const GoldenFile& file) {
  std::string out;
  for (const auto& l : file.preamble) out += l + "\n";
  for (std::size_t i = 0; i < file.cases.size(); ++i) {
    const auto& c = file.cases[i];
    if (i > 0) out += "\n";
    out += "== " + c.name + "\n" + c.input + "\n--\n";
    if (!c.expected.empty()) out += c.expected + "\n";
  }
  return out;
}

}  // namespace netral::test
