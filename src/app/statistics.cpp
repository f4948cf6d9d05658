#include "app/statistics.hpp"

#include "app/access.hpp"
#include "store/conduct_repo.hpp"

namespace netral::app {

Result<Statistics> statistics(Context& ctx, const Principal& p) {
  if (!sees_all_cases(p.user.role)) return fail("forbidden", "error.forbidden");
  Statistics out;
  auto tx = ctx.store.begin(false);
  store::CaseFilter f;
  f.instansi_id = p.user.instansi_id;
  out.by_status = ctx.store.cases().count_by_status(*tx, f);
  for (const auto& [status, n] : out.by_status) out.total += n;
  out.confirmed_cases = store::conduct_repo().confirmed_cases(*tx, p.user.instansi_id);
  out.by_conduct = store::conduct_repo().confirmed_counts(*tx, p.user.instansi_id);
  tx->commit();
  return out;
}

}  // namespace netral::app
