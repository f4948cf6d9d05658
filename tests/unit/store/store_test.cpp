// Store behaviour, one body per test, run on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace netral::store::testing {
namespace {

// Past 2^31 on purpose: every timestamp and size below must survive as 64-bit.
constexpr Timestamp kT0 = 4'102'444'800;  // 2100-01-01

// Commits what `fn` does in one write transaction and returns its result.
template <class F>
auto in_write(Store& s, F fn) {
  auto tx = s.begin(true);
  if constexpr (std::is_void_v<decltype(fn(*tx))>) {
    fn(*tx);
    tx->commit();
  } else {
    auto r = fn(*tx);
    tx->commit();
    return r;
  }
}

template <class F>
auto in_read(Store& s, F fn) {
  auto tx = s.begin(false);
  auto r = fn(*tx);
  tx->commit();
  return r;
}

class Repos : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_GE(store().migrate(), 1);
    in_write(store(), [&](Tx& tx) {
      instansi_ = store().reference().upsert_instansi(tx, Instansi{0, "19.03", "Pemerintah Kabupaten Bangka Selatan", {}});
      other_instansi_ = store().reference().upsert_instansi(tx, Instansi{0, "19", "Pemerintah Provinsi", {}});
    });
  }

  Id add_unit(const std::string& code, std::optional<Id> parent, Id instansi = 0) {
    return in_write(store(), [&](Tx& tx) {
      return store().reference().upsert_unit(tx, Unit{0, instansi ? instansi : instansi_, parent, code, "Unit " + code});
    });
  }

  Id add_case(const std::string& number, CaseStatus status, Timestamp at, std::optional<Id> unit = {},
              Id instansi = 0) {
    return in_write(store(), [&](Tx& tx) {
      Case c;
      c.instansi_id = instansi ? instansi : instansi_;
      c.case_number = number;
      c.status = status;
      c.unit_id = unit;
      c.reported_name = "Terlapor " + number;
      c.summary = "Ringkasan " + number;
      c.created_at = at;
      c.updated_at = at;
      return store().cases().insert_case(tx, c);
    });
  }

  Id add_report(Id case_id, const std::string& receipt_hash, Timestamp at = kT0) {
    return in_write(store(), [&](Tx& tx) {
      Report r;
      r.case_id = case_id;
      r.instansi_id = instansi_;
      r.reported.name = "Budi";
      r.description = "Memposting dukungan";
      r.created_at = at;
      return store().cases().insert_report(tx, r, receipt_hash);
    });
  }

  std::vector<std::string> numbers(const PageOf<Case>& page) {
    std::vector<std::string> out;
    for (const auto& c : page.items) out.push_back(c.case_number);
    return out;
  }

  Id instansi_ = 0;
  Id other_instansi_ = 0;
};

// --- migrations, transactions, connections ---

TEST_P(StoreTest, MigrateIsIdempotentAndVersioned) {
  EXPECT_EQ(store().schema_version(), 0);
  const int v = store().migrate();
  EXPECT_GE(v, 1);
  EXPECT_EQ(store().schema_version(), v);
  EXPECT_EQ(store().migrate(), v);
  EXPECT_EQ(store().schema_version(), v);
  auto again = open_again();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->migrate(), v);
}

TEST_P(StoreTest, ConcurrentMigrateFromTwoStores) {
  auto a = open_again(2);
  auto b = open_again(2);
  ASSERT_TRUE(a && b);
  int va = -1, vb = -1;
  std::string err;
  std::thread ta([&] {
    try {
      va = a->migrate();
    } catch (const std::exception& e) {
      err = e.what();
    }
  });
  std::thread tb([&] {
    try {
      vb = b->migrate();
    } catch (const std::exception& e) {
      err = e.what();
    }
  });
  ta.join();
  tb.join();
  EXPECT_EQ(err, "");
  EXPECT_GE(va, 1);
  EXPECT_EQ(va, vb);
  EXPECT_EQ(store().schema_version(), va);
}

TEST_P(StoreTest, PingAnswers) { EXPECT_TRUE(store().ping()); }

TEST_P(Repos, UncommittedTransactionRollsBackOnDestruction) {
  {
    auto tx = store().begin(true);
    store().reference().upsert_instansi(*tx, Instansi{0, "19.04", "Belum jadi", {}});
  }
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return store().reference().instansi_by_code(tx, "19.04"); }));
  in_write(store(), [&](Tx& tx) { store().reference().upsert_instansi(tx, Instansi{0, "19.04", "Jadi", {}}); });
  EXPECT_TRUE(in_read(store(), [&](Tx& tx) { return store().reference().instansi_by_code(tx, "19.04"); }));
}

