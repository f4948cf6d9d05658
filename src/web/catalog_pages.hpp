// Catalogue pages (issue 4): the public catalogue in force for an instansi (/katalog),
// conduct categories on the report form and the case page, and the admin import of a
// circular letter (/staff/catalog/import). Registered by add_catalog_routes() in web.cpp.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/case_service.hpp"
#include "core/messages.hpp"
#include "http/server.hpp"
#include "text/catalog.hpp"
#include "web/render.hpp"
#include "web/web.hpp"

namespace netral::web {

void add_catalog_routes(http::Router& router, Services& s);
// The circular editor (catalog_editor.cpp), registered by add_catalog_routes with `form`
// as the body policy of its edits.
void add_catalog_editor_routes(http::Router& router, Services& s, const http::BodyPolicy& form);

// The short name of a canonical conduct id in `lang`; the id itself when unknown.
std::string conduct_name(const text::Catalog& c, const std::string& id, Lang lang);

// What the importer could not read, in the reader's words ("items[2].conduct" is
// "Kategori (c)"), for the import page and the editor.
Data unread_labels(const std::vector<std::string>& unread, Lang lang);

// Throws ClientError (422 invalid_field) when an id is not a canonical conduct id.
void require_known_conduct(Services& s, const std::vector<std::string>& ids);

// The report form's optional categories in plain words: [{id, name, description, checked}].
Data conduct_choices(Services& s, Lang lang, const std::vector<std::string>& checked);

// The data of the conduct section of the staff case page (the case_conduct partial): the
// classifier's suggestions with the triggering words marked, what the reporter chose, the
// confirmed set, and the confirm form for verifiers and examiners.
Data case_conduct_data(Services& s, const app::Principal& p, const app::CaseDetail& cd, Lang lang);

}  // namespace netral::web
