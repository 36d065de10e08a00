#pragma once
// Records from rows of the shared column lists (sql_clauses.hpp), and the
// JSON text the SQL storages write, so that SQLite and PostgreSQL read and
// write records the same way. `Row` is any row with text(column) and
// integer(column); `first` is the column where the record's columns start.
#include <map>
#include <string>
#include <vector>

#include "strata/orchestrate/backfill_record.hpp"
#include "strata/orchestrate/events.hpp"

namespace strata::internal {

/// JSON as stored; invalid UTF-8 in user-supplied strings is replaced rather than failing the run.
inline std::string json_text(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

template <class Row>
RunRecord read_run_row(const Row& row, int first = 0) {
  RunRecord run;
  run.run_id = row.text(first + 0);
  run.job_name = row.text(first + 1);
  run.status = parse_run_status(row.text(first + 2));
  run.selection = row.text(first + 3);
  run.step_keys = Json::parse(row.text(first + 4)).template get<std::vector<std::string>>();
  run.run_config = Json::parse(row.text(first + 5));
  run.tags = Json::parse(row.text(first + 6)).template get<std::map<std::string, std::string>>();
  run.parent_run_id = row.text(first + 7);
  run.root_run_id = row.text(first + 8);
  run.start_time_us = row.integer(first + 9);
  run.end_time_us = row.integer(first + 10);
  run.pid = row.integer(first + 11);
  return run;
}

template <class Row>
Event read_event_row(const Row& row, int first = 0) {
  Event event;
  event.id = row.integer(first + 0);
  event.run_id = row.text(first + 1);
  event.timestamp_us = row.integer(first + 2);
  event.type = parse_event_type(row.text(first + 3));
  event.step_key = row.text(first + 4);
  event.asset_key = row.text(first + 5);
  event.level = parse_log_level(row.text(first + 6));
  event.message = row.text(first + 7);
  event.data = Json::parse(row.text(first + 8));
  event.partition = row.text(first + 9);
  return event;
}

template <class Row>
BackfillRecord read_backfill_row(const Row& row) {
  BackfillRecord backfill;
  backfill.backfill_id = row.text(0);
  backfill.selection = row.text(1);
  backfill.partition_keys = Json::parse(row.text(2)).template get<std::vector<std::string>>();
  backfill.strategy = row.text(3);
  backfill.status = parse_backfill_status(row.text(4));
  backfill.run_config = Json::parse(row.text(5));
  backfill.tags = Json::parse(row.text(6)).template get<std::map<std::string, std::string>>();
  backfill.parent_backfill_id = row.text(7);
  backfill.start_time_us = row.integer(8);
  backfill.end_time_us = row.integer(9);
  return backfill;
}

}  // namespace strata::internal