TEST_P(Repos, FailedStatementThenRollbackLeavesConnectionUsable) {
  // More rounds than pooled connections: each must come back clean to the pool.
  for (int i = 0; i < 6; ++i) {
    auto tx = store().begin(true);
    EXPECT_THROW(store().reference().upsert_unit(*tx, Unit{0, 999999, {}, "X", "no such instansi"}), StoreError);
  }
  EXPECT_EQ(in_read(store(), [&](Tx& tx) { return store().reference().list_instansi(tx).size(); }), 2u);
}

TEST_P(Repos, ReconnectsAfterTheServerDroppedConnections) {
  if (backend() != Backend::postgresql) GTEST_SKIP() << "SQLite connections are not dropped by a server";
  EXPECT_EQ(drop_server_connections(), 4);  // the whole pool
  // More transactions than pooled connections: every dead connection is met and revived.
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(in_read(store(), [&](Tx& tx) { return store().reference().list_instansi(tx).size(); }), 2u);
  EXPECT_TRUE(store().ping());
}

TEST_P(Repos, CommitTwiceIsAnError) {
  auto tx = store().begin(false);
  tx->commit();
  EXPECT_THROW(tx->commit(), StoreError);
}

TEST_P(Repos, CommittedDataSurvivesReopen) {
  add_case("19.03-2100-00001", CaseStatus::received, kT0);
  store_.reset();
  auto again = open_again();
  ASSERT_TRUE(again);
  auto c = in_read(*again, [&](Tx& tx) { return again->cases().case_by_number(tx, "19.03-2100-00001"); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->created_at, kT0);
}

// --- reference data ---

TEST_P(Repos, InstansiUpsertByCode) {
  auto& ref = store().reference();
  const Id again = in_write(store(), [&](Tx& tx) {
    return ref.upsert_instansi(tx, Instansi{0, "19.03", "Pemkab Bangka Selatan", other_instansi_});
  });
  EXPECT_EQ(again, instansi_);
  auto by_code = in_read(store(), [&](Tx& tx) { return ref.instansi_by_code(tx, "19.03"); });
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id, instansi_);
  EXPECT_EQ(by_code->name, "Pemkab Bangka Selatan");
  EXPECT_EQ(by_code->parent_id, other_instansi_);
  auto by_id = in_read(store(), [&](Tx& tx) { return ref.instansi_by_id(tx, other_instansi_); });
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->code, "19");
  EXPECT_FALSE(by_id->parent_id);
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return ref.instansi_by_code(tx, "99"); }));
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return ref.instansi_by_id(tx, 424242); }));
  auto all = in_read(store(), [&](Tx& tx) { return ref.list_instansi(tx); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "19");  // ordered by code
  EXPECT_EQ(all[1].code, "19.03");
}

TEST_P(Repos, UnitsUpsertByInstansiAndCode) {
  auto& ref = store().reference();
  const Id dinas = add_unit("DISDIK", {});
  const Id bidang = add_unit("DISDIK-SD", dinas);
  EXPECT_EQ(add_unit("DISDIK", {}), dinas);
  const Id same_code_elsewhere = add_unit("DISDIK", {}, other_instansi_);
  EXPECT_NE(same_code_elsewhere, dinas);
  auto units = in_read(store(), [&](Tx& tx) { return ref.units_of(tx, instansi_); });
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].code, "DISDIK");
  EXPECT_EQ(units[1].parent_id, dinas);
  auto u = in_read(store(), [&](Tx& tx) { return ref.unit_by_id(tx, bidang); });
  ASSERT_TRUE(u);
  EXPECT_EQ(u->instansi_id, instansi_);
  EXPECT_EQ(u->name, "Unit DISDIK-SD");
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return ref.unit_by_id(tx, 424242); }));
}

