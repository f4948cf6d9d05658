#include "core/messages.hpp"

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "core/messages/tables.hpp"

namespace netral {
namespace messages {

std::span<const Table> tables() {
  static const Table kTables[] = {
      {"common", common()},         {"public_side", public_side()}, {"errors", errors()},
      {"workflow", workflow()},     {"statistics", statistics()},   {"users", users()},
      {"catalogue", catalogue()},   {"screening", screening()},     {"screening_admin", screening_admin()},
      {"governments", governments()},
      {"roster", roster()},
  };
  return kTables;
}

std::vector<MessageEntry> merge(std::span<const Table> tables) {
  std::vector<MessageEntry> out;
  std::unordered_map<std::string_view, std::string_view> owner;  // key -> table
  for (const auto& t : tables)
    for (const auto& e : t.entries) {
      if (auto [it, fresh] = owner.emplace(e.key, t.name); !fresh)
        throw std::logic_error("message key \"" + std::string(e.key) + "\" is in table " + std::string(it->second) +
                               " and in table " + std::string(t.name));
      out.push_back(e);
    }
  return out;
}

}  // namespace messages

const std::vector<MessageEntry>& all_messages() {
  static const std::vector<MessageEntry> all = messages::merge(messages::tables());
  return all;
}

static const std::unordered_map<std::string_view, const MessageEntry*>& index() {
  static const auto* m = [] {
    auto* out = new std::unordered_map<std::string_view, const MessageEntry*>;
    for (const auto& e : all_messages()) (*out)[e.key] = &e;
    return out;
  }();
  return *m;
}

std::string_view tr(Lang lang, std::string_view key) {
  auto it = index().find(key);
  if (it == index().end()) return key;
  return lang == Lang::en ? it->second->en : it->second->id;
}

bool has_message(std::string_view key) { return index().count(key) > 0; }

}  // namespace netral
