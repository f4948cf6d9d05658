// PDF documents written by Netral itself (case export summary, screened-post evidence).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace netral::app {

// A minimal PDF 1.4 writer: A4 text pages in Helvetica (WinAnsi encoding), wrapped lines,
// headings in Helvetica-Bold, verbatim text in Courier, page numbers. No images, no
// third-party code. Used by the case export and the screening evidence.
class PdfWriter {
 public:
  PdfWriter();
  void heading(std::string_view utf8);
  void line(std::string_view utf8);                           // wrapped to the page width
  void field(std::string_view label, std::string_view value);  // "label: value", wrapped
  void gap();
  // `ascii` exactly, cut into lines of `columns` characters in Courier: nothing wrapped at
  // spaces or dropped, so the lines joined give the text back (evidence whose hash is
  // recorded elsewhere).
  void verbatim(std::string_view ascii, std::size_t columns);
  // The whole document, with its cross-reference table.
  std::string finish(std::string_view title, Timestamp created);

  // UTF-8 to Windows-1252 (what WinAnsiEncoding shows); unmappable characters become '?'.
  static std::string to_winansi(std::string_view utf8);

 private:
  void text_line(const std::string& winansi, const char* font, double size);
  void new_page();
  std::vector<std::string> pages_;  // content streams
  double y_ = 0;
};

}  // namespace netral::app
