#include "orchestrate/internal/sql_clauses.hpp"

namespace strata::internal {

std::string event_type_clause(const std::vector<EventType>& types) {
  if (types.empty()) return "";
  std::string clause = " AND type IN (";
  for (size_t i = 0; i < types.size(); ++i)
    clause += (i ? ", '" : "'") + std::string(event_type_name(types[i])) + "'";
  return clause + ")";
}

std::string limit_clause(int64_t limit) { return limit > 0 ? " LIMIT " + std::to_string(limit) : ""; }

}  // namespace strata::internal
