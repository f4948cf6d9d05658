// The one message catalogue: every string a user sees, Bahasa Indonesia first, English second.
// Written as one table per feature (core/messages/*.cpp), merged on first use; a key in two
// tables throws std::logic_error there (`netral serve` merges at start, so it fails at once).
#pragma once
#include <string_view>
#include <vector>

namespace netral {

enum class Lang { id, en };

struct MessageEntry {
  std::string_view key;
  std::string_view id;
  std::string_view en;
};

// The text of `key` in `lang`; the key itself when it is missing (a test checks none is).
std::string_view tr(Lang lang, std::string_view key);
bool has_message(std::string_view key);
const std::vector<MessageEntry>& all_messages();

}  // namespace netral
