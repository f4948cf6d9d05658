// Server-side HTML through kainjow mustache (escapes by default). Templates and static
// files are embedded in the binary (cmake/embed.cmake).
//
// Every page goes through the one Renderer. It is shared by all worker threads and safe
// by construction: the parsed templates are const and never rendered themselves; each
// render works on its own copy (kainjow's render() is not const and writes the
// template's error message on a failed partial or lambda). A template includes another
// with a partial, `{{>name}}`, resolved from the embedded templates only; code hands
// templates data, never HTML.
#pragma once
#include <initializer_list>
#include <map>
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
  // Parses every embedded template; throws when one does not parse or includes a
  // partial that does not exist.
  Renderer();
  // Renders `page` (a template name without extension) inside the layout. Templates see
  // `t` (the message catalogue in `lang`) and `lang` under `data`; the layout also sees
  // `content`, `title`, `other_lang` and `other_lang_name` over it.
  std::string page(std::string_view name, const Data& data, Lang lang, const std::string& title) const;

 private:
  std::string render(std::string_view name, std::initializer_list<const Data*> frames) const;

  std::map<std::string, const kainjow::mustache::mustache, std::less<>> templates_;
  std::map<std::string, const Data, std::less<>> partials_;  // template name -> its source
  Data id_, en_;                                             // {t, lang} for each language
};

// The layout's staff header for a signed-in user: name, role, CSRF token for the logout
// form, and the links this role may follow (`is_admin`, `can_screen`).
Data staff_frame(const app::Principal& p, Lang lang);

}  // namespace netral::web
