#include "app/demo.hpp"

#include <cstdio>
#include <span>
#include <tuple>

#include "core/identifiers.hpp"

namespace netral::app {
namespace {

struct UnitSeed {
  const char* code;
  const char* name;
};

constexpr UnitSeed kProvUnits[] = {
    {"SETDA", "Sekretariat Daerah"},       {"BKPSDMD", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah"},
    {"INSP", "Inspektorat"},              {"DISDIK", "Dinas Pendidikan"},
    {"DINKES", "Dinas Kesehatan"},        {"DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"},
    {"DINSOS", "Dinas Sosial"},           {"KOMINFO", "Dinas Komunikasi dan Informatika"},
    {"KESBANGPOL", "Badan Kesatuan Bangsa dan Politik"}, {"SATPOLPP", "Satuan Polisi Pamong Praja"},
};
constexpr UnitSeed kBaselUnits[] = {
    {"SETDA", "Sekretariat Daerah"},       {"BKPSDMD", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah"},
    {"INSP", "Inspektorat"},              {"DISDIK", "Dinas Pendidikan"},
    {"DINKES", "Dinas Kesehatan"},        {"DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"},
    {"DPMD", "Dinas Pemberdayaan Masyarakat dan Desa"}, {"KOMINFO", "Dinas Komunikasi dan Informatika"},
    {"KEC-TOBOALI", "Kecamatan Toboali"}, {"KEC-PAYUNG", "Kecamatan Payung"},
};

constexpr const char* kGiven[] = {"Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah",
                                  "Joko", "Kartika", "Lestari", "Maya", "Nanda", "Oktavia", "Putra", "Rina",
                                  "Sari", "Taufik", "Utami", "Wahyu", "Yuni", "Zulkifli", "Rizky"};
constexpr const char* kFamily[] = {"Saputra", "Lestari", "Pratama", "Wulandari", "Hidayat", "Kurniawan",
                                   "Permata", "Santoso", "Maharani", "Syahputra", "Anggraini", "Firmansyah"};
constexpr const char* kPositions[] = {"Analis Kebijakan", "Pengelola Keuangan", "Guru Ahli Pertama", "Perawat Terampil",
                                      "Kepala Seksi", "Kepala Bidang", "Pranata Komputer", "Staf Pelaksana"};

}  // namespace

Result<DemoUsers> load_demo(Context& ctx, AuthService& auth, ReportService& reports) {
  auto& ref = ctx.store.reference();
  {
    auto tx = ctx.store.begin(false);
    if (ref.instansi_by_code(*tx, "19.03")) return DemoUsers{};
  }
  {
    auto tx = ctx.store.begin(true);
    Id prov = ref.upsert_instansi(*tx, Instansi{0, "19", "Pemerintah Provinsi Kepulauan Bangka Belitung", std::nullopt});
    Id basel = ref.upsert_instansi(*tx, Instansi{0, "19.03", "Pemerintah Kabupaten Bangka Selatan", prov});
    int serial = 1;
    for (auto [inst, units, n] : {std::tuple{prov, std::span<const UnitSeed>(kProvUnits), 10},
                                  std::tuple{basel, std::span<const UnitSeed>(kBaselUnits), 10}}) {
      for (std::size_t ui = 0; ui < units.size(); ++ui) {
        Id unit = ref.upsert_unit(*tx, Unit{0, inst, std::nullopt, units[ui].code, units[ui].name});
        // Three staff per unit: a head (PNS), a PNS, and alternately a PPPK or a non-ASN.
        std::optional<Id> head;
        for (int k = 0; k < 3; ++k, ++serial) {
          Employee e;
          e.instansi_id = inst;
          e.unit_id = unit;
          e.name = std::string(kGiven[(serial * 7) % std::size(kGiven)]) + " " + kFamily[(serial * 5) % std::size(kFamily)];
          char nip[32];
          const int by = 1970 + serial % 25, bm = 1 + serial % 12, bd = 1 + serial % 28;
          if (k == 2 && ui % 2 == 1) {
            e.type = StaffType::non_asn;
            e.position = "Tenaga Kontrak";
          } else if (k == 2) {
            e.type = StaffType::pppk;
            std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03d", by, bm, bd, 2023, 21, 1 + serial % 2, serial % 1000);
            e.nip = nip;
            e.position = kPositions[serial % std::size(kPositions)];
          } else {
            e.type = StaffType::pns;
            std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03d", by, bm, bd, by + 24, 1 + serial % 12,
                          1 + serial % 2, serial % 1000);
            e.nip = nip;
            e.position = k == 0 ? (std::string("Kepala ") + units[ui].name) : kPositions[serial % std::size(kPositions)];
            if (!validate_nip(e.nip)) return fail(ErrorCode::demo_failed, {}, {}, "generated NIP invalid: " + e.nip);
          }
          if (k > 0) e.superior_id = head;
          Id id = ref.insert_employee(*tx, e);
          if (k == 0) head = id;
        }
      }
      (void)n;
    }
    tx->commit();
  }

  DemoUsers out;
  out.password = Secrets::random_token(12);
  const std::pair<const char*, Role> users[] = {
      {"admin", Role::admin},         {"verifikator", Role::verifier}, {"pemeriksa", Role::examiner},
      {"kadis", Role::unit_head},     {"ppk", Role::ppk_office},       {"bawaslu", Role::liaison},
      {"bkn", Role::liaison},         {"analis", Role::analyst},
  };
  for (auto [name, role] : users) {
    AuthService::NewUser u;
    u.username = name;
    u.display_name = std::string(name) + " (demo)";
    u.password = out.password;
    u.instansi_code = "19.03";
    u.role = role;
    if (role == Role::unit_head) u.unit_code = "DISDIK";
    if (role == Role::liaison) u.liaison_body = name;  // "bawaslu" or "bkn"
    auto id = auth.create_user(u, Actor{"system", ""});
    if (!id) return std::unexpected(id.error());
    out.users.emplace_back(name, role);
  }

  // A few sample reports, so that the inbox is not empty.
  NewReport a;
  a.instansi = "19.03";
  a.reported = {"Budi Santoso", "", "Dinas Pendidikan", "Guru"};
  a.description = "Yang bersangkutan mengunggah foto bersama pasangan calon bupati dengan simbol dua jari di akun Facebook pribadinya.";
  a.incident_place = "Facebook";
  a.links = {"https://www.facebook.com/contoh/posts/1"};
  a.channel = Channel::walk_in;
  NewReport b;
  b.instansi = "19.03";
  b.reported = {"Sari Lestari", "", "Kecamatan Toboali", "Staf Pelaksana"};
  b.description = "Menggunakan mobil dinas untuk mengantar peserta kampanye salah satu pasangan calon di Toboali.";
  b.incident_place = "Lapangan Toboali";
  NewReport c;
  c.instansi = "19";
  c.reported = {"Hendra Kurniawan", "", "Dinas Sosial", "Kepala Seksi"};
  c.description = "Mengumpulkan fotokopi KTP warga penerima bantuan untuk mendukung salah satu calon gubernur.";
  c.reporter = {"Pelapor Contoh", "", "081234567890", ""};
  for (const auto* r : {&a, &b, &c}) {
    auto s = reports.submit(*r, {}, Actor{"system", ""});
    if (!s) return std::unexpected(s.error());
  }
  return out;
}

}  // namespace netral::app
