#include "orchestrate/internal/postgres_connection.hpp"

#include <unistd.h>

#include <cstdlib>

#include "strata/core/error.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata::internal {

namespace {

/// host:port/database from a connection string, leaving out the password.
std::string describe_url(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = libpq().conninfoParse(url.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "unparsable";
    libpq().freemem(error);
    throw IOError("invalid PostgreSQL storage URL: " + message +
                  "; expected postgresql://user@host:port/database");
  }
  std::string host = "localhost", port = "5432", database;
  for (PQconninfoOption* option = options; option->keyword; ++option) {
    if (!option->val) continue;
    std::string keyword = option->keyword;
    if (keyword == "host" || keyword == "hostaddr") host = option->val;
    if (keyword == "port") port = option->val;
    if (keyword == "dbname") database = option->val;
  }
  libpq().conninfoFree(options);
  return host + ":" + port + "/" + database;
}

}  // namespace

std::string PostgresResult::text(int row, int column) const {
  return std::string(libpq().getvalue(result_, row, column), static_cast<size_t>(libpq().getlength(result_, row, column)));
}

int64_t PostgresResult::integer(int row, int column) const {
  return std::strtoll(libpq().getvalue(result_, row, column), nullptr, 10);
}

int64_t PostgresResult::affected_rows() const {
  const char* count = libpq().cmdTuples(result_);
  return count && *count ? std::strtoll(count, nullptr, 10) : 0;
}

PostgresConnection::PostgresConnection(std::string url, std::string session_setup)
    : url_(std::move(url)), session_setup_(std::move(session_setup)), description_(describe_url(url_)) {
  connect();
}

PostgresConnection::~PostgresConnection() {
  // A child never closes its parent's connection (see the header).
  if (conn_ && owner_pid_ == ::getpid()) libpq().finish(conn_);
}

void PostgresConnection::connect() {
  conn_ = libpq().connectdb(url_.c_str());
  owner_pid_ = ::getpid();
  if (libpq().status(conn_) != CONNECTION_OK) {
    std::string message = libpq().errorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    libpq().finish(conn_);
    conn_ = nullptr;
    throw IOError("cannot connect to PostgreSQL run storage at " + description_ + ": " + message +
                  "; check STRATA_STORAGE_URL (or `storage:` in strata.yaml) and that the server is running");
  }
  // Everything Strata stores is UTF-8, whatever the server's default.
  libpq().setClientEncoding(conn_, "UTF8");
  execute("SET client_min_messages TO WARNING");
  if (!session_setup_.empty()) execute(session_setup_);
}

void PostgresConnection::ensure_owned_by_this_process() {
  if (conn_ && owner_pid_ == ::getpid()) {
    // A broken connection (server restart) is re-established once per call.
    if (libpq().status(conn_) == CONNECTION_BAD) libpq().reset(conn_);
    return;
  }
  conn_ = nullptr;  // inherited from the parent: abandoned, deliberately not closed
  connect();
}

void PostgresConnection::fail(const std::string& what, PGresult* result) {
  std::string message = result ? libpq().resultErrorMessage(result) : libpq().errorMessage(conn_);
  const char* state = result ? libpq().resultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  libpq().clear(result);
  throw IOError("PostgreSQL run storage at " + description_ + ": " + what + " failed: " + message);
}

PostgresResult PostgresConnection::query(std::string_view sql, const std::vector<PostgresParam>& params) {
  ensure_owned_by_this_process();
  std::string statement(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PostgresParam& param : params) values.push_back(param ? param->c_str() : nullptr);
  PGresult* result = libpq().execParams(conn_, statement.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
  ExecStatusType status = result ? libpq().resultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    fail("statement '" + statement.substr(0, 80) + "'", result);
  last_sqlstate_.clear();
  return PostgresResult(result);
}

void PostgresConnection::execute(std::string_view sql) {
  ensure_owned_by_this_process();
  std::string statement(sql);
  PGresult* result = libpq().exec(conn_, statement.c_str());
  ExecStatusType status = result ? libpq().resultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    fail("statement '" + statement.substr(0, 80) + "'", result);
  libpq().clear(result);
}

PostgresTransaction::PostgresTransaction(PostgresConnection& connection) : connection_(connection) {
  connection_.execute("BEGIN");
}

PostgresTransaction::~PostgresTransaction() {
  if (done_) return;
  try {
    connection_.execute("ROLLBACK");
  } catch (...) {
    // Destructors must not throw; the server rolls back when the session ends.
  }
}

void PostgresTransaction::commit() {
  connection_.execute("COMMIT");
  done_ = true;
}

std::string postgres_safe_text(std::string_view text) {
  bool clean = true;
  for (unsigned char c : text)
    if (c == 0 || c >= 0x80) {
      clean = false;
      break;
    }
  if (clean) return std::string(text);
  // nlohmann::json validates UTF-8 and can replace what is invalid.
  std::string quoted = Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string valid = Json::parse(quoted).get<std::string>();
  std::string out;
  out.reserve(valid.size());
  for (char c : valid)
    if (c != '\0') out.push_back(c);
  return out;
}

}  // namespace strata::internal
