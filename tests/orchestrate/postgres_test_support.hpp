#pragma once
// PostgreSQL for tests: the server comes from STRATA_TEST_POSTGRES_URL
// (scripts/test.sh starts one and sets it). Each test works in its own
// PostgreSQL schema, dropped afterwards, so tests never see each other.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "strata/orchestrate/postgres_run_storage.hpp"

namespace strata::testing {

/// The test server's URL, or "" when none is configured.
inline std::string test_postgres_url() {
  const char* url = std::getenv("STRATA_TEST_POSTGRES_URL");
  return url ? std::string(url) : std::string();
}

#define STRATA_SKIP_WITHOUT_POSTGRES()                                                               \
  do {                                                                                               \
    if (::strata::testing::test_postgres_url().empty())                                             \
      GTEST_SKIP() << "STRATA_TEST_POSTGRES_URL is not set; scripts/test.sh starts a PostgreSQL "    \
                      "server and sets it (or run scripts/start-postgres.sh and export its URL)";    \
  } while (0)

/// A schema name no other test (or process) uses.
inline std::string unique_test_schema() {
  static std::atomic<int> counter{0};
  return "strata_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

/// Opens storage in a fresh schema and drops the schema when destroyed.
class TemporaryPostgresSchema {
 public:
  TemporaryPostgresSchema() : schema_(unique_test_schema()) {}
  ~TemporaryPostgresSchema() {
    if (test_postgres_url().empty()) return;
    // Directly through libpq: the storage itself may refuse to open (a test
    // that plants a newer schema version). A failure leaves a schema behind.
    PGconn* conn = PQconnectdb(test_postgres_url().c_str());
    if (PQstatus(conn) == CONNECTION_OK)
      PQclear(PQexec(conn, ("DROP SCHEMA IF EXISTS \"" + schema_ + "\" CASCADE").c_str()));
    PQfinish(conn);
  }
  TemporaryPostgresSchema(const TemporaryPostgresSchema&) = delete;
  TemporaryPostgresSchema& operator=(const TemporaryPostgresSchema&) = delete;

  const std::string& schema() const { return schema_; }
  std::unique_ptr<PostgresRunStorage> open() const {
    PostgresStorageOptions options;
    options.schema = schema_;
    return std::make_unique<PostgresRunStorage>(test_postgres_url(), options);
  }

 private:
  std::string schema_;
};

}  // namespace strata::testing