TEST_P(Repos, EmployeesByNipAndId) {
  auto& ref = store().reference();
  const Id unit = add_unit("BKPSDMD", {});
  Employee boss{0, instansi_, unit, "198001012005011001", "Kepala", StaffType::pns, "Kepala Badan", {}};
  boss.id = in_write(store(), [&](Tx& tx) { return ref.insert_employee(tx, boss); });
  Employee staff{0, instansi_, unit, "199203152019032002", "Staf", StaffType::pppk, "Analis", boss.id};
  staff.id = in_write(store(), [&](Tx& tx) { return ref.insert_employee(tx, staff); });
  // Non-ASN staff have no NIP; several of them must fit.
  in_write(store(), [&](Tx& tx) {
    ref.insert_employee(tx, Employee{0, instansi_, {}, "", "Honorer A", StaffType::non_asn, "", {}});
    ref.insert_employee(tx, Employee{0, instansi_, {}, "", "Honorer B", StaffType::non_asn, "", {}});
  });
  auto by_nip = in_read(store(), [&](Tx& tx) { return ref.employee_by_nip(tx, instansi_, staff.nip); });
  ASSERT_TRUE(by_nip);
  EXPECT_EQ(by_nip->id, staff.id);
  EXPECT_EQ(by_nip->type, StaffType::pppk);
  EXPECT_EQ(by_nip->superior_id, boss.id);
  EXPECT_EQ(by_nip->unit_id, unit);
  EXPECT_EQ(by_nip->position, "Analis");
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return ref.employee_by_nip(tx, other_instansi_, staff.nip); }));
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return ref.employee_by_nip(tx, instansi_, ""); }));
  auto by_id = in_read(store(), [&](Tx& tx) { return ref.employee_by_id(tx, boss.id); });
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->name, "Kepala");
  EXPECT_FALSE(by_id->superior_id);
  EXPECT_EQ(in_read(store(), [&](Tx& tx) { return ref.count_employees(tx, instansi_); }), 4);
  EXPECT_EQ(in_read(store(), [&](Tx& tx) { return ref.count_employees(tx, other_instansi_); }), 0);
  // The same NIP twice in one instansi is refused, in another it is allowed.
  EXPECT_THROW(in_write(store(), [&](Tx& tx) { return ref.insert_employee(tx, staff); }), StoreError);
  Employee moved = staff;
  moved.instansi_id = other_instansi_;
  moved.unit_id.reset();
  moved.superior_id.reset();
  EXPECT_NO_THROW(in_write(store(), [&](Tx& tx) { return ref.insert_employee(tx, moved); }));
}

// --- cases and reports ---

TEST_P(Repos, NextCaseSerialCountsPerInstansiAndYear) {
  auto serial = [&](Id inst, int year) {
    return in_write(store(), [&](Tx& tx) { return store().cases().next_case_serial(tx, inst, year); });
  };
  EXPECT_EQ(serial(instansi_, 2024), 1);
  EXPECT_EQ(serial(instansi_, 2024), 2);
  EXPECT_EQ(serial(instansi_, 2025), 1);
  EXPECT_EQ(serial(other_instansi_, 2024), 1);
  EXPECT_EQ(serial(instansi_, 2024), 3);
  // A rolled-back serial is handed out again: numbers stay gap-free.
  {
    auto tx = store().begin(true);
    EXPECT_EQ(store().cases().next_case_serial(*tx, instansi_, 2024), 4);
  }
  EXPECT_EQ(serial(instansi_, 2024), 4);
}

TEST_P(Repos, NextCaseSerialIsDistinctUnderConcurrency) {
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  std::vector<std::vector<std::int64_t>> got(kThreads);
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kEach; ++i) {
          auto tx = store().begin(true);
          got[t].push_back(store().cases().next_case_serial(*tx, instansi_, 2024));
          tx->commit();
        }
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(errors[t], "");
    all.insert(got[t].begin(), got[t].end());
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kEach);
}

TEST_P(Repos, CaseRoundTrip) {
  const Id unit = add_unit("DISDIK", {});
  const Id emp = in_write(store(), [&](Tx& tx) {
    return store().reference().insert_employee(tx, Employee{0, instansi_, unit, "198001012005011001", "Budi",
                                                            StaffType::pns, "Guru", {}});
  });
  Case c;
  c.instansi_id = instansi_;
  c.case_number = "19.03-2100-00001";
  c.status = CaseStatus::verification;
  c.unit_id = unit;
  c.employee_id = emp;
  c.reported_name = "Budi";
  c.summary = "Foto dengan pose jari";
  c.created_at = kT0;
  c.updated_at = kT0 + 5;
  c.id = in_write(store(), [&](Tx& tx) { return store().cases().insert_case(tx, c); });
  EXPECT_GT(c.id, 0);
  for (auto got : {in_read(store(), [&](Tx& tx) { return store().cases().case_by_id(tx, c.id); }),
                   in_read(store(), [&](Tx& tx) { return store().cases().case_by_number(tx, c.case_number); })}) {
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, c.id);
    EXPECT_EQ(got->instansi_id, instansi_);
    EXPECT_EQ(got->case_number, c.case_number);
    EXPECT_EQ(got->status, CaseStatus::verification);
    EXPECT_EQ(got->unit_id, unit);
    EXPECT_EQ(got->employee_id, emp);
    EXPECT_EQ(got->reported_name, "Budi");
    EXPECT_EQ(got->summary, c.summary);
    EXPECT_EQ(got->created_at, kT0);
    EXPECT_EQ(got->updated_at, kT0 + 5);
  }
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return store().cases().case_by_id(tx, 424242); }));
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return store().cases().case_by_number(tx, "nope"); }));
  // Case numbers are unique.
  EXPECT_THROW(in_write(store(), [&](Tx& tx) { return store().cases().insert_case(tx, c); }), StoreError);
}

