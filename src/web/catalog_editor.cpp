// The circular editor (issue 12, docs/catalog.md "Editing a circular"): a stored draft or
// adopted circular beside its source text, edited through one plain form whose buttons
// name the action (save, adopt, move, merge, remove, add). Every POST answers with a
// redirect back to the editor, or the editor again with the error and what was sent.
#include <algorithm>
#include <map>
#include <set>

#include "app/access.hpp"
#include "app/catalog_service.hpp"
#include "core/strings.hpp"
#include "web/catalog_pages.hpp"
#include "web/common.hpp"
#include "web/handlers.hpp"

namespace netral::web {
namespace {

using kainjow::mustache::data;

constexpr StaffType kStaffTypes[] = {StaffType::pns, StaffType::pppk, StaffType::non_asn};

std::vector<std::string> form_values(const http::Request& req, std::string_view key) {
  std::vector<std::string> out;
  auto [b, e] = req.form.equal_range(key);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    auto nl = s.find('\n', at);
    auto line = trim(s.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    if (!line.empty()) out.push_back(line);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return out;
}

std::optional<Id> id_param(const http::Request& req) {
  const std::string v = req.param("id");
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(v);
}

// The editor's form as the circular it describes. Items are numbered 1..item_count.
app::AdoptCircular circular_from_form(const http::Request& req) {
  app::AdoptCircular a;
  a.region_code = trim(req.form_value("region_code"));
  a.region_name = trim(req.form_value("region_name"));
  a.title = trim(req.form_value("title"));
  a.number = trim(req.form_value("number"));
  a.date = trim(req.form_value("date"));
  a.place = trim(req.form_value("place"));
  a.signer = trim(req.form_value("signer"));
  a.covers = form_values(req, "covers");
  a.valid_from = trim(req.form_value("valid_from"));
  a.valid_until = trim(req.form_value("valid_until"));
  a.channels = lines_of(req.form_value("channels"));
  a.duties = lines_of(req.form_value("duties"));
  const std::string count = req.form_value("item_count");
  std::size_t n = count.size() <= 3 && !count.empty() && count.find_first_not_of("0123456789") == std::string::npos
                      ? std::stoul(count)
                      : 0;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::string k = std::to_string(i);
    app::AdoptCircular::Item it;
    it.marker = req.form_value("item_marker_" + k);
    it.text = join(lines_of(req.form_value("item_text_" + k)), " ");
    it.conduct = form_values(req, "item_conduct_" + k);
    it.staff_types = form_values(req, "item_staff_" + k);
    it.valid_from = trim(req.form_value("item_from_" + k));
    it.valid_until = trim(req.form_value("item_until_" + k));
    for (auto t : kStaffTypes) {
      auto ids = form_values(req, "item_sanction_" + k + "_" + std::string(to_string(t)));
      if (!ids.empty()) it.sanctions[std::string(to_string(t))] = ids;
    }
    a.items.push_back(std::move(it));
  }
  return a;
}

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// "move_up c" -> "Butir c dinaikkan"; the summary's words are the editor's actions.
std::string change_label(const std::string& summary, Lang lang) {
  auto sp = summary.find(' ');
  std::string action = summary.substr(0, sp);
  std::string label = label_or_key(lang, "catalog_change_" + action, action);
  if (sp != std::string::npos) label += " (" + summary.substr(sp + 1) + ")";
  return label;
}

data editor_data(Services& s, const app::Principal& p, Lang lang, const app::CircularView& v,
                 const app::AdoptCircular& body, long long rev, const Error* err) {
  auto cat = s.catalog.catalog();
  data d = staff_frame(p, lang);
  d.set("id", std::to_string(v.row.id));
  d.set("rev", std::to_string(rev));
  d.set("adopted", v.adopted);
  d.set("document_id", v.row.document_id);
  d.set("version", std::to_string(v.row.version));
  d.set("source_text", v.row.source_text);
  d.set("source_name", v.row.source_name);
  if (err) {
    data e;
    e.set("message", error_message(*err, lang));
    if (!err->detail.empty() && err->code == ErrorCode::invalid_field) e.set("detail", err->detail);
    if (!err->field.empty()) e.set("field", err->field);
    d.set("error", e);
  }
  d.set("region_code", body.region_code);
  d.set("region_name", body.region_name);
  d.set("title", body.title);
  d.set("number", body.number);
  d.set("date", body.date);
  d.set("place", body.place);
  d.set("signer", body.signer);
  d.set("valid_from", body.valid_from);
  d.set("valid_until", body.valid_until);
  d.set("channels", join(body.channels, "\n"));
  d.set("duties", join(body.duties, "\n"));
  // Until adoption, what the importer could not read is marked where it belongs.
  const bool show_unread = !v.adopted && !v.unread.empty();
  for (auto* f : {"number", "date", "place", "signer", "title", "region", "channels", "duties", "covers", "items"})
    d.set(std::string("unread_") + f, show_unread && has(v.unread, f));
  d.set("unread", show_unread ? unread_labels(v.unread, lang) : Data(data::type::list));
  d.set("has_unread", show_unread);
  data covers{data::type::list};
  for (auto t : kStaffTypes) {
    data o;
    o.set("id", std::string(to_string(t)));
    o.set("label", staff_label(t, lang));
    o.set("checked", has(body.covers, to_string(t)));
    covers.push_back(o);
  }
  d.set("covers", covers);
  data items{data::type::list};
  const std::size_t count = body.items.size();
  for (std::size_t i = 0; i < count; ++i) {
    auto& it = body.items[i];
    const std::string n = std::to_string(i + 1);
    data o;
    o.set("n", n);
    o.set("letter", i < 26 ? std::string(1, static_cast<char>('a' + i)) : "z" + std::to_string(i));
    o.set("marker", it.marker);
    o.set("text", it.text);
    o.set("first", i == 0);
    o.set("last", i + 1 == count);
    o.set("no_conduct", it.conduct.empty());
    o.set("unread_conduct", show_unread && has(v.unread, "items[" + std::to_string(i) + "].conduct"));
    o.set("valid_from", it.valid_from);
    o.set("valid_until", it.valid_until);
    data conducts{data::type::list};
    for (auto& k : cat->conducts()) {
      data c;
      c.set("id", k.id);
      c.set("name", lang == Lang::en ? k.name_en : k.name_id);
      c.set("checked", has(it.conduct, k.id));
      conducts.push_back(c);
    }
    o.set("conducts", conducts);
    data staff{data::type::list}, sanctions{data::type::list};
    for (auto t : kStaffTypes) {
      const std::string tid(to_string(t));
      data so;
      so.set("id", tid);
      so.set("label", staff_label(t, lang));
      so.set("checked", has(it.staff_types, tid));
      staff.push_back(so);
      data sel;
      sel.set("type", tid);
      sel.set("label", staff_label(t, lang));
      auto chosen = it.sanctions.count(tid) ? it.sanctions.at(tid) : std::vector<std::string>{};
      data opts{data::type::list};
      for (auto& sopt : cat->sanctions()) {
        if (std::find(sopt.staff_types.begin(), sopt.staff_types.end(), t) == sopt.staff_types.end()) continue;
        data x;
        x.set("id", sopt.id);
        x.set("name", lang == Lang::en ? sopt.name_en : sopt.name_id);
        x.set("selected", has(chosen, sopt.id));
        opts.push_back(x);
      }
      sel.set("options", opts);
      sanctions.push_back(sel);
    }
    o.set("staff", staff);
    o.set("sanctions", sanctions);
    items.push_back(o);
  }
  d.set("items", items);
  d.set("item_count", std::to_string(count));
  d.set("has_items", count > 0);
  data versions{data::type::list};
  for (auto& ver : v.versions) {
    data o;
    o.set("version", std::to_string(ver.version));
    o.set("at", format_time(ver.created_at, lang));
    o.set("by", ver.author_name.empty() ? std::string(tr(lang, "catalog_by_system")) : ver.author_name);
    o.set("what", change_label(ver.summary, lang));
    versions.push_back(o);
  }
  d.set("versions", versions);
  d.set("has_versions", !v.versions.empty());
  return d;
}

app::Principal require_admin(Services& s, const http::Request& req) {
  auto p = require_session(s, req);
  if (!app::manages_catalogue(p.user.role)) throw ClientError(Error{ErrorCode::forbidden, "error.admin_only", {}, {}});
  return p;
}

http::Response editor_page(Services& s, const http::Request& req, const app::Principal& p, int status,
                           const app::CircularView& v, const app::AdoptCircular& body, long long rev, const Error* err) {
  Lang lang = request_lang(req);
  auto d = editor_data(s, p, lang, v, body, rev, err);
  if (req.query_value("saved") == "1") d.set("saved", true);
  if (req.query_value("adopted") == "1") d.set("just_adopted", true);
  return html(status, s.renderer.page("catalog_editor", d, lang, std::string(tr(lang, "catalog_editor_title"))));
}

app::CircularView view_or_throw(Services& s, const app::Principal& p, const http::Request& req) {
  auto id = id_param(req);
  // The web layer asks the same rule the service checks: another government's circular
  // does not exist for this admin.
  if (!id) throw ClientError(Error{ErrorCode::not_found, "error.circular_not_found", {}, {}});
  auto v = value_or_throw(s.catalog.circular(p, *id));
  if (!app::manages_catalogue_of(p.user.role, p.instansi.code, v.row.region_code))
    throw ClientError(Error{ErrorCode::not_found, "error.circular_not_found", {}, {}});
  return v;
}

http::Response editor(Services& s, http::Request& req) {
  auto p = session_of(s, req);
  if (!p) return http::Response::redirect("/staff/login");
  if (!app::manages_catalogue(p->user.role)) throw ClientError(Error{ErrorCode::forbidden, "error.admin_only", {}, {}});
  auto v = view_or_throw(s, *p, req);
  return editor_page(s, req, *p, 200, v, v.body, v.rev, nullptr);
}

// "up:3" -> (move_up, 2). Unknown actions are a bad request, not a save.
std::optional<std::pair<std::string, std::size_t>> parse_action(const std::string& a) {
  auto colon = a.find(':');
  std::string name = a.substr(0, colon);
  std::size_t index = 0;
  if (colon != std::string::npos) {
    auto num = a.substr(colon + 1);
    if (num.empty() || num.size() > 3 || num.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    index = std::stoul(num);
    if (index == 0) return std::nullopt;
    --index;
  }
  static const std::set<std::string> known = {"save", "adopt", "up", "down", "remove", "merge", "add"};
  if (!known.count(name)) return std::nullopt;
  return std::pair{name, index};
}

http::Response edit(Services& s, http::Request& req) {
  auto p = require_admin(s, req);
  require_csrf(p, req);
  auto v = view_or_throw(s, p, req);
  // The circular stays with its government, whatever the form says.
  const std::string region = trim(req.form_value("region_code"));
  if (!region.empty() && !app::manages_catalogue_of(p.user.role, p.instansi.code, region)) {
    Error e{ErrorCode::forbidden, "error.catalog_foreign_region", "region_code", {}};
    return editor_page(s, req, p, http_status(e.code), v, circular_from_form(req), v.rev, &e);
  }
  auto action = parse_action(req.form_value("action"));
  if (!action) throw ClientError(Error{ErrorCode::invalid_field, "error.item_action_invalid", "action", {}});
  const std::string rev_s = req.form_value("rev");
  long long rev = rev_s.size() <= 18 && !rev_s.empty() && rev_s.find_first_not_of("0123456789") == std::string::npos
                      ? std::stoll(rev_s)
                      : -1;
  auto body = circular_from_form(req);
  auto [name, index] = *action;
  auto letter = [](std::size_t i) { return i < 26 ? std::string(1, static_cast<char>('a' + i)) : "z" + std::to_string(i); };
  std::string summary = name;
  Result<void> applied{};
  using A = app::ItemAction;
  if (name == "up") applied = app::apply_item_action(body, A::move_up, index), summary = "move_up " + letter(index);
  else if (name == "down") applied = app::apply_item_action(body, A::move_down, index), summary = "move_down " + letter(index);
  else if (name == "remove") applied = app::apply_item_action(body, A::remove, index), summary = "remove " + letter(index);
  else if (name == "merge") applied = app::apply_item_action(body, A::merge_next, index), summary = "merge " + letter(index) + "+" + letter(index + 1);
  else if (name == "add") applied = app::apply_item_action(body, A::add, body.items.size(), req.form_value("new_text"));
  Error err;
  std::string anchor = "#editor";
  if (!applied) {
    err = applied.error();
  } else if (name == "adopt") {
    auto done = s.catalog.adopt_draft(p, v.row.id, rev, body, req.form_value("confirm_unread") == "1");
    if (done) return http::Response::redirect("/staff/catalog/circulars/" + std::to_string(v.row.id) + "?adopted=1#versions");
    err = done.error();
  } else {
    auto saved = s.catalog.save(p, v.row.id, rev, body, summary);
    if (saved) {
      if (name == "up" && index > 0) anchor = "#item-" + std::to_string(index);
      else if (name == "down" || name == "up" || name == "merge" || name == "remove") anchor = "#item-" + std::to_string(std::min(index + 1 + (name == "down"), body.items.size()));
      else if (name == "add") anchor = "#item-" + std::to_string(body.items.size());
      return http::Response::redirect("/staff/catalog/circulars/" + std::to_string(v.row.id) + "?saved=1" + anchor);
    }
    err = saved.error();
  }
  // The form again, as sent, with what went wrong.
  return editor_page(s, req, p, http_status(err.code), v, body, rev, &err);
}

}  // namespace

void add_catalog_editor_routes(http::Router& router, Services& s, const http::BodyPolicy& form) {
  const RouteDef routes[] = {
      {"GET", "/staff/catalog/circulars/{id}", {}, Answer::page, editor, &app::kCircular},
      {"POST", "/staff/catalog/circulars/{id}", form, Answer::page, edit, &app::kCircular},
  };
  add_routes(router, s, routes);
}

}  // namespace netral::web
