// The commands' backend on the database file: office/ actions and store reads, answering with
// the documents the admin API builds from the same functions.

#include <boost/json.hpp>

#include "config/config_diff.h"
#include "core/dates.h"
#include "ctl/backend.h"
#include "ctl/context.h"
#include "ctl/lookup.h"
#include "ledger/ledger_json.h"
#include "ledger/lifecycle.h"
#include "ledger/measure_view.h"
#include "office/measures.h"
#include "office/meetings.h"
#include "office/people.h"
#include "store/ledger_names.h"
#include "store/ledger_store.h"
#include "store/stats_queries.h"

namespace rectifyd::ctl {
namespace json = boost::json;
namespace {

Error needs_daemon(const std::string& what) {
  return Error{what +
               "需要运行中的 rectifyd：请用 --url 与 --token-file 指明它的管理接口（needs a "
               "running rectifyd: give --url and --token-file）"};
}

Result<MeetingChangeView> meeting_change(const Result<office::MeetingResult>& r) {
  if (!r)
    return r.error();
  return MeetingChangeView{r->json, r->summary, r->warnings};
}

class LocalBackend final : public Backend {
 public:
  explicit LocalBackend(Context& ctx) : ctx_(ctx) {}

  Result<std::vector<Person>> people() override {
    auto db = ctx_.db();
    if (!db)
      return db.error();
    return store::LedgerStore(**db).people();
  }

  Result<std::optional<Person>> person_by_name(const std::string& name) override {
    auto db = ctx_.db();
    if (!db)
      return db.error();
    return store::LedgerStore(**db).person_by_name(name);
  }

  Result<Person> add_person(const Person& p) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return office::add_person(**office, ctx_.who(), p);
  }

  Result<Person> edit_person(const Person& p) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return office::edit_person(**office, ctx_.who(), p);
  }