TEST_P(Repos, SetCaseStatus) {
  const Id id = add_case("N-1", CaseStatus::received, kT0);
  in_write(store(), [&](Tx& tx) { store().cases().set_case_status(tx, id, CaseStatus::examination, kT0 + 60); });
  auto c = in_read(store(), [&](Tx& tx) { return store().cases().case_by_id(tx, id); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, CaseStatus::examination);
  EXPECT_EQ(c->updated_at, kT0 + 60);
  EXPECT_EQ(c->created_at, kT0);
}

TEST_P(Repos, ReportRoundTripByReceiptHash) {
  const Id case_id = add_case("N-1", CaseStatus::received, kT0);
  Report r;
  r.case_id = case_id;
  r.instansi_id = instansi_;
  r.channel = Channel::bawaslu;
  r.reported = {"Budi Santoso", "198001012005011001", "Dinas Pendidikan", "Guru"};
  r.description = "Mengunggah foto dengan pose \"dua jari\"; ikut kampanye.";
  r.incident_date = "2024-11-01";
  r.incident_place = "Toboali";
  r.learned_date = "2024-11-02";
  r.links = {"https://example.org/p/1", "https://example.org/p/2?a=\"b\""};
  r.anonymous = false;
  r.reporter_sealed = "bm9uY2V8Y2lwaGVy";
  r.created_at = kT0 + 1;
  r.id = in_write(store(), [&](Tx& tx) { return store().cases().insert_report(tx, r, "ab12cd"); });
  auto got = in_read(store(), [&](Tx& tx) { return store().cases().report_by_receipt_hash(tx, "ab12cd"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, r.id);
  EXPECT_EQ(got->case_id, case_id);
  EXPECT_EQ(got->instansi_id, instansi_);
  EXPECT_EQ(got->channel, Channel::bawaslu);
  EXPECT_EQ(got->reported.name, r.reported.name);
  EXPECT_EQ(got->reported.nip, r.reported.nip);
  EXPECT_EQ(got->reported.unit, r.reported.unit);
  EXPECT_EQ(got->reported.position, r.reported.position);
  EXPECT_EQ(got->description, r.description);
  EXPECT_EQ(got->incident_date, r.incident_date);
  EXPECT_EQ(got->incident_place, r.incident_place);
  EXPECT_EQ(got->learned_date, r.learned_date);
  EXPECT_EQ(got->links, r.links);
  EXPECT_FALSE(got->anonymous);
  EXPECT_EQ(got->reporter_sealed, r.reporter_sealed);
  EXPECT_EQ(got->created_at, kT0 + 1);
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return store().cases().report_by_receipt_hash(tx, "AB12CD"); }));

  const Id second = add_report(case_id, "ef34");
  auto of_case = in_read(store(), [&](Tx& tx) { return store().cases().reports_of_case(tx, case_id); });
  ASSERT_EQ(of_case.size(), 2u);
  EXPECT_EQ(of_case[0].id, r.id);
  EXPECT_EQ(of_case[1].id, second);
  EXPECT_TRUE(of_case[1].anonymous);
  EXPECT_TRUE(of_case[1].links.empty());
}

TEST_P(Repos, ReceiptHashIsUnique) {
  const Id case_id = add_case("N-1", CaseStatus::received, kT0);
  add_report(case_id, "samehash");
  EXPECT_THROW(add_report(case_id, "samehash"), StoreError);
  EXPECT_EQ(in_read(store(), [&](Tx& tx) { return store().cases().reports_of_case(tx, case_id).size(); }), 1u);
}

