#include "app/pdf_writer.hpp"

#include <cstdio>
#include <ctime>

namespace netral::app {
namespace {

constexpr double kPageW = 595.28, kPageH = 841.89, kMargin = 56;
constexpr double kBody = 10, kHead = 13, kMono = 8.5;  // Courier 8.5 pt: 90 columns fit the width

// Approximate Helvetica advance widths (em) by character class, enough to wrap lines.
double char_width(unsigned char c) {
  if (std::string_view("iljtf.,:;'!|I ()[]").find(static_cast<char>(c)) != std::string_view::npos) return 0.29;
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '@') return 0.85;
  if (c >= 'A' && c <= 'Z') return 0.68;
  if (c >= '0' && c <= '9') return 0.556;
  return 0.53;
}

double width(std::string_view winansi, double size) {
  double w = 0;
  for (unsigned char c : winansi) w += char_width(c);
  return w * size;
}

std::string pdf_string(std::string_view winansi) {
  std::string out = "(";
  for (unsigned char c : winansi) {
    if (c == '(' || c == ')' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 32) out += ' ';
    else out += static_cast<char>(c);
  }
  return out + ")";
}

}  // namespace

PdfWriter::PdfWriter() { new_page(); }

void PdfWriter::new_page() {
  pages_.emplace_back();
  y_ = kPageH - kMargin;
}

void PdfWriter::text_line(const std::string& winansi, const char* font, double size) {
  const double leading = size * 1.35;
  if (y_ - leading < kMargin) new_page();
  y_ -= leading;
  char pos[64];
  std::snprintf(pos, sizeof pos, "%.2f %.2f Td ", kMargin, y_);
  char tf[32];
  std::snprintf(tf, sizeof tf, " %g Tf ", size);
  pages_.back() += std::string("BT /") + font + tf + pos + pdf_string(winansi) + " Tj ET\n";
}

std::string PdfWriter::to_winansi(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    int len;
    if (c < 0x80) cp = c, len = 1;
    else if ((c >> 5) == 6) cp = c & 0x1f, len = 2;
    else if ((c >> 4) == 14) cp = c & 0x0f, len = 3;
    else if ((c >> 3) == 30) cp = c & 0x07, len = 4;
    else {
      out += '?';
      ++i;
      continue;
    }
    if (i + len > s.size()) {
      out += '?';
      break;
    }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += len;
    if (cp == '\t') out += ' ';
    else if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out += static_cast<char>(cp);
    else {
      static const std::pair<std::uint32_t, unsigned char> kMap[] = {
          {0x20ac, 0x80}, {0x201a, 0x82}, {0x201e, 0x84}, {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87},
          {0x2030, 0x89}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201c, 0x93}, {0x201d, 0x94}, {0x2022, 0x95},
          {0x2013, 0x96}, {0x2014, 0x97}, {0x2122, 0x99}, {0x0160, 0x8a}, {0x0161, 0x9a}, {0x0152, 0x8c},
          {0x0153, 0x9c}, {0x017d, 0x8e}, {0x017e, 0x9e}, {0x0178, 0x9f}, {0x2192, '>'},
      };
      char m = '?';
      for (auto [u, w] : kMap)
        if (u == cp) m = static_cast<char>(w);
      out += m;
    }
  }
  return out;
}

void PdfWriter::heading(std::string_view utf8) {
  gap();
  text_line(to_winansi(utf8), "F2", kHead);
}

void PdfWriter::line(std::string_view utf8) {
  const double max = kPageW - 2 * kMargin;
  std::string text = to_winansi(utf8);
  // Hard line breaks first, then words to the width.
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string para = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::string cur;
    std::size_t p = 0;
    while (p < para.size()) {
      std::size_t sp = para.find(' ', p);
      std::string word = para.substr(p, sp == std::string::npos ? std::string::npos : sp - p);
      p = sp == std::string::npos ? para.size() : sp + 1;
      std::string candidate = cur.empty() ? word : cur + " " + word;
      if (width(candidate, kBody) <= max) {
        cur = candidate;
        continue;
      }
      if (!cur.empty()) text_line(cur, "F1", kBody);
      // A word wider than the line is cut.
      while (width(word, kBody) > max) {
        std::size_t n = word.size();
        while (n > 1 && width(word.substr(0, n), kBody) > max) --n;
        text_line(word.substr(0, n), "F1", kBody);
        word.erase(0, n);
      }
      cur = word;
    }
    text_line(cur, "F1", kBody);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

void PdfWriter::field(std::string_view label, std::string_view value) {
  line(std::string(label) + ": " + std::string(value));
}

void PdfWriter::gap() { y_ -= kBody * 0.6; }

void PdfWriter::verbatim(std::string_view ascii, std::size_t columns) {
  for (std::size_t i = 0; i < ascii.size(); i += columns) text_line(std::string(ascii.substr(i, columns)), "F3", kMono);
}

std::string PdfWriter::finish(std::string_view title, Timestamp created) {
  std::vector<std::string> objs;  // object n is objs[n-1]
  objs.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objs.push_back("");  // pages, filled below
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  objs.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
  std::tm tm{};
  std::time_t tt = static_cast<std::time_t>(created);
  gmtime_r(&tt, &tm);
  char date[32];
  std::strftime(date, sizeof date, "D:%Y%m%d%H%M%SZ", &tm);
  objs.push_back("<< /Title " + pdf_string(to_winansi(title)) + " /Producer (Netral) /CreationDate (" + date + ") >>");
  std::string kids;
  const int total = static_cast<int>(pages_.size());
  for (int i = 0; i < total; ++i) {
    // Page number at the foot of each page.
    char foot[96];
    std::snprintf(foot, sizeof foot, "BT /F1 8 Tf %.2f %.2f Td (%d / %d) Tj ET\n", kPageW - kMargin - 30, kMargin / 2, i + 1, total);
    const std::string content = pages_[i] + foot;
    objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
    const int content_id = static_cast<int>(objs.size());
    char media[64];
    std::snprintf(media, sizeof media, "[0 0 %.2f %.2f]", kPageW, kPageH);
    objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(media) +
                   " /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents " + std::to_string(content_id) + " 0 R >>");
    kids += std::to_string(objs.size()) + " 0 R ";
  }
  objs[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(total) + " >>";
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace netral::app
