#include "orchestrate/internal/sqlite_database.hpp"

#include "strata/core/error.hpp"

namespace strata::internal {

SqliteDatabase::SqliteDatabase(const std::string& path) : path_(path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw IOError("cannot open run storage database '" + path + "': " + message +
                  "; check that the folder exists and is writable (set STRATA_HOME to move it)");
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }

namespace {

bool is_busy(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace

void SqliteDatabase::fail(const std::string& what) const {
  if (is_busy(sqlite3_extended_errcode(db_)))
    throw SqliteBusyError("run storage database '" + path_ + "': " + what + " failed: " + sqlite3_errmsg(db_));
  throw IOError("run storage database '" + path_ + "': " + what + " failed: " + sqlite3_errmsg(db_));
}

void SqliteDatabase::execute(std::string_view sql) {
  char* error = nullptr;
  std::string statement(sql);
  if (int rc = sqlite3_exec(db_, statement.c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    if (is_busy(rc))
      throw SqliteBusyError("run storage database '" + path_ + "': statement failed: " + message + " (" +
                            statement.substr(0, 80) + ")");
    throw IOError("run storage database '" + path_ + "': statement failed: " + message + " (" +
                  statement.substr(0, 80) + ")");
  }
}

SqliteStatement SqliteDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail("preparing '" + std::string(sql.substr(0, 80)) + "'");
  return SqliteStatement(*this, stmt);
}

int64_t SqliteDatabase::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int64_t SqliteDatabase::changes() const { return sqlite3_changes(db_); }

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("binding parameter " + std::to_string(index));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_->fail("binding parameter " + std::to_string(index));
  return *this;
}

bool SqliteStatement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("statement '" + std::string(sqlite3_sql(stmt_)).substr(0, 80) + "'");
}

void SqliteStatement::run() {
  while (step()) {
  }
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string SqliteStatement::text(int column) const {
  const unsigned char* data = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(size)) : std::string();
}

int64_t SqliteStatement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

SqliteTransaction::SqliteTransaction(SqliteDatabase& db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
  if (done_) return;
  // Destructors must not throw; a failed rollback leaves SQLite to roll back on close.
  sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  db_.execute("COMMIT");
  done_ = true;
}

}  // namespace strata::internal