TEST_P(Repos, MessagesCarryStaffNames) {
  const Id case_id = add_case("N-1", CaseStatus::received, kT0);
  const Id report_id = add_report(case_id, "h1");
  const Id user = in_write(store(), [&](Tx& tx) {
    StaffUser u;
    u.instansi_id = instansi_;
    u.username = "verifikator";
    u.display_name = "Siti Verifikator";
    u.password_hash = "$argon2id$x";
    u.created_at = kT0;
    return store().users().insert_user(tx, u);
  });
  in_write(store(), [&](Tx& tx) {
    store().cases().insert_message(tx, Message{0, case_id, report_id, Author::staff, user, "", "Kapan kejadiannya?", kT0 + 10});
    store().cases().insert_message(tx, Message{0, case_id, report_id, Author::reporter, {}, "", "Tanggal 1.", kT0 + 20});
    store().cases().insert_message(tx, Message{0, case_id, {}, Author::system, {}, "", "Status berubah.", kT0 + 30});
  });
  auto msgs = in_read(store(), [&](Tx& tx) { return store().cases().messages_of_case(tx, case_id); });
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[0].author, Author::staff);
  EXPECT_EQ(msgs[0].staff_user_id, user);
  EXPECT_EQ(msgs[0].author_name, "Siti Verifikator");
  EXPECT_EQ(msgs[0].report_id, report_id);
  EXPECT_EQ(msgs[0].body, "Kapan kejadiannya?");
  EXPECT_EQ(msgs[0].created_at, kT0 + 10);
  EXPECT_EQ(msgs[1].author, Author::reporter);
  EXPECT_EQ(msgs[1].author_name, "");
  EXPECT_FALSE(msgs[1].staff_user_id);
  EXPECT_EQ(msgs[2].author, Author::system);
  EXPECT_FALSE(msgs[2].report_id);
  EXPECT_TRUE(in_read(store(), [&](Tx& tx) { return store().cases().messages_of_case(tx, 424242); }).empty());
}

TEST_P(Repos, EvidenceRoundTrip) {
  const Id case_id = add_case("N-1", CaseStatus::received, kT0);
  const Id report_id = add_report(case_id, "h1");
  const Id msg = in_write(store(), [&](Tx& tx) {
    return store().cases().insert_message(tx, Message{0, case_id, report_id, Author::reporter, {}, "", "foto", kT0});
  });
  Evidence big{0, case_id, report_id, {}, std::string(64, 'a'), 5'000'000'000LL, "video/mp4", "rekaman.mp4", kT0};
  Evidence small{0, case_id, {}, msg, std::string(64, 'b'), 1234, "image/jpeg", "../../etc/passwd", kT0 + 1};
  big.id = in_write(store(), [&](Tx& tx) { return store().cases().insert_evidence(tx, big); });
  small.id = in_write(store(), [&](Tx& tx) { return store().cases().insert_evidence(tx, small); });
  auto list = in_read(store(), [&](Tx& tx) { return store().cases().evidence_of_case(tx, case_id); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, big.id);
  EXPECT_EQ(list[0].size, 5'000'000'000LL);
  EXPECT_EQ(list[0].report_id, report_id);
  EXPECT_FALSE(list[0].message_id);
  EXPECT_EQ(list[1].message_id, msg);
  EXPECT_FALSE(list[1].report_id);
  auto one = in_read(store(), [&](Tx& tx) { return store().cases().evidence_by_id(tx, small.id); });
  ASSERT_TRUE(one);
  EXPECT_EQ(one->sha256, small.sha256);
  EXPECT_EQ(one->mime, "image/jpeg");
  EXPECT_EQ(one->original_name, "../../etc/passwd");
  EXPECT_EQ(one->created_at, kT0 + 1);
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return store().cases().evidence_by_id(tx, 424242); }));
}

// --- the inbox ---

TEST_P(Repos, ListCasesPagesNewestFirstWithTotals) {
  for (int i = 1; i <= 23; ++i) add_case("A-" + std::to_string(100 + i), CaseStatus::received, kT0 + i);
  // Same timestamp: the later insert (higher id) comes first.
  add_case("A-tie-1", CaseStatus::received, kT0 + 23);
  add_case("B-1", CaseStatus::received, kT0 + 100, {}, other_instansi_);
  CaseFilter f;
  f.instansi_id = instansi_;
  auto page1 = in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{0, 10}); });
  EXPECT_EQ(page1.total, 24);
  ASSERT_EQ(page1.items.size(), 10u);
  EXPECT_EQ(page1.items[0].case_number, "A-tie-1");
  EXPECT_EQ(page1.items[1].case_number, "A-123");
  EXPECT_EQ(page1.items[9].case_number, "A-115");
  auto page3 = in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{20, 10}); });
  EXPECT_EQ(page3.total, 24);
  EXPECT_EQ(numbers(page3), (std::vector<std::string>{"A-104", "A-103", "A-102", "A-101"}));
  auto beyond = in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{100, 10}); });
  EXPECT_EQ(beyond.total, 24);
  EXPECT_TRUE(beyond.items.empty());
  auto everything = in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, CaseFilter{}, Page{0, 5}); });
  EXPECT_EQ(everything.total, 25);
  EXPECT_EQ(everything.items[0].case_number, "B-1");
}

