// `netral classify`: JSON Lines in, JSON Lines out (issue 4), and `--eval` for the
// evaluation table. docs/classification.md documents both formats.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli/commands.hpp"
#include "text/classify.hpp"
#include "text/data_dir.hpp"

namespace netral::cli {
namespace {

using nlohmann::json;

struct ClassifyArgs {
  std::string catalog;  // directory holding cues.toml
  std::string input;
  std::string eval;
  double threshold = -1;
  bool explain = false;
};

json label_json(const text::Label& l) {
  json spans = json::array();
  for (auto& [b, e] : l.spans) spans.push_back({b, e});
  return {{"conduct", l.conduct}, {"score", l.score}, {"spans", spans}};
}

int run_classify(const text::Classifier& c, std::istream& in, const ClassifyArgs& a) {
  std::string line;
  std::size_t lineno = 0;
  int errors = 0;
  text::ClassifyOptions opt;
  opt.threshold = a.threshold;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json out;
    json id = nullptr;
    auto parsed = json::parse(line, nullptr, false);
    if (parsed.is_object() && parsed.contains("id")) id = parsed["id"];
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("text") || !parsed["text"].is_string()) {
      ++errors;
      std::string why = parsed.is_discarded() ? "bukan JSON yang sah / not valid JSON"
                                              : "kolom \"text\" (string) tidak ada / missing \"text\" string";
      out = {{"id", id}, {"line", lineno}, {"error", "invalid_line"}, {"message", why}};
    } else {
      auto& t = parsed["text"].get_ref<const std::string&>();
      json labels = json::array();
      for (auto& l : c.classify(t, opt)) labels.push_back(label_json(l));
      out = {{"id", id}, {"labels", labels}};
      if (a.explain) {
        json hits = json::array();
        for (auto& h : c.explain(t))
          hits.push_back({{"conduct", h.conduct}, {"cue", h.cue}, {"span", {h.span.first, h.span.second}},
                          {"negated", h.negated}});
        out["hits"] = hits;
      }
    }
    // Invalid UTF-8 in the input must not abort the whole run: replace it in the output.
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  std::cout.flush();
  return errors == 0 ? 0 : 2;
}

struct Counts {
  std::map<std::string, std::array<int, 3>> per;  // tp, fp, fn
};

void print_table(const std::string& title, const Counts& c, std::size_t texts) {
  std::printf("\n%s (%zu teks / texts)\n", title.c_str(), texts);
  std::printf("%-24s %9s %9s %9s %8s\n", "kategori / category", "precision", "recall", "F1", "support");
  auto prf = [](int tp, int fp, int fn) {
    double p = tp + fp ? double(tp) / (tp + fp) : 0, r = tp + fn ? double(tp) / (tp + fn) : 0;
    double f = p + r ? 2 * p * r / (p + r) : 0;
    return std::array<double, 3>{p, r, f};
  };
  int TP = 0, FP = 0, FN = 0;
  for (auto& [k, v] : c.per) {
    auto [p, r, f] = prf(v[0], v[1], v[2]);
    std::printf("%-24s %9.3f %9.3f %9.3f %8d\n", k.c_str(), p, r, f, v[0] + v[2]);
    TP += v[0];
    FP += v[1];
    FN += v[2];
  }
  auto [p, r, f] = prf(TP, FP, FN);
  std::printf("%-24s %9.3f %9.3f %9.3f %8d\n", "micro-average", p, r, f, TP + FN);
}

int run_eval(const text::Classifier& c, const ClassifyArgs& a) {
  std::ifstream f(a.eval);
  if (!f) {
    std::fprintf(stderr, "Berkas evaluasi tidak dapat dibaca / cannot read eval file: %s\n", a.eval.c_str());
    return 1;
  }
  Counts all, held;
  std::size_t n_all = 0, n_held = 0, lineno = 0;
  std::set<std::string> known;
  for (auto& k : c.conducts()) known.insert(k);
  text::ClassifyOptions opt;
  opt.threshold = a.threshold;
  std::string line;
  while (std::getline(f, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j.contains("labels")) {
      std::fprintf(stderr, "%s:%zu: baris tidak valid / invalid line\n", a.eval.c_str(), lineno);
      continue;
    }
    std::set<std::string> gold, pred;
    for (auto& l : j["labels"]) gold.insert(l.get<std::string>());
    for (auto& l : c.classify(j["text"].get<std::string>(), opt)) pred.insert(l.conduct);
    bool is_held = j.value("split", "") == "heldout";
    for (auto* counts : {&all, is_held ? &held : nullptr}) {
      if (!counts) continue;
      for (auto& k : known) counts->per[k];  // every category gets a row
      for (auto& g : gold) (pred.count(g) ? counts->per[g][0] : counts->per[g][2])++;
      for (auto& p : pred)
        if (!gold.count(p)) counts->per[p][1]++;
    }
    ++n_all;
    if (is_held) ++n_held;
    if (a.explain) {
      for (auto& g : gold)
        if (!pred.count(g)) std::printf("FN %s %s\n", j.value("id", "").c_str(), g.c_str());
      for (auto& p : pred)
        if (!gold.count(p)) std::printf("FP %s %s\n", j.value("id", "").c_str(), p.c_str());
    }
  }
  print_table("Semua / all", all, n_all);
  print_table("Data uji tersisih / held-out", held, n_held);
  return 0;
}

}  // namespace

