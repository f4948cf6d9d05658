// libFuzzer target for the streaming multipart parser. The first input byte picks the
// chunk size, so the fuzzer explores how parts split across reads. Built by scripts/fuzz.sh.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t chunk = 1 + data[0] % 97;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t total = 0;
  int open = 0;
  netral::http::MultipartParser p(
      "fuzzBoundary",
      {[&](const netral::http::PartHeaders& h) {
         ++open;
         return h.name.size() < 4096;
       },
       [&](std::string_view d) {
         total += d.size();
         if (open != 1) std::abort();  // data only inside a part
         return true;
       },
       [&] {
         --open;
         return true;
       }},
      {1024, 16});
  for (std::size_t i = 0; i < in.size(); i += chunk)
    if (!p.feed(in.substr(i, chunk))) break;
  p.finish();
  if (total > in.size()) std::abort();  // never invents bytes
  return 0;
}
