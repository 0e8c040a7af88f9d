#include "office/owner_reports.h"

#include <algorithm>

#include "core/dates.h"
#include "ledger/colour.h"
#include "ledger/label.h"
#include "office/measures.h"
#include "office/personal_links.h"
#include "store/calendar_days.h"
#include "store/ledger_store.h"
#include "time/calendar_import.h"

namespace rectifyd::office {
namespace {

std::int64_t seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// The measure when it is the owner's and open work; not_your_item otherwise.
Result<Measure> own_measure(Office& o, const Person& owner, Id id) {
  auto m = store::LedgerStore(o.db()).measure(id);
  if (!m)
    return Error{m.error().message, ErrorKind::internal};
  if (!*m || (*m)->owner_id != owner.id)
    return not_your_item();
  return **m;
}

/// The office's last word: the newest history line or decision not made by the owner.
std::string office_said(const std::vector<ProgressUpdate>& history,
                        const std::vector<Extension>& extensions, const Person& owner) {
  const std::string mine = link_actor(owner).name;
  std::optional<Instant> at;
  std::string said;
  for (const auto& u : history) {
    if (u.actor != mine && u.actor != owner.name && (!at || u.at >= *at)) {
      at = u.at;
      said = u.note;
    }
  }
  for (const auto& e : extensions) {
    if (e.decided_at && (!at || *e.decided_at >= *at)) {
      at = e.decided_at;
      said = std::string(e.state == ExtensionState::approved ? "同意延期至 " : "不同意延期至 ") +
             format_date(e.new_due);
    }
  }
  return said;
}

}  // namespace

Error not_your_item() {
  return not_found("该事项不存在或不由您负责（no such item of yours）", "/measure");
}

Result<std::vector<OwnerItem>> owner_items(Office& o, const Person& owner) {
  store::LedgerStore store(o.db());
  store::MeasureFilter filter;
  filter.owner_id = owner.id;
  filter.statuses = {MeasureStatus::open, MeasureStatus::in_progress, MeasureStatus::done_reported};
  auto measures = store.measures(filter);
  if (!measures)
    return Error{measures.error().message, ErrorKind::internal};
  const config::Snapshot cfg = o.config();
  const Calendar calendar = load_calendar(o.db(), cfg->calendar);
  const LocalDate today = o.today();
  std::vector<OwnerItem> items;
  items.reserve(measures->size());
  std::map<Id, Problem> problems;
  for (const auto& m : *measures) {
    OwnerItem it;
    it.measure = m;
    auto p = problems.find(m.problem_id);
    if (p == problems.end()) {
      auto loaded = store.problem(m.problem_id);
      if (!loaded)
        return Error{loaded.error().message, ErrorKind::internal};
      p = problems.emplace(m.problem_id, loaded->value_or(Problem{})).first;
    }
    it.label = ledger::measure_label(p->second.number, m.ordinal);
    it.problem_title = p->second.title;
    ledger::ColourInput ci;
    ci.status = m.status;
    ci.due = m.due;
    ci.today = today;
    ci.yellow_within_days = cfg->deadlines.yellow_within_workdays;
    ci.planned_progress = m.planned_progress;
    ci.progress = m.progress;
    ci.calendar = &calendar;
    it.colour = std::string(ledger::to_string(ledger::colour_of(ci)));
    if (m.due) {
      if (*m.due >= today)
        it.workdays = calendar.workdays_between(today, *m.due);
      else
        it.workdays = -calendar.workdays_between(*m.due, today);
    }
    auto history = store.progress_updates(m.id);
    if (!history)
      return Error{history.error().message, ErrorKind::internal};
    it.history = std::move(*history);
    auto extensions = store.extensions(m.id);
    if (!extensions)
      return Error{extensions.error().message, ErrorKind::internal};
    for (const auto& e : *extensions) {
      if (e.state == ExtensionState::pending)
        it.pending_extension = e;
    }
    it.office_said = office_said(it.history, *extensions, owner);
    it.can_extend = m.due && *m.due > today && !it.pending_extension &&
                    m.status != MeasureStatus::done_reported;
    auto files = store::EvidenceFiles(o.db()).of_measure(m.id);
    if (!files)
      return files.error();
    it.files = std::move(*files);
    items.push_back(std::move(it));
  }
  auto rank = [](const OwnerItem& i) {
    return i.colour == "red" ? 0 : i.colour == "yellow" ? 1 : 2;
  };
  std::stable_sort(items.begin(), items.end(), [&](const OwnerItem& a, const OwnerItem& b) {
    if (rank(a) != rank(b))
      return rank(a) < rank(b);
    if (a.measure.due.has_value() != b.measure.due.has_value())
      return a.measure.due.has_value();
    if (a.measure.due != b.measure.due)
      return *a.measure.due < *b.measure.due;
    return a.measure.id < b.measure.id;
  });
  return items;
}

Result<Measure> owner_progress(Office& o, const Person& owner, Id measure, int progress,
                               std::string_view note) {
  if (auto m = own_measure(o, owner, measure); !m)
    return m.error();
  return record_progress(o, link_actor(owner), measure, progress, note);
}

Result<Measure> owner_done(Office& o, const Person& owner, Id measure, std::string_view evidence,
                           const std::vector<store::Upload>& files,
                           store::EvidenceStore& evidence_store,
                           const store::EvidenceLimits& limits) {
  auto mine = own_measure(o, owner, measure);
  if (!mine)
    return mine.error();
  auto checked = store::check_uploads(files, limits);
  if (!checked)
    return checked.error();
  std::string text(evidence);
  for (const auto& f : *checked)
    text += (text.empty() ? "" : "\n") + ("附件：" + f.name + "（SHA-256 " + f.sha256 + "）");
  const Actor actor = link_actor(owner);
  const std::int64_t now = seconds(o.clock().now());
  // The files go to disk first: a file named by its hash that no row lists is harmless, a row
  // listing a file that is not there would not be.
  for (const auto& f : *checked) {
    if (auto st = evidence_store.put(f); !st)
      return st.error();
  }
  return transact<Measure>(o, [&]() -> Result<Measure> {
    auto r = report_done(o, actor, measure, text);
    if (!r)
      return r;
    store::EvidenceFiles rows(o.db());
    for (const auto& f : *checked) {
      if (auto id = rows.insert(store::EvidenceFileRow{0, measure, f.sha256, f.name, f.media_type,
                                                       static_cast<std::int64_t>(f.content->size()),
                                                       now, actor.name});
          !id)
        return id.error();
    }
    return r;
  });
}

Result<Extension> owner_extension(Office& o, const Person& owner, Id measure, LocalDate new_due,
                                  std::string_view reason) {
  if (auto m = own_measure(o, owner, measure); !m)
    return m.error();
  return request_extension(o, link_actor(owner), measure, new_due, reason);
}

}  // namespace rectifyd::office
