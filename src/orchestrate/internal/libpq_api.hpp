#pragma once
// libpq, loaded when a PostgreSQL store is first opened rather than when a
// pipeline binary starts. Linking it directly makes every start-up load it
// and the SSL, Kerberos and LDAP libraries it depends on (about 4 ms of a
// 5 ms `materialize`), although the default store is SQLite.
//
// The header gives the types and constants; the functions are called
// through libpq(), e.g. libpq().exec(conn, sql).
#include <libpq-fe.h>

namespace strata::internal {

struct LibpqApi {
  decltype(&::PQconnectdb) connectdb;
  decltype(&::PQstatus) status;
  decltype(&::PQerrorMessage) errorMessage;
  decltype(&::PQfinish) finish;
  decltype(&::PQreset) reset;
  decltype(&::PQsetClientEncoding) setClientEncoding;
  decltype(&::PQexec) exec;
  decltype(&::PQexecParams) execParams;
  decltype(&::PQresultStatus) resultStatus;
  decltype(&::PQresultErrorMessage) resultErrorMessage;
  decltype(&::PQresultErrorField) resultErrorField;
  decltype(&::PQntuples) ntuples;
  decltype(&::PQgetvalue) getvalue;
  decltype(&::PQgetlength) getlength;
  decltype(&::PQgetisnull) getisnull;
  decltype(&::PQcmdTuples) cmdTuples;
  decltype(&::PQclear) clear;
  decltype(&::PQconninfoParse) conninfoParse;
  decltype(&::PQconninfoFree) conninfoFree;
  decltype(&::PQfreemem) freemem;
};

/// The loaded library (once per process, thread-safe). Throws IOError
/// saying which package to install when libpq cannot be loaded.
const LibpqApi& libpq();

}  // namespace strata::internal
