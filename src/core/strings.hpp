// Byte-wise string helpers shared by every layer above core. ASCII on purpose: they serve
// handles, CSV headers and cells, form fields and file extensions, where the rule is the
// bytes; Unicode-aware folding of report text is text/normalize's job.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace netral {

// What trim() strips unless told otherwise.
inline constexpr std::string_view kBlank = " \t\r\n";
// Every ASCII white-space character (std::isspace in the "C" locale): kBlank plus vertical
// tab and form feed.
inline constexpr std::string_view kSpace = " \t\n\v\f\r";

// `s` without leading and trailing characters of `chars`.
std::string_view trim_view(std::string_view s, std::string_view chars = kBlank);
std::string trim(std::string_view s, std::string_view chars = kBlank);

// A-Z to a-z; every other byte (UTF-8 included) as it is. The same as std::tolower in the
// "C" locale, which Netral never leaves.
std::string ascii_lower(std::string_view s);

// The parts with `sep` between each two.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

// Whether two secrets (tokens, codes) are equal, in time that depends on their length only
// (libsodium's sodium_memcmp), so that a wrong guess does not tell how much of it was right.
// An empty secret never matches: an unset token must not let an empty one in.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace netral
