// Drafting a regional catalogue from a circular letter (surat edaran) or a news report
// quoting one (docs/catalog.md, "Importing a circular"). Pure: text in, draft out.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text/classify.hpp"

namespace netral::text {

struct CircularItem {
  std::string letter;         // normalised: a, b, c ... in order
  std::string source_letter;  // as written ("d", "G", "2"), when it differs from `letter`
  std::string text;           // as written, Markdown emphasis removed, whitespace folded
  std::vector<std::string> conduct;
};

struct CircularDraft {
  std::string number;
  std::string date;  // ISO YYYY-MM-DD
  std::string place;
  std::string signer;
  std::string title;
  std::string region;  // "Kabupaten Bangka Selatan"
  std::vector<std::string> covers;  // staff types: "pns", "pppk", "non_asn"
  std::vector<CircularItem> items;
  std::vector<std::string> channels;
  std::vector<std::string> duties;
  std::vector<std::string> unread;  // fields the importer could not read, for the reviewer
};

// `classifier` maps each item to conduct ids; may be null (conduct left empty).
CircularDraft draft_circular(std::string_view text, const Classifier* classifier);

// The draft as JSON text (issue 4's shape, plus "title" and "unread"), pretty-printed.
std::string to_json(const CircularDraft& d);

}  // namespace netral::text
