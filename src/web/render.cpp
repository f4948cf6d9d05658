#include "web/render.hpp"

#include <stdexcept>

#include "app/access.hpp"

namespace netral::web {

Renderer::Renderer() : id_(Data::type::object), en_(Data::type::object) {
  for (const auto& [name, text] : embedded_assets()) {
    if (!name.ends_with(".mustache")) continue;
    auto t = std::make_unique<kainjow::mustache::mustache>(std::string(text));
    if (!t->is_valid()) throw std::runtime_error("template " + name + ": " + t->error_message());
    templates_.emplace(name.substr(0, name.size() - 9), std::move(t));
  }
  for (const auto& m : all_messages()) {
    id_.set(std::string(m.key), std::string(m.id));
    en_.set(std::string(m.key), std::string(m.en));
  }
}

std::string Renderer::page(std::string_view name, Data data, Lang lang, const std::string& title) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::logic_error("no template " + std::string(name));
  data.set("t", strings(lang));
  data.set("lang", lang == Lang::en ? "en" : "id");
  std::string content = it->second->render(data);
  data.set("content", content);
  data.set("title", title);
  data.set("other_lang", lang == Lang::en ? "id" : "en");
  data.set("other_lang_name", lang == Lang::en ? "Bahasa Indonesia" : "English");
  return templates_.at("layout")->render(data);
}

Data staff_frame(const app::Principal& p, Lang lang) {
  Data d;
  d.set("staff", true);
  d.set("staff_name", p.user.display_name);
  d.set("staff_role", std::string(tr(lang, "role_" + std::string(to_string(p.user.role)))));
  d.set("csrf", p.csrf_token);
  d.set("is_admin", p.user.role == Role::admin);
  d.set("can_screen", app::reviews_flags(p.user.role));
  d.set("can_stats", app::sees_all_cases(p.user.role));  // app/statistics.hpp
  return d;
}

}  // namespace netral::web