TEST_P(Repos, ListCasesFiltersByStatus) {
  add_case("R-1", CaseStatus::received, kT0 + 1);
  add_case("V-1", CaseStatus::verification, kT0 + 2);
  add_case("R-2", CaseStatus::received, kT0 + 3);
  add_case("R-other", CaseStatus::received, kT0 + 4, {}, other_instansi_);
  CaseFilter f;
  f.instansi_id = instansi_;
  f.status = CaseStatus::received;
  auto page = in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{}); });
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(numbers(page), (std::vector<std::string>{"R-2", "R-1"}));
  f.instansi_id.reset();
  EXPECT_EQ(in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{}); }).total, 3);
  f.status = CaseStatus::closed;
  EXPECT_EQ(in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{}); }).total, 0);
}

TEST_P(Repos, ListCasesUnitFilterCoversTheSubtree) {
  // dinas -> bidang -> seksi; sibling beside dinas.
  const Id dinas = add_unit("DINAS", {});
  const Id bidang = add_unit("BIDANG", dinas);
  const Id seksi = add_unit("SEKSI", bidang);
  const Id sibling = add_unit("LAIN", {});
  add_case("C-dinas", CaseStatus::received, kT0 + 1, dinas);
  add_case("C-bidang", CaseStatus::verification, kT0 + 2, bidang);
  add_case("C-seksi", CaseStatus::received, kT0 + 3, seksi);
  add_case("C-lain", CaseStatus::received, kT0 + 4, sibling);
  add_case("C-none", CaseStatus::received, kT0 + 5);
  auto list = [&](Id unit, std::optional<CaseStatus> status = {}) {
    CaseFilter f;
    f.instansi_id = instansi_;
    f.unit_id = unit;
    f.status = status;
    return in_read(store(), [&](Tx& tx) { return store().cases().list_cases(tx, f, Page{}); });
  };
  auto all_dinas = list(dinas);
  EXPECT_EQ(all_dinas.total, 3);
  EXPECT_EQ(numbers(all_dinas), (std::vector<std::string>{"C-seksi", "C-bidang", "C-dinas"}));
  EXPECT_EQ(numbers(list(bidang)), (std::vector<std::string>{"C-seksi", "C-bidang"}));
  EXPECT_EQ(numbers(list(seksi)), (std::vector<std::string>{"C-seksi"}));
  EXPECT_EQ(numbers(list(sibling)), (std::vector<std::string>{"C-lain"}));
  EXPECT_EQ(numbers(list(dinas, CaseStatus::received)), (std::vector<std::string>{"C-seksi", "C-dinas"}));
  EXPECT_EQ(list(424242).total, 0);
}

TEST_P(Repos, CountByStatusListsEveryStatus) {
  const Id dinas = add_unit("DINAS", {});
  const Id bidang = add_unit("BIDANG", dinas);
  add_case("1", CaseStatus::received, kT0, dinas);
  add_case("2", CaseStatus::received, kT0, bidang);
  add_case("3", CaseStatus::verification, kT0, bidang);
  add_case("4", CaseStatus::closed, kT0);
  add_case("5", CaseStatus::received, kT0, {}, other_instansi_);
  auto count = [&](CaseFilter f) {
    auto v = in_read(store(), [&](Tx& tx) { return store().cases().count_by_status(tx, f); });
    std::map<CaseStatus, long long> m(v.begin(), v.end());
    EXPECT_EQ(v.size(), all_case_statuses().size());
    EXPECT_EQ(v.front().first, all_case_statuses().front());
    return m;
  };
  CaseFilter f;
  f.instansi_id = instansi_;
  f.status = CaseStatus::closed;  // ignored by count_by_status
  auto m = count(f);
  EXPECT_EQ(m[CaseStatus::received], 2);
  EXPECT_EQ(m[CaseStatus::verification], 1);
  EXPECT_EQ(m[CaseStatus::closed], 1);
  EXPECT_EQ(m[CaseStatus::rejected], 0);
  f.unit_id = dinas;
  m = count(f);
  EXPECT_EQ(m[CaseStatus::received], 2);
  EXPECT_EQ(m[CaseStatus::verification], 1);
  EXPECT_EQ(m[CaseStatus::closed], 0);
  EXPECT_EQ(count(CaseFilter{})[CaseStatus::received], 3);
}

