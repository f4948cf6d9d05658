// Drafting a regional catalogue from a circular letter (surat edaran) or a news report
// quoting one (docs/catalog.md, "Importing a circular"). Pure: text in, draft out.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text/classify.hpp"
#include "text/region_index.hpp"

namespace netral::text {

struct CircularItem {
  std::string letter;         // normalised: a, b, c ... in order
  std::string source_letter;  // the marker as written ("d", "G", "2", "Pertama"), when it differs from `letter`
  std::string marker;         // the marker as written, "" for an act read from prose
  std::string text;           // as written, Markdown emphasis removed, whitespace folded
  std::vector<std::string> conduct;
};

struct CircularDraft {
  std::string number;
  std::string date;  // ISO YYYY-MM-DD
  std::string place;
  std::string signer;
  std::string title;
  std::string region;             // "Kabupaten Bangka Selatan"
  std::string region_code;        // "19.03", when resolved against the region list
  std::string region_as_written;  // "Pemkab Basel"
  std::vector<std::string> covers;  // staff types: "pns", "pppk", "non_asn"
  std::vector<CircularItem> items;
  std::vector<std::string> channels;
  std::vector<std::string> duties;
  std::vector<std::string> unread;  // fields the importer could not read, for the reviewer
};

// `classifier` maps each item to conduct ids; may be null (conduct left empty).
// `regions` resolves the issuing government (code and official name); without it the
// region is read from a letterhead only.
CircularDraft draft_circular(std::string_view text, const Classifier* classifier, const RegionIndex* regions = nullptr);

// The draft as JSON text (issue 4's shape, plus "title" and "unread"), pretty-printed.
std::string to_json(const CircularDraft& d);

}  // namespace netral::text
