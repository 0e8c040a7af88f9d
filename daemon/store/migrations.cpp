#include "store/migrations.h"

#include <array>

namespace rectifyd::store {
namespace {

// Dates are ISO 'YYYY-MM-DD' text in the unit's zone; instants are ISO UTC text
// ('YYYY-MM-DDTHH:MM:SSZ'), so that both sort as text and read well in the sqlite3 shell.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE people (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL DEFAULT '',
  department    TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  mobile        TEXT NOT NULL DEFAULT '',
  wecom_id      TEXT NOT NULL DEFAULT '',
  dingtalk_id   TEXT NOT NULL DEFAULT '',
  feishu_id     TEXT NOT NULL DEFAULT '',
  roles         TEXT NOT NULL DEFAULT '',
  time_zone     TEXT NOT NULL DEFAULT '',
  active        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE rounds (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  feedback_date  TEXT,
  plan_due       TEXT,
  report_due     TEXT
);

CREATE TABLE categories (
  id        INTEGER PRIMARY KEY,
  round_id  INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  title     TEXT NOT NULL,
  UNIQUE (round_id, ordinal)
);

CREATE TABLE problems (
  id           INTEGER PRIMARY KEY,
  category_id  INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  number       INTEGER NOT NULL,
  title        TEXT NOT NULL,
  leader_id    INTEGER REFERENCES people(id)
);
CREATE INDEX problems_category ON problems(category_id);
CREATE INDEX problems_leader ON problems(leader_id);

CREATE TABLE measures (
  id                  INTEGER PRIMARY KEY,
  problem_id          INTEGER NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  ordinal             INTEGER NOT NULL,
  text                TEXT NOT NULL,
  owner_id            INTEGER REFERENCES people(id),
  due                 TEXT,
  original_due        TEXT,
  status              TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open','in_progress','done_reported','closed',
                                        'ongoing','not_applicable')),
  evidence            TEXT NOT NULL DEFAULT '',
  na_reason           TEXT NOT NULL DEFAULT '',
  planned_progress    INTEGER NOT NULL DEFAULT 0 CHECK (planned_progress BETWEEN 0 AND 100),
  progress            INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  talks               INTEGER NOT NULL DEFAULT 0,
  regulations         INTEGER NOT NULL DEFAULT 0,
  funds_returned_fen  INTEGER NOT NULL DEFAULT 0,
  last_progress_at    TEXT,
  closed_at           TEXT
);
CREATE INDEX measures_problem ON measures(problem_id);
CREATE INDEX measures_owner ON measures(owner_id);
-- The planner's hot query: open work ordered by due date.
CREATE INDEX measures_open_due ON measures(due)
  WHERE status IN ('open','in_progress','done_reported');

