// Roster import: CSV and XLSX readers, per-row errors, all-or-nothing, --skip-bad-rows,
// re-import updates; on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "app/access.hpp"
#include "app/roster_import.hpp"
#include "app_fixture.hpp"

namespace netral::app {
namespace {

using store::Backend;
using testing::AppTest;

// Valid numbers: NIP = birth 19800101, appointment 200501, male, serial 001.
constexpr const char* kHeadNip = "198001012005011001";
constexpr const char* kStaffNip = "198502142010122002";
constexpr const char* kPppk = "199003152023211003";

const std::string kGood =
    "kode_unit;nama_unit;induk_unit;nip;nama;jenis_pegawai;jabatan;nip_atasan\n"
    "DISDIK;Dinas Pendidikan;;198001012005011001;Budi Santoso;PNS;Kepala Dinas;\n"
    "DISDIK-SD;Bidang SD;DISDIK;198502142010122002;\"Sari, S.Pd.\";pns;Kepala Bidang;198001012005011001\n"
    "DISDIK-SD;;;1990 0315 2023 21 1 003;Rina;PPPK;Guru Ahli Pertama;198502142010122002\n"
    "DISDIK-SD;;;;Joko;honorer;Tenaga Kontrak;198502142010122002\n";

TEST(RosterCsv, QuotesDelimitersBomAndBlankLines) {
  auto t = read_csv("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n4,\"multi\nline\",6\n7,8");
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0][1], "x, \"y\"");
  EXPECT_EQ(t->rows[1][1], "multi\nline");
  EXPECT_EQ(t->row_numbers, (std::vector<int>{2, 4, 6}));
  EXPECT_EQ(t->rows[2], (std::vector<std::string>{"7", "8"}));
  auto semi = read_csv("a;b\n1;2,5\n");
  ASSERT_TRUE(semi);
  EXPECT_EQ(semi->rows[0][1], "2,5");
  EXPECT_EQ(read_csv("a,b\n\"open,2\n").error().code, ErrorCode::invalid_file);
  EXPECT_EQ(read_csv("").error().code, ErrorCode::invalid_file);
}

// A minimal XLSX made here with libzip: workbook, relationship, shared strings, one sheet.
void write_xlsx(const std::filesystem::path& path, const std::vector<std::vector<std::string>>& rows) {
  std::string shared = R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  std::string sheet = R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
  int n = 0;
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) o += c == '&' ? "&amp;" : c == '<' ? "&lt;" : std::string(1, c);
    return o;
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      const std::string ref = std::string(1, static_cast<char>('A' + c)) + std::to_string(r + 1);
      if (c == 1 && r > 0) {  // inline string cells, as some exporters write them
        sheet += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + esc(rows[r][c]) + "</t></is></c>";
      } else if (rows[r][c].find_first_not_of("0123456789") == std::string::npos) {
        sheet += "<c r=\"" + ref + "\"><v>" + rows[r][c] + "</v></c>";  // a number cell
      } else {
        shared += "<si><r><t>" + esc(rows[r][c]) + "</t></r></si>";
        sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(n++) + "</v></c>";
      }
    }
    sheet += "</row>";
  }
  shared += "</sst>";
  sheet += "</sheetData></worksheet>";
  const std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId7"/></sheets></workbook>)";
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>)";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr);
  std::vector<std::string> keep = {workbook, rels, shared, sheet};
  const char* names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/data.xml"};
  for (int i = 0; i < 4; ++i) {
    zip_source_t* src = zip_source_buffer(z, keep[i].data(), keep[i].size(), 0);
    ASSERT_GE(zip_file_add(z, names[i], src, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(z), 0);
}

class RosterImport : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = store().begin(true);
    inst_ = store().reference().upsert_instansi(*tx, Instansi{0, "19.03", "Kabupaten", {}});
    tx->commit();
  }
  Result<RosterImportReport> run(const std::string& csv, bool skip = false) {
    auto t = read_csv(csv);
    EXPECT_TRUE(t);
    return import_roster(*ctx_, *t, {"19.03", skip, false}, Actor{"cli", ""});
  }
  long long staff() {
    auto tx = store().begin(false);
    return store().reference().count_employees(*tx, inst_);
  }
  std::optional<Employee> by_nip(const std::string& nip) {
    auto tx = store().begin(false);
    return store().reference().employee_by_nip(*tx, inst_, nip);
  }
  Id inst_ = 0;
};

