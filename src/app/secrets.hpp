// Keys of a Netral deployment and the cryptography built on them (libsodium).
// Keys live in the data directory, created on first use with mode 0600.
#pragma once
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace netral::app {

// The argon2id work factor of new password hashes. A hash records its own cost, so hashes
// made at any cost keep verifying when this changes.
struct PasswordCost {
  unsigned long long ops = 0;
  std::size_t mem = 0;
  // libsodium's interactive limits: what every deployment uses.
  static PasswordCost interactive();
  // libsodium's lowest accepted limits: tests make many users, and at the interactive cost
  // each costs a tenth of a second or more; never for real passwords.
  static PasswordCost minimum();
};

class Secrets {
 public:
  // Loads <data>/keys/{identity,hash}.key, creating them when missing. Throws on I/O errors
  // or on a key file with the wrong size or permissions wider than 0600; throws
  // std::invalid_argument for a password cost below libsodium's minimum.
  explicit Secrets(const std::filesystem::path& data_dir, PasswordCost cost = PasswordCost::interactive());

  // Keyed BLAKE2b of `value` (hex): how receipts and session tokens are stored.
  std::string keyed_hash(std::string_view value) const;
  // Authenticated encryption (XSalsa20-Poly1305) of reporter identity: base64(nonce|box).
  std::string seal(std::string_view plaintext) const;
  std::optional<std::string> unseal(std::string_view sealed) const;

  // A new receipt: 100 random bits, "ABCD-EFGH-JKMN-PQRS-TVWX".
  static std::string new_receipt();
  // A random URL-safe token of `bytes` random bytes.
  static std::string random_token(std::size_t bytes = 32);
  // argon2id at this instance's cost, in libsodium's string format.
  std::string hash_password(std::string_view password) const;
  // Reads the cost from `hash`: any cost verifies.
  static bool verify_password(std::string_view hash, std::string_view password);

 private:
  std::array<unsigned char, 32> identity_key_{};
  std::array<unsigned char, 32> hash_key_{};
  PasswordCost password_cost_;
};

// Calls sodium_init() once; throws if libsodium cannot start.
void init_crypto();

}  // namespace netral::app
