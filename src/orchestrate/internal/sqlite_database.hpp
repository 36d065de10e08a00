#pragma once
// A thin RAII layer over the SQLite C API: one connection, prepared
// statements with typed binding, and errors turned into IOError with the
// database path and SQLite's message.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "strata/core/error.hpp"

namespace strata::internal {

class SqliteStatement;

/// Thrown instead of a plain IOError when another connection holds a lock
/// (SQLITE_BUSY, SQLITE_LOCKED), including the cases where SQLite gives up
/// without calling the busy handler; callers retry the whole transaction.
class SqliteBusyError : public IOError {
 public:
  using IOError::IOError;
};

class SqliteDatabase {
 public:
  /// Opens (creating) the database file; throws IOError naming the path.
  explicit SqliteDatabase(const std::string& path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Runs one or more statements without results; throws IOError.
  void execute(std::string_view sql);
  SqliteStatement prepare(std::string_view sql);
  int64_t last_insert_rowid() const;
  int64_t changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// A prepared statement; bind with 1-based indices, then step().
class SqliteStatement {
 public:
  SqliteStatement(SqliteDatabase& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement& operator=(SqliteStatement&&) = delete;

  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind(int index, int64_t value);
  /// Advances; true while a row is available. Throws IOError on errors.
  bool step();
  /// Runs to completion (statements without results).
  void run();
  void reset();

  std::string text(int column) const;
  int64_t integer(int column) const;

 private:
  SqliteDatabase* db_;
  sqlite3_stmt* stmt_;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed uncommitted.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDatabase& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteDatabase& db_;
  bool done_ = false;
};

}  // namespace strata::internal
