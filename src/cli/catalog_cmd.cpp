// `netral catalog list|show|check|import-circular` (issue 4). docs/catalog.md describes
// the catalogue files and the import draft.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "core/strings.hpp"
#include "evidence/pdf_text.hpp"
#include "text/catalog_loader.hpp"
#include "text/circular.hpp"
#include "text/classify.hpp"
#include "text/circular_eval.hpp"
#include "text/data_dir.hpp"
#include "text/region_index.hpp"

namespace netral::cli {
namespace {

using nlohmann::ordered_json;

struct CatalogArgs {
  std::string dir;
  std::string id;
  std::string file;
  std::string format = "text";
  std::string eval_dir;
  bool explain = false;
  std::string region;
  std::string date;
};

std::filesystem::path catalog_dir(const CatalogArgs& a, const CLI::App& app) {
  return a.dir.empty() ? text::find_data_dir(app.get_name()) / "catalog" : std::filesystem::path(a.dir);
}

text::Catalog load_or_exit(const std::filesystem::path& dir) {
  auto l = text::read_catalog(dir);
  if (!l.problems.empty()) {
    std::fprintf(stderr, "Katalog tidak valid / invalid catalogue (%s):\n", dir.string().c_str());
    for (auto& p : l.problems) std::fprintf(stderr, "  %s\n", p.to_string().c_str());
    throw CLI::RuntimeError(1);
  }
  return std::move(l.catalog);
}

std::vector<std::string> staff_names(const std::vector<StaffType>& v) {
  std::vector<std::string> out;
  for (auto t : v) out.emplace_back(to_string(t));
  return out;
}

ordered_json document_json(const text::Catalog& c, const text::CatalogDocument& d) {
  ordered_json j;
  j["id"] = d.id;
  j["kind"] = to_string(d.kind);
  j["title"] = d.title;
  j["number"] = d.number;
  j["date"] = d.date;
  j["region_code"] = d.region_code;
  j["region_name"] = d.region_name;
  j["staff_types"] = staff_names(d.staff_types);
  j["valid_from"] = d.valid_from;
  j["valid_until"] = d.valid_until;
  j["uncertain"] = d.uncertain;
  j["note"] = d.note;
  j["channels"] = d.channels;
  j["duties"] = d.duties;
  auto items = ordered_json::array();
  for (auto& it : d.items) {
    ordered_json o;
    o["id"] = it.id;
    o["point"] = it.point;
    o["text"] = it.text;
    o["conduct"] = it.conduct;
    ordered_json sanc = ordered_json::object();
    for (auto t : d.staff_types) {
      auto opts = c.effective_sanctions(it, t);
      auto arr = ordered_json::array();
      for (auto* s : opts) arr.push_back(s->id);
      sanc[std::string(to_string(t))] = arr;
    }
    o["sanctions"] = sanc;
    o["uncertain"] = it.uncertain;
    if (!it.note.empty()) o["note"] = it.note;
    items.push_back(o);
  }
  j["items"] = items;
  return j;
}

std::optional<std::string> read_input(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream s;
  s << f.rdbuf();
  auto content = s.str();
  if (evidence::looks_like_pdf(content)) return evidence::pdf_to_text(path);
  return content;
}

}  // namespace

void register_catalog(CLI::App& app) {
  auto a = std::make_shared<CatalogArgs>();
  auto* cmd = app.add_subcommand("catalog", "Katalog larangan: daftar, tampilkan, periksa, impor surat edaran / "
                                            "catalogue of prohibited acts: list, show, check, import a circular");
  cmd->require_subcommand(1);
  auto dir_opt = [&](CLI::App* sub) {
    sub->add_option("--catalog", a->dir,
                    "Direktori katalog / catalogue directory (default: $NETRAL_DATA_DIR/catalog, "
                    "<exe>/../share/netral/data/catalog, <exe>/../data/catalog, ./data/catalog)");
  };

  auto* list = cmd->add_subcommand("list", "Daftar dokumen / list documents");
  dir_opt(list);
  list->add_option("--region", a->region, "Hanya yang berlaku untuk kode wilayah / only those in force for a region code");
  list->add_option("--date", a->date, "Tanggal berlaku (YYYY-MM-DD) / in force on this date");
  list->callback([a, &app] {
    auto c = load_or_exit(catalog_dir(*a, app));
    std::vector<const text::CatalogDocument*> docs;
    if (a->region.empty())
      for (auto& d : c.documents()) docs.push_back(&d);
    else
      docs = c.in_force(a->region, a->date);
    for (auto* d : docs)
      std::printf("%-28s %-18s %-6s %3zu butir/items  %s%s\n", d->id.c_str(), std::string(to_string(d->kind)).c_str(),
                  d->region_code.empty() ? "-" : d->region_code.c_str(), d->items.size(), d->title.substr(0, 70).c_str(),
                  d->uncertain ? " [tidak pasti / uncertain]" : "");
  });

  auto* show = cmd->add_subcommand("show", "Tampilkan dokumen atau butir / show a document or item");
  dir_opt(show);
  show->add_option("id", a->id, "Id dokumen atau butir / document or item id")->required();
  show->add_option("--format", a->format, "text atau json / text or json")->check(CLI::IsMember({"text", "json"}));
  show->callback([a, &app] {
    auto c = load_or_exit(catalog_dir(*a, app));
    const text::CatalogDocument* d = c.find_document(a->id);
    if (!d) {
      if (auto* it = c.find_item(a->id)) {
        for (auto& doc : c.documents())
          for (auto& i : doc.items)
            if (&i == it) d = &doc;
      }
    }
    if (!d) {
      std::fprintf(stderr, "Tidak ditemukan / not found: %s\n", a->id.c_str());
      throw CLI::RuntimeError(1);
    }
    auto j = document_json(c, *d);
    if (d->id != a->id) {  // one item
      for (auto& it : j["items"])
        if (it["id"] == a->id) j = it;
    }
    if (a->format == "json") {
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << j.dump(2) << "\n";  // the JSON is also the most readable text form
  });

  auto* check = cmd->add_subcommand("check", "Periksa berkas katalog / validate the catalogue files");
  dir_opt(check);
  check->callback([a, &app] {
    auto dir = catalog_dir(*a, app);
    auto l = text::read_catalog(dir);
    auto cues = text::Classifier::load(dir / "cues.toml");
    for (auto& p : l.problems) std::printf("%s\n", p.to_string().c_str());
    if (!cues) std::printf("%s\n", cues.error().detail.c_str());
    if (!l.problems.empty() || !cues) {
      std::fprintf(stderr, "%zu masalah / problems\n", l.problems.size() + (cues ? 0 : 1));
      throw CLI::RuntimeError(1);
    }
    std::size_t items = 0;
    for (auto& d : l.catalog.documents()) items += d.items.size();
    std::printf("OK: %zu dokumen / documents, %zu butir / items, %zu kategori / conducts (%s)\n",
                l.catalog.documents().size(), items, l.catalog.conducts().size(), dir.string().c_str());
  });

  auto* imp = cmd->add_subcommand("import-circular",
                                  "Buat draf katalog dari surat edaran (teks, Markdown, PDF) / draft a regional "
                                  "catalogue from a circular letter (text, Markdown, PDF)");
  dir_opt(imp);
  imp->add_option("file", a->file, "Berkas surat edaran / the circular's file");
  imp->add_option("--eval", a->eval_dir,
                  "Ukur pada korpus (dev/, heldout/) / measure on a corpus with dev/ and heldout/ parts "
                  "(data/eval/circulars)");
  imp->add_flag("--explain", a->explain, "Dengan --eval: kesalahan per berkas dev / with --eval: misses per dev file");
  imp->add_option("--format", a->format, "text atau json / text or json")->check(CLI::IsMember({"text", "json"}));
  imp->callback([a, &app] {
    auto regions = text::RegionIndex::load(text::find_data_dir(app.get_name()) / "regions");
    if (!regions)
      std::fprintf(stderr, "Peringatan: daftar wilayah tidak terbaca / warning: no region list: %s\n",
                   regions.error().detail.c_str());
    const text::RegionIndex* index = regions ? &*regions : nullptr;
    if (!a->eval_dir.empty()) {
      auto cues = text::Classifier::load(catalog_dir(*a, app) / "cues.toml");
      if (!cues) {
        std::fprintf(stderr, "Leksikon tidak terbaca / cannot read the lexicon: %s\n", cues.error().detail.c_str());
        throw CLI::RuntimeError(1);
      }
      auto ev = text::evaluate_circulars(a->eval_dir, &*cues, index);
      if (!ev) {
        std::fprintf(stderr, "Korpus tidak terbaca / cannot read the corpus: %s\n", ev.error().detail.c_str());
        throw CLI::RuntimeError(1);
      }
      std::cout << text::format_evaluation(*ev, a->explain);
      return;
    }
    if (a->file.empty()) {
      std::fprintf(stderr, "Berkas surat edaran diperlukan / a circular's file is required\n");
      throw CLI::RuntimeError(2);
    }
    auto content = read_input(a->file);
    if (!content) {
      std::fprintf(stderr, "Berkas tidak dapat dibaca (PDF perlu pdftotext) / cannot read the file (PDF needs pdftotext): %s\n",
                   a->file.c_str());
      throw CLI::RuntimeError(1);
    }
    if (content->find_first_not_of(" \t\r\n\f") == std::string::npos) {
      // A scanned PDF has no text layer: an empty draft would read as "no items found".
      std::fprintf(stderr,
                   "Berkas tidak berisi teks (PDF hasil pindaian?); salin teksnya ke berkas .txt / the file holds no text "
                   "(a scanned PDF?); copy its text into a .txt file: %s\n",
                   a->file.c_str());
      throw CLI::RuntimeError(1);
    }
    auto cues = text::Classifier::load(catalog_dir(*a, app) / "cues.toml");
    if (!cues)
      std::fprintf(stderr, "Peringatan: tanpa leksikon, kategori kosong / warning: no lexicon, conduct left empty: %s\n",
                   cues.error().detail.c_str());
    auto draft = text::draft_circular(*content, cues ? &*cues : nullptr, index);
    if (a->format == "json") {
      std::cout << text::to_json(draft) << "\n";
      return;
    }
    auto field = [](const char* id, const char* en, const std::string& v) {
      std::printf("%-16s %s\n", (std::string(id) + " / " + en).c_str(), v.empty() ? "(tidak terbaca / not read)" : v.c_str());
    };
    field("nomor", "number", draft.number);
    field("tanggal", "date", draft.date);
    field("tempat", "place", draft.place);
    field("penanda tangan", "signer", draft.signer);
    field("perihal", "title", draft.title);
    field("wilayah", "region", draft.region_code.empty() ? draft.region : draft.region + " (" + draft.region_code + ")");
    field("berlaku bagi", "covers", join(draft.covers, ", "));
    std::printf("\nLarangan / prohibited acts:\n");
    for (auto& it : draft.items)
      std::printf("  %s.%s %s\n      -> %s\n", it.letter.c_str(),
                  it.source_letter.empty() ? "" : (" (tertulis / written \"" + it.source_letter + "\")").c_str(),
                  it.text.c_str(), it.conduct.empty() ? "(kategori tidak terbaca / no conduct)" : join(it.conduct, ", ").c_str());
    std::printf("\nSaluran pengaduan / channels:\n");
    for (auto& c : draft.channels) std::printf("  - %s\n", c.c_str());
    std::printf("\nTugas Kepala Perangkat Daerah / duties of department heads:\n");
    for (auto& d : draft.duties) std::printf("  - %s\n", d.c_str());
    if (!draft.unread.empty()) std::printf("\nPerlu diperiksa / needs review: %s\n", join(draft.unread, ", ").c_str());
  });
}

}  // namespace netral::cli
