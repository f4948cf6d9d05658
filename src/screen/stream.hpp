// Streaming a whole feed through a Screener: reads posts in chunks, screens them on N
// threads, writes flags in input order. Memory stays bounded by the chunks in flight,
// whatever the size of the input.
#pragma once
#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string_view>

#include "core/result.hpp"
#include "screen/screener.hpp"

namespace netral::screen {

enum class InputFormat { jsonl, csv };

struct StreamStats {
  std::uint64_t bytes = 0;    // input bytes consumed
  std::uint64_t posts = 0;    // posts screened
  std::uint64_t flagged = 0;  // flags written
  std::uint64_t invalid = 0;  // records skipped as malformed
  std::uint64_t full = 0;     // posts screened in full: those the prefilter let through
};

struct StreamOptions {
  InputFormat format = InputFormat::jsonl;
  unsigned threads = 1;
  std::size_t chunk_bytes = 1 << 20;
  // Called on the calling thread after each chunk is written.
  std::function<void(const StreamStats&)> progress;
  // Called on the calling thread for each malformed record ("line 12: ...").
  std::function<void(std::string_view)> warn;
};

// Errors are only those that stop the whole run (an unusable CSV header, a write
// failure); a malformed record is reported through `warn` and skipped.
Result<StreamStats> screen_stream(std::istream& in, std::ostream& out, const Screener& screener,
                                  const StreamOptions& options);

}  // namespace netral::screen
