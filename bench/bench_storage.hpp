#pragma once
// Run storage for the orchestration benchmarks: "sqlite" (a fresh database
// in `home`), "memory", or a postgresql:// URL (the schema strata_bench,
// wiped first; never the default schema).
#include <filesystem>
#include <memory>
#include <string>

#include "strata/orchestrate/orchestrate.hpp"

namespace strata::bench {

inline std::shared_ptr<RunStorage> open_bench_storage(const std::string& spec, const std::filesystem::path& home) {
  if (is_postgres_url(spec)) {
    PostgresStorageOptions schema;
    schema.schema = "strata_bench";
    auto storage = std::make_shared<PostgresRunStorage>(spec, schema);
    storage->wipe_all();
    return storage;
  }
  if (spec == "memory") return std::make_shared<MemoryRunStorage>();  // the executor's own cost, without a database
  return std::make_shared<SqliteRunStorage>((home / "runs.db").string());
}

}  // namespace strata::bench
