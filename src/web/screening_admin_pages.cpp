// The screening admin pages (issue 5, docs/screening.md "Managing elections"): elections
// imported by paste or file upload, each with its page (the election and its candidate
// pairs, an editor form, the file to download, removal), and staff accounts linked,
// imported (paste or CSV upload) and unlinked. Admins only, CSRF on every form, no
// JavaScript: lists are textareas with one item per line, a new pair is an empty
// fieldset, a pair is removed with a checkbox.
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include "app/access.hpp"
#include "app/election_admin.hpp"
#include "core/strings.hpp"
#include "app/screening_accounts.hpp"
#include "screen/election.hpp"
#include "web/common.hpp"
#include "web/election_form.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"
#include "web/screening_pages.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;

// The services' own limits (ScreeningService::import_election, import_accounts): a bigger
// upload is refused by the server (413) before it reaches the handler.
constexpr std::size_t kMaxElectionBytes = 2u << 20;
constexpr std::size_t kMaxAccountsBytes = 4u << 20;

app::Principal require_admin(Services& s, const http::Request& req, bool csrf) {
  auto p = require_session(s, req);
  if (csrf) require_csrf(p, req);
  if (!app::manages_screening(p.user.role)) throw ClientError(Error{ErrorCode::forbidden, "error.admin_only", {}, {}});
  return p;
}

std::string election_href(const std::string& code) { return "/staff/screening/elections/" + http::url_encode(code); }

// ---- uploads -------------------------------------------------------------------------

// A text an admin brought: the file part `file` when one was chosen, else the pasted field.
struct TextInput {
  std::string text;
  std::string name;      // the file's name for error details ("pemilihan.toml:12: ..."), or the default
  bool from_file = false;
  bool readable = true;  // false: the file is not UTF-8 text
};