CREATE TABLE progress_updates (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  progress    INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX progress_updates_measure ON progress_updates(measure_id, at);

CREATE TABLE extensions (
  id            INTEGER PRIMARY KEY,
  measure_id    INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  requested_at  TEXT NOT NULL,
  requested_by  TEXT NOT NULL,
  old_due       TEXT NOT NULL,
  new_due       TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending','approved','rejected')),
  decided_at    TEXT,
  decided_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX extensions_measure ON extensions(measure_id);
CREATE INDEX extensions_pending ON extensions(state) WHERE state = 'pending';

-- A recurring obligation (长期坚持) attached to a measure.
CREATE TABLE recurrences (
  id          INTEGER PRIMARY KEY,
  measure_id  INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  rule        TEXT NOT NULL,           -- e.g. 'monthly:last_workday', 'yearly:12-15'
  lead_days   INTEGER NOT NULL DEFAULT 3,
  title       TEXT NOT NULL DEFAULT '',
  starts      TEXT,
  active      INTEGER NOT NULL DEFAULT 1
);

-- Each occurrence of a recurrence, once it has come due or been completed.
CREATE TABLE occurrences (
  id             INTEGER PRIMARY KEY,
  recurrence_id  INTEGER NOT NULL REFERENCES recurrences(id) ON DELETE CASCADE,
  due            TEXT NOT NULL,
  completed_at   TEXT,
  completed_by   TEXT NOT NULL DEFAULT '',
  note           TEXT NOT NULL DEFAULT '',
  UNIQUE (recurrence_id, due)
);

-- The office's changes to single meeting occurrences: moved, cancelled or added.
CREATE TABLE meeting_overrides (
  id             INTEGER PRIMARY KEY,
  week_of        TEXT NOT NULL,        -- the regular occurrence's date, or the added one's
  action         TEXT NOT NULL CHECK (action IN ('move','cancel','add')),
  new_start      TEXT,                 -- instant, for move and add
  note           TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL DEFAULT ''
);

-- The planner's memory: what each rule has already fired, by key.
CREATE TABLE schedule_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- Notifications, written before anything is sent.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  idempotency_key  TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL,
  channel          TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  subject          TEXT NOT NULL DEFAULT '',
  payload          TEXT NOT NULL,       -- the rendered message, JSON
  state            TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending','sending','sent','failed','dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  not_before       TEXT NOT NULL,       -- deferred until (quiet hours, backoff)
  last_error       TEXT NOT NULL DEFAULT '',
  late             INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  sent_at          TEXT
);
CREATE INDEX outbox_due ON outbox(not_before) WHERE state IN ('pending','sending','failed');
CREATE INDEX outbox_state ON outbox(state, channel);

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  entity  TEXT NOT NULL DEFAULT '',
  before  TEXT NOT NULL DEFAULT '',
  after   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit(at);

-- Calendar years imported at run time (a newly published holiday schedule).
CREATE TABLE calendar_days (
  day     TEXT PRIMARY KEY,
  off     INTEGER NOT NULL,
  name    TEXT NOT NULL DEFAULT '',
  year    INTEGER NOT NULL
);
)sql";

// Step 2: what the report's counts need without reading every measure. measure_counts keeps,
// per problem and status, the number of measures and their outcome sums, maintained by
// triggers in the same transaction as the change; the (due, problem_id) partial index answers
// "overdue per problem" from the open rows alone. Stats on 1,000,000 measures stay in
// milliseconds.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE measure_counts (
  problem_id          INTEGER NOT NULL,
  status              TEXT NOT NULL,
  measures            INTEGER NOT NULL DEFAULT 0,
  talks               INTEGER NOT NULL DEFAULT 0,
  regulations         INTEGER NOT NULL DEFAULT 0,
  funds_returned_fen  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (problem_id, status)
) WITHOUT ROWID;

INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen)
  SELECT problem_id, status, count(*), sum(talks), sum(regulations), sum(funds_returned_fen)
  FROM measures GROUP BY problem_id, status;

CREATE TRIGGER measure_counts_insert AFTER INSERT ON measures BEGIN
  INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen)
    VALUES (NEW.problem_id, NEW.status, 1, NEW.talks, NEW.regulations, NEW.funds_returned_fen)
    ON CONFLICT (problem_id, status) DO UPDATE SET
      measures = measures + 1,
      talks = talks + excluded.talks,
      regulations = regulations + excluded.regulations,
      funds_returned_fen = funds_returned_fen + excluded.funds_returned_fen;
END;

CREATE TRIGGER measure_counts_delete AFTER DELETE ON measures BEGIN
  UPDATE measure_counts SET
      measures = measures - 1,
      talks = talks - OLD.talks,
      regulations = regulations - OLD.regulations,
      funds_returned_fen = funds_returned_fen - OLD.funds_returned_fen
    WHERE problem_id = OLD.problem_id AND status = OLD.status;
END;

CREATE TRIGGER measure_counts_update
AFTER UPDATE OF problem_id, status, talks, regulations, funds_returned_fen ON measures BEGIN
  UPDATE measure_counts SET
      measures = measures - 1,
      talks = talks - OLD.talks,
      regulations = regulations - OLD.regulations,
      funds_returned_fen = funds_returned_fen - OLD.funds_returned_fen
    WHERE problem_id = OLD.problem_id AND status = OLD.status;
  INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen)
    VALUES (NEW.problem_id, NEW.status, 1, NEW.talks, NEW.regulations, NEW.funds_returned_fen)
    ON CONFLICT (problem_id, status) DO UPDATE SET
      measures = measures + 1,
      talks = talks + excluded.talks,
      regulations = regulations + excluded.regulations,
      funds_returned_fen = funds_returned_fen + excluded.funds_returned_fen;
