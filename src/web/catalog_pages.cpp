// Catalogue pages (issue 4). docs/catalog.md describes what they show.
#include "web/catalog_pages.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/access.hpp"
#include "app/catalog_service.hpp"
#include "core/strings.hpp"
#include "evidence/pdf_text.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"

namespace netral::web {
std::string conduct_name(const text::Catalog& c, const std::string& id, Lang lang) {
  if (auto* k = c.find_conduct(id)) return lang == Lang::en ? k->name_en : k->name_id;
  return id;
}

namespace {

using kainjow::mustache::data;


std::vector<std::string> form_values(const http::Request& req, std::string_view key) {
  std::vector<std::string> out;
  auto [b, e] = req.form.equal_range(key);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

bool region_code_ok(const std::string& s) {
  static const std::regex code(R"(\d{2}(\.\d{2})?)");
  return std::regex_match(s, code);
}

bool iso_date_ok(const std::string& s) {
  static const std::regex d(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(s, d);
}

// ---- /katalog ------------------------------------------------------------------------

data document_data(const text::Catalog& c, const text::CatalogDocument& doc, Lang lang) {
  data d;
  d.set("id", doc.id);
  d.set("title", doc.title);
  d.set("kind_label", std::string(tr(lang, "kind_" + std::string(to_string(doc.kind)))));
  if (!doc.number.empty()) d.set("number", doc.number);
  if (!doc.date.empty()) d.set("date", doc.date);
  if (!doc.signer.empty()) d.set("signer", doc.signer);
  if (!doc.region_name.empty()) d.set("region_name", doc.region_name);
  d.set("valid_from", doc.valid_from);
  if (!doc.valid_until.empty()) d.set("valid_until", doc.valid_until);
  d.set("uncertain", doc.uncertain);
  std::string staff;
  for (auto t : doc.staff_types) staff += (staff.empty() ? "" : ", ") + staff_label(t, lang);
  d.set("staff_types", staff);
  data channels{data::type::list}, duties{data::type::list};
  for (auto& x : doc.channels) {
    data o;
    o.set("text", x);
    o.set("link", x.starts_with("http://") || x.starts_with("https://"));
    channels.push_back(o);
  }
  for (auto& x : doc.duties) duties.push_back(x);
  d.set("channels", channels);
  d.set("has_channels", !doc.channels.empty());
  d.set("duties", duties);
  d.set("has_duties", !doc.duties.empty());
  data items{data::type::list};
  for (auto& it : doc.items) {
    data o;
    o.set("anchor", it.id);
    o.set("point", it.point);
    o.set("text", it.text);
    o.set("uncertain", it.uncertain);
    if (!it.level.empty()) o.set("level", std::string(tr(lang, "level_" + it.level)));
    std::string names;
    for (auto& k : it.conduct) names += (names.empty() ? "" : ", ") + conduct_name(c, k, lang);
    o.set("conducts", names);
    data sanctions{data::type::list};
    auto types = it.staff_types.empty() ? doc.staff_types : it.staff_types;
    for (auto t : types) {
      auto opts = c.effective_sanctions(it, t);
      if (opts.empty()) continue;
      data so;
      so.set("staff", staff_label(t, lang));
      std::string names;
      for (auto* sopt : opts) names += (names.empty() ? "" : "; ") + (lang == Lang::en ? sopt->name_en : sopt->name_id);
      so.set("options", names);
      sanctions.push_back(so);
    }
    o.set("sanctions", sanctions);
    o.set("has_sanctions", !sanctions.is_empty_list());
    items.push_back(o);
  }
  d.set("items", items);
  return d;
}

http::Response katalog(Services& s, http::Request& req) {
  Lang lang = request_lang(req);
  auto& svc = s.catalog;
  auto cat = svc.catalog();
  std::string code = req.query_value("instansi");
  std::string date = req.query_value("tanggal");
  if (code.empty()) {  // one government on this deployment: show its catalogue at once
    auto all = s.reports.instansi_list();
    if (all.size() == 1) code = all.front().code;
  }
  if (!code.empty() && !region_code_ok(code))
    throw ClientError(Error{ErrorCode::invalid_region_code, {}, "instansi", {}});
  if (!date.empty() && !iso_date_ok(date)) throw ClientError(Error{ErrorCode::invalid_date, {}, "tanggal", {}});
  // Regions to choose from: the deployment's instansi and every region with a circular.
  std::map<std::string, std::string> regions;
  for (auto& i : s.reports.instansi_list()) regions[i.code] = i.name;
  for (auto& d : cat->documents())
    if (!d.region_code.empty() && !regions.count(d.region_code)) regions[d.region_code] = d.region_name;
  data d;
  data options{data::type::list};
  for (auto& [c, n] : regions) {
    data o;
    o.set("code", c);
    o.set("name", n + " (" + c + ")");
    o.set("selected", c == code);
    options.push_back(o);
  }
  d.set("regions", options);
  d.set("tanggal", date);
  if (!code.empty()) {
    d.set("chosen", true);
    d.set("region_label", regions.count(code) ? regions[code] + " (" + code + ")" : code);
    data regional{data::type::list}, national{data::type::list};
    for (auto* doc : cat->in_force(code, date))
      (doc->kind == text::DocumentKind::regional_circular ? regional : national).push_back(document_data(*cat, *doc, lang));
    d.set("has_regional", !regional.is_empty_list());
    d.set("regional", regional);
    d.set("national", national);
  }
  data conducts{data::type::list};
  for (auto& k : cat->conducts()) {
    data o;
    o.set("name", lang == Lang::en ? k.name_en : k.name_id);
    o.set("description", k.description);
    conducts.push_back(o);
  }
  d.set("conducts", conducts);
  return html(200, s.renderer.page("katalog", d, lang, std::string(tr(lang, "katalog_title"))));
}

// ---- case page: suggestions and confirmation ------------------------------------------

data highlighted(const std::string& text, const std::vector<text::Label>& labels) {
  std::vector<text::Span> spans;
  for (auto& l : labels)
    for (auto& sp : l.spans) spans.push_back(sp);
  std::sort(spans.begin(), spans.end());
  std::vector<text::Span> merged;
  for (auto& sp : spans) {
    if (sp.second > text.size() || sp.first >= sp.second) continue;
    if (!merged.empty() && sp.first <= merged.back().second) merged.back().second = std::max(merged.back().second, sp.second);
    else merged.push_back(sp);
  }
  data segs{data::type::list};
  std::size_t at = 0;
  auto add = [&](std::size_t b, std::size_t e, bool mark) {
    if (b >= e) return;
    data o;
    o.set("text", text.substr(b, e - b));
    o.set("mark", mark);
    segs.push_back(o);
  };
  for (auto& sp : merged) {
    add(at, sp.first, false);
    add(sp.first, sp.second, true);
    at = sp.second;
  }
  add(at, text.size(), false);
  return segs;
}

http::Response confirm_conduct(Services& s, http::Request& req) {
  auto p = require_session(s, req);
  require_csrf(p, req);
  const std::string idv = req.param("id");
  if (idv.empty() || idv.size() > 18 || idv.find_first_not_of("0123456789") != std::string::npos)
    throw ClientError(Error{ErrorCode::not_found, "error.case_not_found", {}, {}});
  value_or_throw(s.catalog.confirm(p, std::stoll(idv), form_values(req, "conduct")));
  return http::Response::redirect("/staff/cases/" + idv + "?conduct=1#conduct");
}

// ---- admin import of a circular --------------------------------------------------------

app::Principal require_admin(Services& s, const http::Request& req) {
  auto p = require_session(s, req);
  if (!app::manages_catalogue(p.user.role)) throw ClientError(Error{ErrorCode::forbidden, "error.admin_only", {}, {}});
  return p;
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ' ' || c == ';' || c == '\n' || c == '\r' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) {
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.pop_back();
    while (!l.empty() && l.front() == ' ') l.erase(0, 1);
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

// Whether the region the importer read is the admin's own government ("Bangka Selatan" in
// "Kabupaten Bangka Selatan"): a circular is drafted for the admin's government only, and a
// region read as another one is left for the reviewer to look at.
// Whether the circular is the admin's own government's: by the code the importer resolved
// against the official list, else (no region list) by the name on its letterhead.
bool same_region(const Instansi& own, const text::CircularDraft& d) {
  if (!d.region_code.empty()) return d.region_code == own.code;
  if (d.region.empty()) return false;
  auto r = ascii_lower(d.region);
  auto n = ascii_lower(own.name);
  return n.ends_with(r) || r.ends_with(n);
}

app::AdoptCircular from_draft(const app::Principal& p, const text::CircularDraft& d, const std::string& source) {
  app::AdoptCircular a;
  a.region_name = p.instansi.name;
  a.region_code = p.instansi.code;
  a.title = d.title;
  a.number = d.number;
  a.date = d.date;
  a.place = d.place;
  a.signer = d.signer;
  a.covers = d.covers;
  a.valid_from = d.date;
  for (auto& it : d.items) {
    app::AdoptCircular::Item i;
    i.letter = it.letter;
    i.marker = it.marker.empty() ? it.letter : it.marker;
    i.text = it.text;
    i.conduct = it.conduct;
    a.items.push_back(std::move(i));
  }
  a.channels = d.channels;
  a.duties = d.duties;
  a.source_name = source;
  return a;
}

app::AdoptCircular from_form(const http::Request& req) {
  app::AdoptCircular a;
  a.region_code = req.form_value("region_code");
  a.region_name = req.form_value("region_name");
  a.title = req.form_value("title");
  a.number = req.form_value("number");
  a.date = req.form_value("date");
  a.place = req.form_value("place");
  a.signer = req.form_value("signer");
  a.covers = form_values(req, "covers");
  a.valid_from = req.form_value("valid_from");
  a.valid_until = req.form_value("valid_until");
  auto texts = form_values(req, "item_text");
  auto conducts = form_values(req, "item_conduct");
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto t = join(lines_of(texts[i]), " ");
    if (t.empty()) continue;
    app::AdoptCircular::Item item;
    item.text = t;
    if (i < conducts.size()) item.conduct = split_ids(conducts[i]);
    a.items.push_back(std::move(item));
  }
  a.channels = lines_of(req.form_value("channels"));
  a.duties = lines_of(req.form_value("duties"));
  a.source_name = req.form_value("source_name");
  return a;
}

http::Response import_page(Services& s, const http::Request& req, const app::Principal& p, int status,
                           const app::AdoptCircular* draft, const std::string& source_text,
                           const std::vector<std::string>& unread, const Error* err, const std::string& adopted_id = {},
                           const std::string& adopted_region = {}) {
  Lang lang = request_lang(req);
  auto cat = s.catalog.catalog();
  data d = staff_frame(p, lang);
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    if (!err->detail.empty() && err->code == ErrorCode::invalid_field) e.set("detail", err->detail);
    d.set("error", e);
  }
  if (!adopted_id.empty()) {
    d.set("adopted_id", adopted_id);
    d.set("adopted_region", adopted_region);
  }
  if (draft) {
    data v;
    v.set("region_code", draft->region_code);
    v.set("region_name", draft->region_name);
    v.set("title", draft->title);
    v.set("number", draft->number);
    v.set("date", draft->date);
    v.set("place", draft->place);
    v.set("signer", draft->signer);
    v.set("valid_from", draft->valid_from);
    v.set("valid_until", draft->valid_until);
    v.set("channels", join(draft->channels, "\n"));
    v.set("duties", join(draft->duties, "\n"));
    v.set("source_name", draft->source_name);
    data covers{data::type::list};
    for (auto t : {StaffType::pns, StaffType::pppk, StaffType::non_asn}) {
      data o;
      o.set("id", std::string(to_string(t)));
      o.set("label", staff_label(t, lang));
      o.set("checked", std::find(draft->covers.begin(), draft->covers.end(), std::string(to_string(t))) != draft->covers.end());
      covers.push_back(o);
    }
    v.set("covers", covers);
    data items{data::type::list};
    std::size_t n = 0;
    for (auto& it : draft->items) {
      data o;
      o.set("n", std::to_string(++n));
      o.set("letter", std::string(1, static_cast<char>('a' + std::min<std::size_t>(n - 1, 25))));
      o.set("text", it.text);
      o.set("conduct", join(it.conduct, ", "));
      o.set("no_conduct", it.conduct.empty());
      items.push_back(o);
    }
    for (int extra = 0; extra < 2; ++extra) {  // room to add what the importer missed
      data o;
      o.set("n", std::to_string(++n));
      o.set("letter", "+");
      o.set("text", "");
      o.set("conduct", "");
      o.set("no_conduct", false);
      items.push_back(o);
    }
    v.set("items", items);
    d.set("draft", v);
    d.set("source_text", source_text);
    d.set("unread", unread_labels(unread, lang));
    d.set("has_unread", !unread.empty());
  }
  data conducts{data::type::list};
  for (auto& k : cat->conducts()) {
    data o;
    o.set("id", k.id);
    o.set("name", lang == Lang::en ? k.name_en : k.name_id);
    conducts.push_back(o);
  }
  d.set("conducts", conducts);
  data circulars{data::type::list};
  for (auto& c : s.catalog.circulars(p)) {
    data o;
    o.set("id", std::to_string(c.id));
    o.set("name", c.document_id.empty() ? c.source_name : c.document_id);
    o.set("adopted", c.version > 0);
    o.set("version", std::to_string(c.version));
    o.set("updated", format_time(c.updated_at, lang));
    circulars.push_back(o);
  }
  d.set("circulars", circulars);
  d.set("has_circulars", !circulars.is_empty_list());
  return html(status, s.renderer.page("catalog_import", d, lang, std::string(tr(lang, "import_title"))));
}

http::Response import_form(Services& s, http::Request& req) {
  auto p = session_of(s, req);
  if (!p) return http::Response::redirect("/staff/login");
  if (!app::manages_catalogue(p->user.role)) throw ClientError(Error{ErrorCode::forbidden, "error.admin_only", {}, {}});
  return import_page(s, req, *p, 200, nullptr, {}, {}, nullptr);
}

// One circular letter, PDF or text, up to 10 MiB.
http::BodyPolicy circular_upload_policy() {
  http::BodyPolicy p;
  p.multipart = true;
  p.max_files = 1;
  p.max_file_bytes = 10ull << 20;
  p.max_total_bytes = (10ull << 20) + 64 * 1024;
  return p;
}

// The reviewed draft and the source text it came from.
http::BodyPolicy adopt_policy() {
  http::BodyPolicy p;
  p.urlencoded = true;
  p.max_json_bytes = 2 << 20;
  p.max_total_bytes = 2 << 20;
  return p;
}

http::Response import_upload(Services& s, http::Request& req) {
  auto p = require_admin(s, req);
  require_csrf(p, req);
  const http::UploadedFile* f = nullptr;
  for (auto& x : req.files)
    if (x.field == "circular") f = &x;
  if (!f) {
    Error e{ErrorCode::missing_field, "error.import_no_file", "circular", {}};
    return import_page(s, req, p, 422, nullptr, {}, {}, &e);
  }
  std::ifstream in(f->path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string bytes = buf.str();
  std::optional<std::string> text;
  if (evidence::looks_like_pdf(bytes)) text = evidence::pdf_to_text(f->path);
  else if (valid_utf8_text(bytes)) text = bytes;
  if (!text || text->find_first_not_of(" \t\r\n\f") == std::string::npos) {
    Error e{ErrorCode::unsupported_file_type, "error.import_unreadable", "circular", {}};
    return import_page(s, req, p, 415, nullptr, {}, {}, &e);
  }
  auto draft = s.catalog.draft(*text);
  auto a = from_draft(p, draft, f->filename.substr(0, 200));
  auto unread = draft.unread;
  // The importer names "items" itself when it found none; a region read but not the
  // admin's is for the reviewer too.
  if (!same_region(p.instansi, draft) && std::find(unread.begin(), unread.end(), "region") == unread.end())
    unread.push_back("region");
  auto id = value_or_throw(s.catalog.create_draft(p, a, *text, unread));
  return http::Response::redirect("/staff/catalog/circulars/" + std::to_string(id) + "#editor");
}

http::Response import_adopt(Services& s, http::Request& req) {
  auto p = require_admin(s, req);
  require_csrf(p, req);
  auto a = from_form(req);
  // Only for the admin's own government (the service checks it again).
  if (!app::manages_catalogue_of(p.user.role, p.instansi.code, a.region_code) && region_code_ok(a.region_code)) {
    Error e{ErrorCode::forbidden, "error.catalog_foreign_region", "region_code", {}};
    return import_page(s, req, p, 403, &a, req.form_value("source_text"), {}, &e);
  }
  auto done = s.catalog.adopt(p, a);
  if (!done) {
    int status = http_status(done.error().code);
    return import_page(s, req, p, status, &a, req.form_value("source_text"), {}, &done.error());
  }
  return import_page(s, req, p, 201, nullptr, {}, {}, nullptr, done->document_id, a.region_code);
}

}  // namespace

Data unread_labels(const std::vector<std::string>& unread, Lang lang) {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"number", "katalog_number"},     {"date", "katalog_issued"},          {"place", "import_place"},
      {"signer", "katalog_signer"},     {"title", "import_doc_title"},       {"region", "import_region_name"},
      {"region_code", "import_region_code"}, {"items", "import_items"},     {"channels", "katalog_channels"},
      {"duties", "katalog_duties"},     {"covers", "katalog_covers"}};
  data un{data::type::list};
  for (auto& u : unread) {
    if (auto it = labels.find(u); it != labels.end()) {
      un.push_back(std::string(tr(lang, it->second)));
    } else if (u.starts_with("items[")) {
      auto n = std::strtoul(u.c_str() + 6, nullptr, 10);
      un.push_back(std::string(tr(lang, "katalog_category")) + " (" + std::string(1, static_cast<char>('a' + std::min(n, 25ul))) + ")");
    } else {
      un.push_back(u);
    }
  }
  return un;
}

void require_known_conduct(Services& s, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  if (!s.catalog.known_conduct(ids)) throw ClientError(Error{ErrorCode::invalid_field, "error.invalid_conduct", "conduct", {}});
}

Data conduct_choices(Services& s, Lang lang, const std::vector<std::string>& checked) {
  data list{data::type::list};
  auto cat = s.catalog.catalog();
  for (auto& k : cat->conducts()) {
    data o;
    o.set("id", k.id);
    o.set("name", lang == Lang::en ? k.name_en : k.name_id);
    if (lang == Lang::id) o.set("description", k.description);
    o.set("checked", std::find(checked.begin(), checked.end(), k.id) != checked.end());
    list.push_back(o);
  }
  return list;
}

Data case_conduct_data(Services& s, const app::Principal& p, const app::CaseDetail& cd, Lang lang) {
  auto& svc = s.catalog;
  auto cat = svc.catalog();
  data d;
  d.set("csrf", p.csrf_token);
  d.set("id", std::to_string(cd.c.id));
  std::set<std::string> suggested;
  data reports{data::type::list};
  for (auto& rd : cd.reports) {
    auto labels = svc.classifier().classify(rd.report.description);
    data o;
    o.set("id", std::to_string(rd.report.id));
    o.set("segments", highlighted(rd.report.description, labels));
    data ls{data::type::list};
    for (auto& l : labels) {
      suggested.insert(l.conduct);
      data lo;
      lo.set("name", conduct_name(*cat, l.conduct, lang));
      lo.set("score", std::to_string(static_cast<int>(l.score * 100 + 0.5)) + "%");
      ls.push_back(lo);
    }
    o.set("labels", ls);
    o.set("has_labels", !labels.empty());
    std::string chosen;
    auto rc = svc.report_conduct(rd.report.id);
    for (auto& c : rc) {
      suggested.insert(c);
      chosen += (chosen.empty() ? "" : ", ") + conduct_name(*cat, c, lang);
    }
    o.set("reporter_chose", chosen);
    o.set("has_reporter_chose", !rc.empty());
    reports.push_back(o);
  }
  d.set("reports", reports);
  auto confirmed = svc.case_conduct(cd.c.id);
  d.set("confirmed", confirmed.confirmed);
  if (confirmed.confirmed) {
    std::string names;
    for (auto& c : confirmed.conduct) names += (names.empty() ? "" : ", ") + conduct_name(*cat, c, lang);
    if (!names.empty()) d.set("confirmed_names", names);
    d.set("confirmed_none", confirmed.conduct.empty());
    d.set("confirmed_by", confirmed.confirmed_by_name);
    d.set("confirmed_at", format_time(confirmed.confirmed_at, lang));
  }
  const bool can = app::confirms_conduct(p.user.role);
  d.set("can_confirm", can);
  if (can) {
    std::vector<std::string> pre(confirmed.confirmed ? confirmed.conduct : std::vector<std::string>(suggested.begin(), suggested.end()));
    d.set("choices", conduct_choices(s, lang, pre));
  }
  return d;
}

void add_catalog_routes(http::Router& router, Services& s) {
  const RouteDef routes[] = {
      {"GET", "/katalog", {}, Answer::page, katalog, &app::kPublic},
      {"POST", "/staff/cases/{id}/conduct", form_policy(), Answer::page, confirm_conduct, &app::kConduct},
      {"GET", "/staff/catalog/import", {}, Answer::page, import_form, &app::kCatalogue},
      {"POST", "/staff/catalog/import", circular_upload_policy(), Answer::page, import_upload, &app::kCatalogue},
      {"POST", "/staff/catalog/adopt", adopt_policy(), Answer::page, import_adopt, &app::kCatalogue},
  };
  add_routes(router, s, routes);
  add_catalog_editor_routes(router, s, adopt_policy());
}

}  // namespace netral::web