TEST_P(RosterImport, GoodFileImportsUnitsStaffAndSuperiors) {
  auto rep = run(kGood);
  ASSERT_TRUE(rep) << rep.error().code;
  EXPECT_TRUE(rep->errors.empty()) << rep->errors[0].row << " " << rep->errors[0].message_key;
  EXPECT_TRUE(rep->imported);
  EXPECT_EQ(rep->units_created, 2);
  EXPECT_EQ(rep->staff_created, 4);
  EXPECT_EQ(staff(), 4);
  auto head = by_nip(kHeadNip), sari = by_nip(kStaffNip), rina = by_nip(kPppk);
  ASSERT_TRUE(head && sari && rina);
  EXPECT_EQ(sari->name, "Sari, S.Pd.");
  EXPECT_EQ(sari->superior_id, head->id);
  EXPECT_EQ(rina->superior_id, sari->id);
  EXPECT_EQ(rina->type, StaffType::pppk);
  auto tx = store().begin(false);
  auto units = store().reference().units_of(*tx, inst_);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[1].code, "DISDIK-SD");
  EXPECT_EQ(units[1].parent_id, units[0].id);
  long long audits = 0;
  for (const auto& e : store().audit().audit_entries(*tx, 0, 100)) audits += e.action == "roster.import";
  EXPECT_EQ(audits, 1);
}

TEST_P(RosterImport, ReimportUpdatesInsteadOfDuplicating) {
  ASSERT_TRUE(run(kGood)->imported);
  std::string changed = kGood;
  changed.replace(changed.find("Kepala Dinas"), 12, "Plt. Kepala Dinas");
  auto rep = run(changed);
  ASSERT_TRUE(rep->imported);
  EXPECT_EQ(rep->staff_created, 0);
  EXPECT_EQ(rep->staff_updated, 4);
  EXPECT_EQ(rep->units_created, 0);
  EXPECT_EQ(staff(), 4);
  EXPECT_EQ(by_nip(kHeadNip)->position, "Plt. Kepala Dinas");
  EXPECT_EQ(by_nip(kStaffNip)->superior_id, by_nip(kHeadNip)->id);
}

const std::string kBad =
    "unit_code,unit_name,nip,name,staff_type,position,superior_nip\n"
    "DISDIK,Dinas Pendidikan,198001012005011001,Budi,PNS,Kepala,\n"           // 2 good
    "DISDIK,,198013012005011001,Bad Birth,PNS,,\n"                             // 3 invalid NIP date
    "DISDIK,,12345,Short,PNS,,\n"                                              // 4 NIP length
    "DISDIK,,,No Nip,PPPK,,\n"                                                 // 5 missing NIP
    "DISDIK,,198502142010122002,,PNS,,\n"                                      // 6 missing name
    "DISDIK,,198502142010122002,Dup,PNS,,\n"                                   // 7 duplicate NIP (row 6)
    "NOWHERE,,,Lost,honorer,,\n"                                               // 8 unknown unit
    "DISDIK,,198001012005011001,Again,PNS,,\n"                                 // 9 duplicate of row 2
    "DISDIK,,,Kontrak,honorer,,199901012020011001\n"                           // 10 unknown superior
    "DISDIK,,,Alien,astronaut,,\n"                                             // 11 bad staff type
    "DISDIK,,198502142010121001,With Nip,non-ASN,,\n"                          // 12 NIP for non-ASN
    "DISDIK,,,Follows Bad,honorer,,198013012005011001\n";                     // 13 superior is bad row 3

