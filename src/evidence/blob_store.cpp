#include "evidence/blob_store.hpp"

#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace netral::evidence {
namespace {

struct MagicHandle {
  magic_t m;
  MagicHandle() : m(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
    if (!m || magic_load(m, nullptr) != 0) throw std::runtime_error("libmagic: cannot load the magic database");
  }
  ~MagicHandle() { magic_close(m); }
};

// libmagic handles are not thread-safe: one per thread.
magic_t magic() {
  thread_local MagicHandle h;
  return h.m;
}

struct Allowed {
  std::string_view mime, ext;
  bool inline_safe;
};
constexpr std::array<Allowed, 20> kAllowed{{
    {"image/jpeg", "jpg", true},        {"image/png", "png", true},         {"image/webp", "webp", true},
    {"image/gif", "gif", true},         {"image/heic", "heic", false},      {"image/heif", "heif", false},
    {"video/mp4", "mp4", true},         {"video/quicktime", "mov", true},   {"video/webm", "webm", true},
    {"video/3gpp", "3gp", true},        {"video/x-matroska", "mkv", false}, {"application/pdf", "pdf", true},
    {"audio/mpeg", "mp3", true},        {"audio/mp4", "m4a", true},         {"audio/x-m4a", "m4a", true},
    {"audio/ogg", "ogg", true},         {"audio/x-wav", "wav", true},       {"audio/wav", "wav", true},
    {"audio/amr", "amr", false},        {"audio/aac", "aac", true},
}};

const Allowed* find(std::string_view mime) {
  for (const auto& a : kAllowed)
    if (a.mime == mime) return &a;
  return nullptr;
}

std::string hex(const unsigned char* d, std::size_t n) {
  static constexpr char k[] = "0123456789abcdef";
  std::string s;
  s.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    s.push_back(k[d[i] >> 4]);
    s.push_back(k[d[i] & 15]);
  }
  return s;
}

bool fsync_path(const std::filesystem::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

class FileBlobStore final : public BlobStore {
 public:
  explicit FileBlobStore(std::filesystem::path root) : root_(std::move(root)) {
    std::filesystem::create_directories(root_ / "tmp");
  }

  Result<StoredBlob> ingest(const std::filesystem::path& temp) override {
    StoredBlob b;
    b.mime = sniff_mime(temp);
    if (!is_allowed_evidence_type(b.mime)) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return fail(ErrorCode::unsupported_file_type, {}, "evidence", b.mime);
    }
    std::error_code ec;
    b.size = std::filesystem::file_size(temp, ec);
    if (ec) return fail(ErrorCode::storage_failed, {}, "evidence", ec.message());
    b.sha256 = sha256_file(temp);
    const auto dest = path_of(b.sha256);
    std::filesystem::create_directories(dest.parent_path(), ec);
    if (ec) return fail(ErrorCode::storage_failed, {}, "evidence", ec.message());
    if (std::filesystem::exists(dest)) {
      std::filesystem::remove(temp, ec);
      return b;
    }
    if (!fsync_path(temp, false)) return fail(ErrorCode::storage_failed, {}, "evidence", "fsync");
    std::filesystem::rename(temp, dest, ec);
    if (ec) return fail(ErrorCode::storage_failed, {}, "evidence", ec.message());
    // The rename is durable only once the directory entry is.
    if (!fsync_path(dest.parent_path(), true))
      return fail(ErrorCode::storage_failed, {}, "evidence", "fsync dir");
    return b;
  }

  Result<StoredBlob> put(std::string_view bytes) override {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const auto temp = temp_dir() / ("put-" + std::to_string(rng()));
    {
      std::FILE* f = std::fopen(temp.c_str(), "wb");
      if (!f) return fail(ErrorCode::storage_failed, {}, "evidence", "open");
      const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
      std::fclose(f);
      if (!ok) return fail(ErrorCode::storage_failed, {}, "evidence", "write");
    }
    return ingest(temp);
  }

  std::filesystem::path path_of(std::string_view sha) const override {
    std::string s(sha);
    if (s.size() < 4) return root_ / "invalid";
    return root_ / s.substr(0, 2) / s.substr(2, 2) / s;
  }

  bool exists(std::string_view sha) const override { return std::filesystem::exists(path_of(sha)); }
  std::filesystem::path temp_dir() const override { return root_ / "tmp"; }

 private:
  std::filesystem::path root_;
};

}  // namespace

BlobStorePtr make_file_blob_store(const std::filesystem::path& root) { return std::make_unique<FileBlobStore>(root); }

std::string sniff_mime(const std::filesystem::path& file) {
  const char* t = magic_file(magic(), file.c_str());
  return t ? std::string(t) : "application/octet-stream";
}

std::string sniff_mime_buffer(std::string_view bytes) {
  const char* t = magic_buffer(magic(), bytes.data(), bytes.size());
  return t ? std::string(t) : "application/octet-stream";
}

bool is_allowed_evidence_type(std::string_view mime) { return find(mime) != nullptr; }
bool is_inline_safe(std::string_view mime) {
  const auto* a = find(mime);
  return a && a->inline_safe;
}
std::string_view extension_for(std::string_view mime) {
  const auto* a = find(mime);
  return a ? a->ext : "bin";
}

std::string sha256_file(const std::filesystem::path& file) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read " + file.string());
  std::array<unsigned char, 64 * 1024> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) crypto_hash_sha256_update(&st, buf.data(), n);
  std::fclose(f);
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  return hex(out, sizeof out);
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hex(out, sizeof out);
}

}  // namespace netral::evidence
