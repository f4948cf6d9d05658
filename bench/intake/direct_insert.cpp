// The ceiling for bench/intake: the same report rows the HTTP API writes, inserted straight
// into the database through the app layer (ReportService::submit: validation, case, report,
// the workflow's intake (timeline event, clocks, duplicate check), audit entry, one
// committed write transaction), with the same durability settings the server uses (the
// store's own: SQLite synchronous=FULL + WAL, PostgreSQL defaults).
//
// Run by bench/intake/run.sh, which creates the database with `netral init --demo` and passes
//   NETRAL_BENCH_DB    SQLite path or postgresql:// URL
//   NETRAL_BENCH_DATA  data directory (keys)
// Without them every benchmark is skipped with an error.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "app/audit.hpp"
#include "app/context.hpp"
#include "app/report_service.hpp"
#include "app/secrets.hpp"
#include "app/workflow_service.hpp"
#include "core/receipt.hpp"
#include "evidence/blob_store.hpp"
#include "store/store.hpp"
#include "text/data_dir.hpp"

namespace {

using namespace netral;

// Pooled connections: one per benchmark thread at most (see the Threads() below).
constexpr int kPoolSize = 8;

struct BenchEnv {
  store::StorePtr store;
  evidence::BlobStorePtr blobs;
  std::unique_ptr<app::Secrets> secrets;
  std::unique_ptr<app::Context> ctx;
  std::unique_ptr<app::ReportService> reports;
  std::unique_ptr<app::WorkflowService> workflow;  // observes `reports`, as in serve
  std::string error;
};

BenchEnv& bench_env() {
  static BenchEnv env;
  static std::once_flag once;
  std::call_once(once, [] {
    const char* db = std::getenv("NETRAL_BENCH_DB");
    const char* data = std::getenv("NETRAL_BENCH_DATA");
    if (!db || !data) {
      env.error = "set NETRAL_BENCH_DB and NETRAL_BENCH_DATA (bench/intake/run.sh does)";
      return;
    }
    try {
      app::init_crypto();
      auto s = store::open_store(db, kPoolSize);
      if (!s) {
        env.error = "cannot open " + std::string(db) + ": " + std::string(to_string(s.error().code)) + " " + s.error().detail;
        return;
      }
      env.store = std::move(*s);
      env.blobs = evidence::make_file_blob_store(std::filesystem::path(data) / "bench-evidence");
      env.secrets = std::make_unique<app::Secrets>(data);
      env.ctx = std::unique_ptr<app::Context>(new app::Context{*env.store, *env.blobs, *env.secrets, app::Config{}});
      env.reports = std::make_unique<app::ReportService>(*env.ctx);
      auto wf = app::WorkflowService::create(*env.ctx, *env.reports, text::find_data_dir("bench_intake"));
      if (!wf) {
        env.error = "workflow: " + wf.error().detail;
        return;
      }
      env.workflow = std::move(*wf);
    } catch (const std::exception& e) {
      env.error = e.what();
    }
  });
  return env;
}

std::atomic<long long> g_counter{0};

// The same report bench/intake/report.lua posts.
app::NewReport make_report(long long n) {
  app::NewReport r;
  r.instansi = "19.03";
  char nip[32];
  std::snprintf(nip, sizeof nip, "198503%02lld2010011%03lld", 1 + (n / 999) % 28, 1 + n % 999);
  r.reported = {"Budi Bench " + std::to_string(n), nip, "Dinas Pendidikan", "Guru"};
  r.description = "Bench report " + std::to_string(n) + ": memasang baliho calon di kantor.";
  r.incident_date = "2026-03-10";
  r.incident_place = "Toboali";
  r.learned_date = "2026-03-11";
  r.links = {"https://example.org/p/" + std::to_string(n)};
  r.channel = Channel::api;
  return r;
}

// Full use case, as the HTTP handler calls it (minus HTTP and JSON).
void BM_SubmitReport(benchmark::State& state) {
  auto& env = bench_env();
  if (!env.error.empty()) {
    state.SkipWithError(env.error.c_str());
    return;
  }
  app::ReportService& service = *env.reports;
  const app::Actor actor{"reporter", "127.0.0.1"};
  for (auto _ : state) {
    auto r = service.submit(make_report(++g_counter), {}, actor);
    if (!r) {
      state.SkipWithError(("submit failed: " + std::string(to_string(r.error().code)) + " " + r.error().field).c_str());
      break;
    }
    benchmark::DoNotOptimize(r->case_id);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SubmitReport)->Threads(1)->Threads(kPoolSize)->UseRealTime();

// Only the rows: case, report and audit entry in one write transaction, no validation and
// no roster look-ups: the floor under BM_SubmitReport.
void BM_StoreRowsOnly(benchmark::State& state) {
  auto& env = bench_env();
  if (!env.error.empty()) {
    state.SkipWithError(env.error.c_str());
    return;
  }
  Id instansi_id = 0;
  {
    auto tx = env.store->begin(false);
    auto inst = env.store->reference().instansi_by_code(*tx, "19.03");
    if (!inst) {
      state.SkipWithError("instansi 19.03 missing: run netral init --demo first");
      return;
    }
    instansi_id = inst->id;
  }
  const app::Actor actor{"reporter", "127.0.0.1"};
  for (auto _ : state) {
    const long long n = ++g_counter;
    const auto now = static_cast<Timestamp>(std::time(nullptr));
    auto tx = env.store->begin(true);
    auto& cases = env.store->cases();
    Case c;
    c.instansi_id = instansi_id;
    c.reported_name = "Budi Bench " + std::to_string(n);
    c.summary = "Bench report " + std::to_string(n);
    c.created_at = c.updated_at = now;
    c.case_number = format_case_number("19.03", 2026, cases.next_case_serial(*tx, instansi_id, 2026));
    c.id = cases.insert_case(*tx, c);
    Report r;
    r.case_id = c.id;
    r.instansi_id = instansi_id;
    r.channel = Channel::api;
    r.reported = {c.reported_name, "198503122010011001", "Dinas Pendidikan", "Guru"};
    r.description = c.summary + ": memasang baliho calon di kantor.";
    r.created_at = now;
    cases.insert_report(*tx, r, env.secrets->keyed_hash(app::Secrets::new_receipt()));
    app::audit(*env.store, *tx, actor, instansi_id, "report.create", "case:" + std::to_string(c.id), "{}", now);
    tx->commit();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StoreRowsOnly)->Threads(1)->Threads(kPoolSize)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
