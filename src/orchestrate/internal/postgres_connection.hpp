#pragma once
// A thin RAII layer over libpq: one connection, statements with text
// parameters, results read as text, and errors turned into IOError naming
// the server (never the password) and PostgreSQL's message.
//
// Fork-safety: a connection opened by a parent process must never be used
// or closed by a forked child (both would talk over one socket). When the
// process id changes, the next call abandons the inherited connection
// without closing it and opens a fresh one.
#include "orchestrate/internal/libpq_api.hpp"
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::internal {

/// A query result; rows and columns are 0-based.
class PostgresResult {
 public:
  explicit PostgresResult(PGresult* result) : result_(result) {}
  ~PostgresResult() { libpq().clear(result_); }
  PostgresResult(PostgresResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PostgresResult(const PostgresResult&) = delete;
  PostgresResult& operator=(const PostgresResult&) = delete;
  PostgresResult& operator=(PostgresResult&&) = delete;

  int rows() const { return libpq().ntuples(result_); }
  std::string text(int row, int column) const;
  int64_t integer(int row, int column) const;
  bool is_null(int row, int column) const { return libpq().getisnull(result_, row, column) != 0; }
  /// Rows changed by INSERT/UPDATE/DELETE.
  int64_t affected_rows() const;

 private:
  PGresult* result_;
};

/// A parameter: text, or SQL NULL.
using PostgresParam = std::optional<std::string>;

class PostgresConnection {
 public:
  /// Connects to `url` (postgresql://user@host:port/database?options) and
  /// runs `session_setup` (e.g. SET search_path) on this and every later
  /// connection; throws IOError naming the server when that fails.
  PostgresConnection(std::string url, std::string session_setup);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  /// Runs `sql` with $1.. parameters; throws IOError on any error.
  PostgresResult query(std::string_view sql, const std::vector<PostgresParam>& params = {});
  /// Runs one or more statements without parameters.
  void execute(std::string_view sql);
  /// "host:port/database" - safe to show (no password).
  const std::string& description() const { return description_; }
  /// SQLSTATE of the last failed statement ("" when none).
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  void connect();
  void ensure_owned_by_this_process();
  [[noreturn]] void fail(const std::string& what, PGresult* result);

  std::string url_;
  std::string session_setup_;
  std::string description_;
  std::string last_sqlstate_;
  PGconn* conn_ = nullptr;
  pid_t owner_pid_ = 0;
};

/// BEGIN ... COMMIT, rolled back when destroyed uncommitted.
class PostgresTransaction {
 public:
  explicit PostgresTransaction(PostgresConnection& connection);
  ~PostgresTransaction();
  PostgresTransaction(const PostgresTransaction&) = delete;
  PostgresTransaction& operator=(const PostgresTransaction&) = delete;
  void commit();

 private:
  PostgresConnection& connection_;
  bool done_ = false;
};

/// `text` as valid UTF-8 without NUL bytes (PostgreSQL text accepts
/// neither): invalid sequences become U+FFFD, NULs are dropped.
std::string postgres_safe_text(std::string_view text);

}  // namespace strata::internal
