#include "screen/election.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace netral::screen {

const Candidate* Election::candidate(int number) const {
  for (const auto& c : candidates)
    if (c.number == number) return &c;
  return nullptr;
}

namespace {

// Every loader error names the file, the line and the field, so that an admin editing
// the file by hand finds the mistake without reading code.
std::unexpected<Error> field_error(std::string_view source, const toml::source_region& where, std::string field,
                                   std::string_view problem) {
  std::ostringstream detail;
  detail << source << ':' << where.begin.line << ": ";
  if (!field.empty()) detail << field << ": ";
  detail << problem;
  return fail(ErrorCode::invalid_election, "screen.election_invalid", std::move(field), detail.str());
}

Result<std::string> required_string(std::string_view source, const toml::table& t, std::string_view key,
                                    std::string field) {
  const toml::node* n = t.get(key);
  if (!n) return field_error(source, t.source(), std::move(field), "wajib diisi / required");
  if (auto s = n->value<std::string>(); s && !s->empty()) return *s;
  return field_error(source, n->source(), std::move(field), "harus teks tidak kosong / must be a non-empty string");
}

Result<std::string> date_field(std::string_view source, const toml::table& t, std::string_view key, std::string field,
                               bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) return field_error(source, t.source(), std::move(field), "wajib diisi / required");
    return std::string{};
  }
  if (auto d = n->value<toml::date>()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", unsigned(d->year), unsigned(d->month), unsigned(d->day));
    return std::string(buf);
  }
  return field_error(source, n->source(), std::move(field), "harus tanggal TOML (2024-11-27) / must be a TOML date");
}

Result<std::vector<std::string>> string_list(std::string_view source, const toml::table& t, std::string_view key,
                                             const std::string& field) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) return field_error(source, n->source(), field, "harus daftar teks / must be an array of strings");
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    auto s = e.value<std::string>();
    if (!s || s->empty())
      return field_error(source, e.source(), field + "[" + std::to_string(i) + "]",
                         "harus teks tidak kosong / must be a non-empty string");
    out.push_back(*s);
  }
  return out;
}

// The id names the election in URLs (/staff/screening/elections/<id>, <id>.toml) and in
// file names: a letter or digit, then letters, digits, '.', '_' or '-'; never ending in
// ".toml", which would read as the download of another election.
bool id_ok(std::string_view id) {
  if (id.empty() || id.size() > 100 || id.ends_with(".toml")) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(id.front())) return false;
  for (char c : id)
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

const std::set<std::string_view> kElectionKeys{"id", "name", "region", "voting_date", "campaign_start", "campaign_end"};
const std::set<std::string_view> kCandidateKeys{"number",   "names",   "nicknames", "common_names", "misspellings",
                                                "parties",  "slogans", "hashtags",  "accounts",     "symbols"};

// Unknown keys are errors, not silently ignored: a typo ("hastags") would otherwise
// quietly drop a whole group of terms from the lexicon.
Result<void> no_unknown_keys(std::string_view source, const toml::table& t, const std::set<std::string_view>& known,
                             const std::string& prefix) {
  for (const auto& [k, v] : t)
    if (!known.contains(k.str()))
      return field_error(source, v.source(), prefix + std::string(k.str()), "kunci tidak dikenal / unknown key");
  return {};
}

}  // namespace

