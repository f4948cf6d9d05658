// `netral import employees FILE.csv|FILE.xlsx --instansi CODE`: loads units and staff into
// the roster (app/roster_import.hpp). Prints every bad row; imports nothing when any row is
// bad unless --skip-bad-rows. Exit status 0 imported (or --check passed), 1 row errors,
// 2 the file or deployment cannot be used.
#include <cstdio>

#include "app/roster_import.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/messages.hpp"

namespace netral::cli {
namespace {

struct ImportOptions {
  DeploymentOptions deployment;
  std::string file, instansi, lang = "id";
  bool skip_bad_rows = false, check = false;
};

int import_employees(const ImportOptions& o) {
  const Lang lang = o.lang == "en" ? Lang::en : Lang::id;
  auto table = app::read_roster_file(o.file);
  if (!table) {
    std::fprintf(stderr, "netral: %s: %s %s\n", o.file.c_str(), std::string(tr(lang, table.error().key())).c_str(),
                 table.error().detail.c_str());
    return 2;
  }
  Deployment d;
  try {
    d = open_deployment(o.deployment, 1);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netral: %s\n", e.what());
    return 2;
  }
  auto rep = app::import_roster(*d.ctx, *table, {o.instansi, o.skip_bad_rows, o.check}, app::Actor{"cli", ""});
  if (!rep) {
    std::fprintf(stderr, "netral: %s%s%s\n", std::string(tr(lang, rep.error().key())).c_str(),
                 rep.error().field.empty() ? "" : " ", rep.error().field.c_str());
    return 2;
  }
  const char* row_word = lang == Lang::en ? "row" : "baris";
  for (const auto& e : rep->errors) {
    std::printf("%s %d", row_word, e.row);
    if (!e.column.empty()) std::printf(" [%s]", e.column.c_str());
    std::printf(": %s", std::string(tr(lang, e.message_key)).c_str());
    if (!e.detail.empty()) std::printf(" (%s)", e.detail.c_str());
    std::printf("\n");
  }
  if (!rep->imported) {
    if (rep->errors.empty()) {
      std::printf(lang == Lang::en ? "check passed: %d rows, nothing imported (--check)\n"
                                   : "pemeriksaan lulus: %d baris, tidak ada yang diimpor (--check)\n",
                  rep->rows);
      return 0;
    }
    std::printf(lang == Lang::en ? "NOT IMPORTED: %zu error(s) in %d rows; fix the file or use --skip-bad-rows\n"
                                 : "TIDAK DIIMPOR: %zu kesalahan pada %d baris; perbaiki berkas atau pakai --skip-bad-rows\n",
                rep->errors.size(), rep->rows);
    return 1;
  }
  std::printf(lang == Lang::en
                  ? "imported: %d rows; units %d new, %d updated; staff %d new, %d updated; %d rows skipped\n"
                  : "diimpor: %d baris; unit %d baru, %d diubah; pegawai %d baru, %d diubah; %d baris dilewati\n",
              rep->rows, rep->units_created, rep->units_updated, rep->staff_created, rep->staff_updated, rep->skipped);
  return 0;
}

}  // namespace

void register_import(CLI::App& app) {
  auto* imp = app.add_subcommand("import", "Import reference data");
  imp->require_subcommand(1);
  auto o = std::make_shared<ImportOptions>();  // owned by the callbacks, hence by the CLI::App
  auto* emp = imp->add_subcommand("employees", "Load units and staff of one instansi from a CSV or XLSX file "
                                               "(columns: docs/administration.md)");
  emp->add_option("file", o->file, "CSV or XLSX file with a header row")->required();
  emp->add_option("--instansi", o->instansi, "Region code of the instansi, e.g. 19.03")->required();
  emp->add_flag("--skip-bad-rows", o->skip_bad_rows, "Import the good rows even when some rows are bad");
  emp->add_flag("--check", o->check, "Check the file only; import nothing");
  emp->add_option("--lang", o->lang, "Language of the messages: id (default) or en");
  add_deployment_options(emp, o->deployment);
  emp->callback([o] { std::exit(import_employees(*o)); });
}

}  // namespace netral::cli
