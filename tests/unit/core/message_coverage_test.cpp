// Every message key the program asks for exists in both languages. The keys are found by
// reading the sources at run time (templates and C++ under src/), so a key added to a page
// without its message fails here instead of showing the raw key to a user. Keys built at run
// time from a prefix are covered by enumerating what the prefix is joined with.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error_code.hpp"
#include "core/messages.hpp"
#include "core/model.hpp"
#include "core/workflow.hpp"

namespace fs = std::filesystem;
using namespace netral;

namespace {

// key -> first place it is used ("src/web/pages.cpp:12", "enum Role", ...)
using Uses = std::map<std::string, std::string>;

fs::path source_dir() {
  const char* env = std::getenv("NETRAL_SOURCE_DIR");
  return env ? fs::path(env) : fs::path(NETRAL_SOURCE_DIR);
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string where(const fs::path& file, const std::string& text, std::size_t offset) {
  auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  return fs::relative(file, source_dir()).string() + ":" + std::to_string(line);
}

void use(Uses& out, std::string key, std::string at) { out.emplace(std::move(key), std::move(at)); }

// The C++ text with comments and raw string literals blanked (newlines kept, so offsets and
// line numbers still match the file): a key named in a comment is not a use.
std::string code_only(const std::string& s) {
  std::string out = s;
  auto blank = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < out.size(); ++k)
      if (out[k] != '\n') out[k] = ' ';
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "//") == 0) {
      auto e = s.find('\n', i);
      if (e == std::string::npos) e = s.size();
      blank(i, e);
      i = e;
    } else if (s.compare(i, 2, "/*") == 0) {
      auto e = s.find("*/", i + 2);
      e = e == std::string::npos ? s.size() : e + 2;
      blank(i, e);
      i = e;
    } else if (s[i] == 'R' && i + 1 < s.size() && s[i + 1] == '"' && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])))) {
      auto open = s.find('(', i + 2);
      if (open == std::string::npos) break;
      std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
      auto e = s.find(close, open);
      e = e == std::string::npos ? s.size() : e + close.size();
      blank(i, e);
      i = e;
    } else if (s[i] == '"' || s[i] == '\'') {
      char q = s[i++];
      while (i < s.size() && s[i] != q) i += s[i] == '\\' ? 2 : 1;
      ++i;
    } else {
      ++i;
    }
  }
  return out;
}

// Calls f(match, offset) for each match of `re` that starts where `needle` occurs (and not in
// the middle of a longer identifier). Anchoring at a needle keeps the regex off most of the
// text: std::regex over whole files takes seconds.
template <class F>
void each_match(const std::string& text, std::string_view needle, const std::regex& re, F f) {
  const bool word = std::isalpha(static_cast<unsigned char>(needle.front()));
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    if (word && pos > 0 && (std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '_')) continue;
    const char* begin = text.data() + pos;
    const char* end = begin + std::min<std::size_t>(400, text.size() - pos);
    std::cmatch m;
    if (std::regex_search(begin, end, m, re, std::regex_constants::match_continuous)) f(m, pos);
  }
}

// {{t.key}}, {{#t.key}}, {{^t.key}}, {{/t.key}}, {{{t.key}}}, {{&t.key}} in every template.
void template_keys(Uses& out) {
  static const std::regex re(R"re(\{\{\{?\s*[#^/&]?\s*t\.([A-Za-z0-9_.]+)\s*\}?\}\})re");
  for (const auto& f : fs::directory_iterator(source_dir() / "src/web/templates")) {
    if (f.path().extension() != ".mustache") continue;
    std::string text = slurp(f.path());
    each_match(text, "{{", re, [&](const std::cmatch& m, std::size_t at) { use(out, m[1], where(f.path(), text, at)); });
  }
}

// The C++ sources of src/, except the message tables themselves.
std::vector<fs::path> cpp_sources() {
  std::vector<fs::path> out;
  for (const auto& f : fs::recursive_directory_iterator(source_dir() / "src")) {
    auto ext = f.path().extension();
    if ((ext == ".cpp" || ext == ".hpp") && f.path().parent_path().filename() != "messages") out.push_back(f.path());
  }
  return out;
}

