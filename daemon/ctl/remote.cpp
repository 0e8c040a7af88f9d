#include "ctl/remote.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <curl/curl.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "core/json_text.h"
#include "ctl/context.h"

namespace rectifyd::ctl {
namespace json = boost::json;
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

/// The failure kind an HTTP status stands for, as admin::status_of maps it the other way.
ErrorKind kind_of_status(long status) {
  switch (status) {
    case 404:
      return ErrorKind::not_found;
    case 409:
      return ErrorKind::conflict;
    case 401:
    case 403:
      return ErrorKind::forbidden;
    default:
      return status >= 500 ? ErrorKind::internal : ErrorKind::invalid;
  }
}

/// Prints a reply: the JSON pretty enough to read, or the error's message on stderr; the exit
/// status is the one the local command gives for the same kind of failure.
int report(const Result<RemoteReply>& r) {
  if (!r) {
    std::cerr << "rectifyctl: 错误：" << r.error().message << "\n";
    return 1;
  }
  boost::system::error_code ec;
  json::value v = json::parse(r->body, ec);
  if (r->status >= 200 && r->status < 300) {
    if (ec) {
      std::cout << r->body;
      return 0;
    }
    // Warnings (a meeting moved to a non-working day) go to stderr, as the local commands
    // print them.
    if (const auto* o = v.if_object()) {
      if (const auto* w = o->if_contains("warnings"); w && w->is_array()) {
        for (const auto& line : w->get_array()) {
          if (line.is_string())
            std::cerr << "rectifyctl: 注意：" << line.get_string() << "\n";
        }
      }
    }
    std::cout << json_pretty(v) << "\n";
    return 0;
  }
  std::string message = r->body;
  if (!ec && v.is_object() && v.as_object().contains("error")) {
    const auto& e = v.at("error").as_object();
    message = std::string(e.at("message").as_string());
    if (auto* loc = e.if_contains("location"); loc && loc->is_string())
      message += "（位置 " + std::string(loc->as_string()) + "）";
    if (auto* d = e.if_contains("details"); d && d->is_array()) {
      for (const auto& line : d->as_array()) {
        if (line.is_string())
          message += "\n  " + std::string(line.as_string());
        else if (line.is_object() && line.as_object().contains("text"))
          message += "\n  " + std::string(line.at("text").as_string());
      }
    }
  }
  std::cerr << "rectifyctl: 错误（HTTP " << r->status << "）：" << message << "\n";
  return exit_status(kind_of_status(r->status));
}

Result<std::string> read_all(const std::string& path) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"无法读取文件 " + path + "（cannot read " + path + "）"};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string object_text(const json::object& o) {
  return json::serialize(o);
}

}  // namespace

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<RemoteTarget> remote_target(int argc, char** argv) {
  RemoteTarget t;
  if (const char* u = std::getenv("RECTIFYD_URL"))
    t.url = u;
  if (const char* f = std::getenv("RECTIFYD_TOKEN_FILE"))
    t.token_file = f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const std::string& name, std::string& out) {
      if (a == name && i + 1 < argc) {
        out = argv[++i];
        return true;
      }
      if (a.starts_with(name + "=")) {
        out = a.substr(name.size() + 1);
        return true;
      }
      return false;
    };
    if (value("--url", t.url) || value("--token-file", t.token_file))
      continue;
  }
  if (t.url.empty())
    return std::nullopt;
  return t;
}

Result<RemoteClient> RemoteClient::open(const RemoteTarget& target, std::string actor) {
  RemoteClient c;
  if (target.token_file.empty())
    return Error{"--url 需要同时给出 --token-file（或 RECTIFYD_TOKEN_FILE）：存放管理令牌的文件"};
  auto token = read_all(target.token_file);
  if (!token)
    return token.error();
  c.token_ = *token;
  while (!c.token_.empty() &&
         (c.token_.back() == '\n' || c.token_.back() == '\r' || c.token_.back() == ' '))
    c.token_.pop_back();
  if (c.token_.empty())
    return Error{"令牌文件 " + target.token_file + " 是空的（the token file is empty）"};
  if (target.url.starts_with("unix:")) {
    c.unix_socket_ = target.url.substr(5);
    c.base_ = "http://localhost";
  } else {
    c.base_ = target.url;
    while (!c.base_.empty() && c.base_.back() == '/')
      c.base_.pop_back();
  }
  c.actor_ = std::move(actor);
  return c;
}

