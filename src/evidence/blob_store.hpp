// Content-addressed store of evidence files: <root>/ab/cd/<sha256>. Files are typed by
// their content (libmagic), never by their name, and made durable before they are used.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace netral::evidence {

struct StoredBlob {
  std::string sha256;  // lowercase hex
  std::uint64_t size = 0;
  std::string mime;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Checks the type of `temp` by content, hashes it, and moves it into the store (fsync'd,
  // directory included). The temp file must be on the same filesystem. An identical blob
  // already stored is kept and `temp` removed. Errors: "unsupported_file_type", "storage_failed".
  virtual Result<StoredBlob> ingest(const std::filesystem::path& temp) = 0;
  // Stores bytes from memory (generated evidence, tests). Same checks as ingest.
  virtual Result<StoredBlob> put(std::string_view bytes) = 0;
  virtual std::filesystem::path path_of(std::string_view sha256) const = 0;
  virtual bool exists(std::string_view sha256) const = 0;
  // A directory on the store's filesystem for uploads in progress.
  virtual std::filesystem::path temp_dir() const = 0;
};
using BlobStorePtr = std::unique_ptr<BlobStore>;

BlobStorePtr make_file_blob_store(const std::filesystem::path& root);

// MIME type of a file's content ("image/jpeg"), via libmagic. Thread-safe.
std::string sniff_mime(const std::filesystem::path& file);
std::string sniff_mime_buffer(std::string_view bytes);
// Whether evidence of this sniffed type is accepted (photos, videos, screenshots, PDF, audio).
bool is_allowed_evidence_type(std::string_view mime);
// Whether a browser may show it inline without risk (no HTML, SVG or script types).
bool is_inline_safe(std::string_view mime);
// File extension used when serving ("jpg"); "bin" when unknown.
std::string_view extension_for(std::string_view mime);

// SHA-256 of a file, streamed. Lowercase hex.
std::string sha256_file(const std::filesystem::path& file);
std::string sha256_hex(std::string_view bytes);

}  // namespace netral::evidence
