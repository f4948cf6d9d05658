#include "web/roster_pages.hpp"

#include <charconv>

#include "app/roster_import.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"
#include "web/render.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;

constexpr std::uint64_t kMaxRosterBytes = 5ull << 20;  // a roster of ~50 000 staff as CSV
constexpr std::size_t kMaxQueryChars = 100;

// A message with {name} placeholders filled in.
std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  for (const auto& [name, value] : values) {
    const std::string mark = "{" + std::string(name) + "}";
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
      text.replace(at, mark.size(), value);
  }
  return text;
}

std::string roster_href(const std::string& code, const std::string& q, int page) {
  std::string href = "/staff/roster/" + http::url_encode(code);
  std::string sep = "?";
  if (!q.empty()) href += sep + "q=" + http::url_encode(q), sep = "&";
  if (page > 1) href += sep + "page=" + std::to_string(page);
  return href;
}

int page_of(const http::Request& req) {
  const std::string v = req.query_value("page");
  int n = 1;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc() && end == v.data() + v.size() && n > 0 ? n : 1;
}

// The page: the upload form (with the outcome of an upload, when there was one) and the
// browser. `import_data` holds what the upload set (error, summary, row errors).
http::Response roster_page(Services& s, http::Request& req, const app::Principal& p, const std::string& code,
                           int status, data import_data) {
  const Lang lang = request_lang(req);
  std::string q = req.method == "GET" ? req.query_value("q") : std::string();
  if (q.size() > kMaxQueryChars) {
    q.resize(kMaxQueryChars);
    // Never half a character: a UTF-8 sequence the cut left incomplete goes.
    std::size_t start = q.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(q[start]) & 0xC0) == 0x80) --start;
    const auto lead = static_cast<unsigned char>(q[start]);
    const std::size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (start + len > q.size()) q.resize(start);
  }
  const int page = req.method == "GET" ? page_of(req) : 1;
  auto listing = value_or_throw(app::browse_roster(s.ctx, p, code, {q, page}));
  data d = staff_frame(p, lang);
  for (const auto& key : {"error", "summary", "has_row_errors", "row_errors", "row_errors_note", "skip_checked"})
    if (const auto* v = import_data.get(key)) d.set(key, *v);
  d.set("instansi_name", listing.instansi.name);
  d.set("code", listing.instansi.code);
  d.set("q", q);
  d.set("count_label", fill(std::string(tr(lang, "roster_count")), {{"matching", std::to_string(listing.staff_matching)},
                                                                      {"total", std::to_string(listing.staff_total)}}));
  d.set("page_label", fill(std::string(tr(lang, "roster_page_of")),
                           {{"page", std::to_string(listing.page)}, {"pages", std::to_string(listing.pages)}}));
  // Not "staff": the layout's flag of a staff page.
  data employees{data::type::list};
  for (const auto& r : listing.staff) {
    data o;
    o.set("name", r.employee.name);
    o.set("nip", r.employee.nip);
    o.set("type", staff_label(r.employee.type, lang));
    o.set("unit_code", r.unit_code);
    o.set("unit_name", r.unit_name);
    o.set("position", r.employee.position);
    o.set("superior", r.superior_name);
    employees.push_back(o);
  }
  d.set("employees", employees);
  d.set("has_staff", !listing.staff.empty());
  if (listing.page > 1) d.set("prev", roster_href(listing.instansi.code, q, listing.page - 1));
  if (listing.page < listing.pages) d.set("next", roster_href(listing.instansi.code, q, listing.page + 1));
  d.set("has_pager", listing.pages > 1);
  data units{data::type::list};
  for (const auto& r : listing.units) {
    data o;
    o.set("code", r.unit.code);
    o.set("name", r.unit.name);
    o.set("parent", r.parent_code);
    o.set("staff", std::to_string(r.staff));
    units.push_back(o);
  }
  d.set("units", units);
  d.set("has_units", !listing.units.empty());
  return html(status, s.renderer.page("roster", d, lang, std::string(tr(lang, "roster_title"))));
}

app::Principal require_roster_admin(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  if (!app::manages_roster(p.user.role)) throw ClientError(Error{ErrorCode::forbidden});
  return p;
}