TEST_P(RosterImport, BadRowsAreListedAndNothingIsImported) {
  auto rep = run(kBad);
  ASSERT_TRUE(rep);
  EXPECT_FALSE(rep->imported);
  EXPECT_EQ(staff(), 0);
  std::map<int, std::string> by_row;
  for (const auto& e : rep->errors) by_row[e.row] += e.message_key + ";";
  EXPECT_FALSE(by_row.contains(2));
  EXPECT_NE(by_row[3].find("error.invalid_nip_birth"), std::string::npos) << by_row[3];
  EXPECT_NE(by_row[4].find("error.invalid_nip_length"), std::string::npos) << by_row[4];
  EXPECT_NE(by_row[5].find("error.roster_missing_nip"), std::string::npos);
  EXPECT_NE(by_row[6].find("error.roster_missing_name"), std::string::npos);
  EXPECT_NE(by_row[7].find("error.roster_duplicate_nip"), std::string::npos);
  EXPECT_NE(by_row[8].find("error.roster_unknown_unit"), std::string::npos);
  EXPECT_NE(by_row[9].find("error.roster_duplicate_nip"), std::string::npos);
  EXPECT_NE(by_row[10].find("error.roster_unknown_superior"), std::string::npos);
  EXPECT_NE(by_row[11].find("error.roster_invalid_staff_type"), std::string::npos);
  EXPECT_NE(by_row[12].find("error.roster_nip_for_non_asn"), std::string::npos);
  EXPECT_NE(by_row[13].find("error.roster_unknown_superior"), std::string::npos);
  for (const auto& e : rep->errors) EXPECT_FALSE(e.column.empty()) << e.row;
  auto tx = store().begin(false);
  EXPECT_TRUE(store().reference().units_of(*tx, inst_).empty());
}

TEST_P(RosterImport, SkipBadRowsImportsTheRest) {
  auto rep = run(kBad, true);
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->imported);
  EXPECT_EQ(rep->staff_created, 1);  // row 2 only: row 9 duplicates it
  EXPECT_EQ(rep->skipped, 11);
  EXPECT_EQ(staff(), 1);
}

TEST_P(RosterImport, SuperiorLoopsAndMissingColumnsAreRefused) {
  auto loop = run(
      "unit_code,unit_name,nip,name,staff_type,superior_nip\n"
      "U,Unit,198001012005011001,A,PNS,198502142010122002\n"
      "U,Unit,198502142010122002,B,PNS,198001012005011001\n");
  ASSERT_TRUE(loop);
  EXPECT_FALSE(loop->imported);
  ASSERT_EQ(loop->errors.size(), 2u);
  EXPECT_EQ(loop->errors[0].message_key, "error.roster_superior_cycle");
  auto t = read_csv("nip,name\n1,x\n");
  EXPECT_EQ(import_roster(*ctx_, *t, {"19.03"}, Actor{}).error().code, ErrorCode::missing_column);
  auto good = read_csv(kGood);
  EXPECT_EQ(import_roster(*ctx_, *good, {"19.99"}, Actor{}).error().code, ErrorCode::unknown_instansi);
}

