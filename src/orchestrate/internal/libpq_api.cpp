#include "orchestrate/internal/libpq_api.hpp"

#include <dlfcn.h>

#include <string>

#include "strata/core/error.hpp"

namespace strata::internal {

namespace {

template <class Function>
void bind(void* library, Function& function, const char* name) {
  function = reinterpret_cast<Function>(::dlsym(library, name));
  if (!function)
    throw IOError(std::string("the PostgreSQL client library has no '") + name +
                  "'; install a libpq5 of PostgreSQL 10 or newer");
}

LibpqApi load() {
  void* library = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!library)
    throw IOError(std::string("PostgreSQL storage needs the PostgreSQL client library (") + ::dlerror() +
                  "); install it with 'apt-get install libpq5', or use the default SQLite storage");
  LibpqApi api{};
  bind(library, api.connectdb, "PQconnectdb");
  bind(library, api.status, "PQstatus");
  bind(library, api.errorMessage, "PQerrorMessage");
  bind(library, api.finish, "PQfinish");
  bind(library, api.reset, "PQreset");
  bind(library, api.setClientEncoding, "PQsetClientEncoding");
  bind(library, api.exec, "PQexec");
  bind(library, api.execParams, "PQexecParams");
  bind(library, api.resultStatus, "PQresultStatus");
  bind(library, api.resultErrorMessage, "PQresultErrorMessage");
  bind(library, api.resultErrorField, "PQresultErrorField");
  bind(library, api.ntuples, "PQntuples");
  bind(library, api.getvalue, "PQgetvalue");
  bind(library, api.getlength, "PQgetlength");
  bind(library, api.getisnull, "PQgetisnull");
  bind(library, api.cmdTuples, "PQcmdTuples");
  bind(library, api.clear, "PQclear");
  bind(library, api.conninfoParse, "PQconninfoParse");
  bind(library, api.conninfoFree, "PQconninfoFree");
  bind(library, api.freemem, "PQfreemem");
  return api;  // the library stays loaded for the life of the process
}

}  // namespace

const LibpqApi& libpq() {
  static const LibpqApi api = load();
  return api;
}

}  // namespace strata::internal
