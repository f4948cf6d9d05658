// The screening lexicon: every term that can point to a candidate pair, a stance or a
// conduct category, compiled from an election, the party list and the cue file.
// Pure: the loaders below parse text handed to them; load_* read the file first.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "screen/election.hpp"

namespace netral::screen {

struct Party {
  std::string short_name;            // "Golkar"; what election files list under `parties`
  std::string name;                  // "Partai Golongan Karya"
  std::vector<std::string> aliases;  // other spellings ("PDIP")
  int number = 0;                    // ballot number in the national election, 0 if none
  bool ambiguous = false;            // also an everyday word: needs an election cue nearby
};

enum class CueKind : std::uint8_t { support, against, approval, negation, election, neutral, conduct };
std::string_view to_string(CueKind k);

struct CueGroup {
  CueKind kind = CueKind::support;
  std::string conduct;  // conduct category id, for kind == conduct
  bool context = false; // also counts as election context for ambiguous references
  float weight = 1.0f;
  std::vector<std::string> terms;
};

Result<std::vector<Party>> parse_parties(std::string_view toml_text, std::string_view source);
Result<std::vector<Party>> load_parties(const std::string& path);
Result<std::vector<CueGroup>> parse_cues(std::string_view toml_text, std::string_view source);
Result<std::vector<CueGroup>> load_cues(const std::string& path);

// What a term is evidence of.
enum class TermRole : std::uint8_t {
  candidate,  // names the pair (`candidate` set)
  party,      // names a party; `candidate` is the pair it supports, 0 if none
  cue,        // a cue of `cue` kind
};

struct Term {
  std::string text;          // as written in the source file: reported as "term" in spans
  std::string pattern;       // the literal matched: normalised text, or raw bytes when `raw`
  TermRole role = TermRole::cue;
  CueKind cue = CueKind::support;
  int candidate = 0;
  bool ambiguous = false;    // counts only with an election cue or a strong reference nearby
  bool campaign = false;     // campaign material in itself (hashtag, slogan, symbol): stance "for"
  bool context = false;      // also election context
  bool raw = false;          // matched on the raw input (emoji the normaliser drops)
  float weight = 1.0f;
  std::string conduct;       // conduct category id it points to, if any
  std::string source;        // "name", "nickname", "hashtag", "number", "party", "cue" ...
};

struct Lexicon {
  std::string election_id;
  std::vector<Term> terms;
  std::vector<int> candidate_numbers;
};

// Builds every term. Terms whose normalised form is empty (emoji) are kept raw.
// Numbers of the pairs become terms too: "nomor urut 2", "paslon 02", "coblos 2" are
// strong; "02", "nomor 2", "dua jari", ✌ are ambiguous.
Lexicon compile_lexicon(const Election& election, const std::vector<Party>& parties,
                        const std::vector<CueGroup>& cues);

// Splits "#BabelMajuBersama" into "Babel Maju Bersama" so that a hashtag also matches
// when written as words or with underscores.
std::string split_camel_case(std::string_view hashtag);

}  // namespace netral::screen