Result<RemoteReply> RemoteClient::call(const std::string& method, const std::string& path,
                                       const std::string& body,
                                       const std::string& content_type) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl)
    return Error{"libcurl 初始化失败"};
  RemoteReply reply;
  curl_slist* headers = nullptr;
  const std::string auth = "Authorization: Bearer " + token_;
  headers = curl_slist_append(headers, auth.c_str());
  headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
  headers = curl_slist_append(headers, "Expect:");
  if (!actor_.empty())
    headers = curl_slist_append(headers, ("X-Rectifyd-Actor: " + actor_).c_str());
  const std::string url = base_ + path;
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method != "GET") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  if (!unix_socket_.empty())
    curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, unix_socket_.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK)
    return Error{"无法连接 rectifyd（" + (unix_socket_.empty() ? base_ : "unix:" + unix_socket_) +
                 "）：" + curl_easy_strerror(rc)};
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

int remote_main(const RemoteTarget& target, int argc, char** argv) {
  CLI::App app{"rectifyctl（远程模式，经由 rectifyd 管理接口）"};
  app.require_subcommand(1);
  std::string url_ignored;
  std::string token_ignored;
  std::string actor;
  app.add_option("--url", url_ignored, "rectifyd 管理接口地址 (admin API URL)");
  app.add_option("--token-file", token_ignored, "令牌文件 (file holding the bearer token)");
  app.add_option("--actor", actor, "记入审计日志的操作人 (who is acting)");
  bool json_ignored = false;
  app.add_flag("--json", json_ignored, "输出 JSON（远程模式总是输出 JSON）");
  int status = 0;
  std::unique_ptr<RemoteClient> client;
  auto run = [&](auto&& f) {
    return [&, f] {
      if (!client) {
        auto c = RemoteClient::open(target, actor);
        if (!c) {
          status = report(c.error());
          return;
        }
        client = std::make_unique<RemoteClient>(std::move(*c));
      }
      status = report(f(*client));
    };
  };

  // people list|add
  auto* people = app.add_subcommand("people", "人员 (people)");
  people->require_subcommand(1);
  people->add_subcommand("list", "列出人员")->callback(run([](const RemoteClient& c) {
    return c.call("GET", "/api/v1/people?limit=1000");
  }));
  auto person = std::make_shared<json::object>();
  auto name = std::make_shared<std::string>();
  auto* padd = people->add_subcommand("add", "添加人员");
  padd->add_option("name", *name)->required();
  auto fields = std::make_shared<std::map<std::string, std::string>>();
  for (const char* f :
       {"title", "department", "email", "mobile", "roles", "wecom_id", "dingtalk_id", "feishu_id"})
    padd->add_option(std::string("--") + f, (*fields)[f]);
  padd->add_option("--tz", (*fields)["time_zone"], "本人时区 (own time zone)");
  padd->callback(run([name, fields](const RemoteClient& c) {
    json::object o{{"name", *name}};
    for (const auto& [k, v] : *fields) {
      if (!v.empty())
        o[k] = v;
    }
    return c.call("POST", "/api/v1/people", object_text(o));
  }));

  // ledger list
  auto* ledger = app.add_subcommand("ledger", "整改台账 (the ledger)");
  ledger->require_subcommand(1);
  auto q = std::make_shared<std::map<std::string, std::string>>();
  auto overdue = std::make_shared<bool>(false);
  auto* list = ledger->add_subcommand("list", "列出整改措施");
  for (const char* f : {"owner", "leader", "status", "colour", "due-within"})
    list->add_option(std::string("--") + f, (*q)[f]);
  list->add_flag("--overdue", *overdue);
  list->callback(run([q, overdue](const RemoteClient& c) {
    std::string query = "?limit=1000";
    for (const auto& [k, v] : *q) {
      if (!v.empty())
        query += "&" + (k == "due-within" ? std::string("due_within") : k) + "=" + url_encode(v);
    }
    if (*overdue)
      query += "&overdue=true";
    return c.call("GET", "/api/v1/measures" + query);
  }));

  // measure show|assign|due|progress|done|close|reopen|na|extend|approve-|reject-extension
  auto* measure = app.add_subcommand("measure", "整改措施 (one measure)");
  measure->require_subcommand(1);
  struct Args {
    long long id = 0;
    std::string text;
    int number = 0;
    std::string note;
    bool ongoing = false;
  };
  auto a = std::make_shared<Args>();
  auto* show = measure->add_subcommand("show", "查看措施");
  show->add_option("id", a->id)->required();
  show->callback(run([a](const RemoteClient& c) {
    return c.call("GET", "/api/v1/measures/" + std::to_string(a->id));
  }));
  auto action = [&](const char* verb, const char* help, auto body) {
    auto* cmd = measure->add_subcommand(verb, help);
    cmd->add_option("id", a->id)->required();
    cmd->callback(run([a, verb, body](const RemoteClient& c) {
      return c.call("POST", "/api/v1/measures/" + std::to_string(a->id) + "/" + verb,
                    object_text(body(*a)));
    }));
    return cmd;
  };
  action("assign", "指定责任人",
         [](const Args& x) {
           return json::object{{"owner", x.text}};
         })
      ->add_option("owner", a->text)
      ->required();
  action("due", "设定时限",
         [](const Args& x) {
           return json::object{{"due", x.text}};
         })
      ->add_option("date", a->text)
      ->required();
  auto* progress = action("progress", "报告进度", [](const Args& x) {
    return json::object{{"progress", x.number}, {"note", x.note}};
  });
  progress->add_option("percent", a->number)->required();
  progress->add_option("--note", a->note);
  action("done", "报告完成", [](const Args& x) {
    return json::object{{"evidence", x.note}};
  })->add_option("--evidence", a->note);
  action("close", "销号", [](const Args& x) {
    return json::object{{"ongoing", x.ongoing}};
  })->add_flag("--ongoing", a->ongoing);
  action("reopen", "重新打开", [](const Args& x) {
    return json::object{{"reason", x.note}};
  })->add_option("--reason", a->note);
  action("return", "退回", [](const Args& x) {
    return json::object{{"reason", x.note}};
  })->add_option("--reason", a->note);
  action("na", "无需整改", [](const Args& x) {
    return json::object{{"reason", x.note}};
  })->add_option("--reason", a->note);
  auto* extend = action("extend", "申请延期", [](const Args& x) {
    return json::object{{"due", x.text}, {"reason", x.note}};
  });
  extend->add_option("date", a->text)->required();
  extend->add_option("--reason", a->note);
  for (auto [verb, path] :
       {std::pair{"approve-extension", "approve"}, std::pair{"reject-extension", "reject"}}) {
    auto* cmd = measure->add_subcommand(verb, "审批延期");
    cmd->add_option("extension", a->id)->required();
    if (std::string_view(path) == "reject")
      cmd->add_option("--reason", a->note);
    cmd->callback(run([a, p = std::string(path)](const RemoteClient& c) {
      return c.call("POST", "/api/v1/extensions/" + std::to_string(a->id) + "/" + p,
                    object_text(json::object{{"reason", a->note}}));
    }));
  }

  // stats
  app.add_subcommand("stats", "统计 (stats)")->callback(run([](const RemoteClient& c) {
    return c.call("GET", "/api/v1/stats");
  }));

  // config show|validate|put|set|reload
  auto* config = app.add_subcommand("config", "配置 (configuration)");
  config->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  config->add_subcommand("show", "当前配置（密钥已隐去）")->callback(run([](const RemoteClient& c) {
    return c.call("GET", "/api/v1/config");
  }));
  for (auto [verb, method, path] : {std::tuple{"validate", "POST", "/api/v1/config/validate"},
                                    std::tuple{"put", "PUT", "/api/v1/config"}}) {
    auto* cmd = config->add_subcommand(
        verb, std::string(verb) == "put" ? "以文件替换配置并重新加载" : "校验配置文件");
    cmd->add_option("file", *file)->required();
    cmd->callback(run([file, m = std::string(method),
                       p = std::string(path)](const RemoteClient& c) -> Result<RemoteReply> {
      auto text = read_all(*file);
      if (!text)
        return text.error();
      return c.call(m, p, *text, "application/toml");
    }));
  }
  auto* set = config->add_subcommand("set", "修改若干配置项：KEY=VALUE（VALUE 为 JSON 或文本）");
  set->add_option("assignments", *sets)->required();
  set->callback(run([sets](const RemoteClient& c) -> Result<RemoteReply> {
    json::object changes;
    for (const auto& s : *sets) {
      auto eq = s.find('=');
      if (eq == std::string::npos || eq == 0)
        return Error{"应为 KEY=VALUE，例如 meeting.start=16:00，收到“" + s + "”"};
      const std::string value = s.substr(eq + 1);
      boost::system::error_code ec;
      json::value v = json::parse(value, ec);
      changes[s.substr(0, eq)] = ec ? json::value(value) : v;
    }
    return c.call("PATCH", "/api/v1/config", object_text(changes));
  }));
  config->add_subcommand("reload", "重新加载配置文件")->callback(run([](const RemoteClient& c) {
    return c.call("POST", "/api/v1/config/reload");
  }));

  // meeting list|move|cancel|add|notice
  auto* meeting = app.add_subcommand("meeting", "每周推进会 (meetings)");
  meeting->require_subcommand(1);
  struct MeetingArgs {
    int weeks = 4;
    std::string day;
    std::string to;
    std::string note;
  };
  auto m = std::make_shared<MeetingArgs>();
  auto* mlist = meeting->add_subcommand("list", "今后几周的推进会");
  mlist->add_option("--weeks", m->weeks);
  mlist->callback(run([m](const RemoteClient& c) {
    return c.call("GET", "/api/v1/meetings?weeks=" + std::to_string(m->weeks));
  }));
  auto* mmove = meeting->add_subcommand("move", "推进会改期");
  mmove->add_option("date", m->day)->required();
  mmove->add_option("--to", m->to)->required();
  mmove->add_option("--note", m->note);
  mmove->callback(run([m](const RemoteClient& c) {
    return c.call("POST", "/api/v1/meetings/" + url_encode(m->day) + "/move",
                  object_text(json::object{{"to", m->to}, {"note", m->note}}));
  }));
  auto* mcancel = meeting->add_subcommand("cancel", "取消一次推进会");
  mcancel->add_option("date", m->day)->required();
  mcancel->add_option("--note", m->note);
  mcancel->callback(run([m](const RemoteClient& c) {
    return c.call("POST", "/api/v1/meetings/" + url_encode(m->day) + "/cancel",
                  object_text(json::object{{"note", m->note}}));
  }));
  auto* madd = meeting->add_subcommand("add", "加开一次推进会");
  madd->add_option("start", m->day)->required();
  madd->add_option("--note", m->note);
  madd->callback(run([m](const RemoteClient& c) {
    return c.call("POST", "/api/v1/meetings",
                  object_text(json::object{{"start", m->day}, {"note", m->note}}));
  }));
  auto* mnotice = meeting->add_subcommand("notice", "立即发送会议通知");
  mnotice->add_option("date", m->day)->required();
  mnotice->callback(run([m](const RemoteClient& c) {
    return c.call("POST", "/api/v1/meetings/" + url_encode(m->day) + "/notice");
  }));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return status;
}

}  // namespace rectifyd::ctl