void register_classify(CLI::App& app) {
  auto a = std::make_shared<ClassifyArgs>();
  auto* cmd = app.add_subcommand(
      "classify",
      "Klasifikasi teks ke kategori pelanggaran (JSON Lines) / classify texts into conduct categories (JSON Lines).\n"
      "In:  {\"id\": ..., \"text\": \"...\"} per line on stdin or --input.\n"
      "Out: {\"id\": ..., \"labels\": [{\"conduct\": ..., \"score\": 0..1, \"spans\": [[start, end], ...]}]}");
  cmd->add_option("--catalog", a->catalog,
                  "Direktori katalog (berisi cues.toml) / catalogue directory holding cues.toml "
                  "(default: $NETRAL_DATA_DIR/catalog, <exe>/../share/netral/data/catalog, <exe>/../data/catalog, "
                  "./data/catalog)");
  cmd->add_option("--input", a->input, "Berkas JSON Lines (default: stdin) / JSON Lines file (default: stdin)");
  cmd->add_option("--eval", a->eval,
                  "Evaluasi pada berkas berlabel / evaluate on a labelled file ({\"text\", \"labels\", \"split\"})");
  cmd->add_option("--threshold", a->threshold, "Ambang skor / score threshold (default: the lexicon's)");
  cmd->add_flag("--explain", a->explain, "Tampilkan isyarat yang cocok / show every cue hit (and eval errors)");
  cmd->callback([a, &app] {
    std::filesystem::path dir = a->catalog.empty() ? text::find_data_dir(app.get_name()) / "catalog"
                                                   : std::filesystem::path(a->catalog);
    auto c = text::Classifier::load(dir / "cues.toml");
    if (!c) {
      std::fprintf(stderr, "Leksikon tidak dapat dimuat / cannot load the cue lexicon: %s\n",
                   c.error().detail.c_str());
      throw CLI::RuntimeError(1);
    }
    int rc = 0;
    if (!a->eval.empty()) {
      rc = run_eval(*c, *a);
    } else if (!a->input.empty()) {
      std::ifstream in(a->input);
      if (!in) {
        std::fprintf(stderr, "Berkas tidak dapat dibaca / cannot read: %s\n", a->input.c_str());
        throw CLI::RuntimeError(1);
      }
      rc = run_classify(*c, in, *a);
    } else {
      rc = run_classify(*c, std::cin, *a);
    }
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace netral::cli