END;

CREATE INDEX measures_open_due_problem ON measures(due, problem_id)
  WHERE status IN ('open','in_progress','done_reported');
)sql";

// The outbox's age counts from when a row was first due (its planned not_before, never before
// it was written), not from when it was written: a row deferred over a weekend by quiet hours
// must not go dead after its first failed attempt. Rows already queued take their not_before,
// which for a row already retrying is its next try.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE outbox ADD COLUMN due_at TEXT;
UPDATE outbox SET due_at = max(not_before, created_at);
)sql";

// The due index's condition is checked for the old and the new row on every change of an
// outbox row's state (each claim and each result). SQLite evaluates an IN list of more than two
// constants through a temporary b-tree built for each row; a NOT IN of two compares directly.
// Same rows: every state but 'sent' and 'dead'.
constexpr std::string_view kV4 = R"sql(
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(not_before) WHERE state NOT IN ('sent','dead');
)sql";

// A measure's recurrences, for the planner's ledger view when one measure changes (and for the
// cascade when a measure is deleted): without it each lookup scans the table.
constexpr std::string_view kV5 = R"sql(
CREATE INDEX recurrences_measure ON recurrences(measure_id);
)sql";

// The report's counters as the seed states them: 书面检讨 person-times and the funds collected
// into the party-fee account (清收资金入党费专户) kept apart from the funds returned to the
// treasury. measure_counts sums them too, so the triggers are made again with every counter.
constexpr std::string_view kV6 = R"sql(
ALTER TABLE measures ADD COLUMN self_criticisms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measures ADD COLUMN party_fees_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measure_counts ADD COLUMN self_criticisms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measure_counts ADD COLUMN party_fees_fen INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER measure_counts_insert;
DROP TRIGGER measure_counts_delete;
DROP TRIGGER measure_counts_update;

CREATE TRIGGER measure_counts_insert AFTER INSERT ON measures BEGIN
  INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen,
                             self_criticisms, party_fees_fen)
    VALUES (NEW.problem_id, NEW.status, 1, NEW.talks, NEW.regulations, NEW.funds_returned_fen,
            NEW.self_criticisms, NEW.party_fees_fen)
    ON CONFLICT (problem_id, status) DO UPDATE SET
      measures = measures + 1,
      talks = talks + excluded.talks,
      regulations = regulations + excluded.regulations,
      funds_returned_fen = funds_returned_fen + excluded.funds_returned_fen,
      self_criticisms = self_criticisms + excluded.self_criticisms,
      party_fees_fen = party_fees_fen + excluded.party_fees_fen;
END;

CREATE TRIGGER measure_counts_delete AFTER DELETE ON measures BEGIN
  UPDATE measure_counts SET
      measures = measures - 1,
      talks = talks - OLD.talks,
      regulations = regulations - OLD.regulations,
      funds_returned_fen = funds_returned_fen - OLD.funds_returned_fen,
      self_criticisms = self_criticisms - OLD.self_criticisms,
      party_fees_fen = party_fees_fen - OLD.party_fees_fen
    WHERE problem_id = OLD.problem_id AND status = OLD.status;
END;

CREATE TRIGGER measure_counts_update
AFTER UPDATE OF problem_id, status, talks, regulations, funds_returned_fen, self_criticisms,
                party_fees_fen ON measures BEGIN
  UPDATE measure_counts SET
      measures = measures - 1,
      talks = talks - OLD.talks,
      regulations = regulations - OLD.regulations,
      funds_returned_fen = funds_returned_fen - OLD.funds_returned_fen,
      self_criticisms = self_criticisms - OLD.self_criticisms,
      party_fees_fen = party_fees_fen - OLD.party_fees_fen
    WHERE problem_id = OLD.problem_id AND status = OLD.status;
  INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen,
                             self_criticisms, party_fees_fen)
    VALUES (NEW.problem_id, NEW.status, 1, NEW.talks, NEW.regulations, NEW.funds_returned_fen,
            NEW.self_criticisms, NEW.party_fees_fen)
    ON CONFLICT (problem_id, status) DO UPDATE SET
      measures = measures + 1,
      talks = talks + excluded.talks,
      regulations = regulations + excluded.regulations,
      funds_returned_fen = funds_returned_fen + excluded.funds_returned_fen,
      self_criticisms = self_criticisms + excluded.self_criticisms,
      party_fees_fen = party_fees_fen + excluded.party_fees_fen;
