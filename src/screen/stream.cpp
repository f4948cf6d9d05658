#include "screen/stream.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "screen/post_io.hpp"

namespace netral::screen {

namespace {

struct Job {
  std::uint64_t seq = 0;
  std::string data;  // whole records only
};

// What screening a chunk gave. Line numbers in warnings count from the chunk's first
// line: the writer, which sees chunks in input order, makes them absolute, so the reader
// never has to count lines.
struct Done {
  std::string out;
  std::vector<std::pair<std::uint64_t, std::string>> warnings;
  std::uint64_t lines = 0;  // lines the chunk spans
  StreamStats stats;
};

// Splits a chunk into records: lines for JSONL; for CSV, newlines inside quotes do not
// end a record.
// Returns the number of lines the chunk spans.
template <class F>
std::uint64_t for_each_record(std::string_view data, InputFormat fmt, F&& f) {
  std::size_t pos = 0;
  std::uint64_t line = 0;
  while (pos < data.size()) {
    std::size_t end = pos;
    std::uint64_t lines = 1;
    if (fmt == InputFormat::jsonl) {
      const void* nl = std::memchr(data.data() + pos, '\n', data.size() - pos);
      end = nl ? std::size_t(static_cast<const char*>(nl) - data.data()) : data.size();
    } else {
      bool quoted = false;
      lines = 1;
      while (end < data.size() && (quoted || data[end] != '\n')) {
        if (data[end] == '"') quoted = !quoted;
        if (data[end] == '\n') ++lines;
        ++end;
      }
    }
    std::string_view rec = data.substr(pos, end - pos);
    if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
    f(rec, line);
    line += lines;
    pos = end + 1;
  }
  return line;
}

// What a worker keeps from chunk to chunk, so that a steady stream allocates nothing.
struct ChunkScratch {
  Post post;
  std::vector<JsonPostView> views;
  std::vector<std::string_view> bodies;  // text and context_text of each view
  std::vector<char> pass;
};

void process(const Job& job, InputFormat fmt, const CsvPostParser* csv, const Screener& s, Screener::Worker& w,
             ChunkScratch& cs, Done& done) {
  auto warn = [&](std::uint64_t line, const Error& e) {
    ++done.stats.invalid;
    done.warnings.emplace_back(line, e.detail);
  };
  auto screen = [&](const Post& post, bool prefiltered) {
    if (prefiltered) ++done.stats.full;
    if (auto flag = s.screen(post, w, prefiltered)) {
      ++done.stats.flagged;
      append_flag_json(*flag, done.out);
    }
  };
  auto blank = [](std::string_view rec) { return rec.find_first_not_of(" \t") == std::string_view::npos; };
  if (fmt == InputFormat::csv) {
    done.lines = for_each_record(job.data, fmt, [&](std::string_view rec, std::uint64_t line) {
      if (blank(rec)) return;
      auto p = csv->parse(rec);
      if (!p) return warn(line, p.error());
      ++done.stats.posts;
      screen(*p, false);
    });
    return;
  }
  // JSON Lines: the whole chunk is read without copying, decided by the prefilter in one
  // scan, and only the posts it lets through are decoded and screened, in input order.
  std::size_t n = 0;
  done.lines = for_each_record(job.data, fmt, [&](std::string_view rec, std::uint64_t line) {
    if (blank(rec)) return;
    if (n == cs.views.size()) cs.views.emplace_back();
    if (auto r = cs.views[n].parse(rec); !r) return warn(line, r.error());
    ++n;
  });
  done.stats.posts += n;
  cs.bodies.clear();
  for (std::size_t i = 0; i < n; ++i) {
    cs.bodies.push_back(cs.views[i].text_json());
    cs.bodies.push_back(cs.views[i].context_text_json());
  }
  s.may_flag_json(cs.bodies, w, cs.pass);
  for (std::size_t i = 0; i < n; ++i) {
    if (!cs.pass[i]) continue;
    cs.views[i].decode(cs.post);
    screen(cs.post, true);
  }
}

// Reads the next chunk ending on a record boundary into `chunk`, whose capacity is reused
// (no allocation and no zero-filling per chunk). `carry` holds the bytes read past the
// last boundary.
bool next_chunk(std::istream& in, std::string& carry, std::size_t size, InputFormat fmt, std::string& chunk,
                std::uint64_t& bytes) {
  chunk.assign(carry);
  carry.clear();
  bool eof = false;
  while (true) {
    const std::size_t have = chunk.size();
    if (have < size && !eof) {
      chunk.resize_and_overwrite(std::max(size, have + (1 << 16)), [&](char* p, std::size_t n) {
        in.read(p + have, std::streamsize(n - have));
        return have + std::size_t(in.gcount());
      });
      if (!in) eof = true;
    }
    std::size_t cut = std::string::npos;
    if (fmt == InputFormat::jsonl) {
      cut = chunk.rfind('\n');
    } else {
      bool quoted = false;
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        if (chunk[i] == '"') quoted = !quoted;
        else if (chunk[i] == '\n' && !quoted) cut = i;
      }
    }
    if (eof) {
      bytes += chunk.size();
      return !chunk.empty();
    }
    if (cut != std::string::npos) {
      carry.assign(chunk, cut + 1);
      chunk.resize(cut + 1);
      bytes += chunk.size();
      return true;
    }
    size *= 2;  // one record longer than a chunk: read more
  }
}

}  // namespace

