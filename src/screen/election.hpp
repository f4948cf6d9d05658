// An election (Pilkada of one region) and its candidate pairs, as prepared in a TOML
// file (docs/screening.md) or, later, by the app layer from the database. Plain data.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace netral::screen {

struct Candidate {
  int number = 0;                        // nomor urut, 1-based
  std::vector<std::string> names;        // full names: head candidate, then deputy
  std::vector<std::string> nicknames;    // unambiguous short names, pair acronyms ("HERA")
  std::vector<std::string> common_names; // first names/nicknames shared by many people: need a supporting cue
  std::vector<std::string> misspellings; // spelling variants seen in posts
  std::vector<std::string> parties;      // supporting parties (short names as in the party list)
  std::vector<std::string> slogans;
  std::vector<std::string> hashtags;     // "#HeraMenang"; camel case is split into words as a variant
  std::vector<std::string> accounts;     // official campaign accounts, "@hera.official"
  std::vector<std::string> symbols;      // "salam satu jari", pose words: strong cues of this pair

  bool operator==(const Candidate&) const = default;
};

struct Election {
  std::string id;
  std::string name;
  std::string region;          // Kemendagri code, "19" or "19.03"
  std::string voting_date;     // ISO dates, kept as text: screening does not need calendar arithmetic
  std::string campaign_start;
  std::string campaign_end;
  std::vector<Candidate> candidates;

  const Candidate* candidate(int number) const;
  bool operator==(const Election&) const = default;
};

// Parses an election file. `source` names the file in error details ("file:line: field").
Result<Election> parse_election(std::string_view toml_text, std::string_view source);
// Reads and parses an election file.
Result<Election> load_election(const std::string& path);

// The election as a file in the format parse_election reads (election_toml.cpp), so that
// an election edited in a form is stored, checked and exchanged as a file again. For any
// election parse_election accepts, parse_election(to_toml(e)) == e. Fields the parser would
// refuse are written so that it refuses them with its own message: a date that is not a
// calendar date as a string, an empty date as nothing, number 0 as 0. Comments of an
// imported file are not kept.
std::string to_toml(const Election& e);

}  // namespace netral::screen
