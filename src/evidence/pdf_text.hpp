// Text of a PDF through poppler's pdftotext (Debian package poppler-utils), run as a
// subprocess without a shell. Used to import circular letters (docs/catalog.md).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace netral::evidence {

// True when the bytes start like a PDF ("%PDF").
bool looks_like_pdf(std::string_view bytes);

// The text of the PDF at `path` in reading order (pdftotext -layout, UTF-8); nullopt if
// pdftotext is missing, fails, or runs longer than `timeout_seconds`.
std::optional<std::string> pdf_to_text(const std::filesystem::path& path, int timeout_seconds = 30);

// The same for PDF bytes in memory (an upload): written to a private temporary file first.
std::optional<std::string> pdf_bytes_to_text(std::string_view bytes, int timeout_seconds = 30);

}  // namespace netral::evidence