// Literal keys in code: tr(lang, "key"); a literal second argument of fail(...)
// or Error{...} (the message key); and any whole "error.<x>" literal (not a prefix joined
// with `+`), wherever it is passed.
void code_keys(const fs::path& file, const std::string& text, Uses& out) {
  static const std::regex tr_re(R"re(tr\(\s*[^,()"]+,\s*"([^"\\]+)"\s*\))re");
  static const std::regex fail_re(R"re(fail\(\s*ErrorCode::[a-z_]+\s*,\s*"([^"\\]+)"\s*[,)])re");
  static const std::regex error_struct_re(R"re(Error\{\s*ErrorCode::[a-z_]+\s*,\s*"([^"\\]+)"\s*[,}])re");
  static const std::regex error_re(R"re("(error\.[a-z0-9_]+)"(\s*\+)?)re");
  auto add = [&](const std::cmatch& m, std::size_t at) { use(out, m[1], where(file, text, at)); };
  each_match(text, "tr(", tr_re, add);
  each_match(text, "fail", fail_re, add);
  each_match(text, "Error{", error_struct_re, add);
  each_match(text, "\"error.", error_re, [&](const std::cmatch& m, std::size_t at) {
    if (!m[2].matched) add(m, at);
  });
}

// Every error code's own message (core/error_code.hpp): what a person is shown when no
// more specific key is given, e.g. for the faults http/ raises before any handler runs.
void error_code_keys(Uses& out) {
  for (const auto& row : error_codes()) use(out, std::string(row.message_key), "ErrorCode::" + std::string(row.name));
}

// Keys joined at run time from a prefix and a value of core/model.hpp or core/workflow.hpp.
void enumerated_keys(Uses& out) {
  for (Role r : all_roles()) use(out, "role_" + std::string(to_string(r)), "enum Role");
  for (CaseStatus s : all_case_statuses()) {
    use(out, "status_" + std::string(to_string(s)), "enum CaseStatus");
    use(out, "status_help_" + std::string(to_string(s)), "enum CaseStatus (status page)");
  }
  for (StaffType t : {StaffType::pns, StaffType::pppk, StaffType::non_asn, StaffType::unknown})
    use(out, "staff_" + std::string(to_string(t)), "enum StaffType");
  for (Channel c : {Channel::web, Channel::api, Channel::walk_in, Channel::bawaslu, Channel::bkn, Channel::agency_finding})
    use(out, "channel_" + std::string(to_string(c)), "enum Channel");
  for (Author a : {Author::reporter, Author::staff, Author::system}) use(out, "author_" + std::string(to_string(a)), "enum Author");
  for (Action a : all_actions()) use(out, "action_" + std::string(to_string(a)), "enum Action");
  for (RejectReason r : all_reject_reasons()) use(out, "reject_reason_" + std::string(to_string(r)), "enum RejectReason");
  for (ForwardTarget t : {ForwardTarget::bawaslu, ForwardTarget::bkn}) {
    use(out, "forward_" + std::string(to_string(t)), "enum ForwardTarget");
    use(out, "liaison_body_" + std::string(to_string(t)), "enum ForwardTarget (liaison body)");
  }
  use(out, "liaison_body_both", "liaison body \"\"");
  for (const auto& i : verification_checklist()) use(out, "check_" + std::string(i.id), "verification_checklist()");
  // A missing required field of an action: its label and its error (core/workflow.cpp).
  for (const auto& rule : transition_rules())
    for (auto f : rule.required) {
      use(out, "field_" + std::string(f), "transition_rules() required");
      use(out, "error.workflow_missing_" + std::string(f), "transition_rules() required");
    }
}

// Keys joined with values that live in data files or in a higher layer's enum.
void data_keys(Uses& out) {
  static const std::regex clock_re(R"re(\[\[clock\]\]\s*\nid\s*=\s*"([a-z_]+)")re");
  std::string clocks = slurp(source_dir() / "data/clocks.toml");
  for (std::sregex_iterator m(clocks.begin(), clocks.end(), clock_re), end; m != end; ++m)
    use(out, "clock_" + std::string((*m)[1]), "data/clocks.toml");
  static const std::regex level_re(R"re(\blevel\s*=\s*"([a-z_]+)")re");
  for (const auto& f : fs::recursive_directory_iterator(source_dir() / "data/catalog")) {
    if (f.path().extension() != ".toml") continue;
    std::string text = slurp(f.path());
    for (std::sregex_iterator m(text.begin(), text.end(), level_re), end; m != end; ++m)
      use(out, "level_" + std::string((*m)[1]), where(f.path(), text, static_cast<std::size_t>(m->position(0))));
  }
  // text/ is above core, so its enum is read from the header ("kind_" + to_string(kind)).
  static const std::regex kind_re(R"re(enum class DocumentKind \{([^}]*)\})re");
  std::string header = slurp(source_dir() / "src/text/catalog.hpp");
  std::smatch m;
  if (std::regex_search(header, m, kind_re)) {
    std::string list = m[1];
    static const std::regex name_re(R"re([a-z_]+)re");
    for (std::sregex_iterator n(list.begin(), list.end(), name_re), end; n != end; ++n)
      use(out, "kind_" + n->str(), "enum DocumentKind");
  } else {
    ADD_FAILURE() << "enum class DocumentKind not found in src/text/catalog.hpp";
  }
}

const Uses& all_uses() {
  static const Uses uses = [] {
  Uses out;
  template_keys(out);
  for (const auto& f : cpp_sources()) {
    std::string text = code_only(slurp(f));
    code_keys(f, text, out);
  }
  enumerated_keys(out);
  error_code_keys(out);
  data_keys(out);
  return out;
  }();
  return uses;
}

std::string missing_in(const Uses& uses) {
  std::map<std::string, const MessageEntry*> by_key;
  for (const auto& e : all_messages()) by_key[std::string(e.key)] = &e;
  std::string missing;
  for (const auto& [key, at] : uses) {
    auto it = by_key.find(key);
    if (it == by_key.end()) missing += "  " + key + "  (" + at + ")\n";
    else if (it->second->id.empty() || it->second->en.empty()) missing += "  " + key + " lacks a language  (" + at + ")\n";
  }
  return missing;
}

}  // namespace

