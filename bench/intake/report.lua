-- wrk script for bench/intake: POSTs one new report per request to /api/v1/reports
-- (the same rows as direct_insert.cpp) and prints one machine-readable result line.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  created = 0
  other = 0
end

function request()
  counter = counter + 1
  local n = tid * 100000000 + counter
  -- A valid NIP that varies (birth day and serial), so that duplicate detection sees a
  -- realistic few look-alikes rather than every earlier report (direct_insert.cpp too).
  local nip = string.format("198503%02d2010011%03d", 1 + math.floor(n / 999) % 28, 1 + n % 999)
  local body = string.format(
    '{"instansi":"19.03","reported":{"name":"Budi Bench %d","nip":"%s",' ..
    '"unit":"Dinas Pendidikan","position":"Guru"},' ..
    '"description":"Bench report %d: memasang baliho calon di kantor.",' ..
    '"incident_date":"2026-03-10","incident_place":"Toboali","learned_date":"2026-03-11",' ..
    '"links":["https://example.org/p/%d"]}', n, nip, n, n)
  return wrk.format("POST", "/api/v1/reports", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT created=%d other_status=%d socket_errors=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%.0f\n",
    c, o, e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
