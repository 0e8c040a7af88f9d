#include "office/obligations.h"

#include <boost/json.hpp>

#include "core/dates.h"
#include "store/calendar_days.h"
#include "store/obligations.h"

namespace rectifyd::office {
namespace json = boost::json;

Result<ObligationAdded> add_obligation(Office& o, const Actor& a, const NewObligation& n) {
  auto rule = plan::parse_recurrence(n.rule);
  if (!rule)
    return invalid(rule.error().message, "/rule");
  if (n.lead_workdays < 0)
    return invalid("提前工作日数不能为负（must be 0 or more）", "/lead_workdays");
  ObligationAdded added;
  added.rule = *rule;
  added.starts = n.starts ? *n.starts : o.today();
  auto r = transact<Id>(o, [&]() -> Result<Id> {
    if (!store::measure_exists(o.db(), n.measure))
      return not_found("没有编号为 " + std::to_string(n.measure) + " 的措施（no measure " +
                       std::to_string(n.measure) + "）");
    store::ObligationRow row;
    row.measure_id = n.measure;
    row.rule = plan::format_recurrence(*rule);
    row.lead_workdays = n.lead_workdays;
    row.title = n.title;
    row.starts = added.starts;
    const Id id = store::insert_obligation(o.db(), row);
    if (auto st = audit(o, a, "obligation.add", "measure:" + std::to_string(n.measure), "",
                        json::serialize(json::object{{"recurrence_id", id},
                                                     {"rule", row.rule},
                                                     {"lead_workdays", n.lead_workdays},
                                                     {"title", n.title},
                                                     {"starts", format_date(added.starts)}}));
        !st)
      return st.error();
    return id;
  });
  if (!r)
    return r.error();
  added.id = *r;
  Change c;
  c.obligations = true;
  c.measures.push_back(n.measure);
  o.changed(c);
  return added;
}

Status complete_obligation(Office& o, const Actor& a, Id obligation, LocalDate due,
                           std::string_view note) {
  auto row = store::obligation(o.db(), obligation);
  if (!row)
    return not_found("没有编号为 " + std::to_string(obligation) +
                     " 的长期坚持事项（no obligation " + std::to_string(obligation) + "）");
  auto rule = plan::parse_recurrence(row->rule);
  auto calendar = try_load_calendar(o.db(), o.config()->calendar);
  if (!calendar)
    return Error{calendar.error().message, ErrorKind::internal};
  if (!rule || plan::occurrences(*rule, *calendar, due, due).empty())
    return invalid(format_date(due) + " 不是该事项的时限（not a due date of obligation " +
                       std::to_string(obligation) + "）",
                   "/due");
  auto r = transact<Ok>(o, [&]() -> Result<Ok> {
    store::record_occurrence_done(o.db(), obligation, due, o.clock().now(), a.name,
                                  std::string(note));
    if (auto st = audit(o, a, "obligation.done", "recurrence:" + std::to_string(obligation), "",
                        json::serialize(json::object{{"due", format_date(due)}, {"note", note}}));
        !st)
      return st.error();
    return Ok{};
  });
  if (!r)
    return r.error();
  Change c;
  c.obligations = true;
  o.changed(c);
  return ok_status();
}

}  // namespace rectifyd::office