TEST(MessageCoverage, EveryKeyInUseHasBothLanguages) {
  const Uses& uses = all_uses();
  std::string missing = missing_in(uses);
  EXPECT_TRUE(missing.empty()) << "message keys used without a message (add them to src/core/messages/):\n" << missing;
}

// The scan itself finds keys: a broken pattern must not make the test above pass vacuously.
TEST(MessageCoverage, TheScanFindsKeysOfEveryKind) {
  const Uses& uses = all_uses();
  auto found_in = [&](std::string_view what) {
    for (const auto& [key, at] : uses)
      if (at.find(what) != std::string::npos) return true;
    return false;
  };
  EXPECT_GT(uses.size(), 400u);
  EXPECT_TRUE(found_in(".mustache:")) << "no template key";
  EXPECT_TRUE(found_in(".cpp:")) << "no code key";
  EXPECT_TRUE(uses.contains("report_title"));       // {{t.report_title}} and tr(lang, "report_title")
  EXPECT_TRUE(uses.contains("error.invalid_posts"));  // tr(Lang::id, "error.invalid_posts")
  EXPECT_TRUE(uses.contains("error.admin_only"));  // Error{ErrorCode::forbidden, "error.admin_only", ...}
  EXPECT_TRUE(uses.contains("error.method_not_allowed"));  // ErrorCode::method_not_allowed's own
  EXPECT_TRUE(uses.contains("clock_ppk_followup"));
  EXPECT_TRUE(uses.contains("kind_joint_decree"));
}

TEST(MessageCoverage, CodeOnlyBlanksCommentsNotStrings) {
  std::string s = "a(\"x // y\"); // tr(lang, \"gone\")\n/* fail(\"c\", \"k\") */ b(R\"(tr(lang, \"raw\"))\");";
  std::string c = code_only(s);
  EXPECT_NE(c.find("\"x // y\""), std::string::npos);
  EXPECT_EQ(c.find("gone"), std::string::npos);
  EXPECT_EQ(c.find("fail"), std::string::npos);
  EXPECT_EQ(c.find("raw"), std::string::npos);
  EXPECT_EQ(c.size(), s.size());
}
