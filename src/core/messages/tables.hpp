// The feature tables behind core/messages.hpp, one file per feature under core/messages/, so
// that a feature's strings are read, reviewed and extended in one place. messages.cpp merges
// them once into the one catalogue that tr() and all_messages() answer from.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "core/messages.hpp"

namespace netral::messages {

struct Table {
  std::string_view name;
  std::span<const MessageEntry> entries;
};

std::span<const MessageEntry> common();           // layout, navigation, staff chrome, model vocabulary
std::span<const MessageEntry> public_side();      // home, report form, receipt, status page
std::span<const MessageEntry> errors();           // errors of every layer
std::span<const MessageEntry> workflow();         // case workflow
std::span<const MessageEntry> statistics();       // case statistics
std::span<const MessageEntry> users();            // users, TOTP, reset, export, roster import
std::span<const MessageEntry> roster();           // the roster page (upload, errors, browser)
std::span<const MessageEntry> catalogue();        // catalogue, categories, circular import
std::span<const MessageEntry> screening();        // screening queue, flags, screenshots
std::span<const MessageEntry> screening_admin();  // elections, linked accounts, collector push
std::span<const MessageEntry> governments();      // regional governments, the public form's choice

// Every table, in merge order.
std::span<const Table> tables();

// The tables as one list. A key in two tables throws std::logic_error naming the key and both
// tables: the index would otherwise keep one text and silently drop the other.
std::vector<MessageEntry> merge(std::span<const Table> tables);

}  // namespace netral::messages
