// Versioned schema of the store. One ordered list of migrations; each is applied once,
// in its own place in the list, and recorded in schema_migrations. See docs/storage.md
// for how to add one.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace netral::store::detail {

struct Migration {
  int version;                               // 1, 2, 3 ... without gaps
  std::string_view name;                     // what it does, for people reading the table
  std::vector<std::string_view> statements;  // one SQL statement each, in portable SQL with
                                             // the {{...}} tokens of backend_sql()
};

// Every migration, oldest first. Never edit a released entry: append a new one.
const std::vector<Migration>& migrations();

// `sql` with the backend-specific tokens replaced:
//   {{ID}}    the autoincrement primary key (INTEGER PRIMARY KEY / BIGINT identity)
//   {{BLOB}}  a byte string column (BLOB / BYTEA)
std::string backend_sql(std::string_view sql, Backend backend);

}  // namespace netral::store::detail
