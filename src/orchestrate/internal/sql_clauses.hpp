#pragma once
// SQL fragments shared by the SQL run storages (SQLite, PostgreSQL), so that
// both filter and limit event queries the same way.
#include <cstdint>
#include <string>
#include <vector>

#include "strata/orchestrate/events.hpp"

namespace strata::internal {

/// " AND type IN ('A', 'B')" for an event filter, or "" for any type. The
/// names come from our own enum, never from user input.
std::string event_type_clause(const std::vector<EventType>& types);

/// " LIMIT n", or "" when limit <= 0 (no limit).
std::string limit_clause(int64_t limit);

}  // namespace strata::internal
