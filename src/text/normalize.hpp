// Text normalisation shared by classification (issue 4) and screening (issue 5).
// Pure: no I/O. Matching runs on Normalized::text; spans are mapped back to the
// caller's original bytes through Normalized::origin.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netral::text {

struct Normalized {
  // Lower-case, Unicode-folded (NFKC, case fold, accents stripped), ASCII-only where
  // possible, runs of whitespace/punctuation folded to one space, repeated letters
  // collapsed, common slang and abbreviations expanded (yg -> yang, medsos -> media sosial).
  std::string text;
  // origin[i] is the byte offset in the input where normalised byte i came from;
  // origin.size() == text.size() + 1 and origin.back() == input.size().
  std::vector<std::uint32_t> origin;
  // origin_end[i] is the input offset just past the code point normalised byte i came from
  // (origin_end.size() == text.size()). Bytes of an expansion ("yg" -> "yang") all carry the
  // whole source token, so any span inside an expansion maps back to the full token.
  std::vector<std::uint32_t> origin_end;

  // Maps a half-open byte range of `text` back to a half-open range of the input. The
  // result always starts and ends on code point boundaries of the input and covers
  // exactly the source code points (no trailing punctuation or space).
  std::pair<std::uint32_t, std::uint32_t> to_input(std::uint32_t begin, std::uint32_t end) const;
};

struct NormalizeOptions {
  bool expand_slang = true;   // yg -> yang, sy -> saya, timses -> tim sukses ...
  bool undo_leetspeak = true; // pr4bowo -> prabowo (only inside words that mix letters and digits)
};

// Takes printable ASCII words through a byte-level fast path and everything else through
// the general path; the result is identical to normalize_general() (tested differentially
// in tests/unit/text/normalize_test.cpp).
Normalized normalize(std::string_view input, const NormalizeOptions& options = {});

// The letter a digit stands for inside a word that mixes letters and digits ("pr4bowo"),
// or 0 ('2' marks reduplication instead). Shared with the screening prefilter, whose
// skeleton must read digits exactly as the normaliser does.
constexpr char32_t leet_letter(char32_t d) {
  switch (d) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '6': return 'g';
    case '7': return 't';
    case '8': return 'b';
    case '9': return 'g';
    default: return 0;
  }
}

// The general path for the whole input: every code point through utf8proc. The reference
// that normalize() must equal; kept callable for the differential test.
Normalized normalize_general(std::string_view input, const NormalizeOptions& options = {});

}  // namespace netral::text
