#include "engine/ledger_view_cache.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "store/meeting_overrides.h"

namespace rectifyd::engine {
namespace {

bool is_open(MeasureStatus s) {
  return s == MeasureStatus::open || s == MeasureStatus::in_progress ||
         s == MeasureStatus::done_reported;
}

/// What LedgerView::measures_done counts.
bool is_done(MeasureStatus s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

void sort_unique(std::vector<Id>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

template <class T, class Key>
auto by_id(std::vector<T>& v, Id id, Key key) {
  return std::lower_bound(v.begin(), v.end(), id,
                          [&](const T& x, Id wanted) { return key(x) < wanted; });
}

auto slot_id = [](const store::MeasureSlot& s) { return s.id; };
auto item_id = [](const plan::DeadlineItem& it) { return it.measure_id; };
auto rule_id = [](const plan::ObligationRule& r) { return r.id; };
auto extension_id = [](const Extension& e) { return e.id; };
auto pair_key = [](const std::pair<Id, Id>& p) { return p.first; };

void erase_item(std::vector<plan::DeadlineItem>& items, Id id) {
  auto it = by_id(items, id, item_id);
  if (it != items.end() && it->measure_id == id)
    items.erase(it);
}

void insert_item(std::vector<plan::DeadlineItem>& items, plan::DeadlineItem item) {
  auto it = by_id(items, item.measure_id, item_id);
  items.insert(it, std::move(item));
}

/// Upserts (key, value) into a vector of pairs sorted by key, or erases key when `value` is
/// nullopt.
void set_pair(std::vector<std::pair<Id, Id>>& v, Id key, std::optional<Id> value) {
  auto it = by_id(v, key, pair_key);
  const bool found = it != v.end() && it->first == key;
  if (!value) {
    if (found)
      v.erase(it);
  } else if (found) {
    it->second = *value;
  } else {
    v.insert(it, {key, *value});
  }
}

}  // namespace

SyncStats LedgerViewCache::sync(store::Database& db, Instant now, const LedgerChange& change) {
  SyncStats stats;
  if (!loaded_ || change.everything || store::data_version(db) != data_version_) {
    read_whole(db, now);
    stats.full = true;
    return stats;
  }
  try {
    store::LedgerRowReader reader(db);
    // The rows first, against the window of the last sync; then the window moves, reading what
    // a clock set back brings in from the rows as they are now.
    if (!patch(reader, change)) {
      read_whole(db, now);
      stats.full = true;
      return stats;
    }
    move_window(reader, now);
    stats.rows = reader.rows();
  } catch (...) {
    loaded_ = false;
    throw;
  }
  return stats;
}

void LedgerViewCache::read_whole(store::Database& db, Instant now) {
  loaded_ = false;
  view_ = store::read_ledger_view(db, now);
  slots_ = store::read_measure_slots(db);
  recurrences_ = store::read_recurrence_measures(db);
  problems_ = store::read_problem_categories(db);
  zone_counts_.clear();
  for (const auto& [id, p] : view_.people) {
    if (!p.time_zone.empty())
      ++zone_counts_[p.time_zone];
  }
  since_ = store::closed_recently_since(now);
  data_version_ = store::data_version(db);
  loaded_ = true;
}

void LedgerViewCache::move_window(store::LedgerRowReader& reader, Instant now) {
  const Instant since = store::closed_recently_since(now);
  auto& closed = view_.closed_recently;
  if (since > since_) {
    auto first_kept = std::find_if(closed.begin(), closed.end(),
                                   [&](const auto& c) { return c.second >= since; });
    for (auto it = closed.begin(); it != first_kept; ++it) {
      if (!has_pending_extension(it->first))
        view_.measure_labels.erase(it->first);
    }
    closed.erase(closed.begin(), first_kept);
  } else if (since < since_) {
    // The clock was set back: the weeks now inside the window come before every entry kept.
    std::vector<std::pair<Id, Instant>> earlier;
    for (auto& c : reader.closed_between(since, since_)) {
      earlier.emplace_back(c.id, c.closed_at);
      view_.measure_labels[c.id] = std::move(c.label);
    }
    closed.insert(closed.begin(), earlier.begin(), earlier.end());
  }
  since_ = since;
}

bool LedgerViewCache::patch(store::LedgerRowReader& reader, const LedgerChange& change) {
  // A problem's measures carry its number (the label) and its leader; a deleted category or
  // problem took its rows with it (ON DELETE CASCADE), so they are found in memory.
  std::vector<Id> problems = change.problems;
  for (Id category : change.categories) {
    if (reader.category_exists(category))
      continue;
    for (const auto& [problem, cat] : problems_) {
      if (cat == category)
        problems.push_back(problem);
    }
  }
  sort_unique(problems);
  std::vector<Id> measures = change.measures;
  std::vector<Id> vanished;
  for (Id problem : problems) {
    const std::optional<Id> category = reader.problem_category(problem);
    set_pair(problems_, problem, category);
    if (!category) {
      vanished.push_back(problem);
      continue;
    }
    for (Id m : reader.measures_of_problem(problem))
      measures.push_back(m);
  }
  if (!vanished.empty()) {
    for (const auto& s : slots_) {
      if (std::binary_search(vanished.begin(), vanished.end(), s.problem_id))
        measures.push_back(s.id);
    }
  }
  sort_unique(measures);
  if (measures.size() > kMaxPatchedMeasures)
    return false;

  // A measure's recurrences carry its label, owner, leader and status; those it had may be gone
  // with it, those it has now may be new.
  std::vector<Id> recurrences = change.obligations;
  for (const auto& [recurrence, measure] : recurrences_) {
    if (change.all_obligations || std::binary_search(measures.begin(), measures.end(), measure))
      recurrences.push_back(recurrence);
  }
  if (change.all_obligations) {
    for (const auto& [recurrence, measure] : store::read_recurrence_measures(reader.database()))
      recurrences.push_back(recurrence);
  }
  for (Id m : measures) {
    resync_measure(reader, m);
    for (Id r : reader.recurrences_of_measure(m))
      recurrences.push_back(r);
  }
  sort_unique(recurrences);
  for (Id r : recurrences)
    resync_recurrence(reader, r);

  if (!change.people.empty()) {
    for (Id p : change.people)
      resync_person(reader, p);
    view_.person_zones.clear();
    for (const auto& [zone, n] : zone_counts_)
      view_.person_zones.push_back(zone);
  }

  if (change.meetings) {
    auto overrides = store::load_meeting_overrides(reader.database());
    if (!overrides)
      throw std::runtime_error(overrides.error().message);
    view_.meeting_overrides = std::move(*overrides);
  }
  return true;
}

bool LedgerViewCache::has_pending_extension(Id measure_id) const {
  return std::any_of(view_.pending_extensions.begin(), view_.pending_extensions.end(),
                     [&](const Extension& e) { return e.measure_id == measure_id; });
}

void LedgerViewCache::take_out(const store::MeasureSlot& slot) {
  --view_.measures_total;
  if (is_done(slot.status))
    --view_.measures_done;
  if (is_open(slot.status)) {
    if (!slot.due) {
      erase_item(view_.undated, slot.id);
    } else if (auto g = view_.open_by_due.find(*slot.due); g != view_.open_by_due.end()) {
      erase_item(g->second, slot.id);
      if (g->second.empty())
        view_.open_by_due.erase(g);
    }
  }
  if (slot.status == MeasureStatus::closed) {
    auto& closed = view_.closed_recently;
    closed.erase(std::remove_if(closed.begin(), closed.end(),
                                [&](const auto& c) { return c.first == slot.id; }),
                 closed.end());
  }
}

void LedgerViewCache::resync_measure(store::LedgerRowReader& reader, Id id) {
  auto slot = by_id(slots_, id, slot_id);
  const bool had = slot != slots_.end() && slot->id == id;
  if (had)
    take_out(*slot);
  auto& extensions = view_.pending_extensions;
  extensions.erase(std::remove_if(extensions.begin(), extensions.end(),
                                  [&](const Extension& e) { return e.measure_id == id; }),
                   extensions.end());

  std::optional<store::MeasureRow> row = reader.measure(id);
  if (!row) {
    if (had)
      slots_.erase(slot);
    view_.measure_labels.erase(id);
    return;
  }
  const MeasureStatus status = row->item.status;
  // In place: erasing and inserting would move every slot after it (a million of them).
  const store::MeasureSlot fresh{id, row->item.problem_id, status,
                                 is_open(status) ? row->due : std::nullopt};
  if (had)
    *slot = fresh;
  else
    slots_.insert(slot, fresh);
  ++view_.measures_total;
  if (is_done(status))
    ++view_.measures_done;

  const bool closed_recently =
      status == MeasureStatus::closed && row->closed_at && *row->closed_at >= since_;
  if (closed_recently) {
    auto& closed = view_.closed_recently;
    const std::pair<Id, Instant> entry{id, *row->closed_at};
    auto at =
        std::lower_bound(closed.begin(), closed.end(), entry, [](const auto& a, const auto& b) {
          return std::tie(a.second, a.first) < std::tie(b.second, b.first);
        });
    closed.insert(at, entry);
  }
  std::vector<Extension> pending = reader.pending_extensions(id);
  for (auto& e : pending) {
    auto at = by_id(extensions, e.id, extension_id);
    extensions.insert(at, std::move(e));
  }
  if (closed_recently || !pending.empty())
    view_.measure_labels[id] = row->item.label;
  else
    view_.measure_labels.erase(id);

  if (is_open(status)) {
    if (row->due)
      insert_item(view_.open_by_due[*row->due], std::move(row->item));
    else
      insert_item(view_.undated, std::move(row->item));
  }
}

void LedgerViewCache::resync_recurrence(store::LedgerRowReader& reader, Id id) {
  auto& rules = view_.obligations;
  auto rule = by_id(rules, id, rule_id);
  if (rule != rules.end() && rule->id == id)
    rule = rules.erase(rule);
  auto& done = view_.completed_occurrences;
  auto first = std::lower_bound(done.begin(), done.end(), id,
                                [](const auto& o, Id wanted) { return o.first < wanted; });
  auto last = std::find_if(first, done.end(), [&](const auto& o) { return o.first != id; });
  first = done.erase(first, last);

  std::optional<store::RecurrenceRow> row = reader.recurrence(id);
  set_pair(recurrences_, id, row ? std::optional<Id>(row->measure_id) : std::nullopt);
  if (!row)
    return;
  if (row->rule)
    rules.insert(rule, std::move(*row->rule));
  std::vector<std::pair<Id, LocalDate>> dues;
  for (LocalDate d : reader.completed_dues(id))
    dues.emplace_back(id, d);
  done.insert(first, dues.begin(), dues.end());
}

void LedgerViewCache::resync_person(store::LedgerRowReader& reader, Id id) {
  auto forget_zone = [&](const std::string& zone) {
    if (zone.empty())
      return;
    auto z = zone_counts_.find(zone);
    if (z != zone_counts_.end() && --z->second == 0)
      zone_counts_.erase(z);
  };
  auto& people = view_.people;
  auto old = people.find(id);
  if (old != people.end()) {
    forget_zone(old->second.time_zone);
    people.erase(old);
  }
  if (std::optional<Person> p = reader.person(id)) {
    if (!p->time_zone.empty())
      ++zone_counts_[p->time_zone];
    people.emplace(id, std::move(*p));
  }
}

}  // namespace rectifyd::engine
