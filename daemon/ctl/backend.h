#pragma once
// What the commands that a running rectifyd can also serve ask for, and the values they get
// back. Two implementations: on the database file (office/ actions and store reads) and through
// the admin API of a running rectifyd (/api/v1). Both produce the documents the API sends, and
// the commands read those documents through the same decoders here, so a command prints the
// same table, or with --json the same JSON, whichever answered.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/model.h"
#include "core/result.h"
#include "ledger/colour.h"
#include "ledger/stats.h"

namespace rectifyd::ctl {

class Context;
struct RemoteTarget;

/// A measure as measure_json gives it: the document and the values the tables read.
struct MeasureView {
  Measure measure;
  std::string label;
  std::string owner;
  std::string leader;
  ledger::Colour colour = ledger::Colour::green;
  boost::json::object json;
};

/// The measures of a ledger list, as of the unit's today.
struct MeasureList {
  std::string as_of;
  std::vector<MeasureView> measures;
};

/// One measure with its history: measure_json plus progress_updates, extensions and actions.
struct MeasureDetail {
  MeasureView view;
  std::vector<ProgressUpdate> updates;
  std::vector<Extension> extensions;
  boost::json::object json;
};

/// An approved or rejected extension and the measure after it.
struct DecisionView {
  Extension extension;
  Id measure_id = 0;
  std::optional<LocalDate> due;
  boost::json::object json;  ///< {"extension", "measure"}
};

/// The filters of `ledger list`; names and values are checked by the command first.
struct MeasureQuery {
  std::string owner;
  std::string leader;
  std::vector<MeasureStatus> statuses;
  std::optional<ledger::Colour> colour;
  bool overdue = false;
  std::optional<int> due_within;
};

/// One change to a measure: `verb` is assign, due, progress, done, close, return, reopen or na.
struct MeasureChange {
  std::string verb;
  Id owner_id = 0;       ///< assign
  LocalDate due{};       ///< due
  int progress = 0;      ///< progress
  std::string text;      ///< the note, evidence or reason
  bool ongoing = false;  ///< close
};

/// The figures of `stats`.
struct StatsView {
  ledger::LedgerStats stats;
  std::string as_of;
  boost::json::object json;  ///< ledger::to_json plus as_of
};

/// One phase of a meeting occurrence.
struct MeetingPhaseView {
  std::string phase;  ///< update_request, nudge, notice, summary
  std::string at;     ///< ISO instant in the unit's zone
  bool enabled = true;
};

/// An occurrence as office::MeetingSetup::to_json gives it.
struct MeetingView {
  std::string key;
  std::string status;  ///< regular, moved, added, cancelled
  std::string time_zh;
  std::string note;
  std::vector<MeetingPhaseView> phases;
  boost::json::object json;
};

struct MeetingList {
  std::string time_zone;
  std::string title;
  std::string location;
  std::vector<MeetingView> meetings;
};

/// What a meeting change did (office::MeetingResult).
struct MeetingChangeView {
  boost::json::object json;  ///< the occurrence
  std::string summary;
  std::vector<std::string> warnings;
};

/// The configuration in force, secrets redacted.
struct ConfigView {
  std::string toml;
  boost::json::object settings;
};

/// A configuration written and applied by a running rectifyd.
struct ConfigApplied {
  std::vector<std::string> changes;
  boost::json::object json;
};

class Backend {
 public:
  virtual ~Backend() = default;

  virtual Result<std::vector<Person>> people() = 0;
  /// The person of this name, or nullopt.
  virtual Result<std::optional<Person>> person_by_name(const std::string& name) = 0;
  virtual Result<Person> add_person(const Person& p) = 0;
  /// `p.id` names the person; every field is written.
  virtual Result<Person> edit_person(const Person& p) = 0;
  virtual Result<Person> deactivate_person(Id id) = 0;

  virtual Result<MeasureList> measures(const MeasureQuery& q) = 0;
  virtual Result<MeasureDetail> measure(Id id) = 0;
  virtual Result<MeasureView> change_measure(Id id, const MeasureChange& c) = 0;
  virtual Result<Extension> request_extension(Id id, LocalDate due, const std::string& reason) = 0;
  virtual Result<DecisionView> decide_extension(Id id, bool approve, const std::string& reason) = 0;

  virtual Result<StatsView> stats() = 0;

  virtual Result<MeetingList> meetings(int weeks) = 0;
  virtual Result<MeetingChangeView> move_meeting(LocalDate day, const std::string& to,
                                                 const std::string& note) = 0;
  virtual Result<MeetingChangeView> cancel_meeting(LocalDate day, const std::string& note) = 0;
  virtual Result<MeetingChangeView> add_meeting(const std::string& start,
                                                const std::string& note) = 0;
  virtual Result<MeetingChangeView> send_notice(LocalDate day) = 0;

  virtual Result<ConfigView> config() = 0;
  /// Replace the configuration file whole, change some keys (a JSON object of "table.key":
  /// value), or reload it: only a running rectifyd can.
  virtual Result<ConfigApplied> put_config(const std::string& toml) = 0;
  virtual Result<ConfigApplied> patch_config(const boost::json::object& changes) = 0;
  virtual Result<ConfigApplied> reload_config() = 0;
};

/// On the database file and configuration the context names.
std::unique_ptr<Backend> local_backend(Context& ctx);
/// Through a running rectifyd's admin API; the audit log names `actor`.
Result<std::unique_ptr<Backend>> http_backend(const RemoteTarget& target, const std::string& actor);

// The documents both implementations produce, read into the values above.
Result<Person> person_from_json(const boost::json::value& v);
Result<MeasureView> measure_from_json(const boost::json::value& v);
Result<MeasureDetail> measure_detail_from_json(const boost::json::value& v);
Result<Extension> extension_from_json(const boost::json::value& v);
Result<DecisionView> decision_from_json(const boost::json::value& v);
/// GET /stats; the document is ledger::to_json of the counts read, with as_of (the counts by
/// colour and the breakdown are left out).
Result<StatsView> stats_from_json(const boost::json::value& v);
Result<MeetingView> meeting_from_json(const boost::json::value& v);
/// The occurrence with "summary" and "warnings".
Result<MeetingChangeView> meeting_change_from_json(const boost::json::value& v);

}  // namespace rectifyd::ctl