// --- staff users and sessions ---

TEST_P(Repos, UsersRoundTripAndUpdate) {
  auto& users = store().users();
  const Id unit = add_unit("DINAS", {});
  StaffUser u;
  u.instansi_id = instansi_;
  u.username = "kepala.dinas";
  u.display_name = "Kepala Dinas";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
  u.role = Role::unit_head;
  u.unit_id = unit;
  u.created_at = kT0;
  u.id = in_write(store(), [&](Tx& tx) { return users.insert_user(tx, u); });
  StaffUser admin{0, other_instansi_, "admin", "Admin", "$argon2id$x", Role::admin, {}, {}, false, kT0};
  admin.id = in_write(store(), [&](Tx& tx) { return users.insert_user(tx, admin); });

  auto got = in_read(store(), [&](Tx& tx) { return users.user_by_username(tx, "kepala.dinas"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, u.id);
  EXPECT_EQ(got->role, Role::unit_head);
  EXPECT_EQ(got->unit_id, unit);
  EXPECT_FALSE(got->employee_id);
  EXPECT_FALSE(got->disabled);
  EXPECT_EQ(got->password_hash, u.password_hash);
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return users.user_by_username(tx, "Kepala.Dinas"); }));

  u.display_name = "Kepala Dinas Pendidikan";
  u.role = Role::verifier;
  u.unit_id.reset();
  u.disabled = true;
  u.password_hash = "$argon2id$new";
  in_write(store(), [&](Tx& tx) { users.update_user(tx, u); });
  auto updated = in_read(store(), [&](Tx& tx) { return users.user_by_id(tx, u.id); });
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->display_name, "Kepala Dinas Pendidikan");
  EXPECT_EQ(updated->role, Role::verifier);
  EXPECT_FALSE(updated->unit_id);
  EXPECT_TRUE(updated->disabled);
  EXPECT_EQ(updated->password_hash, "$argon2id$new");
  EXPECT_FALSE(in_read(store(), [&](Tx& tx) { return users.user_by_id(tx, 424242); }));

  auto all = in_read(store(), [&](Tx& tx) { return users.list_users(tx, std::nullopt); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].username, "admin");
  auto mine = in_read(store(), [&](Tx& tx) { return users.list_users(tx, instansi_); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].username, "kepala.dinas");

  StaffUser dup = admin;
  dup.instansi_id = instansi_;
  EXPECT_THROW(in_write(store(), [&](Tx& tx) { return users.insert_user(tx, dup); }), StoreError);
}

TEST_P(Repos, SessionsExpire) {
  auto& users = store().users();
  const Id user = in_write(store(), [&](Tx& tx) {
    return users.insert_user(tx, StaffUser{0, instansi_, "v", "V", "$h", Role::verifier, {}, {}, false, kT0});
  });
  in_write(store(), [&](Tx& tx) {
    users.insert_session(tx, Session{"tok-a", user, "csrf-a", kT0, kT0 + 3600});
    users.insert_session(tx, Session{"tok-b", user, "csrf-b", kT0, kT0 + 60});
  });
  auto lookup = [&](const std::string& h, Timestamp now) {
    return in_read(store(), [&](Tx& tx) { return users.session_by_hash(tx, h, now); });
  };
  auto s = lookup("tok-a", kT0 + 10);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, user);
  EXPECT_EQ(s->csrf_token, "csrf-a");
  EXPECT_EQ(s->created_at, kT0);
  EXPECT_EQ(s->expires_at, kT0 + 3600);
  EXPECT_TRUE(lookup("tok-b", kT0 + 59));
  EXPECT_FALSE(lookup("tok-b", kT0 + 60));  // expired at its expiry second
  EXPECT_FALSE(lookup("tok-zzz", kT0));

  in_write(store(), [&](Tx& tx) { users.delete_expired_sessions(tx, kT0 + 60); });
  EXPECT_FALSE(lookup("tok-b", kT0));  // gone, not only hidden
  EXPECT_TRUE(lookup("tok-a", kT0 + 60));
  in_write(store(), [&](Tx& tx) { users.delete_session(tx, "tok-a"); });
  EXPECT_FALSE(lookup("tok-a", kT0));
  // The token hash is the key.
  in_write(store(), [&](Tx& tx) { users.insert_session(tx, Session{"tok-c", user, "x", kT0, kT0 + 1}); });
  EXPECT_THROW(in_write(store(), [&](Tx& tx) { users.insert_session(tx, Session{"tok-c", user, "y", kT0, kT0 + 1}); }),
               StoreError);
}