// The base name the browser sent, printable and short; only ever shown, never a path.
std::string shown_name(const std::string& sent, const std::string& fallback) {
  const auto slash = sent.find_last_of("/\\");
  std::string out;
  for (char c : slash == std::string::npos ? sent : sent.substr(slash + 1))
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  if (out.size() > 100) {
    std::size_t cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() || !valid_utf8_text(out) ? fallback : out;
}

TextInput text_input(const http::Request& req, std::string_view text_field, const std::string& fallback) {
  for (const auto& f : req.files) {
    if (f.field != "file") continue;
    std::ifstream in(f.path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    TextInput t{buf.str(), shown_name(f.filename, fallback), true, true};
    if (t.text.starts_with("\xEF\xBB\xBF")) t.text.erase(0, 3);  // what Windows editors write first
    t.readable = valid_utf8_text(t.text);
    return t;
  }
  return {req.form_value(text_field), fallback, false, true};
}

// ---- the admin page: elections and accounts ----------------------------------------------

// What the admin typed or uploaded, shown again with an error so that nothing is lost.
struct AdminInput {
  std::string election_text;
  std::string accounts_text;
};

http::Response admin_page(Services& s, const http::Request& req, const app::Principal& p, int status, const Error* error,
                          const std::string& notice, const AdminInput& kept = {}) {
  const Lang lang = request_lang(req);
  data d = staff_frame(p, lang);
  list elections;
  for (const auto& e : s.elections.list(p)) {
    data x;
    x.set("code", e.code);
    x.set("href", election_href(e.code));
    x.set("name", e.name);
    x.set("region", e.region);
    x.set("voting_date", e.voting_date);
    x.set("imported_at", format_time(e.imported_at, lang));
    elections.push_back(x);
  }
  d.set("elections", elections);
  list accounts;
  for (const auto& a : s.screening_accounts.list()) {
    if (a.instansi_id != p.user.instansi_id) continue;
    data x;
    x.set("id", std::to_string(a.id));
    x.set("platform", a.platform);
    x.set("handle", a.handle);
    x.set("employee", a.employee_name + " (" + a.nip + ")");
    accounts.push_back(x);
  }
  d.set("accounts", accounts);
  d.set("election_text", kept.election_text);
  d.set("accounts_text", kept.accounts_text);
  d.set("max_election_mb", std::to_string(kMaxElectionBytes >> 20));
  d.set("max_accounts_mb", std::to_string(kMaxAccountsBytes >> 20));
  if (error) {
    d.set("error", error_message(*error, lang));
    if (!error->detail.empty()) d.set("error_detail", error->detail);
  }
  if (!notice.empty()) d.set("notice", notice);
  return html(status, s.renderer.page("screening_admin", d, lang, std::string(tr(lang, "screening_admin_title"))));
}

// Form posts of the admin page: on bad input the page again with the error and the
// admin's input, nothing changed; on success the page with a notice.
template <class F>
http::Response admin_action(Services& s, http::Request& req, F&& action) {
  auto p = require_admin(s, req, true);
  AdminInput kept;
  Result<std::string> r = action(p, request_lang(req), kept);
  if (!r) return admin_page(s, req, p, http_status(r.error().code), &r.error(), {}, kept);
  return admin_page(s, req, p, 200, nullptr, *r);
}

Result<std::string> import_election(Services& s, const http::Request& q, const app::Principal& p, Lang lang,
                                    AdminInput& kept) {
  auto in = text_input(q, "election", "election.toml");
  if (!in.readable) return fail(ErrorCode::unsupported_file_type, "error.election_file_type", "file", in.name);
  kept.election_text = in.text;
  if (trim(in.text).empty()) return fail(ErrorCode::missing_field, "error.election_empty", "election");
  auto e = s.elections.import_election(p, in.text, in.name);
  if (!e) return std::unexpected(e.error());
  return std::string(tr(lang, "screening_saved")) + " " + e->code;
}

Result<std::string> import_accounts(Services& s, const http::Request& q, const app::Principal& p, Lang lang,
                                    AdminInput& kept) {
  auto in = text_input(q, "accounts", "accounts.csv");
  if (!in.readable) return fail(ErrorCode::unsupported_file_type, "error.accounts_file_type", "file", in.name);
  kept.accounts_text = in.text;
  auto n = s.screening_accounts.import_accounts(p, in.text);
  if (!n) {
    Error e = n.error();
    if (in.from_file) e.detail = in.name + ": " + e.detail;
    return std::unexpected(std::move(e));
  }
  return std::string(tr(lang, "screening_saved")) + " " + std::to_string(*n);
}

Id account_id_of(const http::Request& req) {
  const std::string v = req.param("id");
  long long id = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc{} || end != v.data() + v.size() || id <= 0)
    throw ClientError(Error{ErrorCode::not_found});
  return id;
}

// ---- the election page ---------------------------------------------------------------------

http::Response election_page(Services& s, const http::Request& req, const app::Principal& p,
                             const app::ElectionDetail& d, const ElectionInput* in, int status, const FormError* err,
                             const std::string& notice) {
  const Lang lang = request_lang(req);
  data v = staff_frame(p, lang);
  const std::string href = election_href(d.row.code);
  v.set("code", d.row.code);
  v.set("download", href + ".toml");
  v.set("action", href);
  v.set("remove_action", href + "/remove");
  v.set("imported_at", format_time(d.row.imported_at, lang));
  v.set("imported_by", d.row.imported_by);
  v.set("flags", std::to_string(d.flags));
  v.set("in_use", d.flags > 0);
  std::string title = d.row.name;
  if (d.election) {
    const auto& e = *d.election;
    title = e.name;
    v.set("name", e.name);
    v.set("region", e.region);
    v.set("voting_date", e.voting_date);
    if (!e.campaign_start.empty() || !e.campaign_end.empty()) v.set("campaign", e.campaign_start + " – " + e.campaign_end);
    list pairs;
    for (const auto& c : e.candidates) {
      data x;
      x.set("number", std::to_string(c.number));
      x.set("legend", std::string(tr(lang, "screening_pair_legend")) + " " + std::to_string(c.number));
      list fields;
      for (const auto& l : kLists) {
        const auto& items = c.*l.member;
        if (items.empty()) continue;
        data f;
        f.set("key", std::string(l.key));
        f.set("label", std::string(tr(lang, l.label)));
        std::string joined;
        for (const auto& it : items) joined += (joined.empty() ? "" : " · ") + it;
        f.set("value", joined);
        fields.push_back(f);
      }
      x.set("fields", fields);
      pairs.push_back(x);
    }
    v.set("pairs", pairs);
  } else {
    v.set("name", d.row.name);
    v.set("region", d.row.region);
    v.set("voting_date", d.row.voting_date);
    v.set("problem", d.problem.detail);
  }
  v.set("title", title);

  if (in) {
    data editor;
    editor.set("version", in->version);
    editor.set("pair_count", std::to_string(in->pairs.size()));
    list inputs;
    for (std::size_t i = 0; i < kElectionFields.size(); ++i) {
      const auto& f = kElectionFields[i];
      data x;
      x.set("id", std::string("el-") + f.key);
      x.set("name", std::string(f.key));
      x.set("type", std::string(f.type));
      x.set("label", std::string(tr(lang, f.label)));
      x.set("value", in->fields[i]);
      x.set("required", f.required);
      x.set("invalid", err && err->control == std::string("el-") + f.key);
      inputs.push_back(x);
    }
    editor.set("inputs", inputs);
    list fieldsets;
    for (std::size_t i = 0; i < in->pairs.size(); ++i) {
      const PairInput& pi = in->pairs[i];
      const std::string id = "p" + std::to_string(i);
      data x;
      x.set("i", std::to_string(i));
      x.set("legend", pair_legend(pi, lang));
      x.set("is_new", pi.is_new);
      x.set("number", pi.number);
      x.set("number_invalid", err && err->control == id + "-number");
      x.set("remove", pi.remove);
      list lists;
      for (std::size_t k = 0; k < kLists.size(); ++k) {
        data l;
        l.set("id", id + "-" + kLists[k].key);
        l.set("name", id + "_" + kLists[k].key);
        l.set("label", std::string(tr(lang, kLists[k].label)));
        l.set("rows", std::to_string(kLists[k].rows));
        l.set("value", pi.lists[k]);
        l.set("invalid", err && err->control == id + "-" + kLists[k].key);
        lists.push_back(l);
      }
      x.set("lists", lists);
      fieldsets.push_back(x);
    }
    editor.set("fieldsets", fieldsets);
    v.set("editor", editor);
  }
  if (err) {
    v.set("error", error_message(err->error, lang));
    if (!err->detail.empty()) v.set("error_detail", err->detail);
    if (!err->control.empty()) v.set("error_control", err->control);
  }
  if (!notice.empty()) v.set("notice", notice);
  return html(status, s.renderer.page("screening_election", v, lang, title));
}

http::Response show_election(Services& s, http::Request& req) {
  auto p = require_admin(s, req, false);
  std::string code = req.param("code");
  if (code.ends_with(".toml")) {
    // The file as stored (imported, or written by the editor): to exchange with another region.
    code.resize(code.size() - 5);
    auto d = value_or_throw(s.elections.election(p, code));
    auto r = http::Response::text(200, d.row.source, "application/toml; charset=utf-8");
    secure(r);
    std::string file = d.row.code;
    for (char& c : file)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
    r.set("Content-Disposition", "attachment; filename=\"" + file + ".toml\"");
    return r;
  }
  auto d = value_or_throw(s.elections.election(p, code));
  std::string notice;
  if (req.query_value("saved") == "1") notice = std::string(tr(request_lang(req), "screening_election_saved"));
  if (!d.election) return election_page(s, req, p, d, nullptr, 200, nullptr, notice);
  const ElectionInput in = input_of(*d.election, d.version);
  return election_page(s, req, p, d, &in, 200, nullptr, notice);
}

http::Response save_election(Services& s, http::Request& req) {
  auto p = require_admin(s, req, true);
  const Lang lang = request_lang(req);
  const std::string code = req.param("code");
  auto& svc = s.elections;
  auto d = value_or_throw(svc.election(p, code));
  const ElectionInput in = input_of(req);
  std::vector<std::size_t> fieldset_of;
  auto saved = svc.save_election(p, code, election_of(in, code, fieldset_of), in.version);
  if (!saved) {
    if (saved.error().code == ErrorCode::not_found) throw ClientError(saved.error());
    const FormError fe = form_error(saved.error(), in, fieldset_of, lang);
    return election_page(s, req, p, d, &in, http_status(saved.error().code), &fe, {});
  }
  return http::Response::redirect(election_href(code) + "?saved=1");
}

http::Response remove_election(Services& s, http::Request& req) {
  auto p = require_admin(s, req, true);
  const Lang lang = request_lang(req);
  const std::string code = req.param("code");
  auto& svc = s.elections;
  Result<void> done = req.form_value("confirm") == "1"
                          ? svc.remove_election(p, code)
                          : Result<void>(fail(ErrorCode::missing_field, "error.confirm_remove", "confirm"));
  if (done) return http::Response::redirect("/staff/screening/admin?removed=" + http::url_encode(code));
  if (done.error().code == ErrorCode::not_found) throw ClientError(done.error());
  auto d = value_or_throw(svc.election(p, code));
  FormError fe{done.error(), {}, "remove-confirm"};
  if (done.error().code == ErrorCode::election_in_use)
    fe.detail = std::string(tr(lang, "screening_flag_count")) + ": " + done.error().detail;
  std::optional<ElectionInput> in;
  if (d.election) in = input_of(*d.election, d.version);
  return election_page(s, req, p, d, in ? &*in : nullptr, http_status(done.error().code), &fe, {});
}

// ---- the admin page's routes ------------------------------------------------------------

http::Response admin_home(Services& s, http::Request& req) {
  auto p = require_admin(s, req, false);
  // After a removal (a link can carry any text: said only of an id no longer listed).
  std::string notice;
  const std::string removed = req.query_value("removed");
  const auto listed = s.elections.list(p);
  if (!removed.empty() && removed.size() <= 100 &&
      std::none_of(listed.begin(), listed.end(), [&](const auto& e) { return e.code == removed; }))
    notice = std::string(tr(request_lang(req), "screening_removed")) + " " + removed;
  return admin_page(s, req, p, 200, nullptr, notice);
}

http::Response post_election(Services& s, http::Request& req) {
  return admin_action(s, req, [&](const app::Principal& p, Lang lang, AdminInput& kept) {
    return import_election(s, req, p, lang, kept);
  });
}

http::Response link_account(Services& s, http::Request& req) {
  return admin_action(s, req, [&](const app::Principal& p, Lang, AdminInput&) -> Result<std::string> {
    auto done = s.screening_accounts.link_account(p, req.form_value("platform"), req.form_value("account"),
                                                  req.form_value("nip"));
    if (!done) return std::unexpected(done.error());
    return std::string(tr(request_lang(req), "screening_saved")) + " " + req.form_value("platform") + " @" +
           req.form_value("account");
  });
}

http::Response post_accounts(Services& s, http::Request& req) {
  return admin_action(s, req, [&](const app::Principal& p, Lang lang, AdminInput& kept) {
    return import_accounts(s, req, p, lang, kept);
  });
}

http::Response unlink_account(Services& s, http::Request& req) {
  return admin_action(s, req, [&](const app::Principal& p, Lang lang, AdminInput&) -> Result<std::string> {
    auto done = s.screening_accounts.unlink_account(p, account_id_of(req));
    if (!done) return std::unexpected(done.error());
    return std::string(tr(lang, "screening_unlinked_notice"));
  });
}

// An election file or an account list: pasted (url-encoded or a multipart text field) or
// uploaded (one file part named "file"), each within the service's limit.
http::BodyPolicy upload_policy(std::size_t max_bytes) {
  http::BodyPolicy b;
  b.urlencoded = true;
  b.multipart = true;
  b.max_files = 1;
  b.max_file_bytes = max_bytes;
  b.max_field_bytes = max_bytes;
  b.max_json_bytes = 3 * max_bytes;  // url-encoding triples non-ASCII text
  b.max_total_bytes = 3 * max_bytes + 64 * 1024;
  return b;
}

// The editor: every list of every pair, url-encoded.
http::BodyPolicy editor_policy() {
  http::BodyPolicy editor = form_policy(3 * kMaxElectionBytes);
  editor.max_json_bytes = 3 * kMaxElectionBytes;
  editor.max_field_bytes = kMaxElectionBytes;
  return editor;
}

}  // namespace

void add_screening_admin_routes(http::Router& router, Services& s) {
  const http::BodyPolicy form = form_policy();
  const RouteDef routes[] = {
      {"GET", "/staff/screening/admin", {}, Answer::page, admin_home, &app::kScreeningAdmin},
      {"POST", "/staff/screening/elections", upload_policy(kMaxElectionBytes), Answer::page, post_election, &app::kScreeningAdmin},
      {"GET", "/staff/screening/elections/{code}", {}, Answer::page, show_election, &app::kScreeningAdmin},
      {"POST", "/staff/screening/elections/{code}", editor_policy(), Answer::page, save_election, &app::kScreeningAdmin},
      {"POST", "/staff/screening/elections/{code}/remove", form, Answer::page, remove_election, &app::kScreeningAdmin},
      {"POST", "/staff/screening/accounts", form, Answer::page, link_account, &app::kScreeningAdmin},
      {"POST", "/staff/screening/accounts/import", upload_policy(kMaxAccountsBytes), Answer::page, post_accounts, &app::kScreeningAdmin},
      {"POST", "/staff/screening/accounts/{id}/unlink", form, Answer::page, unlink_account, &app::kScreeningAdmin},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