// A long chain of command is checked in one walk per row (it was quadratic); a row whose
// chain runs into a loop is refused with the loop, the chain beside it is not.
TEST_P(RosterImport, LongChainsAndRowsLeadingIntoALoop) {
  std::vector<std::string> nips;
  for (int d = 1; d <= 28 && nips.size() < 3000; ++d)
    for (int m = 1; m <= 12 && nips.size() < 3000; ++m)
      for (int k = 1; k <= 9 && nips.size() < 3000; ++k) {
        char b[32];
        std::snprintf(b, sizeof b, "198001%02d2005%02d1%03d", d, m, k);
        nips.push_back(b);
      }
  std::string csv = "unit_code,unit_name,nip,name,staff_type,superior_nip\n";
  // nips[0..2993]: a chain, each reporting to the one before; the last six: a loop of
  // three (2994 -> 2995 -> 2996 -> 2994) and three rows above it hanging off the loop.
  for (std::size_t i = 0; i < 2994; ++i) csv += "U,Unit," + nips[i] + ",P" + std::to_string(i) + ",PNS," + (i ? nips[i - 1] : "") + "\n";
  csv += "U,Unit," + nips[2994] + ",L0,PNS," + nips[2995] + "\n";
  csv += "U,Unit," + nips[2995] + ",L1,PNS," + nips[2996] + "\n";
  csv += "U,Unit," + nips[2996] + ",L2,PNS," + nips[2994] + "\n";
  for (std::size_t i = 2997; i < 3000; ++i) csv += "U,Unit," + nips[i] + ",Q,PNS," + nips[i - 1] + "\n";
  auto t = read_csv(csv);
  ASSERT_TRUE(t);
  auto rep = import_roster(*ctx_, *t, {"19.03", false, true}, Actor{"cli", ""});
  ASSERT_TRUE(rep) << rep.error().detail;
  ASSERT_EQ(rep->errors.size(), 6u);
  for (const auto& e : rep->errors) EXPECT_EQ(e.message_key, "error.roster_superior_cycle");
  EXPECT_EQ(rep->skipped, 6);
}

TEST_P(RosterImport, XlsxFileImports) {
  const auto path = dir_ / "pegawai.xlsx";
  write_xlsx(path, {{"Kode Unit", "Nama", "Jenis Pegawai", "NIP", "Nama Unit", "NIP Atasan"},
                    {"DINKES", "Dewi & Co", "PNS", kHeadNip, "Dinas Kesehatan", ""},
                    {"DINKES", "Eko", "PPPK", kPppk, "", kHeadNip},
                    {"DINKES", "Fitri", "Honorer", "", "", ""}});
  auto t = read_roster_file(path);
  ASSERT_TRUE(t) << t.error().detail;
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0][1], "Dewi & Co");
  EXPECT_EQ(t->rows[0][3], kHeadNip);
  auto rep = import_roster(*ctx_, *t, {"19.03"}, Actor{"cli", ""});
  ASSERT_TRUE(rep);
  EXPECT_TRUE(rep->errors.empty());
  EXPECT_EQ(rep->staff_created, 3);
  EXPECT_EQ(by_nip(kPppk)->superior_id, by_nip(kHeadNip)->id);
  // Not a zip at all.
  std::ofstream(dir_ / "fake.xlsx") << "kode_unit,nama\n";
  EXPECT_EQ(read_roster_file(dir_ / "fake.xlsx").error().code, ErrorCode::invalid_file);
  EXPECT_EQ(read_roster_file(dir_ / "x.ods").error().code, ErrorCode::unsupported_file_type);
}

// An upload as the server stores it: a temporary name without extension; the client's name
// and the bytes decide how it is read.
TEST_P(RosterImport, UploadsAreReadByContentAndClientName) {
  const auto xlsx = dir_ / "upload-1";
  write_xlsx(xlsx, {{"Kode Unit", "Nama", "Jenis Pegawai"}, {"DINKES", "Fitri", "Honorer"}});
  auto t = read_roster_upload(xlsx, "");
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->rows.size(), 1u);
  EXPECT_TRUE(read_roster_upload(xlsx, "pegawai.csv"));  // a workbook under a wrong name: still a workbook
  const auto csv = dir_ / "upload-2";
  std::ofstream(csv) << "kode_unit;nama;jenis_pegawai\nDINKES;Eko;PNS\n";
  EXPECT_EQ(read_roster_upload(csv, "Pegawai.CSV")->rows.size(), 1u);
  EXPECT_EQ(read_roster_upload(csv, "")->rows.size(), 1u);
  EXPECT_EQ(read_roster_upload(csv, "pegawai.xlsx").error().code, ErrorCode::invalid_file);
  EXPECT_EQ(read_roster_upload(csv, "pegawai.ods").error().code, ErrorCode::unsupported_file_type);
  const auto binary = dir_ / "upload-3";
  std::ofstream(binary, std::ios::binary) << std::string("kode_unit\0nama", 14);
  EXPECT_EQ(read_roster_upload(binary, "pegawai.csv").error().code, ErrorCode::invalid_file);
}

