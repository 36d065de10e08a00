// The files a read_parquet pattern names (see strata/io/file_listing.hpp for
// the matching rules).
#include "strata/io/file_listing.hpp"
#include "strata/io/parquet.hpp"

namespace strata {

std::vector<std::string> expand_parquet_glob(const std::string& pattern) {
  if (pattern.find_first_of("*?") == std::string::npos) return {pattern};
  return list_files(pattern);
}

}  // namespace strata
