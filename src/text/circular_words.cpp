#include "text/circular_words.hpp"

#include <array>

#include "core/strings.hpp"
#include "text/circular_lists.hpp"

namespace netral::text::circular {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  return true;
}


std::size_t find_word(std::string_view s, std::string_view needle, std::size_t from) {
  for (auto p = s.find(needle, from); p != std::string_view::npos; p = s.find(needle, p + 1)) {
    bool left = p == 0 || !is_alpha(s[p - 1]);
    bool right = p + needle.size() >= s.size() || !is_alpha(s[p + needle.size()]);
    if (left && right) return p;
  }
  return std::string_view::npos;
}

std::vector<std::string> words_of(std::string_view s, std::size_t max) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size() && out.size() < max) {
    while (i < s.size() && !is_alpha(s[i]) && !is_digit(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && (is_alpha(s[j]) || is_digit(s[j]) || s[j] == '-')) ++j;
    if (j > i) out.push_back(ascii_lower(s.substr(i, j - i)));
    i = j;
  }
  return out;
}

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool w = !is_space(c);
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

std::string trim_item(std::string s) {
  for (;;) {
    while (!s.empty() && (is_space(s.back()) || s.back() == ';' || s.back() == ',' || s.back() == '.' || s.back() == ':'))
      s.pop_back();
    bool cut = false;
    for (std::string_view tail : {" dan", " atau", " serta", " dan/atau"})
      if (s.size() > tail.size() && ascii_lower(std::string_view(s).substr(s.size() - tail.size())) == tail) {
        s.resize(s.size() - tail.size());
        cut = true;
      }
    if (!cut) break;
  }
  std::size_t b = 0;
  while (b < s.size() && (is_space(s[b]) || s[b] == ',' || s[b] == ':' || s[b] == ';')) ++b;
  return s.substr(b);
}

std::string_view strip_lead(std::string_view s) {
  for (;;) {
    std::size_t i = 0;
    while (i < s.size() && (is_space(s[i]) || s[i] == ',' || s[i] == ':' || s[i] == ';')) ++i;
    s.remove_prefix(i);
    bool cut = false;
    for (std::string_view w : {"dan/atau", "dan", "atau", "serta", "maupun", "hingga", "juga", "dilarang", "tidak", "boleh",
                               "diperbolehkan", "untuk", "adalah", "yakni", "yaitu", "termasuk", "ataupun", "lalu",
                               "kemudian", "selain itu"}) {
      if (starts_with_ci(s, w) && (s.size() == w.size() || !is_alpha(s[w.size()]))) {
        s.remove_prefix(w.size());
        cut = true;
        break;
      }
    }
    if (!cut) return s;
  }
}

std::string clean(std::string_view s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*') continue;
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) continue;
    if (is_space(c)) {
      if (!r.empty() && r.back() != ' ') r.push_back(' ');
      continue;
    }
    r.push_back(c);
  }
  while (!r.empty() && r.back() == ' ') r.pop_back();
  return r;
}

bool opens_act(std::string_view word, std::string_view next) {
  static const std::array<std::string_view, 40> not_verbs = {
      "mereka",   "media",     "menteri",  "merah",    "meski",     "meskipun",  "melalui",   "mengenai",
      "menurut",  "menjelang", "menuju",   "merupakan", "berupa",   "berdasarkan", "bersama", "berbagai",
      "berikut",  "bersangkutan", "bersifat", "berkaitan", "berlaku", "bertujuan", "beserta", "berikutnya",
      "menyangkut", "memang",  "meja",     "mesin",    "metode",    "meliputi",  "menimbang", "mengingat",
      "memperhatikan", "berkenaan", "bertempat", "menjadikan", "mengatakan", "menyampaikan"};
  // Saying and directing verbs open what an official says, not a prohibited act.
  static const std::array<std::string_view, 16> directing = {
      "menginstruksikan", "meminta", "mengimbau", "menghimbau", "mengingatkan", "menegaskan", "mengajak", "mewajibkan",
      "memerintahkan", "menjelaskan", "menambahkan", "mengungkapkan", "menyebutkan", "berharap", "menekankan", "berpesan"};
  for (auto d : directing)
    if (word == d) return false;
  if (word.starts_with("menginst")) return false;  // "menginstuksikan" as some pages spell it
  if (word.empty()) return false;
  for (auto n : not_verbs)
    if (word == n) return false;
  for (std::string_view v : {"ikut", "turut", "sebagai", "hadir", "terlibat", "melibatkan", "berfoto", "berpose", "berpihak",
                             "foto"})
    if (word == v) return word != "foto" || next == "bersama";
  if (word == "kampanye") return next.starts_with("me");
  if (word.size() >= 5 && (word.starts_with("me") || word.starts_with("ber"))) return true;
  return false;
}

}  // namespace netral::text::circular
