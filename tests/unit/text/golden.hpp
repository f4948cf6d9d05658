// A tiny reader for golden files (DuckDB style): "== name", input lines, "--", expected lines.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace netral::test {

struct GoldenCase {
  std::string name;
  std::string input;
  std::string expected;
};

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

inline std::string trim_trailing_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

inline std::vector<GoldenCase> read_golden(const std::string& path) {
  std::vector<GoldenCase> cases;
  std::istringstream in(read_file(path));
  std::string line;
  enum { none, input, expected } state = none;
  while (std::getline(in, line)) {
    if (line.rfind("== ", 0) == 0) {
      cases.push_back({line.substr(3), {}, {}});
      state = input;
    } else if (state == input && line == "--") {
      state = expected;
    } else if (state == input) {
      cases.back().input += (cases.back().input.empty() ? "" : "\n") + line;
    } else if (state == expected) {
      cases.back().expected += line + "\n";
    }
  }
  for (auto& c : cases) c.expected = trim_trailing_newlines(c.expected);
  return cases;
}

}  // namespace netral::test
