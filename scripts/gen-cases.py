#!/usr/bin/env python3
"""Generate many synthetic cases for load measurements (docs/workflow.md, "Scale").

Writes straight into an initialised Netral database (run `netral init --demo` first):
cases spread over every state and over two years, one report each, the workflow's timeline
events, running deadlines (some overdue) and the inbox columns (due_at, holder). Every
name is fictional; receipts are random hashes, so the generated reports cannot be opened
with a receipt.

  scripts/gen-cases.py --db var/netral.db --n 100000            # SQLite (Python's sqlite3)
  scripts/gen-cases.py --db postgresql://... --n 100000         # PostgreSQL (through psql \\copy)

Options: --instansi CODE (default 19.03), --seed N (default 1). Deterministic for a seed.
"""
import argparse
import csv
import json
import os
import random
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time

STATES = [("received", 15), ("verification", 15), ("examination", 15), ("recommendation", 8),
          ("decision", 12), ("executed", 5), ("closed", 20), ("rejected", 10)]
PATH = ["received", "verification", "examination", "recommendation", "decision", "executed", "closed"]
ACTION_TO = {"verification": "start_verification", "examination": "accept", "recommendation": "findings_proven",
             "decision": "recommend", "executed": "execute", "closed": "close"}
HOLDER = {"received": "verifier", "verification": "verifier", "executed": "verifier", "examination": "examiner",
          "recommendation": "examiner", "decision": "ppk_office", "closed": "none", "rejected": "none"}
CLOCK = {"received": ("verification", 7), "verification": ("verification", 7), "examination": ("examination", 20),
         "recommendation": ("recommendation", 14), "decision": ("ppk_followup", 10), "executed": None,
         "closed": None, "rejected": None}
GIVEN = ["Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah", "Joko", "Kartika", "Lestari",
         "Maya", "Nanda", "Oktavia", "Putra", "Rina", "Sari", "Taufik", "Utami", "Wahyu", "Yuni", "Zulkifli", "Rizky"]
FAMILY = ["Saputra", "Lestari", "Pratama", "Wulandari", "Hidayat", "Kurniawan", "Permata", "Santoso", "Maharani",
          "Syahputra", "Anggraini", "Firmansyah"]
DESCS = ["Mengunggah foto bersama pasangan calon dengan simbol jari di media sosial.",
         "Menghadiri deklarasi pasangan calon pada jam kerja dengan seragam dinas.",
         "Menggunakan kendaraan dinas untuk mengantar peserta kampanye.",
         "Mengumpulkan fotokopi KTP warga untuk mendukung calon perseorangan.",
         "Memasang baliho calon di pagar kantor.",
         "Membagikan unggahan kampanye calon di grup WhatsApp kantor."]


def query_one(args, sql):
    if args.pg:
        out = subprocess.run(["psql", args.db, "-At", "-c", sql], check=True, capture_output=True, text=True).stdout
        return out.strip().split("\n")[0] if out.strip() else None
    con = sqlite3.connect(args.db)
    row = con.execute(sql).fetchone()
    con.close()
    return None if row is None else str(row[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--instansi", default="19.03")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.pg = args.db.startswith("postgres")
    rnd = random.Random(args.seed)

    inst = query_one(args, f"SELECT id FROM instansi WHERE code = '{args.instansi}'")
    if inst is None:
        sys.exit(f"instansi {args.instansi} not found: run `netral init --demo` on this database first")
    inst = int(inst)
    units = [int(x) for x in (query_one(args, f"SELECT string_agg(CAST(id AS TEXT), ',') FROM units WHERE instansi_id = {inst}")
                              if args.pg else
                              query_one(args, f"SELECT group_concat(id) FROM units WHERE instansi_id = {inst}")).split(",")]
    verifier = query_one(args, f"SELECT MIN(id) FROM staff_users WHERE instansi_id = {inst} AND role = 'verifier'")
    verifier = int(verifier) if verifier and verifier != "None" else None
    case_id0 = int(query_one(args, "SELECT COALESCE(MAX(id), 0) FROM cases")) + 1
    report_id0 = int(query_one(args, "SELECT COALESCE(MAX(id), 0) FROM reports")) + 1

    now = int(time.time())
    span = 2 * 365 * 86400
    weights = [w for _, w in STATES]
    names = [s for s, _ in STATES]
    cases, reports, events, deadlines = [], [], [], []
    serial = {}
    for i in range(args.n):
        cid, rid = case_id0 + i, report_id0 + i
        created = now - int(span * (1 - i / args.n)) - rnd.randrange(3600)
        year = time.gmtime(created).tm_year
        if year not in serial:
            serial[year] = int(query_one(args, f"SELECT COALESCE(MAX(n), 0) FROM case_counters WHERE instansi_id = {inst} AND year = {year}") or 0)
        serial[year] += 1
        number = f"{args.instansi}-{year}-{serial[year]:05d}"
        status = rnd.choices(names, weights)[0]
        name = f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)}"
        unit = rnd.choice(units)
        desc = rnd.choice(DESCS)
        day = time.strftime("%Y-%m-%d", time.gmtime(created - 2 * 86400))
        # Steps so far: along the main path, or straight to rejection from verification.
        path = PATH[:PATH.index(status) + 1] if status in PATH else ["received", "verification", "rejected"]
        t = created
        events.append((cid, t, None, "system", "intake", "", "received", json.dumps({"channel": "web", "report": rid})))
        for a, b in zip(path, path[1:]):
            t += rnd.randrange(3600, 5 * 86400)
            action = "reject" if b == "rejected" else ACTION_TO[b]
            payload = {"reason": "insufficient", "note": "Syarat materiel tidak terpenuhi."} if action == "reject" else {}
            events.append((cid, t, verifier, f"user:{verifier}" if verifier else "system", action, a, b, json.dumps(payload)))
        updated = t
        clock = CLOCK[status]
        due = None
        if clock:
            # About a quarter of the open cases run late.
            started = updated
            due = started + clock[1] * 86400 if rnd.random() > 0.25 or started < now - clock[1] * 86400 else now - rnd.randrange(86400, 20 * 86400)
            deadlines.append((cid, clock[0], started, due))
        cases.append((cid, inst, number, status, unit, None, name, desc[:80], created, updated, due, HOLDER[status]))
        reports.append((rid, cid, inst, "web", name, "", "", "", desc, day, "", day, "[]", 1, "",
                        secrets.token_hex(32), created))
    counters = [(inst, y, n) for y, n in serial.items()]

    t0 = time.time()
    if args.pg:
        load_pg(args, cases, reports, events, deadlines, counters)
    else:
        load_sqlite(args, cases, reports, events, deadlines, counters)
    print(f"generated {args.n} cases ({len(events)} events, {len(deadlines)} running deadlines) in {time.time() - t0:.1f} s")


