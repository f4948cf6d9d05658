// Outgoing e-mail for escalations (docs/workflow.md, "Escalation"): SMTP through libcurl,
// configured by [smtp] in netral.toml. Tests run a local sink (python3-aiosmtpd).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "core/result.hpp"

namespace netral::app {

struct Mail {
  std::vector<std::string> to;
  std::string subject;  // UTF-8; encoded as RFC 2047 when not plain ASCII
  std::string body;     // UTF-8 plain text
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Returns once the server accepted the message. Error "mail_failed" (detail: curl's reason).
  virtual Result<void> send(const Mail& m) = 0;
};
using MailerPtr = std::unique_ptr<Mailer>;

// nullptr when [smtp] url is empty (e-mail off).
MailerPtr make_smtp_mailer(const Config::Smtp& cfg);

// The RFC 5322 message text (headers, blank line, body) sent for `m`. Exposed for tests.
std::string format_mail(const Mail& m, const std::string& from, long long unix_time, const std::string& message_id);

}  // namespace netral::app