END;
)sql";

// A problem's own status, as its status line states it (目前已整改到位并长期坚持). It counts for a
// problem whose measures the plan omits （略）; NULL when the plan states none.
constexpr std::string_view kV7 = R"sql(
ALTER TABLE problems ADD COLUMN status TEXT
  CHECK (status IS NULL OR status IN ('open','in_progress','done_reported','closed','ongoing',
                                      'not_applicable'));
)sql";

// The console's logins: a person of the ledger with an Argon2id password hash (libsodium's
// encoded string), a role and a disabled flag; their sessions, each stored by the SHA-256 of its
// random id (the cookie's value is never stored), with the CSRF token the pages send back.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER NOT NULL UNIQUE REFERENCES people(id),
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('office','viewer')),
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
)sql";

// Owners' personal links and what they send through them: each link token stored only by the
// SHA-256 of its value, bound to one person, with its expiry and revocation; the evidence files
// an owner uploads (stored on disk by their SHA-256, listed here with the original name and the
// type read from their content); and the notices owners are to be sent when the office decides
// on what they reported (closed, returned, an extension approved or rejected).
constexpr std::string_view kV9 = R"sql(
CREATE TABLE link_tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX link_tokens_person ON link_tokens(person_id);

CREATE TABLE evidence_files (
  id             INTEGER PRIMARY KEY,
  measure_id     INTEGER NOT NULL REFERENCES measures(id),
  sha256         TEXT NOT NULL,
  original_name  TEXT NOT NULL,
  media_type     TEXT NOT NULL,
  size           INTEGER NOT NULL,
  uploaded_at    INTEGER NOT NULL,
  uploaded_by    TEXT NOT NULL
);
CREATE INDEX evidence_files_measure ON evidence_files(measure_id);

CREATE TABLE owner_notices (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id),
  measure_id  INTEGER NOT NULL REFERENCES measures(id),
  kind        TEXT NOT NULL CHECK (kind IN ('closed','returned','extension_approved',
                                            'extension_rejected')),
  reason      TEXT NOT NULL DEFAULT '',
  new_due     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  sent        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX owner_notices_unsent ON owner_notices(id) WHERE sent = 0;
)sql";

// The ledger's figures as they stood on each local day (the first planner run of the day writes
// the row), so the console can draw 办结率 since the round began.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE daily_stats (
  day              TEXT PRIMARY KEY,
  measures         INTEGER NOT NULL,
  closed           INTEGER NOT NULL,
  ongoing          INTEGER NOT NULL,
  not_applicable   INTEGER NOT NULL,
  open             INTEGER NOT NULL,
  overdue          INTEGER NOT NULL,
  done_reported    INTEGER NOT NULL,
  completion_rate  REAL NOT NULL,
  taken_at         INTEGER NOT NULL
);
)sql";

// 按期办结率 without reading every measure: the local day (the unit's zone) on which a measure was
// finished, written with its closed_at, and per problem and status the number finished on time
// (no due date, or finished on or before it), kept by the triggers like the other counts.
// Rows finished before this step get their day from closed_at when rectifyd or rectifyctl next
// opens the database with its configured zone (measures_closed_undated lists them). Colours:
// "behind the planned progress" is a property of the row, so open work behind plan has its own
// partial index, and the yellow and green counts read two index ranges instead of every row.
constexpr std::string_view kV11 = R"sql(
ALTER TABLE measures ADD COLUMN closed_on TEXT;
ALTER TABLE measure_counts ADD COLUMN on_time INTEGER NOT NULL DEFAULT 0;
CREATE INDEX measures_closed_undated ON measures(id)
  WHERE closed_at IS NOT NULL AND closed_on IS NULL;
CREATE INDEX measures_open_behind ON measures(due)
  WHERE status IN ('open','in_progress','done_reported') AND progress < planned_progress;

DROP TRIGGER measure_counts_insert;
DROP TRIGGER measure_counts_delete;
DROP TRIGGER measure_counts_update;

