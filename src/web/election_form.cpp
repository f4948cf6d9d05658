#include "web/election_form.hpp"

#include <algorithm>
#include <charconv>

#include "core/strings.hpp"

namespace netral::web {
namespace {

std::vector<std::string> items_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (auto item = trim(text.substr(pos, end - pos)); !item.empty()) out.push_back(std::move(item));
    pos = end + 1;
  }
  return out;
}

bool blank(const PairInput& p) {
  if (!trim(p.number).empty()) return false;
  for (const auto& l : p.lists)
    if (!trim(l).empty()) return false;
  return true;
}

}  // namespace

ElectionInput input_of(const screen::Election& e, const std::string& version) {
  ElectionInput in;
  for (std::size_t i = 0; i < kElectionFields.size(); ++i) in.fields[i] = e.*kElectionFields[i].member;
  in.version = version;
  for (const auto& c : e.candidates) {
    PairInput p;
    p.number = std::to_string(c.number);
    for (std::size_t k = 0; k < kLists.size(); ++k) p.lists[k] = join(c.*kLists[k].member, "\n");  // items are never empty (screen/election)
    in.pairs.push_back(std::move(p));
  }
  PairInput fresh;
  fresh.is_new = true;
  in.pairs.push_back(std::move(fresh));
  return in;
}

ElectionInput input_of(const http::Request& req) {
  ElectionInput in;
  for (std::size_t i = 0; i < kElectionFields.size(); ++i) in.fields[i] = req.form_value(kElectionFields[i].key);
  in.version = req.form_value("version");
  std::size_t n = 0;
  const std::string count = req.form_value("pairs");
  std::from_chars(count.data(), count.data() + count.size(), n);
  n = std::min(n, kMaxPairs);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string prefix = "p" + std::to_string(i) + "_";
    PairInput p;
    p.number = req.form_value(prefix + "number");
    for (std::size_t k = 0; k < kLists.size(); ++k) p.lists[k] = req.form_value(prefix + kLists[k].key);
    p.remove = req.form_value(prefix + "remove") == "1";
    p.is_new = req.form_value(prefix + "new") == "1";
    in.pairs.push_back(std::move(p));
  }
  return in;
}

screen::Election election_of(const ElectionInput& in, const std::string& code, std::vector<std::size_t>& fieldset_of) {
  screen::Election e;
  e.id = code;
  for (std::size_t i = 0; i < kElectionFields.size(); ++i) e.*kElectionFields[i].member = trim(in.fields[i]);
  for (std::size_t i = 0; i < in.pairs.size(); ++i) {
    const PairInput& p = in.pairs[i];
    if (p.remove || blank(p)) continue;
    screen::Candidate c;
    const std::string number = trim(p.number);
    int n = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    c.number = ec == std::errc{} && end == number.data() + number.size() ? n : 0;
    for (std::size_t k = 0; k < kLists.size(); ++k) c.*kLists[k].member = items_of(p.lists[k]);
    e.candidates.push_back(std::move(c));
    fieldset_of.push_back(i);
  }
  return e;
}

std::string pair_legend(const PairInput& p, Lang lang) {
  if (p.is_new) return std::string(tr(lang, "screening_pair_new"));
  return std::string(tr(lang, "screening_pair_legend")) + " " + trim(p.number);
}

FormError form_error(const Error& e, const ElectionInput& in, const std::vector<std::size_t>& fieldset_of, Lang lang) {
  FormError fe{e, e.detail, {}};
  if (e.code != ErrorCode::invalid_election) return fe;
  fe.error.message_key = "error.election_form_invalid";
  std::string problem = e.detail;
  if (!e.field.empty() && problem.starts_with(e.field + ": ")) problem.erase(0, e.field.size() + 2);
  for (std::size_t i = 0; i < kElectionFields.size(); ++i)
    if (e.field == std::string("election.") + kElectionFields[i].key) {
      fe.control = std::string("el-") + kElectionFields[i].key;
      fe.detail = std::string(tr(lang, kElectionFields[i].label)) + ": " + problem;
    }
  if (e.field == "candidate") fe.detail = std::string(tr(lang, "screening_pairs")) + ": " + problem;
  // candidate[k].key or candidate[k].key[j]
  if (e.field.starts_with("candidate[")) {
    std::size_t k = 0;
    auto [end, ec] = std::from_chars(e.field.data() + 10, e.field.data() + e.field.size(), k);
    if (ec == std::errc{} && k < fieldset_of.size() && *end == ']') {
      const std::size_t f = fieldset_of[k];
      std::string key(end + 1 < e.field.data() + e.field.size() && end[1] == '.' ? end + 2 : end + 1,
                      e.field.data() + e.field.size());
      key = key.substr(0, key.find('['));
      std::string label = key;
      if (key == "number") label = std::string(tr(lang, "screening_pair_number"));
      for (const auto& l : kLists)
        if (key == l.key) label = std::string(tr(lang, l.label));
      fe.control = "p" + std::to_string(f) + "-" + key;
      fe.detail = pair_legend(in.pairs[f], lang) + " · " + label + ": " + problem;
    }
  }
  return fe;
}

}  // namespace netral::web
