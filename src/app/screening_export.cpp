#include "app/screening_export.hpp"

#include <nlohmann/json.hpp>

#include <unordered_set>

#include "app/access.hpp"
#include "app/audit.hpp"
#include "core/identifiers.hpp"

namespace netral::app {

std::string reviewed_flag_json(const store::FlagRow& f) {
  nlohmann::json spans = nlohmann::json::parse(f.spans, nullptr, false);
  if (!spans.is_array()) spans = nlohmann::json::array();
  nlohmann::json terms = nlohmann::json::array();
  std::unordered_set<std::string> seen;
  for (const auto& sp : spans)
    if (sp.is_object() && sp.contains("term") && sp["term"].is_string() && seen.insert(sp["term"].get<std::string>()).second)
      terms.push_back(sp["term"]);
  nlohmann::json conduct = nlohmann::json::array();
  for (std::size_t pos = 0; pos < f.conduct.size();) {
    auto comma = f.conduct.find(',', pos);
    if (comma == std::string::npos) comma = f.conduct.size();
    if (comma > pos) conduct.push_back(f.conduct.substr(pos, comma - pos));
    pos = comma + 1;
  }
  nlohmann::json j = {
      {"id", f.id},
      {"election", f.election_code},
      {"platform", f.platform},
      {"account", f.account},
      {"linked", f.employee_id.has_value()},
      {"post_id", f.post_id},
      {"url", f.url},
      {"time", f.post_time},
      {"kind", to_string(f.kind)},
      {"text", f.text},
      {"context_text", f.context_text},
      {"candidate", f.candidate},
      {"stance", to_string(f.stance)},
      {"conduct", conduct},
      {"score", f.score_pct / 100.0},
      {"spans", spans},
      {"terms", terms},
      {"label", std::string(to_string(f.status))},
      {"reason", f.reason},
      {"flagged_at", format_iso_time(f.created_at)},
      {"reviewed_at", f.reviewed_at ? nlohmann::json(format_iso_time(*f.reviewed_at)) : nlohmann::json(nullptr)},
      {"case_number", f.case_number.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.case_number)},
      {"screenshot_sha256", f.has_screenshot() ? nlohmann::json(f.screenshot_sha256) : nlohmann::json(nullptr)},
  };
  // Invalid UTF-8 (a collector's bytes) is replaced, never a failed export.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<long long> ScreeningExport::export_reviewed(const Principal& p,
                                                   const std::function<void(std::string_view)>& line) {
  if (!reviews_flags(p.user.role)) return fail(ErrorCode::forbidden);
  long long n = 0;
  {
    // One read transaction (one snapshot on SQLite), pages of 500 by id.
    auto tx = ctx_.store.begin(false);
    Id after = 0;
    for (;;) {
      auto page = ctx_.store.screening().list_reviewed(*tx, p.user.instansi_id, after, 500);
      for (const auto& f : page) {
        line(reviewed_flag_json(f) + "\n");
        ++n;
      }
      if (page.size() < 500) break;
      after = page.back().id;
    }
  }
  const Timestamp now = ctx_.now();
  auto tx = ctx_.store.begin(true);
  audit(ctx_.store, *tx, p.actor(), p.user.instansi_id, "screening.export_reviewed", "screening_flags",
        nlohmann::json({{"lines", n}}).dump(), now);
  tx->commit();
  return n;
}

}  // namespace netral::app