CREATE TRIGGER measure_counts_insert AFTER INSERT ON measures BEGIN
  INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen,
                             self_criticisms, party_fees_fen, on_time)
    VALUES (NEW.problem_id, NEW.status, 1, NEW.talks, NEW.regulations, NEW.funds_returned_fen,
            NEW.self_criticisms, NEW.party_fees_fen,
            NEW.status IN ('closed','ongoing','not_applicable')
              AND (NEW.due IS NULL OR NEW.closed_on IS NULL OR NEW.closed_on <= NEW.due))
    ON CONFLICT (problem_id, status) DO UPDATE SET
      measures = measures + 1,
      talks = talks + excluded.talks,
      regulations = regulations + excluded.regulations,
      funds_returned_fen = funds_returned_fen + excluded.funds_returned_fen,
      self_criticisms = self_criticisms + excluded.self_criticisms,
      party_fees_fen = party_fees_fen + excluded.party_fees_fen,
      on_time = on_time + excluded.on_time;
END;

CREATE TRIGGER measure_counts_delete AFTER DELETE ON measures BEGIN
  UPDATE measure_counts SET
      measures = measures - 1,
      talks = talks - OLD.talks,
      regulations = regulations - OLD.regulations,
      funds_returned_fen = funds_returned_fen - OLD.funds_returned_fen,
      self_criticisms = self_criticisms - OLD.self_criticisms,
      party_fees_fen = party_fees_fen - OLD.party_fees_fen,
      on_time = on_time - (OLD.status IN ('closed','ongoing','not_applicable')
                AND (OLD.due IS NULL OR OLD.closed_on IS NULL OR OLD.closed_on <= OLD.due))
    WHERE problem_id = OLD.problem_id AND status = OLD.status;
END;

CREATE TRIGGER measure_counts_update
AFTER UPDATE OF problem_id, status, due, closed_on, talks, regulations, funds_returned_fen,
                self_criticisms, party_fees_fen ON measures BEGIN
  UPDATE measure_counts SET
      measures = measures - 1,
      talks = talks - OLD.talks,
      regulations = regulations - OLD.regulations,
      funds_returned_fen = funds_returned_fen - OLD.funds_returned_fen,
      self_criticisms = self_criticisms - OLD.self_criticisms,
      party_fees_fen = party_fees_fen - OLD.party_fees_fen,
      on_time = on_time - (OLD.status IN ('closed','ongoing','not_applicable')
                AND (OLD.due IS NULL OR OLD.closed_on IS NULL OR OLD.closed_on <= OLD.due))
    WHERE problem_id = OLD.problem_id AND status = OLD.status;
  INSERT INTO measure_counts(problem_id, status, measures, talks, regulations, funds_returned_fen,
                             self_criticisms, party_fees_fen, on_time)
    VALUES (NEW.problem_id, NEW.status, 1, NEW.talks, NEW.regulations, NEW.funds_returned_fen,
            NEW.self_criticisms, NEW.party_fees_fen,
            NEW.status IN ('closed','ongoing','not_applicable')
              AND (NEW.due IS NULL OR NEW.closed_on IS NULL OR NEW.closed_on <= NEW.due))
    ON CONFLICT (problem_id, status) DO UPDATE SET
      measures = measures + 1,
      talks = talks + excluded.talks,
      regulations = regulations + excluded.regulations,
      funds_returned_fen = funds_returned_fen + excluded.funds_returned_fen,
      self_criticisms = self_criticisms + excluded.self_criticisms,
      party_fees_fen = party_fees_fen + excluded.party_fees_fen,
      on_time = on_time + excluded.on_time;
END;

UPDATE measure_counts SET on_time = coalesce((
  SELECT count(*) FROM measures m
  WHERE m.problem_id = measure_counts.problem_id AND m.status = measure_counts.status
    AND m.status IN ('closed','ongoing','not_applicable')), 0);
)sql";

constexpr std::array<Migration, 11> kMigrations{{{1, kV1},
                                                 {2, kV2},
                                                 {3, kV3},
                                                 {4, kV4},
                                                 {5, kV5},
                                                 {6, kV6},
                                                 {7, kV7},
                                                 {8, kV8},
                                                 {9, kV9},
                                                 {10, kV10},
                                                 {11, kV11}}};

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}
int latest_schema_version() {
  return kMigrations.back().version;
}

}  // namespace rectifyd::store
