// The one message catalogue: every string a user sees, Bahasa Indonesia first, English second.
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
