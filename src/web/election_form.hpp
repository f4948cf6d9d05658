// The election editor's form (screening_admin_pages.cpp): the fields and candidate lists it
// shows, the form as the admin typed it (ElectionInput), and the way back and forth between
// that form, a screen::Election and the parser's errors. Pure parsing: no service, no page.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "core/messages.hpp"
#include "core/result.hpp"
#include "http/message.hpp"
#include "screen/election.hpp"

namespace netral::web {

// Fieldsets read from one post: numbers 1-99, and the empty fieldset of a new pair.
inline constexpr std::size_t kMaxPairs = 100;

// The candidate lists in the order of the file format, with their labels.
struct ListField {
  const char* key;
  std::vector<std::string> screen::Candidate::*member;
  const char* label;
  int rows;
};
inline constexpr std::array<ListField, 9> kLists{{
    {"names", &screen::Candidate::names, "screening_f_names", 2},
    {"nicknames", &screen::Candidate::nicknames, "screening_f_nicknames", 3},
    {"common_names", &screen::Candidate::common_names, "screening_f_common_names", 3},
    {"misspellings", &screen::Candidate::misspellings, "screening_f_misspellings", 3},
    {"parties", &screen::Candidate::parties, "screening_f_parties", 3},
    {"slogans", &screen::Candidate::slogans, "screening_f_slogans", 2},
    {"hashtags", &screen::Candidate::hashtags, "screening_f_hashtags", 3},
    {"accounts", &screen::Candidate::accounts, "screening_f_accounts", 2},
    {"symbols", &screen::Candidate::symbols, "screening_f_symbols", 2},
}};

// The election fields of the form: [election] key, label, input type.
struct ElectionField {
  const char* key;
  std::string screen::Election::*member;
  const char* label;
  const char* type;
  bool required;
};
inline constexpr std::array<ElectionField, 5> kElectionFields{{
    {"name", &screen::Election::name, "screening_election_name", "text", true},
    {"region", &screen::Election::region, "screening_region", "text", true},
    {"voting_date", &screen::Election::voting_date, "screening_voting_date", "date", true},
    {"campaign_start", &screen::Election::campaign_start, "screening_campaign_start", "date", false},
    {"campaign_end", &screen::Election::campaign_end, "screening_campaign_end", "date", false},
}};

// The form as the admin sees it: text as typed, so that a refused save shows it again.
struct PairInput {
  std::string number;
  std::array<std::string, kLists.size()> lists;
  bool remove = false;
  bool is_new = false;  // the empty fieldset offered for a new pair
};
struct ElectionInput {
  std::array<std::string, kElectionFields.size()> fields;
  std::string version;
  std::vector<PairInput> pairs;
};

// An error of the form: the message, the detail in the form's words (the pair and the
// field, not the written file's line), and the control at fault.
struct FormError {
  Error error;
  std::string detail;
  std::string control;  // id of the input or textarea, or empty
};

// The form of a stored election, with an empty fieldset for a new pair.
ElectionInput input_of(const screen::Election& e, const std::string& version);
// The form as posted (at most kMaxPairs fieldsets).
ElectionInput input_of(const http::Request& req);
// The election the form describes. Removed pairs and fieldsets left empty are left out;
// `fieldset_of[k]` is the fieldset of candidate k, to point an error at it. A number that
// is not an integer becomes 0, which the parser refuses with its own message.
screen::Election election_of(const ElectionInput& in, const std::string& code, std::vector<std::size_t>& fieldset_of);
// "Pasangan 2", or the legend of the new pair's fieldset.
std::string pair_legend(const PairInput& p, Lang lang);
// A refused save in the form's words: the pair and field at fault instead of the file's line.
FormError form_error(const Error& e, const ElectionInput& in, const std::vector<std::size_t>& fieldset_of, Lang lang);

}  // namespace netral::web
