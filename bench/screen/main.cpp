// bench_screen: the pieces of bench/screen/run.sh that need C++.
//   bench_screen generate DIR [MB]     corpus (posts.jsonl), election and plain lexicon
//   bench_screen scan LEXICON FILE     bare Vectorscan scan of FILE's bytes, no normalisation
//   bench_screen micro [gbench args]   Google Benchmark of normalise+screen per post
// The corpus goes to DIR, never into the repository.
#include <benchmark/benchmark.h>
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "screen/election.hpp"
#include "screen/lexicon.hpp"
#include "screen/screener.hpp"
#include "text/normalize.hpp"

namespace fs = std::filesystem;
using namespace netral::screen;

namespace {

// The data files live in the source tree; bench/CMakeLists.txt passes no source
// directory, so take it from this file's path (absolute under CMake), or the environment.
fs::path source_dir() {
  if (const char* e = std::getenv("NETRAL_SOURCE_DIR")) return e;
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

// Frequent Indonesian words, most frequent first, so a Zipf draw gives a plausible mix.
const char* const kWords[] = {
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "ada", "saya", "ke", "dari", "akan", "kita",
    "juga", "sudah", "bisa", "kami", "mereka", "pada", "dalam", "karena", "atau", "jadi", "lagi", "hari", "kalau",
    "semua", "orang", "baru", "masih", "harus", "banyak", "mau", "sama", "apa", "tapi", "lebih", "seperti", "hanya",
    "buat", "sekarang", "nanti", "besok", "kemarin", "pagi", "siang", "malam", "rumah", "kantor", "kerja", "anak",
    "ibu", "bapak", "keluarga", "teman", "makan", "minum", "kopi", "nasi", "ikan", "pasar", "jalan", "desa", "kota",
    "sekolah", "guru", "murid", "dinas", "rapat", "laporan", "anggaran", "pelayanan", "masyarakat", "warga",
    "kegiatan", "acara", "selamat", "terima", "kasih", "semoga", "sehat", "selalu", "bahagia", "sukses", "berkah",
    "alhamdulillah", "insyaallah", "mantap", "keren", "bagus", "indah", "cantik", "hujan", "panas", "banjir",
    "macet", "liburan", "pantai", "gunung", "foto", "video", "lihat", "baca", "tulis", "info", "berita", "harga",
    "beras", "minyak", "cabai", "naik", "turun", "mahal", "murah", "jual", "beli", "bayar", "gaji", "libur",
    "upacara", "apel", "senam", "olahraga", "bola", "timnas", "menang", "kalah", "skor", "main", "nonton", "film",
    "lagu", "musik", "masjid", "gereja", "pengajian", "arisan", "gotong", "royong", "kerja", "bakti", "sampah",
    "bersih", "lingkungan", "pohon", "tanam", "padi", "kebun", "sawit", "lada", "timah", "tambang", "nelayan",
    "laut", "kapal", "pelabuhan", "bandara", "pesawat", "motor", "mobil", "bensin", "listrik", "air", "internet",
    "sinyal", "hp", "aplikasi", "data", "online", "zoom", "webinar", "pelatihan", "diklat", "sertifikat", "ujian",
    "nilai", "rapor", "wisuda", "kuliah", "kampus", "mahasiswa", "dosen", "penelitian", "puskesmas", "dokter",
    "obat", "vaksin", "posyandu", "bayi", "balita", "gizi", "stunting", "bantuan", "sosial", "program", "pembangunan",
    "jembatan", "irigasi", "drainase", "proyek", "kontraktor", "tender", "pengadaan", "barang", "jasa", "aset",
    "pajak", "retribusi", "pendapatan", "daerah", "provinsi", "kabupaten", "kecamatan", "kelurahan", "camat",
    "lurah", "kepala", "sekretaris", "bidang", "seksi", "staf", "pegawai", "honorer", "kontrak", "cuti", "izin",
    "sakit", "hadir", "absen", "apel", "pagi", "sore", "minggu", "sabtu", "senin", "selasa", "rabu", "kamis", "jumat",
    "bulan", "tahun", "november", "oktober", "september", "desember", "wkwk", "haha", "hehe", "yg", "gak", "udah",
    "aja", "bgt", "dong", "sih", "deh", "kok", "loh", "kan", "nih", "tuh", "gitu", "gini", "banget", "emang"};

// Syllables for invented candidate names: none is meant to be a real person.
const char* const kSyl[] = {"ba", "ra", "di", "to", "su", "wi", "ja", "ya", "na", "ti", "lo", "mar", "san",
                            "har", "dan", "wan", "tri", "ka", "no", "pu", "tra", "sa", "ri", "ma", "dewi", "yan"};

std::string word_from(std::mt19937_64& rng, int syllables) {
  std::string w;
  for (int i = 0; i < syllables; ++i) w += kSyl[rng() % std::size(kSyl)];
  w[0] = char(std::toupper(static_cast<unsigned char>(w[0])));
  return w;
}

std::string leet(std::string s, std::mt19937_64& rng) {
  for (char& c : s) {
    if ((rng() % 4) != 0) continue;
    if (c == 'a') c = '4';
    else if (c == 'e') c = '3';
    else if (c == 'i') c = '1';
    else if (c == 'o') c = '0';
  }
  return s;
}

void json_escape(const std::string& s, std::string& out) {
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
}

int generate(const fs::path& dir, double megabytes) {
  fs::create_directories(dir);
  std::mt19937_64 rng(20241127);
  // An election large enough to give a lexicon of a few thousand terms.
  const int pairs = 60;
  std::vector<std::vector<std::string>> names(pairs + 1);
  std::string toml =
      "# Generated by bench_screen for benchmarks: invented names only.\n[election]\nid = \"bench\"\n"
      "name = \"Pemilihan Bench\"\nregion = \"19.99\"\nvoting_date = 2024-11-27\n";
  std::set<std::string> used;
  for (int p = 1; p <= pairs; ++p) {
    // Unique invented words; after repeated collisions take a syllable more, so that
    // a few thousand names never exhaust the short combinations.
    auto fresh = [&](int syl) {
      for (int tries = 0;; ++tries) {
        std::string w = word_from(rng, syl + tries / 16);
        if (used.insert(w).second) return w;
      }
    };
    std::string head = fresh(3) + " " + fresh(3), deputy = fresh(3) + " " + fresh(2);
    std::string nick = fresh(2) + fresh(2);
    names[p] = {head, deputy, nick};
    toml += "\n[[candidate]]\nnumber = " + std::to_string(p) + "\nnames = [\"" + head + "\", \"" + deputy + "\"]\n";
    toml += "nicknames = [\"" + nick + "\"";
    for (int k = 0; k < 6; ++k) toml += ", \"" + fresh(2) + " " + fresh(3) + "\"";
    toml += "]\nmisspellings = [";
    for (int k = 0; k < 24; ++k) toml += std::string(k ? ", " : "") + "\"" + fresh(3) + " " + fresh(2) + "\"";
    toml += "]\nslogans = [";
    for (int k = 0; k < 8; ++k) toml += std::string(k ? ", " : "") + "\"" + fresh(2) + " Maju " + fresh(2) + "\"";
    toml += "]\nhashtags = [";
    for (int k = 0; k < 8; ++k) toml += std::string(k ? ", " : "") + "\"#" + fresh(2) + "Menang" + fresh(2) + "\"";
    toml += "]\naccounts = [\"@" + nick + ".official\"]\n";
  }
  { std::ofstream(dir / "election.toml") << toml; }

  // The plain lexicon the baselines search for: the same normalised literals.
  auto el = parse_election(toml, "election.toml");
  const fs::path src = source_dir();
  auto parties = load_parties((src / "data/screen/parties.toml").string());
  auto cues = load_cues((src / "data/screen/cues.toml").string());
  if (!el || !parties || !cues) {
    std::fprintf(stderr, "generate: cannot load election/parties/cues\n");
    return 1;
  }
  auto lex = compile_lexicon(*el, *parties, *cues);
  // Ambiguous terms ("02", "dua jari", everyday party words) are left out: alone they hit
  // almost every line (post ids, times), which would measure nothing but the first hit.
  std::set<std::string> patterns;
  for (const auto& t : lex.terms)
    if (!t.raw && !t.ambiguous && t.pattern.size() >= 3) patterns.insert(t.pattern);
  {
    std::ofstream lf(dir / "lexicon.txt");
    for (const auto& p : patterns) lf << p << '\n';
  }

  // Posts: Zipf-distributed words, a few per cent naming a pair beside a cue.
  std::vector<double> w(std::size(kWords));
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = 1.0 / double(i + 1);
  std::discrete_distribution<std::size_t> zipf(w.begin(), w.end());
  const char* const platforms[] = {"facebook", "instagram", "x", "tiktok"};
  const char* const kinds[] = {"post", "post", "post", "share", "comment"};
  const char* const cue[] = {"dukung", "coblos", "pilih", "menangkan", "jangan pilih", "tolak", "lanjutkan"};
  std::ofstream out(dir / "posts.jsonl", std::ios::binary);
  const std::uint64_t target = std::uint64_t(megabytes * 1e6);
  std::uint64_t written = 0, posts = 0, planted = 0;
  std::string line, text;
  while (written < target) {
    text.clear();
    int n = 8 + int(rng() % 40);
    bool plant = rng() % 100 < 3;
    int at = plant ? int(rng() % n) : -1;
    for (int i = 0; i < n; ++i) {
      if (i) text += ' ';
      if (i == at) {
        int p = 1 + int(rng() % pairs);
        std::string who = names[p][rng() % 3];
        if (rng() % 3 == 0) who = leet(who, rng);
        text += std::string(cue[rng() % std::size(cue)]) + " " + who;
        continue;
      }
      std::string word = kWords[zipf(rng)];
      if (i == 0) word[0] = char(std::toupper(static_cast<unsigned char>(word[0])));
      text += word;
    }
    text += rng() % 2 ? "." : "!";
    line = "{\"platform\":\"";
    line += platforms[rng() % 4];
    line += "\",\"account\":\"user" + std::to_string(rng() % 50000) + "\",\"post_id\":\"" + std::to_string(posts) +
            "\",\"time\":\"2024-10-0" + std::to_string(1 + rng() % 9) + "T08:00:00+07:00\",\"kind\":\"" +
            kinds[rng() % 5] + "\",\"text\":\"";
    json_escape(text, line);
    line += "\"}\n";
    out.write(line.data(), std::streamsize(line.size()));
    written += line.size();
    ++posts;
    planted += plant;
  }
  std::printf("posts=%llu bytes=%llu planted=%llu terms=%zu literals=%zu\n", (unsigned long long)posts,
              (unsigned long long)written, (unsigned long long)planted, lex.terms.size(), patterns.size());
  return 0;
}

int on_hit(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<std::uint64_t*>(ctx);
  return 0;
}

// The limit: the same literals over the same bytes, case-insensitive, no normalisation,
// no word boundaries, no JSON parsing. Streamed in 1 MiB blocks like netral screen.
int scan(const std::string& lexicon, const std::string& file) {
  std::vector<std::string> lits;
  {
    std::ifstream in(lexicon);
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) lits.push_back(l);
  }
  std::vector<const char*> ex;
  std::vector<std::size_t> lens;
  std::vector<unsigned> ids, flags(lits.size(), HS_FLAG_CASELESS);
  for (std::size_t i = 0; i < lits.size(); ++i) ex.push_back(lits[i].data()), lens.push_back(lits[i].size()), ids.push_back(unsigned(i));
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(ex.data(), flags.data(), ids.data(), lens.data(), unsigned(ex.size()), HS_MODE_BLOCK, nullptr,
                           &db, &err) != HS_SUCCESS) {
    std::fprintf(stderr, "compile: %s\n", err->message);
    return 1;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return 1;
  std::vector<char> buf(1 << 20);
  std::uint64_t hits = 0, bytes = 0, lines = 0;
  std::size_t carry = 0;
  for (;;) {
    std::size_t n = std::fread(buf.data() + carry, 1, buf.size() - carry, f);
    std::size_t have = carry + n;
    if (have == 0) break;
    // Cut at the last newline so that no literal straddles two scans.
    std::size_t cut = have;
    if (n != 0)
      while (cut > 0 && buf[cut - 1] != '\n') --cut;
    if (cut == 0) cut = have;
    hs_scan(db, buf.data(), unsigned(cut), 0, scratch, on_hit, &hits);
    lines += std::uint64_t(std::count(buf.data(), buf.data() + cut, '\n'));
    bytes += cut;
    carry = have - cut;
    std::memmove(buf.data(), buf.data() + cut, carry);
    if (n == 0 && carry == 0) break;
    if (n == 0) {
      hs_scan(db, buf.data(), unsigned(carry), 0, scratch, on_hit, &hits);
      bytes += carry;
      break;
    }
  }
  std::fclose(f);
  std::printf("bytes=%llu lines=%llu hits=%llu\n", (unsigned long long)bytes, (unsigned long long)lines,
              (unsigned long long)hits);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}

ScreenerPtr sample_screener() {
  const fs::path src = source_dir();
  auto el = load_election((src / "data/elections/pilbup-sungai-kenanga-2024.toml").string());
  auto parties = load_parties((src / "data/screen/parties.toml").string());
  auto cues = load_cues((src / "data/screen/cues.toml").string());
  return std::move(*Screener::create(compile_lexicon(*el, *parties, *cues)));
}

void BM_Normalize(benchmark::State& st) {
  std::string post = "Selamat pagi bapak ibu, yg penting semangat kerja hari ini, jangan lupa apel pagi di kantor dinas!";
  for (auto _ : st) benchmark::DoNotOptimize(netral::text::normalize(post));
  st.SetBytesProcessed(std::int64_t(st.iterations() * post.size()));
}
BENCHMARK(BM_Normalize);

void BM_ScreenPost(benchmark::State& st) {
  static auto s = sample_screener();
  auto w = s->make_worker();
  Post p;
  p.text = st.range(0) ? "Ayo dukung H3ndra W1jaya, pasti menang! #HeraMenang salam satu jari"
                       : "Selamat pagi bapak ibu, yg penting semangat kerja hari ini, jangan lupa apel pagi di kantor dinas!";
  for (auto _ : st) benchmark::DoNotOptimize(s->screen(p, w));
  st.SetBytesProcessed(std::int64_t(st.iterations() * p.text.size()));
}
BENCHMARK(BM_ScreenPost)->Arg(0)->Arg(1);

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "generate" && argc >= 3) return generate(argv[2], argc >= 4 ? std::atof(argv[3]) : 1100.0);
  if (cmd == "scan" && argc == 4) return scan(argv[2], argv[3]);
  if (cmd == "micro") {
    argv[1] = argv[0];
    int n = argc - 1;
    benchmark::Initialize(&n, argv + 1);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
  }
  std::fprintf(stderr, "usage: bench_screen generate DIR [MB] | scan LEXICON FILE | micro [benchmark flags]\n");
  return 2;
}
