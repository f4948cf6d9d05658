#include "app/statistics.hpp"

#include "app/access.hpp"
#include "store/conduct_repo.hpp"

namespace netral::app {

Result<Statistics> statistics(Context& ctx, const Principal& p) {
  if (!sees_all_cases(p.user.role)) return fail(ErrorCode::forbidden);
  Statistics out;
  auto tx = ctx.store.begin(false);
  store::CaseFilter f;
  f.instansi_id = p.user.instansi_id;
  // A duplicate merged into another case is one case, not two: counted apart.
  long long all = 0;
  for (const auto& [status, n] : ctx.store.cases().count_by_status(*tx, f)) all += n;
  f.include_merged = false;
  out.by_status = ctx.store.cases().count_by_status(*tx, f);
  for (const auto& [status, n] : out.by_status) out.total += n;
  out.merged = all - out.total;
  out.confirmed_cases = ctx.store.conduct().confirmed_cases(*tx, p.user.instansi_id);
  out.by_conduct = ctx.store.conduct().confirmed_counts(*tx, p.user.instansi_id);
  tx->commit();
  return out;
}

}  // namespace netral::app
