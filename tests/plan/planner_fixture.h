#pragma once
// A small unit (owner 王五, leader 李四, chief 张三, office 赵六, owner 钱七) and a planner run
// loop that steps from wake to wake as the daemon does, for the planner and engine tests.

#include <string>
#include <vector>

#include "config/config.h"
#include "core/dates.h"
#include "plan/planner.h"
#include "time/calendar.h"
#include "time/zone.h"

namespace rectifyd::plan::testing {

inline LocalDate day(const char* iso) {
  return *parse_date(iso);
}

inline Person person(Id id, const char* name, Role role, const char* email) {
  Person p;
  p.id = id;
  p.name = name;
  p.email = email;
  p.roles.add(role);
  return p;
}

inline std::map<Id, Person> unit_people() {
  std::map<Id, Person> people;
  people[1] = person(1, "王五", Role::owner, "wangwu@example.org");
  people[2] = person(2, "李四", Role::leader, "lisi@example.org");
  people[3] = person(3, "张三", Role::chief, "zhangsan@example.org");
  people[4] = person(4, "赵六", Role::office, "zhaoliu@example.org");
  people[5] = person(5, "钱七", Role::owner, "qianqi@example.org");
  return people;
}

inline DeadlineItem item(Id measure_id, const char* due, const char* label, const char* text,
                         Id owner = 1, Id leader = 2) {
  DeadlineItem it;
  it.measure_id = measure_id;
  it.due = day(due);
  it.label = label;
  it.text = text;
  it.problem_id = 1;
  it.owner_id = owner;
  it.leader_id = leader;
  return it;
}

inline void add(LedgerView& ledger, DeadlineItem it) {
  ledger.open_by_due[it.due].push_back(std::move(it));
}

/// "MM-DD HH:MM" of an instant in a zone.
inline std::string local_minute(const date::time_zone* zone, Instant t) {
  return date::format("%m-%d %H:%M", date::floor<std::chrono::minutes>(zone->to_local(t)));
}

struct Fired {
  Instant at;  ///< the run that produced it
  Intent intent;
};

/// The planner driven the way the engine drives it, without a database.
struct PlannerSim {
  config::Config config;
  Calendar calendar = Calendar::with_builtin_holidays();
  const date::time_zone* zone = *find_zone("Asia/Shanghai");
  LedgerView ledger;
  ScheduleState state;

  PlannerSim() {
    config.meeting.enabled = false;
    ledger.people = unit_people();
  }

  void set_zone(const char* name) {
    config.unit.time_zone = name;
    zone = *find_zone(name);
  }

  Instant local(const char* iso_day, int hour, int minute = 0) const {
    return resolve_local(zone, day(iso_day),
                         std::chrono::hours{hour} + std::chrono::minutes{minute});
  }

  PlanOutput run(Instant now) {
    ledger.person_zones = person_zones_of(ledger.people);
    PlanInput in{config, calendar, zone, ledger, state, now};
    PlanOutput out = plan(in);
    for (const auto& [k, v] : out.state_changes) {
      if (v.empty())
        state.erase(k);
      else
        state[k] = v;
    }
    return out;
  }

  /// Runs at `start`, then at every wake up to `until`; every intent with the run's time.
  std::vector<Fired> simulate(Instant start, Instant until) {
    std::vector<Fired> fired;
    Instant now = start;
    for (int guard = 0; guard < 10000; ++guard) {
      PlanOutput out = run(now);
      for (auto& i : out.intents)
        fired.push_back({now, std::move(i)});
      if (!out.next_wake || *out.next_wake > until)
        break;
      now = *out.next_wake;
    }
    return fired;
  }

  /// "MM-DD HH:MM" of an instant in the unit's zone.
  std::string local_minute_of(Instant t) const { return local_minute(zone, t); }

  /// "02-05 09:00 王五 reminder 整改提醒：1项措施即将到期".
  std::string brief(const Fired& f) const {
    return local_minute(zone, f.at) + " " + f.intent.recipient + " " + f.intent.message.kind + " " +
           f.intent.message.subject;
  }
  std::vector<std::string> briefs(const std::vector<Fired>& fired) const {
    std::vector<std::string> out;
    for (const auto& f : fired)
      out.push_back(brief(f));
    return out;
  }
};

}  // namespace rectifyd::plan::testing
