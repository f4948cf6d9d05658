#include "app/notifier.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>

namespace netral::app {
namespace {

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

// RFC 2047 "B" encoding of a UTF-8 header value.
std::string encode_header(const std::string& s) {
  if (ascii(s)) return s;
  std::string b64(sodium_base64_encoded_len(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return "=?UTF-8?B?" + b64 + "?=";
}

// Header values never carry a line break: a crafted subject cannot add headers.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = ' ';
  return s;
}

struct Upload {
  std::string data;
  std::size_t pos = 0;
};

size_t read_cb(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t len = std::min(size * n, u->data.size() - u->pos);
  std::memcpy(buf, u->data.data() + u->pos, len);
  u->pos += len;
  return len;
}

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(Config::Smtp cfg) : cfg_(std::move(cfg)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Result<void> send(const Mail& m) override {
    if (m.to.empty()) return {};
    CURL* curl = curl_easy_init();
    if (!curl) return fail(ErrorCode::mail_failed, {}, {}, "curl_easy_init failed");
    unsigned char rnd[12];
    randombytes_buf(rnd, sizeof rnd);
    char hex[25];
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    const auto at = cfg_.from.find('@');
    const std::string domain = at == std::string::npos ? "netral.invalid" : cfg_.from.substr(at + 1);
    Upload up{format_mail(m, cfg_.from, static_cast<long long>(std::time(nullptr)), std::string(hex) + "@" + domain), 0};
    curl_slist* rcpt = nullptr;
    for (const auto& to : m.to) rcpt = curl_slist_append(rcpt, ("<" + to + ">").c_str());
    const std::string from = "<" + cfg_.from + ">";
    curl_easy_setopt(curl, CURLOPT_URL, cfg_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(std::max(1, cfg_.timeout)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!cfg_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, cfg_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, cfg_.password.c_str());
    }
    if (cfg_.starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    char err[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
      return fail(ErrorCode::mail_failed, {}, {}, std::string(curl_easy_strerror(rc)) + (err[0] ? ": " + std::string(err) : ""));
    return {};
  }

 private:
  Config::Smtp cfg_;
};

}  // namespace

std::string format_mail(const Mail& m, const std::string& from, long long unix_time, const std::string& message_id) {
  char date[64];
  std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string to;
  for (const auto& a : m.to) to += (to.empty() ? "" : ", ") + one_line(a);
  std::string out;
  out += "Date: " + std::string(date) + "\r\n";
  out += "From: Netral <" + one_line(from) + ">\r\n";
  out += "To: " + to + "\r\n";
  out += "Message-ID: <" + one_line(message_id) + ">\r\n";
  out += "Subject: " + encode_header(one_line(m.subject)) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "\r\n";
  // Normalise line ends to CRLF; a line of a single "." is escaped by curl itself.
  for (std::size_t i = 0; i < m.body.size(); ++i) {
    if (m.body[i] == '\r') continue;
    if (m.body[i] == '\n') out += "\r\n";
    else out += m.body[i];
  }
  out += "\r\n";
  return out;
}

MailerPtr make_smtp_mailer(const Config::Smtp& cfg) {
  if (cfg.url.empty()) return nullptr;
  return std::make_unique<SmtpMailer>(cfg);
}

}  // namespace netral::app
