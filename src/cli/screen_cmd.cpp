// `netral screen`: screens a feed of staff posts against an election (issue 5,
// docs/screening.md). Files in, flags out; the app layer calls the same Screener.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "app/db_cache.hpp"
#include "cli/commands.hpp"
#include "screen/election.hpp"
#include "screen/lexicon.hpp"
#include "screen/post_io.hpp"
#include "screen/screener.hpp"
#include "screen/stream.hpp"

namespace netral::cli {

namespace {

namespace fs = std::filesystem;

struct ScreenArgs {
  std::string election, input = "-", out = "-", accounts, parties, cues, catalog_cues, format = "auto", cache_dir;
  unsigned threads = 0;
  bool quiet = false;
  bool no_shortcut = false;
  bool no_cache = false;
};

// The party list and cue file ship in data/screen/; look beside the working directory,
// then NETRAL_DATA_DIR, then relative to the binary (installed or in a build directory).
std::string find_data_file(const std::string& name, const std::string& sub = "screen") {
  std::vector<fs::path> dirs;
  if (const char* d = std::getenv("NETRAL_DATA_DIR")) dirs.emplace_back(d);
  dirs.emplace_back("data");
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back(exe.parent_path() / "../data");
    dirs.push_back(exe.parent_path() / "../share/netral");
  }
  for (const auto& d : dirs)
    if (fs::exists(d / sub / name, ec)) return (d / sub / name).string();
  return {};
}

int report(const Error& e) {
  std::fprintf(stderr, "netral screen: %s\n", e.detail.empty() ? std::string(to_string(e.code)).c_str() : e.detail.c_str());
  return 2;
}

int run(const ScreenArgs& a) {
  using namespace netral::screen;
  auto election = load_election(a.election);
  if (!election) return report(election.error());
  std::string parties_path = a.parties.empty() ? find_data_file("parties.toml") : a.parties;
  std::string cues_path = a.cues.empty() ? find_data_file("cues.toml") : a.cues;
  if (parties_path.empty() || cues_path.empty()) {
    std::fprintf(stderr,
                 "netral screen: data/screen/parties.toml atau cues.toml tidak ditemukan; pakai --parties/--cues atau "
                 "NETRAL_DATA_DIR / party list or cue file not found; use --parties/--cues or NETRAL_DATA_DIR\n");
    return 2;
  }
  auto parties = load_parties(parties_path);
  if (!parties) return report(parties.error());
  auto cues = load_cues(cues_path);
  if (!cues) return report(cues.error());
  AccountDirectory accounts;
  if (!a.accounts.empty()) {
    auto acc = load_accounts(a.accounts);
    if (!acc) return report(acc.error());
    accounts = std::move(*acc);
  }
  // The catalogue's classifier labels conduct; screening still works without it.
  std::unique_ptr<text::Classifier> classifier;
  std::string catalog_cues = a.catalog_cues.empty() ? find_data_file("cues.toml", "catalog") : a.catalog_cues;
  if (!catalog_cues.empty()) {
    auto c = text::Classifier::load(catalog_cues);
    if (!c) return report(c.error());
    classifier = std::make_unique<text::Classifier>(std::move(*c));
  }
  // Compiled databases are kept between runs: a second run with the same lexicon starts at once.
  std::optional<app::FileDatabaseCache> cache;
  if (!a.no_cache) {
    fs::path dir = a.cache_dir.empty() ? app::FileDatabaseCache::default_dir() : fs::path(a.cache_dir);
    if (!dir.empty()) cache.emplace(dir / "screen");
  }
  auto screener = Screener::create(compile_lexicon(*election, *parties, *cues), std::move(accounts),
                                   std::move(classifier), !a.no_shortcut, cache ? &*cache : nullptr);
  if (!screener) return report(screener.error());

  std::ifstream fin;
  std::istream* in = &std::cin;
  std::uint64_t input_size = 0;
  if (a.input != "-") {
    fin.open(a.input, std::ios::binary);
    if (!fin) {
      std::fprintf(stderr, "netral screen: %s: tidak dapat dibaca / cannot be read\n", a.input.c_str());
      return 2;
    }
    in = &fin;
    std::error_code ec;
    input_size = fs::file_size(a.input, ec);
    if (ec) input_size = 0;
  } else {
    std::ios::sync_with_stdio(false);
  }
  std::ofstream fout;
  std::ostream* out = &std::cout;
  if (a.out != "-") {
    fout.open(a.out, std::ios::binary | std::ios::trunc);
    if (!fout) {
      std::fprintf(stderr, "netral screen: %s: tidak dapat ditulis / cannot be written\n", a.out.c_str());
      return 2;
    }
    out = &fout;
  }

  StreamOptions opt;
  bool csv = a.format == "csv" || (a.format == "auto" && a.input.size() > 4 &&
                                   a.input.compare(a.input.size() - 4, 4, ".csv") == 0);
  opt.format = csv ? InputFormat::csv : InputFormat::jsonl;
  opt.threads = a.threads ? a.threads : std::max(1u, std::thread::hardware_concurrency());
  const bool tty = isatty(STDERR_FILENO) && !a.quiet;
  const auto t0 = std::chrono::steady_clock::now();
  auto last = t0;
  if (tty)
    opt.progress = [&](const StreamStats& s) {
      auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(200)) return;
      last = now;
      double mb = double(s.bytes) / 1e6;
      if (input_size) {
        int pct = int(100.0 * double(s.bytes) / double(input_size));
        int bar = pct / 5;
        std::fprintf(stderr, "\r[%.*s%*s] %3d%%  %.0f MB  %llu postingan/posts  %llu ditandai/flagged", bar,
                     "####################", 20 - bar, "", pct, mb, (unsigned long long)s.posts,
                     (unsigned long long)s.flagged);
      } else {
        std::fprintf(stderr, "\r%.0f MB  %llu postingan/posts  %llu ditandai/flagged", mb,
                     (unsigned long long)s.posts, (unsigned long long)s.flagged);
      }
    };
  std::uint64_t warnings = 0;
  opt.warn = [&](std::string_view w) {
    // The first few malformed records are shown; a broken feed must not flood the terminal.
    if (++warnings <= 20) std::fprintf(stderr, "%speringatan / warning: %.*s\n", tty ? "\r" : "", int(w.size()), w.data());
  };
  auto stats = screen_stream(*in, *out, **screener, opt);
  out->flush();
  if (tty) std::fputc('\n', stderr);
  if (!stats) return report(stats.error());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!a.quiet) {
    std::fprintf(stderr,
                 "selesai / done: %llu postingan/posts, %llu ditandai/flagged, %llu rusak/malformed, %.1f MB dalam/in %.2f s\n",
                 (unsigned long long)stats->posts, (unsigned long long)stats->flagged,
                 (unsigned long long)stats->invalid, double(stats->bytes) / 1e6, secs);
    if (opt.format == InputFormat::jsonl && stats->posts)
      std::fprintf(stderr, "diperiksa penuh / screened in full: %llu (%.1f%%)\n", (unsigned long long)stats->full,
                   100.0 * double(stats->full) / double(stats->posts));
  }
  return 0;
}

}  // namespace