Result<StreamStats> screen_stream(std::istream& in, std::ostream& out, const Screener& screener,
                                  const StreamOptions& opt) {
  StreamStats total;
  std::uint64_t line = 1;
  std::optional<CsvPostParser> csv;
  std::string carry;
  if (opt.format == InputFormat::csv) {
    std::string header;
    std::getline(in, header);
    total.bytes += header.size() + 1;
    if (!header.empty() && header.back() == '\r') header.pop_back();
    auto p = CsvPostParser::from_header(header);
    if (!p) return std::unexpected(p.error());
    csv = std::move(*p);
    ++line;
  }
  auto emit = [&](Done& d) -> bool {
    for (auto& [rel, detail] : d.warnings)
      if (opt.warn) opt.warn("baris / line " + std::to_string(line + rel) + ": " + detail);
    line += d.lines;
    out.write(d.out.data(), std::streamsize(d.out.size()));
    total.posts += d.stats.posts;
    total.flagged += d.stats.flagged;
    total.invalid += d.stats.invalid;
    total.full += d.stats.full;
    if (opt.progress) opt.progress(total);
    return bool(out);
  };
  auto write_failed = [] {
    return fail(ErrorCode::write_failed, {}, "out", "gagal menulis keluaran / cannot write output");
  };
  const CsvPostParser* csvp = csv ? &*csv : nullptr;

  if (opt.threads <= 1) {
    Screener::Worker w = screener.make_worker();
    ChunkScratch cs;
    Job job;
    Done d;
    while (next_chunk(in, carry, opt.chunk_bytes, opt.format, job.data, total.bytes)) {
      d.out.clear();
      d.warnings.clear();
      d.stats = {};
      process(job, opt.format, csvp, screener, w, cs, d);
      if (!emit(d)) return write_failed();
    }
    return total;
  }

  // Readers and writer on this thread, screening on the workers; at most `limit`
  // chunks are in flight, so memory does not grow with the input.
  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  std::deque<Job> queue;
  std::map<std::uint64_t, Done> done;
  std::vector<std::string> spare;  // screened chunks' buffers, for the reader to refill
  bool closing = false;
  const std::size_t limit = std::size_t(opt.threads) * 2;
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < opt.threads; ++t)
    workers.emplace_back([&] {
      Screener::Worker w = screener.make_worker();
      ChunkScratch cs;
      for (;;) {
        Job job;
        {
          std::unique_lock lk(mu);
          work_cv.wait(lk, [&] { return closing || !queue.empty(); });
          if (queue.empty()) return;
          job = std::move(queue.front());
          queue.pop_front();
        }
        Done d;
        process(job, opt.format, csvp, screener, w, cs, d);
        {
          std::lock_guard lk(mu);
          done.emplace(job.seq, std::move(d));
          spare.push_back(std::move(job.data));
        }
        done_cv.notify_one();
      }
    });

  std::uint64_t next_seq = 0, next_out = 0;
  bool ok = true;
  auto drain = [&](bool all) {
    std::unique_lock lk(mu);
    for (;;) {
      auto it = done.find(next_out);
      if (it != done.end()) {
        Done d = std::move(it->second);
        done.erase(it);
        ++next_out;
        lk.unlock();
        if (!emit(d)) ok = false;
        lk.lock();
        continue;
      }
      std::size_t in_flight = next_seq - next_out;
      if ((all && in_flight == 0) || (!all && in_flight < limit)) return;
      done_cv.wait(lk);
    }
  };
  Job job;
  while (ok && next_chunk(in, carry, opt.chunk_bytes, opt.format, job.data, total.bytes)) {
    job.seq = next_seq;
    {
      std::lock_guard lk(mu);
      queue.push_back(std::move(job));
      ++next_seq;
      job = Job{};
      if (!spare.empty()) {
        job.data = std::move(spare.back());
        spare.pop_back();
      }
    }
    work_cv.notify_one();
    drain(false);
  }
  drain(true);
  {
    std::lock_guard lk(mu);
    closing = true;
  }
  work_cv.notify_all();
  workers.clear();
  if (!ok) return write_failed();
  return total;
}

}  // namespace netral::screen