TEST_P(RosterImport, TheWebImportAndBrowserAreForTheInstansisOwnAdmins) {
  Id other = 0;
  {
    auto tx = store().begin(true);
    other = store().reference().upsert_instansi(*tx, Instansi{0, "19", "Provinsi", {}});
    tx->commit();
  }
  auto principal = [&](Role role, Id instansi, bool disabled = false) {
    Principal p;
    p.user.id = 7;
    p.user.role = role;
    p.user.instansi_id = instansi;
    p.user.disabled = disabled;
    return p;
  };
  const Principal admin = principal(Role::admin, inst_);
  EXPECT_EQ(describe(kRoster), "manages_roster_of: admin superadmin (per item)");
  EXPECT_TRUE(manages_roster_of(admin.user, inst_));
  EXPECT_FALSE(manages_roster_of(admin.user, other));
  auto t = read_csv(kGood);
  ASSERT_TRUE(t);
  for (const auto& p : {principal(Role::admin, other), principal(Role::verifier, inst_), principal(Role::admin, inst_, true)}) {
    EXPECT_EQ(import_roster_as(*ctx_, p, "19.03", *t, false).error().code, ErrorCode::forbidden);
    EXPECT_EQ(browse_roster(*ctx_, p, "19.03", {}).error().code, ErrorCode::forbidden);
  }
  EXPECT_EQ(browse_roster(*ctx_, admin, "99.99", {}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(staff(), 0);
  auto rep = import_roster_as(*ctx_, admin, "19.03", *t, false);
  ASSERT_TRUE(rep);
  EXPECT_EQ(rep->staff_created, 4);
  {
    auto tx = store().begin(false);
    bool audited = false;
    for (const auto& e : store().audit().audit_entries(*tx, 0, 100))
      audited |= e.action == "roster.import" && e.actor == "user:7";
    EXPECT_TRUE(audited);
  }
  auto all = browse_roster(*ctx_, admin, "19.03", {});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->staff_total, 4);
  EXPECT_EQ(all->staff_matching, 4);
  ASSERT_EQ(all->units.size(), 2u);
  EXPECT_EQ(all->units[1].parent_code, "DISDIK");
  EXPECT_EQ(all->units[1].staff, 3);
  auto names = [](const RosterListing& l) {
    std::vector<std::string> out;
    for (const auto& r : l.staff) out.push_back(r.employee.name);
    return out;
  };
  EXPECT_EQ(names(*all), (std::vector<std::string>{"Budi Santoso", "Joko", "Rina", "Sari, S.Pd."}));
  EXPECT_EQ(names(*browse_roster(*ctx_, admin, "19.03", {"SARI"})), (std::vector<std::string>{"Sari, S.Pd."}));
  auto by_nip = browse_roster(*ctx_, admin, "19.03", {"1990 0315"});
  EXPECT_EQ(names(*by_nip), (std::vector<std::string>{"Rina"}));
  EXPECT_EQ(by_nip->staff[0].superior_name, "Sari, S.Pd.");
  EXPECT_EQ(names(*browse_roster(*ctx_, admin, "19.03", {"bidang sd"})), (std::vector<std::string>{"Joko", "Rina", "Sari, S.Pd."}));
  auto paged = browse_roster(*ctx_, admin, "19.03", {"", 9, 3});
  EXPECT_EQ(paged->pages, 2);
  EXPECT_EQ(paged->page, 2);  // past the last page: the last
  EXPECT_EQ(names(*paged), (std::vector<std::string>{"Sari, S.Pd."}));
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterImport, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         store::testing::backend_name);

}  // namespace
}  // namespace netral::app
