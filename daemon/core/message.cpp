#include "core/message.h"

#include <boost/json.hpp>

#include "core/base64.h"
#include "core/dates.h"

namespace rectifyd {
namespace json = boost::json;
namespace {

json::object addressee_json(const Addressee& a) {
  json::object o;
  o["name"] = a.name;
  if (!a.email.empty())
    o["email"] = a.email;
  if (!a.mobile.empty())
    o["mobile"] = a.mobile;
  if (!a.wecom_id.empty())
    o["wecom_id"] = a.wecom_id;
  if (!a.dingtalk_id.empty())
    o["dingtalk_id"] = a.dingtalk_id;
  if (!a.feishu_id.empty())
    o["feishu_id"] = a.feishu_id;
  return o;
}

/// Reads members of one JSON object, remembering the first error with its JSON pointer.
class Reader {
 public:
  Reader(const json::value& v, std::string pointer, std::string* err)
      : obj_(v.if_object()), ptr_(std::move(pointer)), err_(err) {
    if (obj_ == nullptr)
      fail("", "an object");
  }
  bool ok() const { return err_->empty(); }

  void str(const char* key, std::string& out, bool required = false) {
    if (!obj_)
      return;
    auto* v = obj_->if_contains(key);
    if (v == nullptr) {
      if (required)
        fail(std::string("/") + key, "a string");
      return;
    }
    if (auto* s = v->if_string()) {
      out.assign(s->begin(), s->end());
    } else {
      fail(std::string("/") + key, "a string");
    }
  }
  void integer(const char* key, std::int64_t& out) {
    if (!obj_)
      return;
    if (auto* v = obj_->if_contains(key)) {
      if (v->is_int64()) {
        out = v->as_int64();
      } else {
        fail(std::string("/") + key, "an integer");
      }
    }
  }
  void boolean(const char* key, bool& out) {
    if (!obj_)
      return;
    if (auto* v = obj_->if_contains(key)) {
      if (v->is_bool()) {
        out = v->as_bool();
      } else {
        fail(std::string("/") + key, "true or false");
      }
    }
  }
  void instant(const char* key, Instant& out) {
    std::string s;
    str(key, s, true);
    if (!ok())
      return;
    if (auto t = parse_instant(s)) {
      out = *t;
    } else {
      fail(std::string("/") + key, "an ISO 8601 instant");
    }
  }
  const json::array* array(const char* key) {
    if (!obj_)
      return nullptr;
    auto* v = obj_->if_contains(key);
    if (v == nullptr)
      return nullptr;
    if (!v->is_array()) {
      fail(std::string("/") + key, "an array");
      return nullptr;
    }
    return &v->as_array();
  }
  const json::value* member(const char* key) { return obj_ ? obj_->if_contains(key) : nullptr; }
  std::string at(const std::string& sub) const { return ptr_ + sub; }