CASE_COLS = "id, instansi_id, case_number, status, unit_id, employee_id, reported_name, summary, created_at, updated_at, due_at, holder"
REPORT_COLS = ("id, case_id, instansi_id, channel, reported_name, reported_nip, reported_unit, reported_position, description, "
               "incident_date, incident_place, learned_date, links, anonymous, reporter_sealed, receipt_hash, created_at")
EVENT_COLS = "case_id, at, user_id, actor, action, from_status, to_status, payload"
DEADLINE_COLS = "case_id, clock, started_at, due_at"


def load_sqlite(args, cases, reports, events, deadlines, counters):
    con = sqlite3.connect(args.db)
    con.execute("PRAGMA busy_timeout = 30000")
    with con:
        con.executemany(f"INSERT INTO cases ({CASE_COLS}) VALUES ({','.join('?' * 12)})", cases)
        con.executemany(f"INSERT INTO reports ({REPORT_COLS}) VALUES ({','.join('?' * 17)})", reports)
        con.executemany(f"INSERT INTO case_events ({EVENT_COLS}) VALUES ({','.join('?' * 8)})", events)
        con.executemany(f"INSERT INTO case_deadlines ({DEADLINE_COLS}) VALUES (?,?,?,?)", deadlines)
        con.executemany("INSERT INTO case_counters (instansi_id, year, n) VALUES (?,?,?) "
                        "ON CONFLICT (instansi_id, year) DO UPDATE SET n = excluded.n", counters)
    con.execute("ANALYZE")
    con.close()


def load_pg(args, cases, reports, events, deadlines, counters):
    with tempfile.TemporaryDirectory() as d:
        script = ["BEGIN;"]
        for table, cols, rows in (("cases", CASE_COLS, cases), ("reports", REPORT_COLS, reports),
                                  ("case_events", EVENT_COLS, events), ("case_deadlines", DEADLINE_COLS, deadlines)):
            f = os.path.join(d, table + ".csv")
            with open(f, "w", newline="") as out:
                w = csv.writer(out)
                for r in rows:
                    w.writerow(["\\N" if v is None else v for v in r])
            script.append(f"\\copy {table} ({cols}) FROM '{f}' WITH (FORMAT csv, NULL '\\N')")
        for inst, y, n in counters:
            script.append(f"INSERT INTO case_counters (instansi_id, year, n) VALUES ({inst}, {y}, {n}) "
                          "ON CONFLICT (instansi_id, year) DO UPDATE SET n = excluded.n;")
        for t in ("cases", "reports", "case_events", "case_deadlines"):
            script.append(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}));")
        script.append("COMMIT;")
        script.append("VACUUM ANALYZE;")  # sets the visibility map: index-only counts, as autovacuum would
        subprocess.run(["psql", args.db, "-v", "ON_ERROR_STOP=1", "-q"], input="\n".join(script), text=True, check=True,
                       stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