Result<Election> parse_election(std::string_view toml_text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string(source));
  } catch (const toml::parse_error& e) {
    return field_error(source, e.source(), "", std::string("TOML tidak valid / invalid TOML: ") + std::string(e.description()));
  }
  Election el;
  const toml::table* et = root["election"].as_table();
  if (!et) return field_error(source, root.source(), "election", "tabel [election] wajib ada / [election] table is required");
  if (auto r = no_unknown_keys(source, *et, kElectionKeys, "election."); !r) return std::unexpected(r.error());
  auto id = required_string(source, *et, "id", "election.id");
  if (!id) return std::unexpected(id.error());
  if (!id_ok(*id))
    return field_error(source, et->get("id")->source(), "election.id",
                       "hanya huruf, angka, '.', '_' dan '-', diawali huruf atau angka, paling banyak 100, tidak "
                       "diakhiri .toml / only letters, digits, '.', '_' and '-', starting with a letter or digit, at "
                       "most 100, not ending in .toml");
  el.id = *id;
  auto name = required_string(source, *et, "name", "election.name");
  if (!name) return std::unexpected(name.error());
  el.name = *name;
  auto region = required_string(source, *et, "region", "election.region");
  if (!region) return std::unexpected(region.error());
  el.region = *region;
  auto vd = date_field(source, *et, "voting_date", "election.voting_date", true);
  if (!vd) return std::unexpected(vd.error());
  el.voting_date = *vd;
  auto cs = date_field(source, *et, "campaign_start", "election.campaign_start", false);
  if (!cs) return std::unexpected(cs.error());
  el.campaign_start = *cs;
  auto ce = date_field(source, *et, "campaign_end", "election.campaign_end", false);
  if (!ce) return std::unexpected(ce.error());
  el.campaign_end = *ce;
  if (!el.campaign_start.empty() && !el.campaign_end.empty() && el.campaign_end < el.campaign_start)
    return field_error(source, et->get("campaign_end")->source(), "election.campaign_end",
                       "sebelum campaign_start / before campaign_start");

  const toml::node* cn = root.get("candidate");
  const toml::array* ca = cn ? cn->as_array() : nullptr;
  if (!ca || ca->empty())
    return field_error(source, cn ? cn->source() : root.source(), "candidate",
                       "minimal satu [[candidate]] / at least one [[candidate]] is required");
  for (std::size_t i = 0; i < ca->size(); ++i) {
    const toml::table* ct = ca->get(i)->as_table();
    const std::string prefix = "candidate[" + std::to_string(i) + "].";
    if (!ct) return field_error(source, ca->get(i)->source(), "candidate[" + std::to_string(i) + "]", "harus tabel / must be a table");
    if (auto r = no_unknown_keys(source, *ct, kCandidateKeys, prefix); !r) return std::unexpected(r.error());
    Candidate c;
    const toml::node* num = ct->get("number");
    if (!num) return field_error(source, ct->source(), prefix + "number", "wajib diisi / required");
    auto n = num->value<std::int64_t>();
    if (!n || *n < 1 || *n > 99)
      return field_error(source, num->source(), prefix + "number", "harus bilangan 1-99 / must be an integer 1-99");
    c.number = int(*n);
    if (el.candidate(c.number))
      return field_error(source, num->source(), prefix + "number", "nomor urut ganda / duplicate number");
    struct { const char* key; std::vector<std::string>* out; } lists[] = {
        {"names", &c.names},       {"nicknames", &c.nicknames}, {"common_names", &c.common_names},
        {"misspellings", &c.misspellings}, {"parties", &c.parties}, {"slogans", &c.slogans},
        {"hashtags", &c.hashtags}, {"accounts", &c.accounts},   {"symbols", &c.symbols}};
    for (auto& l : lists) {
      auto v = string_list(source, *ct, l.key, prefix + l.key);
      if (!v) return std::unexpected(v.error());
      *l.out = std::move(*v);
    }
    if (c.names.empty())
      return field_error(source, ct->source(), prefix + "names", "minimal satu nama / at least one name is required");
    for (std::size_t k = 0; k < c.hashtags.size(); ++k)
      if (c.hashtags[k].size() < 2 || c.hashtags[k][0] != '#')
        return field_error(source, ct->get("hashtags")->source(), prefix + "hashtags[" + std::to_string(k) + "]",
                           "harus diawali # / must start with #");
    for (std::size_t k = 0; k < c.accounts.size(); ++k)
      if (c.accounts[k].size() < 2 || c.accounts[k][0] != '@')
        return field_error(source, ct->get("accounts")->source(), prefix + "accounts[" + std::to_string(k) + "]",
                           "harus diawali @ / must start with @");
    el.candidates.push_back(std::move(c));
  }
  return el;
}

Result<Election> load_election(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::file_unreadable, {}, "election",
                path + ": tidak dapat dibaca / cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_election(ss.str(), path);
}

}  // namespace netral::screen
