#include "evidence/blob_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

using namespace netral::evidence;

namespace {

// A real 1x1 JPEG.
const std::string kJpeg = std::string(
    "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xDB\x00\x43\x00\x08\x06\x06\x07\x06"
    "\x05\x08\x07\x07\x07\x09\x09\x08\x0A\x0C\x14\x0D\x0C\x0B\x0B\x0C\x19\x12\x13\x0F\x14\x1D\x1A\x1F\x1E\x1D\x1A"
    "\x1C\x1C\x20\x24\x2E\x27\x20\x22\x2C\x23\x1C\x1C\x28\x37\x29\x2C\x30\x31\x34\x34\x34\x1F\x27\x39\x3D\x38\x32"
    "\x3C\x2E\x33\x34\x32\xFF\xC0\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00\xFF\xC4\x00\x14\x00\x01\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x09\xFF\xC4\x00\x14\x10\x01\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x2A\x9F\xFF\xD9",
    160);

std::filesystem::path fresh_dir() {
  auto d = std::filesystem::temp_directory_path() / ("netral-blob-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace

TEST(BlobStore, StoresByHashAndSniffsContent) {
  auto dir = fresh_dir();
  auto store = make_file_blob_store(dir);
  auto b = store->put(kJpeg);
  ASSERT_TRUE(b) << b.error().code << " " << b.error().detail;
  EXPECT_EQ(b->mime, "image/jpeg");
  EXPECT_EQ(b->size, kJpeg.size());
  EXPECT_EQ(b->sha256, sha256_hex(kJpeg));
  EXPECT_TRUE(store->exists(b->sha256));
  EXPECT_EQ(sha256_file(store->path_of(b->sha256)), b->sha256);
  // The same bytes again: one blob.
  auto again = store->put(kJpeg);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sha256, b->sha256);
  std::filesystem::remove_all(dir);
}

TEST(BlobStore, RejectsWhatIsNotEvidenceWhateverItsName) {
  auto dir = fresh_dir();
  auto store = make_file_blob_store(dir);
  auto temp = store->temp_dir() / "photo.jpg";
  std::ofstream(temp) << "<html><script>alert(1)</script></html>";
  auto r = store->ingest(temp);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, netral::ErrorCode::unsupported_file_type);
  EXPECT_FALSE(std::filesystem::exists(temp));
  auto elf = store->put(std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16));
  EXPECT_FALSE(elf);
  std::filesystem::remove_all(dir);
}

TEST(BlobStore, Sha256KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(EvidenceTypes, InlineOnlyForSafeTypes) {
  EXPECT_TRUE(is_inline_safe("image/jpeg"));
  EXPECT_FALSE(is_inline_safe("text/html"));
  EXPECT_FALSE(is_inline_safe("image/svg+xml"));
  EXPECT_EQ(extension_for("application/pdf"), "pdf");
  EXPECT_EQ(extension_for("text/html"), "bin");
}
