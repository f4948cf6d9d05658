#include "text/slang.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <unordered_map>

namespace netral::text {
namespace {

// Informal Indonesian as written in reports, chats and posts. Only unambiguous
// forms belong here: "pd" (pada / perangkat daerah) is left out; "dr" is kept
// because "dokter" before a name is rare in reports while "dari" is everywhere.
// Keep sorted by `from`; a unit test checks the order.
constexpr std::array kSlang = {
    SlangEntry{"aja", "saja"},
    SlangEntry{"bgt", "banget"},
    SlangEntry{"blm", "belum"},
    SlangEntry{"bpk", "bapak"},
    SlangEntry{"brp", "berapa"},
    SlangEntry{"bs", "bisa"},
    SlangEntry{"bsk", "besok"},
    SlangEntry{"cabup", "calon bupati"},
    SlangEntry{"cagub", "calon gubernur"},
    SlangEntry{"caleg", "calon legislatif"},
    SlangEntry{"calkot", "calon wali kota"},
    SlangEntry{"capres", "calon presiden"},
    SlangEntry{"cawabup", "calon wakil bupati"},
    SlangEntry{"cawagub", "calon wakil gubernur"},
    SlangEntry{"cawako", "calon wakil wali kota"},
    SlangEntry{"cawalkot", "calon wali kota"},
    SlangEntry{"cawapres", "calon wakil presiden"},
    SlangEntry{"dg", "dengan"},
    SlangEntry{"dgn", "dengan"},
    SlangEntry{"dll", "dan lain lain"},
    SlangEntry{"dr", "dari"},
    SlangEntry{"dsb", "dan sebagainya"},
    SlangEntry{"engga", "tidak"},
    SlangEntry{"enggak", "tidak"},
    SlangEntry{"fb", "facebook"},
    SlangEntry{"ga", "tidak"},
    SlangEntry{"gak", "tidak"},
    SlangEntry{"gk", "tidak"},
    SlangEntry{"gmn", "bagaimana"},
    SlangEntry{"hrs", "harus"},
    SlangEntry{"ig", "instagram"},
    SlangEntry{"jd", "jadi"},
    SlangEntry{"jg", "juga"},
    SlangEntry{"kades", "kepala desa"},
    SlangEntry{"kadis", "kepala dinas"},
    SlangEntry{"kalo", "kalau"},
    SlangEntry{"kmrn", "kemarin"},
    SlangEntry{"knp", "kenapa"},
    SlangEntry{"kpd", "kepada"},
    SlangEntry{"krn", "karena"},
    SlangEntry{"lg", "lagi"},
    SlangEntry{"medsos", "media sosial"},
    SlangEntry{"ngga", "tidak"},
    SlangEntry{"nggak", "tidak"},
    SlangEntry{"ngk", "tidak"},
    SlangEntry{"org", "orang"},
    SlangEntry{"paslon", "pasangan calon"},
    SlangEntry{"pemda", "pemerintah daerah"},
    SlangEntry{"pemkab", "pemerintah kabupaten"},
    SlangEntry{"pemkot", "pemerintah kota"},
    SlangEntry{"pemprov", "pemerintah provinsi"},
    SlangEntry{"pilbup", "pemilihan bupati"},
    SlangEntry{"pilgub", "pemilihan gubernur"},
    SlangEntry{"pilwako", "pemilihan wali kota"},
    SlangEntry{"pilwalkot", "pemilihan wali kota"},
    SlangEntry{"sbg", "sebagai"},
    SlangEntry{"sblm", "sebelum"},
    SlangEntry{"sdh", "sudah"},
    SlangEntry{"sekda", "sekretaris daerah"},
    SlangEntry{"skrg", "sekarang"},
    SlangEntry{"sm", "sama"},
    SlangEntry{"spt", "seperti"},
    SlangEntry{"sy", "saya"},
    SlangEntry{"tdk", "tidak"},
    SlangEntry{"thd", "terhadap"},
    SlangEntry{"timses", "tim sukses"},
    SlangEntry{"tp", "tapi"},
    SlangEntry{"trs", "terus"},
    SlangEntry{"tsb", "tersebut"},
    SlangEntry{"tt", "tiktok"},
    SlangEntry{"udah", "sudah"},
    SlangEntry{"udh", "sudah"},
    SlangEntry{"utk", "untuk"},
    SlangEntry{"wa", "whatsapp"},
    SlangEntry{"wabup", "wakil bupati"},
    SlangEntry{"wagub", "wakil gubernur"},
    SlangEntry{"yg", "yang"},
};

// Words with a real double letter that people also stretch ("maaaaf", "saaaat").
// Keep sorted; a unit test checks the order.
constexpr std::array<std::string_view, 11> kDoubles = {
    "allah", "facebook", "google", "jumaat", "maaf", "manfaat", "saat", "sunnah", "taat", "twitter", "whatsapp",
};

}  // namespace

std::span<const SlangEntry> slang_table() { return kSlang; }

namespace {

// Most tokens are not slang: a bit per (length, first byte, last byte), set for every
// entry, answers most of them with no hashing of the token at all.
constexpr std::size_t kFilterBits = 1 << 14;
std::size_t filter_slot(std::string_view t) {
  const auto first = static_cast<unsigned char>(t.front()), last = static_cast<unsigned char>(t.back());
  return ((t.size() * 31 + first) * 131 + last) & (kFilterBits - 1);
}

}  // namespace

// Called for every token of every text: a filter, then one hash instead of a binary
// search's compares.
std::optional<std::string_view> expand_slang(std::string_view token) {
  struct Index {
    std::size_t longest = 0;
    std::bitset<kFilterBits> filter;
    std::unordered_map<std::string_view, std::string_view> map;
  };
  static const Index* index = [] {
    auto* x = new Index;
    for (const auto& e : kSlang) {
      x->map.emplace(e.from, e.to);
      x->longest = std::max(x->longest, e.from.size());
      x->filter.set(filter_slot(e.from));
    }
    return x;
  }();
  if (token.empty() || token.size() > index->longest || !index->filter.test(filter_slot(token))) return std::nullopt;
  auto it = index->map.find(token);
  if (it == index->map.end()) return std::nullopt;
  return it->second;
}

std::span<const std::string_view> legit_double_words() { return kDoubles; }

}  // namespace netral::text