 private:
  void fail(const std::string& sub, const char* expected) {
    if (err_->empty())
      *err_ = (ptr_ + sub).empty() ? "/" : ptr_ + sub, *err_ += ": expected ";
    if (err_->back() == ' ')
      *err_ += expected;
  }
  const json::object* obj_;
  std::string ptr_;
  std::string* err_;
};

void read_addressee(const json::value& v, const std::string& ptr, Addressee& a, std::string* err) {
  Reader r(v, ptr, err);
  r.str("name", a.name, true);
  r.str("email", a.email);
  r.str("mobile", a.mobile);
  r.str("wecom_id", a.wecom_id);
  r.str("dingtalk_id", a.dingtalk_id);
  r.str("feishu_id", a.feishu_id);
}

}  // namespace

json::value to_json(const Message& m) {
  json::object o;
  o["kind"] = m.kind;
  o["subject"] = m.subject;
  o["text"] = m.text;
  json::array items;
  for (const auto& it : m.items) {
    json::object i;
    i["measure_id"] = it.measure_id;
    i["label"] = it.label;
    i["text"] = it.text;
    i["owner"] = it.owner;
    i["due"] = it.due;
    i["colour"] = it.colour;
    i["note"] = it.note;
    items.push_back(std::move(i));
  }
  o["items"] = std::move(items);
  json::array to;
  for (const auto& a : m.to)
    to.push_back(addressee_json(a));
  o["to"] = std::move(to);
  if (m.meeting) {
    const auto& mt = *m.meeting;
    json::object mo;
    mo["uid"] = mt.uid;
    mo["sequence"] = mt.sequence;
    mo["cancelled"] = mt.cancelled;
    mo["start"] = format_instant_utc(mt.start);
    mo["end"] = format_instant_utc(mt.end);
    mo["time_zone"] = mt.time_zone;
    mo["title"] = mt.title;
    mo["location"] = mt.location;
    mo["organizer"] = addressee_json(mt.organizer);
    json::array att;
    for (const auto& a : mt.attendees)
      att.push_back(addressee_json(a));
    mo["attendees"] = std::move(att);
    o["meeting"] = std::move(mo);
  }
  if (!m.attachments.empty()) {
    json::array files;
    for (const auto& a : m.attachments) {
      files.push_back(json::object{{"filename", a.filename},
                                   {"content_type", a.content_type},
                                   {"base64", base64_encode(a.bytes)}});
    }
    o["attachments"] = std::move(files);
  }
  o["late"] = m.late;
  return o;
}

Result<Message> message_from_json(const json::value& v) {
  std::string err;
  Message m;
  Reader r(v, "", &err);
  r.str("kind", m.kind, true);
  r.str("subject", m.subject);
  r.str("text", m.text);
  r.boolean("late", m.late);
  if (auto* items = r.array("items")) {
    for (std::size_t i = 0; i < items->size() && err.empty(); ++i) {
      MessageItem it;
      Reader ir((*items)[i], "/items/" + std::to_string(i), &err);
      ir.integer("measure_id", it.measure_id);
      ir.str("label", it.label);
      ir.str("text", it.text);
      ir.str("owner", it.owner);
      ir.str("due", it.due);
      ir.str("colour", it.colour);
      ir.str("note", it.note);
      m.items.push_back(std::move(it));
    }
  }
  if (auto* to = r.array("to")) {
    for (std::size_t i = 0; i < to->size() && err.empty(); ++i) {
      Addressee a;
      read_addressee((*to)[i], "/to/" + std::to_string(i), a, &err);
      m.to.push_back(std::move(a));
    }
  }
  if (auto* mv = r.member("meeting"); mv != nullptr && err.empty()) {
    MeetingInfo mt;
    Reader mr(*mv, "/meeting", &err);
    mr.str("uid", mt.uid, true);
    std::int64_t seq = 0;
    mr.integer("sequence", seq);
    mt.sequence = static_cast<int>(seq);
    mr.boolean("cancelled", mt.cancelled);
    mr.instant("start", mt.start);
    mr.instant("end", mt.end);
    mr.str("time_zone", mt.time_zone);
    mr.str("title", mt.title);
    mr.str("location", mt.location);
    if (auto* org = mr.member("organizer"); org != nullptr && err.empty()) {
      read_addressee(*org, "/meeting/organizer", mt.organizer, &err);
    }
    if (auto* att = mr.array("attendees")) {
      for (std::size_t i = 0; i < att->size() && err.empty(); ++i) {
        Addressee a;
        read_addressee((*att)[i], "/meeting/attendees/" + std::to_string(i), a, &err);
        mt.attendees.push_back(std::move(a));
      }
    }
    m.meeting = std::move(mt);
  }
  if (auto* files = r.array("attachments")) {
    for (std::size_t i = 0; i < files->size() && err.empty(); ++i) {
      const std::string ptr = "/attachments/" + std::to_string(i);
      Attachment a;
      std::string encoded;
      Reader ar((*files)[i], ptr, &err);
      ar.str("filename", a.filename, true);
      ar.str("content_type", a.content_type, true);
      ar.str("base64", encoded, true);
      if (!err.empty())
        break;
      auto bytes = base64_decode(encoded);
      if (!bytes) {
        err = ptr + "/base64: expected base64";
        break;
      }
      a.bytes = std::move(*bytes);
      m.attachments.push_back(std::move(a));
    }
  }
  if (!err.empty())
    return Error{"message JSON " + err};
  return m;
}

}  // namespace rectifyd
