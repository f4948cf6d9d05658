// The lists of a circular letter, as people really write and news sites print them
// (docs/catalog.md, "Importing a circular"): items marked "1." "1)" "(1)" "a." "A." "i."
// "Pertama," or bullets, several lists on one page, items broken across lines or run
// together on one line, furniture ("Baca Juga", captions) in between; and prohibitions
// written as prose. Pure: text in, items out. Used by draft_circular (circular.cpp);
// implemented in circular_lists.cpp (lists), circular_prose.cpp and circular_words.cpp.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace netral::text::circular {

// The text prepared for reading: one entry per line, whitespace folded, Markdown
// emphasis and news-site furniture removed (dropped lines become empty ones, so that a
// list interrupted by an advert still reads as one list).
std::vector<std::string> prepare_lines(std::string_view text);

// Whitespace folded, Markdown emphasis and escapes removed.
std::string clean(std::string_view s);

enum class ListKind { prohibitions, duties, other };

struct Item {
  std::string marker;  // as written: "1", "a", "G", "iv", "Pertama", "-", or "" for prose/unmarked
  std::string text;    // without the marker, whitespace folded
  std::size_t line = 0;       // where it starts, to keep document order across lists and prose
  std::size_t last_line = 0;  // where it ends (an item broken across lines)
  std::size_t order = 0;  // position within that line (prose items share lines)
};

struct List {
  ListKind kind = ListKind::other;
  std::string intro;    // the text that introduces the list
  std::string heading;  // the umbrella item the list replaces ("Agar Kepala Perangkat Daerah ...:"), if any
  std::size_t heading_line = 0;
  std::vector<Item> items;
  std::vector<std::size_t> lines;  // every line the list takes, umbrella items included
};

// Every marked list of the prepared lines, classified; umbrella items whose forms follow
// as a sub-list ("memberikan dukungan ... dengan cara:") are replaced by the sub-list.
std::vector<List> marked_lists(const std::vector<std::string>& lines);

// Prohibitions written as prose ("ASN dilarang memasang spanduk, melakukan kampanye di
// media sosial, serta ..."), from the lines no marked list covers (`covered[i]`).
std::vector<Item> prose_prohibitions(const std::vector<std::string>& lines, const std::vector<bool>& covered);

// Whether a word opens an act ("memasang", "ikut", "menjadi"): what separates one
// prohibited act from the next in a prose list. `next` is the following word, lowercase.
bool opens_act(std::string_view word, std::string_view next);

}  // namespace netral::text::circular