  Result<Person> deactivate_person(Id id) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return office::deactivate_person(**office, ctx_.who(), id);
  }

  Result<MeasureList> measures(const MeasureQuery& q) override {
    auto db = ctx_.db();
    if (!db)
      return db.error();
    store::LedgerStore store(**db);
    auto colours = colouring(ctx_);
    if (!colours)
      return colours.error();
    store::MeasureFilter f;
    f.statuses = q.statuses;
    if (!q.owner.empty()) {
      auto id = person_id(store, q.owner, "--owner");
      if (!id)
        return id.error();
      f.owner_id = *id;
    }
    if (!q.leader.empty()) {
      auto id = person_id(store, q.leader, "--leader");
      if (!id)
        return id.error();
      f.leader_id = *id;
    }
    if (q.overdue)
      f.overdue_as_of = colours->today;
    if (q.due_within)
      f.due_within = store::MeasureFilter::DueWithin{colours->today, *q.due_within};
    if (q.colour)
      f.colour = colours->filter(*q.colour);
    auto names = load_names(store);
    if (!names)
      return names.error();
    auto measures = store.measures(f);
    if (!measures)
      return measures.error();
    MeasureList out;
    out.as_of = format_date(colours->today);
    for (const auto& m : *measures) {
      auto v = measure_from_json(ledger::measure_json(m, *names, *colours));
      if (!v)
        return v.error();
      out.measures.push_back(std::move(*v));
    }
    return out;
  }

  Result<MeasureDetail> measure(Id id) override {
    auto db = ctx_.db();
    if (!db)
      return db.error();
    store::LedgerStore store(**db);
    auto m = store.measure(id);
    if (!m)
      return m.error();
    if (!*m)
      return office::no_measure(id);
    auto names = load_names(store);
    if (!names)
      return names.error();
    auto colours = colouring(ctx_);
    if (!colours)
      return colours.error();
    auto updates = store.progress_updates(id);
    if (!updates)
      return updates.error();
    auto extensions = store.extensions(id);
    if (!extensions)
      return extensions.error();
    json::object o = ledger::measure_json(**m, *names, *colours);
    json::array ups;
    for (const auto& u : *updates)
      ups.push_back(ledger::to_json(u));
    json::array exts;
    for (const auto& e : *extensions)
      exts.push_back(ledger::to_json(e));
    o["progress_updates"] = std::move(ups);
    o["extensions"] = std::move(exts);
    json::array actions;
    for (ledger::Transition t : ledger::allowed_from((*m)->status))
      actions.push_back(
          json::object{{"verb", ledger::to_string(t)}, {"label", ledger::label_zh(t)}});
    o["actions"] = std::move(actions);
    return measure_detail_from_json(o);
  }

  Result<MeasureView> change_measure(Id id, const MeasureChange& c) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    office::Office& o = **office;
    const office::Actor who = ctx_.who();
    Result<Measure> m = Error{"未知的操作 " + c.verb};
    if (c.verb == "assign")
      m = office::assign_owner(o, who, id, c.owner_id);
    else if (c.verb == "due")
      m = office::set_due(o, who, id, c.due);
    else if (c.verb == "progress")
      m = office::record_progress(o, who, id, c.progress, c.text);
    else if (c.verb == "done")
      m = office::report_done(o, who, id, c.text);
    else if (c.verb == "close")
      m = office::close(o, who, id, c.ongoing);
    else if (c.verb == "return")
      m = office::send_back(o, who, id, c.text);
    else if (c.verb == "reopen")
      m = office::reopen(o, who, id, c.text);
    else if (c.verb == "na")
      m = office::mark_not_applicable(o, who, id, c.text);
    if (!m)
      return m.error();
    store::LedgerStore store(o.db());
    auto names = load_names(store);
    if (!names)
      return names.error();
    auto colours = colouring(ctx_);
    if (!colours)
      return colours.error();
    return measure_from_json(ledger::measure_json(*m, *names, *colours));
  }

  Result<Extension> request_extension(Id id, LocalDate due, const std::string& reason) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return office::request_extension(**office, ctx_.who(), id, due, reason);
  }

  Result<DecisionView> decide_extension(Id id, bool approve, const std::string& reason) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    auto d = approve ? office::approve_extension(**office, ctx_.who(), id)
                     : office::reject_extension(**office, ctx_.who(), id, reason);
    if (!d)
      return d.error();
    return decision_from_json(json::object{{"extension", ledger::to_json(d->extension)},
                                           {"measure", ledger::to_json(d->measure)}});
  }

  Result<StatsView> stats() override {
    auto today = ctx_.today();
    if (!today)
      return today.error();
    auto db = ctx_.db();
    if (!db)
      return db.error();
    auto s = store::compute_stats(**db, *today);
    if (!s)
      return s.error();
    auto v = ledger::to_json(*s);
    v.as_object()["as_of"] = format_date(*today);
    return stats_from_json(v);
  }

  Result<MeetingList> meetings(int weeks) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    auto s = office::meeting_setup(**office);
    if (!s)
      return s.error();
    auto occs = office::upcoming_meetings(**office, *s, weeks);
    if (!occs)
      return occs.error();
    MeetingList out;
    out.time_zone = s->config->unit.time_zone;
    out.title = s->config->meeting.title;
    out.location = s->config->meeting.location;
    for (const auto& o : *occs) {
      auto m = meeting_from_json(s->to_json(o));
      if (!m)
        return m.error();
      out.meetings.push_back(std::move(*m));
    }
    return out;
  }

  Result<MeetingChangeView> move_meeting(LocalDate day, const std::string& to,
                                         const std::string& note) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return meeting_change(office::move_meeting(**office, ctx_.who(), day, to, note));
  }

  Result<MeetingChangeView> cancel_meeting(LocalDate day, const std::string& note) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return meeting_change(office::cancel_meeting(**office, ctx_.who(), day, note));
  }

  Result<MeetingChangeView> add_meeting(const std::string& start,
                                        const std::string& note) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return meeting_change(office::add_meeting(**office, ctx_.who(), start, note));
  }

  Result<MeetingChangeView> send_notice(LocalDate day) override {
    auto office = ctx_.office();
    if (!office)
      return office.error();
    return meeting_change(office::send_notice_now(**office, ctx_.who(), day));
  }

  Result<ConfigView> config() override {
    auto c = ctx_.config();
    if (!c)
      return c.error();
    return ConfigView{config::redacted_toml(**c), config::redacted_json(**c)};
  }

  Result<ConfigApplied> put_config(const std::string&) override {
    return needs_daemon("以文件替换配置（config put）");
  }
  Result<ConfigApplied> patch_config(const json::object&) override {
    return needs_daemon("修改配置项（config set）");
  }
  Result<ConfigApplied> reload_config() override {
    return needs_daemon("重新加载配置（config reload）");
  }

 private:
  Context& ctx_;
};

}  // namespace

std::unique_ptr<Backend> local_backend(Context& ctx) {
  return std::make_unique<LocalBackend>(ctx);
}

}  // namespace rectifyd::ctl
