// The office's side of the owners' pages in /api/v1: revoking a person's personal links, and
// the evidence files owners sent with a report of done (listed per measure, downloaded with
// the name they were uploaded with, always as an attachment, never shown as a page).

#include <boost/json.hpp>

#include "admin/owner_pages.h"
#include "admin/routes.h"
#include "office/personal_links.h"
#include "store/evidence_files.h"
#include "store/evidence_store.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

json::object file_json(const store::EvidenceFileRow& f) {
  return json::object{{"id", f.id},
                      {"measure_id", f.measure_id},
                      {"name", f.original_name},
                      {"media_type", f.media_type},
                      {"size", f.size},
                      {"sha256", f.sha256},
                      {"uploaded_by", f.uploaded_by},
                      {"uploaded_at", f.uploaded_at}};
}

/// RFC 5987: filename*=UTF-8''%E7%85%A7…
std::string attachment(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string enc;
  for (unsigned char c : name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      enc += static_cast<char>(c);
    } else {
      enc += '%';
      enc += kHex[c >> 4];
      enc += kHex[c & 15];
    }
  }
  return "attachment; filename=\"evidence\"; filename*=UTF-8''" + enc;
}

Reply revoke(ApiEnv& env, const Call& c) {
  Id person = 0;
  if (auto e = param_id(c, 0, "person", person))
    return *e;
  office::Office o = office_of(env);
  auto n = office::revoke_links(o, actor_of(c), person);
  if (!n)
    return failure(n.error(), c.path);
  return ok(json::object{{"person_id", person}, {"revoked", *n}});
}

Reply list_files(ApiEnv& env, const Call& c) {
  Id measure = 0;
  if (auto e = param_id(c, 0, "measure", measure))
    return *e;
  auto files = store::EvidenceFiles(env.db).of_measure(measure);
  if (!files)
    return failure(files.error(), c.path);
  json::array items;
  for (const auto& f : *files)
    items.push_back(file_json(f));
  const std::size_t total = items.size();
  return ok(json::object{{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
}

Reply download(ApiEnv& env, const Call& c) {
  Id measure = 0, file = 0;
  if (auto e = param_id(c, 0, "measure", measure))
    return *e;
  if (auto e = param_id(c, 1, "file", file))
    return *e;
  auto files = store::EvidenceFiles(env.db).of_measure(measure);
  if (!files)
    return failure(files.error(), c.path);
  for (const auto& f : *files) {
    if (f.id != file)
      continue;
    const config::Snapshot cfg = env.config();
    store::EvidenceStore store(evidence_folder(*cfg, env.db.path()));
    auto bytes = store.read(f.sha256);
    if (!bytes)
      return error(http::status::not_found, "佐证材料文件不在存放目录中（" + f.sha256 + "）",
                   c.path);
    Reply r;
    r.text = std::move(*bytes);
    r.content_type = "application/octet-stream";
    r.headers.emplace_back("Content-Disposition", attachment(f.original_name));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
    return r;
  }
  return error(http::status::not_found, "没有这个佐证材料（no such file）", c.path);
}

}  // namespace

void add_owner_routes(RouteTable& t) {
  t.add("POST", "/people/{id}/links/revoke", revoke);
  t.add("GET", "/measures/{id}/evidence", list_files);
  t.add("GET", "/measures/{id}/evidence/{file}", download);
}

}  // namespace rectifyd::admin