// --- audit trail ---

TEST_P(Repos, AuditTrailChainsAndPages) {
  auto& audit = store().audit();
  EXPECT_EQ(in_write(store(), [&](Tx& tx) { return audit.last_hash(tx); }), "");
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(in_write(store(), [&](Tx& tx) {
      AuditEntry e;
      e.instansi_id = i % 2 ? std::optional<Id>(instansi_) : std::nullopt;
      e.at = kT0 + i;
      e.actor = "user:1";
      e.action = "case.status";
      e.object = i < 3 ? "case:7" : "case:8";
      e.detail = R"({"to":"verification"})";
      e.ip = "127.0.0.1";
      e.prev_hash = audit.last_hash(tx);
      e.hash = "h" + std::to_string(i);
      return audit.insert_audit(tx, e);
    }));
  }
  EXPECT_EQ(in_write(store(), [&](Tx& tx) { return audit.last_hash(tx); }), "h4");
  auto first = in_read(store(), [&](Tx& tx) { return audit.audit_entries(tx, 0, 2); });
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, ids[0]);
  EXPECT_EQ(first[0].prev_hash, "");
  EXPECT_FALSE(first[0].instansi_id);
  EXPECT_EQ(first[1].prev_hash, "h0");
  EXPECT_EQ(first[1].instansi_id, instansi_);
  EXPECT_EQ(first[1].at, kT0 + 1);
  EXPECT_EQ(first[1].detail, R"({"to":"verification"})");
  EXPECT_EQ(first[1].ip, "127.0.0.1");
  auto rest = in_read(store(), [&](Tx& tx) { return audit.audit_entries(tx, first[1].id, 100); });
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[2].hash, "h4");
  EXPECT_TRUE(in_read(store(), [&](Tx& tx) { return audit.audit_entries(tx, ids[4], 100); }).empty());
  auto of7 = in_read(store(), [&](Tx& tx) { return audit.audit_of_object(tx, "case:7"); });
  ASSERT_EQ(of7.size(), 3u);
  EXPECT_EQ(of7[0].hash, "h0");
  EXPECT_EQ(of7[2].hash, "h2");
}

TEST_P(Repos, AuditChainStaysLinearUnderConcurrentAppends) {
  auto& audit = store().audit();
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  std::vector<std::string> errors(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kEach; ++i) {
          auto tx = store().begin(true);
          AuditEntry e;
          e.at = kT0;
          e.actor = "system";
          e.action = "test";
          e.prev_hash = audit.last_hash(*tx);
          e.hash = std::to_string(t) + "-" + std::to_string(i);
          audit.insert_audit(*tx, e);
          tx->commit();
        }
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  auto all = in_read(store(), [&](Tx& tx) { return audit.audit_entries(tx, 0, 1000); });
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_EQ(all[i].prev_hash, all[i - 1].hash) << "entry " << i;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, Repos, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

// --- opening ---

TEST(OpenStore, UnusableSqlitePathIsAnError) {
  const auto file = std::filesystem::temp_directory_path() / ("netral_store_file_" + std::to_string(::getpid()));
  { std::ofstream(file) << "x"; }
  auto r = open_store((file / "sub" / "netral.db").string());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::db_open_failed);
  std::filesystem::remove(file);
  EXPECT_FALSE(open_store(":memory:").has_value());
}

TEST(OpenStore, UnreachablePostgresIsAnError) {
  // Port 1 on loopback: refused at once, no timeout to wait for.
  auto r = open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", 1);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::db_open_failed);
}

TEST(OpenStore, SqlitePathWithSpacesAndPlainPath) {
  const auto dir = std::filesystem::temp_directory_path() / ("netral store " + std::to_string(::getpid()));
  const auto path = (dir / "data dir" / "netral.db").string();
  {
    auto r = open_store(path, 2);
    ASSERT_TRUE(r.has_value()) << r.error().detail;
    EXPECT_EQ((*r)->backend(), Backend::sqlite);
    EXPECT_GE((*r)->migrate(), 1);
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace netral::store::testing
