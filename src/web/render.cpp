#include "web/render.hpp"

#include <stdexcept>

#include "app/access.hpp"

namespace netral::web {
namespace {

using Mustache = kainjow::mustache::mustache;

// The names a template reads, innermost frame first (kainjow's own context), and partials
// taken from the renderer's templates instead of from the data: request data can never
// supply template text.
class Frames final : public kainjow::mustache::basic_context<std::string> {
 public:
  explicit Frames(const std::map<std::string, const Data, std::less<>>& partials) : partials_(partials) {}
  void push(const Data* d) override { stack_.push(d); }
  void pop() override { stack_.pop(); }
  const Data* get(const std::string& name) const override { return stack_.get(name); }
  const Data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    return it == partials_.end() ? nullptr : &it->second;
  }

 private:
  kainjow::mustache::context<std::string> stack_;
  const std::map<std::string, const Data, std::less<>>& partials_;
};

// The partial names `{{>name}}` in a template's source.
std::vector<std::string> partial_names(std::string_view text) {
  std::vector<std::string> out;
  for (auto at = text.find("{{>"); at != std::string_view::npos; at = text.find("{{>", at + 3)) {
    auto end = text.find("}}", at);
    if (end == std::string_view::npos) break;
    auto name = text.substr(at + 3, end - at - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    out.emplace_back(name);
  }
  return out;
}

Data base_frame(Lang lang) {
  Data t(Data::type::object);
  for (const auto& m : all_messages()) t.set(std::string(m.key), std::string(lang == Lang::en ? m.en : m.id));
  Data d(Data::type::object);
  d.set("t", t);
  d.set("lang", lang == Lang::en ? "en" : "id");
  return d;
}

}  // namespace

Renderer::Renderer() : id_(base_frame(Lang::id)), en_(base_frame(Lang::en)) {
  for (const auto& [file, text] : embedded_assets()) {
    if (!file.ends_with(".mustache")) continue;
    const std::string name = file.substr(0, file.size() - 9);
    Mustache t{std::string(text)};
    if (!t.is_valid()) throw std::runtime_error("template " + file + ": " + t.error_message());
    templates_.emplace(name, std::move(t));
    partials_.emplace(name, Data(std::string(text)));
  }
  // kainjow renders a missing partial as nothing: a misspelt name fails here instead.
  for (const auto& [file, text] : embedded_assets())
    if (file.ends_with(".mustache"))
      for (const auto& p : partial_names(text))
        if (!partials_.contains(p)) throw std::runtime_error("template " + file + ": no partial " + p);
  if (!templates_.contains("layout")) throw std::runtime_error("no layout template");
}

std::string Renderer::render(std::string_view name, std::initializer_list<const Data*> frames) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::logic_error("no template " + std::string(name));
  Mustache copy = it->second;  // a few microseconds (docs/architecture.md): nothing shared is written
  Frames ctx(partials_);
  for (const Data* f : frames) ctx.push(f);
  std::string out = copy.render(ctx);
  if (!copy.is_valid()) throw std::logic_error("template " + std::string(name) + ": " + copy.error_message());
  return out;
}

std::string Renderer::page(std::string_view name, const Data& data, Lang lang, const std::string& title) const {
  const Data& base = lang == Lang::en ? en_ : id_;
  Data layout(Data::type::object);
  layout.set("content", render(name, {&base, &data}));
  layout.set("title", title);
  layout.set("other_lang", lang == Lang::en ? "id" : "en");
  layout.set("other_lang_name", lang == Lang::en ? "Bahasa Indonesia" : "English");
  return render("layout", {&base, &data, &layout});
}

Data staff_frame(const app::Principal& p, Lang lang) {
  Data d;
  d.set("staff", true);
  d.set("staff_name", p.user.display_name);
  d.set("staff_role", std::string(tr(lang, "role_" + std::string(to_string(p.user.role)))));
  d.set("csrf", p.csrf_token);
  d.set("is_admin", app::manages_users(p.user.role));
  d.set("manages_governments", app::manages_governments(p.user.role));
  d.set("can_screen", app::reviews_flags(p.user.role));
  d.set("can_stats", app::sees_all_cases(p.user.role));  // app/statistics.hpp
  return d;
}

}  // namespace netral::web
