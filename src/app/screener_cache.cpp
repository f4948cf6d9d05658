#include "app/screener_cache.hpp"

#include "screen/election.hpp"
#include "text/classify.hpp"

namespace netral::app {

Result<std::unique_ptr<ScreenerCache>> ScreenerCache::create(Context& ctx, const std::filesystem::path& data_dir) {
  auto parties = screen::load_parties((data_dir / "screen/parties.toml").string());
  if (!parties) return fail(ErrorCode::screening_data_invalid, {}, "parties", parties.error().detail);
  auto cues = screen::load_cues((data_dir / "screen/cues.toml").string());
  if (!cues) return fail(ErrorCode::screening_data_invalid, {}, "cues", cues.error().detail);
  std::filesystem::path catalog_cues = data_dir / "catalog/cues.toml";
  std::error_code ec;
  if (!std::filesystem::exists(catalog_cues, ec)) catalog_cues.clear();
  return std::make_unique<ScreenerCache>(ctx, std::move(*parties), std::move(*cues), catalog_cues);
}

ScreenerCache::ScreenerCache(Context& ctx, std::vector<screen::Party> parties, std::vector<screen::CueGroup> cues,
                             std::filesystem::path catalog_cues)
    : ctx_(ctx), parties_(std::move(parties)), cues_(std::move(cues)), catalog_cues_(std::move(catalog_cues)) {}

void ScreenerCache::forget() {
  std::lock_guard lock(mu_);
  cache_.reset();
  cache_key_.clear();
}

Result<std::shared_ptr<const screen::Screener>> ScreenerCache::screener_for(const store::ElectionRow& e) {
  std::vector<store::StaffAccount> accounts;
  {
    auto tx = ctx_.store.begin(false);
    accounts = ctx_.store.screening().list_accounts(*tx);
  }
  // Rebuilt when the election or the accounts change. The file's hash, not its import
  // time, names the election: an edit within the same second as the import must not keep
  // the old lexicon, and another instance's edit must reach this one's cache.
  std::string key = e.code + "|" + evidence::sha256_hex(e.source) + "|" + std::to_string(accounts.size());
  for (const auto& a : accounts) {
    key += '|';
    key += std::to_string(a.id);
    key += ':';
    key += std::to_string(a.employee_id);
  }
  std::lock_guard lock(mu_);
  if (cache_ && cache_key_ == key) return cache_;
  auto el = screen::parse_election(e.source, e.code + ".toml");
  if (!el) return fail(ErrorCode::invalid_election, {}, "election", el.error().detail);
  screen::AccountDirectory dir;
  for (const auto& a : accounts) dir.add(a.platform, a.handle, a.nip);
  std::unique_ptr<text::Classifier> classifier;
  if (!catalog_cues_.empty()) {
    auto c = text::Classifier::load(catalog_cues_);
    if (c) classifier = std::make_unique<text::Classifier>(std::move(*c));
  }
  auto s = screen::Screener::create(screen::compile_lexicon(*el, parties_, cues_), std::move(dir), std::move(classifier),
                                    true, db_cache_ ? &*db_cache_ : nullptr);
  if (!s) return std::unexpected(s.error());
  cache_ = std::shared_ptr<const screen::Screener>(std::move(*s));
  cache_key_ = key;
  return cache_;
}

}  // namespace netral::app
