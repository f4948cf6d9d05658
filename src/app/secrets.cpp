#include "app/secrets.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/receipt.hpp"

namespace netral::app {
namespace {

void load_or_create(const std::filesystem::path& file, std::array<unsigned char, 32>& key) {
  std::filesystem::create_directories(file.parent_path());
  ::chmod(file.parent_path().c_str(), 0700);
  int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) {
    randombytes_buf(key.data(), key.size());
    fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) throw std::runtime_error("cannot create key file " + file.string());
    bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write key file " + file.string());
    return;
  }
  struct stat st {};
  ::fstat(fd, &st);
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    throw std::runtime_error("key file " + file.string() + " is readable by others: chmod 600 it");
  }
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size())) throw std::runtime_error("key file " + file.string() + " is damaged");
}

std::string to_base64(const unsigned char* d, std::size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), d, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

PasswordCost PasswordCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Secrets::Secrets(const std::filesystem::path& data_dir, PasswordCost cost) : password_cost_(cost) {
  if (cost.ops < crypto_pwhash_OPSLIMIT_MIN || cost.mem < crypto_pwhash_MEMLIMIT_MIN)
    throw std::invalid_argument("password cost below libsodium's minimum");
  init_crypto();
  load_or_create(data_dir / "keys" / "identity.key", identity_key_);
  load_or_create(data_dir / "keys" / "hash.key", hash_key_);
}

std::string Secrets::keyed_hash(std::string_view value) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                     hash_key_.data(), hash_key_.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string Secrets::seal(std::string_view plaintext) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nonce,
                        identity_key_.data());
  return to_base64(buf.data(), buf.size());
}

std::optional<std::string> Secrets::unseal(std::string_view sealed) const {
  std::vector<unsigned char> buf(sealed.size());
  std::size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  std::string out(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), buf.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, buf.data(), identity_key_.data()) != 0)
    return std::nullopt;
  return out;
}

std::string Secrets::new_receipt() {
  std::array<std::uint8_t, kReceiptRandomBytes> r;
  randombytes_buf(r.data(), r.size());
  return format_receipt(r);
}

std::string Secrets::random_token(std::size_t bytes) {
  std::vector<unsigned char> r(bytes);
  randombytes_buf(r.data(), r.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), r.data(), r.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string Secrets::hash_password(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), password_cost_.ops, password_cost_.mem) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool Secrets::verify_password(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

}  // namespace netral::app
