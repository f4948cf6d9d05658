// bench_classify: throughput of the conduct classifier (src/text/classify.*) on one core, on
// a corpus of report-length texts (docs/benchmarks.md, "Classification").
//
// The corpus is generated here, deterministically (fixed seed), from varied Indonesian
// sentences of the kind reporters write: context (who, where, when), the act described
// (with slang and abbreviations as people type them), neutral filler, and sometimes a
// denial or a request. About a third of the texts describe no prohibited act.
//   bench_classify [--corpus_texts=N] [gbench args]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "text/classify.hpp"

namespace fs = std::filesystem;
using netral::text::Classifier;

namespace {

fs::path source_dir() {
  if (const char* e = std::getenv("NETRAL_SOURCE_DIR")) return e;
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

const std::vector<std::string> kNames = {"Budi Santoso", "Sri Wahyuni", "Ahmad Fauzi", "Dewi Lestari", "Hendra Gunawan",
                                         "Rina Marlina", "Yusuf Hamdani", "Siti Aminah", "Agus Salim", "Nurhayati"};
const std::vector<std::string> kUnits = {"Dinas Pendidikan", "Dinas Kesehatan", "BKPSDMD", "Kecamatan Toboali",
                                         "Dinas PUPR", "Bappeda", "Dinas Sosial", "Kantor Desa Rias", "Puskesmas Air Gegas",
                                         "Satpol PP"};
const std::vector<std::string> kPositions = {"kepala seksi", "staf", "guru SD", "camat", "kabid", "honorer", "sekcam",
                                             "kepala sekolah", "bendahara", "kades"};
const std::vector<std::string> kPlaces = {"lapangan merdeka", "gedung serba guna", "rumah makan di Jl. Sudirman",
                                          "balai desa", "posko pemenangan paslon 02", "aula kantor camat",
                                          "pasar ikan", "masjid raya", "kedai kopi dekat kantor bupati"};

// Sentences describing an act; {N} name, {U} unit, {P} place.
const std::vector<std::string> kActs = {
    "{N} ikut kampanye akbar paslon nomor 2 di {P} pada hari Sabtu siang.",
    "sy liat sendiri {N} dtg ke kampanye cabup dan ikut naik ke panggung.",
    "{N} pakai kaos partai dan atribut paslon waktu ikut konvoi kampanye.",
    "dia ngajak pegawai {U} utk hadir di acara deklarasi calon bupati.",
    "{N} mengerahkan para honorer di {U} supaya datang ke rapat akbar calon.",
    "mobil dinas plat merah dipakai {N} untuk mengangkut massa ke {P}.",
    "{N} menggunakan fasilitas kantor, printer dan internet {U}, untuk mencetak stiker paslon.",
    "di grup wa kantor {N} share video kampanye paslon dan minta semua like.",
    "akun fb {N} sering posting dukungan ke cabup, komen dan share status timses.",
    "{N} upload foto bersama calon bupati sambil acungkan dua jari di ig.",
    "ada foto {N} berpose salam tiga jari bareng paslon di {P}.",
    "{N} memasang spanduk dan baliho calon di pagar rumahnya dan di depan {U}.",
    "{N} terdaftar sebagai anggota tim sukses paslon, namanya ada di SK timses.",
    "{N} ikut mengumpulkan fotokopi KTP warga untuk dukungan calon perseorangan.",
    "{N} membagikan sembako kepada warga sambil mengajak memilih calon nomor 1.",
    "sebagai {P2} {N} mengeluarkan keputusan yang menguntungkan salah satu pasangan calon.",
    "bantuan sosial dari {U} dibagikan {N} dengan stiker paslon petahana.",
    "{N} mendatangi kantor partai untuk mendaftar sebagai bakal calon.",
    "{N} tercatat sebagai pengurus partai politik di tingkat kecamatan.",
    "{N} yg jadi anggota KPPS terlihat mengarahkan pemilih ke paslon tertentu.",
    "{N} mengadakan pertemuan dengan staf {U} dan mengimbau agar memilih calon tertentu.",
};
// Context, filler, denials and requests: no act of their own.
const std::vector<std::string> kOther = {
    "Kejadiannya sekitar pukul 14.00 WIB, saya sedang lewat dan melihat langsung.",
    "Saya warga setempat dan tidak punya kepentingan dengan calon mana pun.",
    "Mohon laporan ini ditindaklanjuti karena sudah berulang kali terjadi.",
    "Bukti berupa tangkapan layar dan video sudah saya lampirkan bersama laporan ini.",
    "Beberapa rekan kerja juga melihat kejadian tersebut tetapi takut melapor.",
    "Identitas saya mohon dirahasiakan karena saya juga bekerja di lingkungan pemda.",
    "{N} sendiri bekerja di {U} sebagai {P2} sejak beberapa tahun lalu.",
    "Sebelumnya yang bersangkutan pernah ditegur oleh atasannya namun tidak berubah.",
    "Cuaca hari itu hujan deras sehingga acara sempat tertunda satu jam.",
    "Saya tidak tahu apakah hal ini melanggar aturan, mohon diperiksa.",
    "{N} membantah ikut kampanye dan mengatakan hanya kebetulan lewat.",
    "Pelayanan di {U} jadi terganggu karena pegawainya banyak yang tidak di tempat.",
    "Terima kasih atas perhatian Bapak/Ibu, semoga pilkada berjalan damai.",
    "Waktu itu banyak warga berkumpul dan suasananya ramai sekali.",
    "Rapat rutin {U} membahas anggaran pembangunan jalan desa tahun depan.",
};

std::string fill(std::string s, std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  for (auto [key, list] : {std::pair{"{N}", &kNames}, {"{U}", &kUnits}, {"{P2}", &kPositions}, {"{P}", &kPlaces}})
    for (auto p = s.find(key); p != std::string::npos; p = s.find(key)) s.replace(p, std::string(key).size(), pick(*list));
  return s;
}

// Report-length: 4 to 12 sentences (about 300 to 1,200 bytes), like the description field
// of a public report.
std::vector<std::string> make_corpus(std::size_t n) {
  std::mt19937 rng(20241127);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t sentences = 4 + rng() % 9;
    bool has_act = rng() % 3 != 0;
    std::size_t act_at = has_act ? rng() % sentences : sentences;
    std::string t;
    for (std::size_t k = 0; k < sentences; ++k) {
      const auto& pool = (k == act_at || (has_act && rng() % 5 == 0)) ? kActs : kOther;
      t += fill(pool[rng() % pool.size()], rng);
      t += ' ';
    }
    t.pop_back();
    out.push_back(std::move(t));
  }
  return out;
}

std::size_t g_corpus_texts = 5000;

const Classifier& classifier() {
  static auto c = [] {
    auto r = Classifier::load(source_dir() / "data/catalog/cues.toml");
    if (!r) {
      std::cerr << r.error().detail << "\n";
      std::exit(1);
    }
    return std::move(*r);
  }();
  return c;
}

const std::vector<std::string>& corpus() {
  static auto c = make_corpus(g_corpus_texts);
  return c;
}

void add_counters(benchmark::State& state, std::size_t texts, std::size_t bytes) {
  state.SetItemsProcessed(static_cast<int64_t>(texts));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["texts/s"] = benchmark::Counter(static_cast<double>(texts), benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}

// One text per iteration, cycling through the corpus.
void BM_ClassifyReports(benchmark::State& state) {
  const auto& c = classifier();
  const auto& texts = corpus();
  std::size_t i = 0, n = 0, bytes = 0, labelled = 0;
  for (auto _ : state) {
    const auto& t = texts[i];
    auto labels = c.classify(t);
    benchmark::DoNotOptimize(labels.data());
    labelled += !labels.empty();
    bytes += t.size();
    ++n;
    if (++i == texts.size()) i = 0;
  }
  add_counters(state, n, bytes);
  state.counters["labelled_share"] = n ? static_cast<double>(labelled) / static_cast<double>(n) : 0;
}
BENCHMARK(BM_ClassifyReports)->Unit(benchmark::kMicrosecond);

// A whole circular letter (seed 004, 5.3 kB) per iteration, when the seeds are beside the
// source tree: the longest text the product classifies item by item on import.
void BM_ClassifyCircular(benchmark::State& state) {
  auto path = source_dir().parent_path() / "shared/seeds/004_8598e27f954b751e.txt";
  std::string t;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[8192];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) t.append(buf, n);
    std::fclose(f);
  }
  if (t.empty()) {
    state.SkipWithError("seed 004 not found");
    return;
  }
  const auto& c = classifier();
  std::size_t n = 0;
  for (auto _ : state) {
    auto labels = c.classify(t);
    benchmark::DoNotOptimize(labels.data());
    ++n;
  }
  add_counters(state, n, n * t.size());
}
BENCHMARK(BM_ClassifyCircular)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--corpus_texts=", 0) == 0)
      g_corpus_texts = std::max<std::size_t>(1, std::stoul(a.substr(15)));
    else
      rest.push_back(argv[i]);
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  const auto& c = corpus();
  std::size_t bytes = 0;
  for (auto& t : c) bytes += t.size();
  benchmark::AddCustomContext("corpus", std::to_string(c.size()) + " texts, " + std::to_string(bytes) + " bytes, mean " +
                                            std::to_string(bytes / c.size()) + " bytes/text, seed 20241127");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