void register_screen(CLI::App& app) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "screen",
      "Saring postingan media sosial pegawai terhadap leksikon pemilihan / "
      "Screen staff social-media posts against an election's lexicon");
  cmd->add_option("--election", args->election, "Berkas pemilihan TOML / election file (TOML)")->required();
  cmd->add_option("--input,-i", args->input, "Postingan JSONL atau CSV, '-' = stdin / posts, JSONL or CSV")
      ->capture_default_str();
  cmd->add_option("--out,-o", args->out, "Keluaran JSONL, '-' = stdout / flags output (JSONL)")->capture_default_str();
  cmd->add_option("--accounts", args->accounts,
                  "CSV platform,account,nip: akun pegawai / staff accounts mapped to NIP");
  cmd->add_option("--parties", args->parties, "Daftar partai / party list (default data/screen/parties.toml)");
  cmd->add_option("--cues", args->cues, "Berkas isyarat / cue file (default data/screen/cues.toml)");
  cmd->add_option("--catalog-cues", args->catalog_cues,
                  "Isyarat katalog untuk kategori pelanggaran / catalogue cues for conduct (default data/catalog/cues.toml)");
  cmd->add_option("--format", args->format, "auto|jsonl|csv")
      ->check(CLI::IsMember({"auto", "jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("--threads,-j", args->threads, "Jumlah thread, 0 = semua inti / threads, 0 = all cores")
      ->capture_default_str();
  cmd->add_option("--cache-dir", args->cache_dir,
                  "Simpan basis data pencocokan yang dikompilasi di sini / keep compiled match databases here "
                  "(default $NETRAL_CACHE_DIR, $XDG_CACHE_HOME/netral or ~/.cache/netral)");
  cmd->add_flag("--no-cache", args->no_cache,
                "Selalu kompilasi ulang, tanpa cache / always compile, keep nothing on disk");
  cmd->add_flag("--quiet,-q", args->quiet, "Tanpa progres dan ringkasan / no progress or summary");
  // For checking the prefilter (docs/screening.md, "Speed"): the flags must be identical.
  cmd->add_flag("--no-shortcut", args->no_shortcut,
                "Normalisasi setiap postingan (untuk pemeriksaan) / normalise every post (for checks)")
      ->group("");
  cmd->callback([args] {
    int rc = run(*args);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace netral::cli
