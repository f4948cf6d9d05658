// Loading and validating catalogue data files (docs/catalog.md describes the format).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "text/catalog.hpp"

namespace netral::text {

// One catalogue file's content, named for messages ("national/pp94_2021.toml").
struct CatalogSource {
  std::string name;
  std::string content;
};

// One problem found while loading: "<file>:<line>: <field>: <message>".
struct CatalogProblem {
  std::string file;
  int line = 0;
  std::string field;    // dotted path: "item[3].conduct"
  std::string message;  // English, for developers and `netral catalog check`
  std::string to_string() const;
};

struct CatalogLoad {
  Catalog catalog;
  std::vector<CatalogProblem> problems;  // empty when the catalogue is valid
};

// Pure: parses and validates. `conducts` is conducts.toml, `sanctions` is sanctions.toml,
// `documents` the national/*.toml and regional/*.toml files. Collects every problem
// instead of stopping at the first, so `catalog check` can list them all.
CatalogLoad parse_catalog(const CatalogSource& conducts, const CatalogSource& sanctions,
                          const std::vector<CatalogSource>& documents);

// Reads <dir>/conducts.toml, <dir>/sanctions.toml, <dir>/national/*.toml and
// <dir>/regional/*.toml (sorted by name) and parses them.
CatalogLoad read_catalog(const std::filesystem::path& dir);

// read_catalog, failing with code "catalog_invalid" (detail: every problem, one a line).
Result<Catalog> load_catalog(const std::filesystem::path& dir);

}  // namespace netral::text