// /staff/roster: the admin's own instansi (the link the navigation carries).
http::Response own_roster(Services& s, http::Request& req) {
  auto p = require_roster_admin(s, req);
  return http::Response::redirect("/staff/roster/" + http::url_encode(p.instansi.code));
}

http::Response show_roster(Services& s, http::Request& req) {
  auto p = require_roster_admin(s, req);
  return roster_page(s, req, p, req.param("code"), 200, data{});
}

http::Response import_upload(Services& s, http::Request& req) {
  auto p = require_roster_admin(s, req);
  require_csrf(p, req);
  const Lang lang = request_lang(req);
  const std::string code = req.param("code");
  // Another instansi's roster is refused before its file is even read.
  value_or_throw(app::roster_instansi(s.ctx, p, code));
  const bool skip = req.form_value("skip_bad_rows") == "1";
  data out;
  if (skip) out.set("skip_checked", true);
  auto form_error = [&](const Error& e) {
    data err;
    err.set("message", error_message(e, lang));
    if (!e.detail.empty()) err.set("detail", e.detail);
    out.set("error", err);
    return roster_page(s, req, p, code, http_status(e.code), out);
  };
  const http::UploadedFile* file = nullptr;
  for (const auto& f : req.files)
    if (f.field == "file" && f.size > 0) file = &f;
  if (!file) return form_error(Error{ErrorCode::missing_field, "error.roster_no_file", "file", {}});
  // The server streamed the upload to a temporary file and removes it after this handler:
  // an XLSX is read from there (read_xlsx takes a path), a CSV too.
  auto table = app::read_roster_upload(file->path, file->filename);
  if (!table) return form_error(table.error());
  auto rep = app::import_roster_as(s.ctx, p, code, *table, skip);
  if (!rep) {
    if (rep.error().code == ErrorCode::forbidden) throw ClientError(rep.error());
    return form_error(rep.error());
  }
  data rows{data::type::list};
  for (const auto& e : rep->errors) {
    data o;
    o.set("row", std::to_string(e.row));
    o.set("column", e.column);
    o.set("value", e.detail);
    o.set("problem", label_or_key(lang, e.message_key, e.message_key));
    rows.push_back(o);
  }
  out.set("row_errors", rows);
  out.set("has_row_errors", !rep->errors.empty());
  if (!rep->imported) {
    out.set("row_errors_note",
            fill(std::string(tr(lang, "roster_not_imported")), {{"n", std::to_string(rep->errors.size())}}));
    return roster_page(s, req, p, code, http_status(ErrorCode::invalid_file), out);
  }
  out.set("summary", fill(std::string(tr(lang, "roster_imported")),
                          {{"rows", std::to_string(rep->rows)},
                           {"units_created", std::to_string(rep->units_created)},
                           {"units_updated", std::to_string(rep->units_updated)},
                           {"staff_created", std::to_string(rep->staff_created)},
                           {"staff_updated", std::to_string(rep->staff_updated)},
                           {"skipped", std::to_string(rep->skipped)}}));
  return roster_page(s, req, p, code, 200, out);
}

// One CSV or XLSX file part of at most 5 MiB; url-encoded is admitted only to be refused
// with a clear "choose a file" (a form posted without its file).
http::BodyPolicy roster_upload_policy() {
  http::BodyPolicy b;
  b.multipart = true;
  b.urlencoded = true;
  b.max_files = 1;
  b.max_file_bytes = kMaxRosterBytes;
  b.max_field_bytes = 4 * 1024;
  b.max_json_bytes = 4 * 1024;
  b.max_total_bytes = kMaxRosterBytes + 64 * 1024;
  return b;
}

}  // namespace

void add_roster_routes(http::Router& router, Services& s) {
  const RouteDef routes[] = {
      {"GET", "/staff/roster", {}, Answer::page, own_roster, &app::kRoster},
      {"GET", "/staff/roster/{code}", {}, Answer::page, show_roster, &app::kRoster},
      {"POST", "/staff/roster/{code}/import", roster_upload_policy(), Answer::page, import_upload, &app::kRoster},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
