// The words of a circular as its readers (circular_lists.cpp, circular_prose.cpp) take
// them: case-insensitive matching, whole words, the first words of a clause, and what
// opens a prohibited act. Internal to the importer.
#pragma once
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace netral::text::circular {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
inline bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
inline bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
inline bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool starts_with_ci(std::string_view s, std::string_view prefix);
inline bool contains(std::string_view haystack_lower, std::string_view needle) {
  return haystack_lower.find(needle) != std::string_view::npos;
}
// Whole-word search in lowercase text: `needle` not glued to letters on either side.
std::size_t find_word(std::string_view s, std::string_view needle, std::size_t from = 0);
// The first `max` words, lowercase.
std::vector<std::string> words_of(std::string_view s, std::size_t max = 3);
std::size_t word_count(std::string_view s);
// Trailing punctuation and a dangling conjunction ("...;  dan") are the list's layout.
std::string trim_item(std::string s);
// Connectives and subjects before the first act of a clause ("dan", "dilarang", "tidak").
std::string_view strip_lead(std::string_view s);

}  // namespace netral::text::circular
