// Server-side HTML through kainjow mustache (escapes by default). Templates and static
// files are embedded in the binary (cmake/embed.cmake).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "app/auth_service.hpp"
#include "core/messages.hpp"

namespace netral::web {

const std::map<std::string, std::string_view, std::less<>>& embedded_assets();

using Data = kainjow::mustache::data;

class Renderer {
 public:
  Renderer();
  // Renders `page` (a template name without extension) inside the layout. `data` gets
  // `t` (the message catalogue in `lang`), `lang` and the layout fields added.
  std::string page(std::string_view name, Data data, Lang lang, const std::string& title) const;
  // The catalogue as template data, for one language.
  const Data& strings(Lang lang) const { return lang == Lang::en ? en_ : id_; }

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>, std::less<>> templates_;
  Data id_, en_;
};

// The layout's staff header for a signed-in user: name, role, CSRF token for the logout
// form, and the links this role may follow (`is_admin`, `can_screen`).
Data staff_frame(const app::Principal& p, Lang lang);

}  // namespace netral::web
