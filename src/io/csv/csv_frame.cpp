// The DataFrame entry points of the CSV reader and writer.
#include "strata/frame/dataframe.hpp"
#include "strata/io/csv.hpp"

namespace strata {

DataFrame read_csv(const std::string& path, const CsvReadOptions& options, CsvReadReport* report) {
  return DataFrame(read_csv_table(path, options, report));
}

DataFrame read_csv_string(std::string_view text, const CsvReadOptions& options, CsvReadReport* report) {
  return DataFrame(read_csv_table_string(text, options, report));
}

void write_csv(const DataFrame& frame, const std::string& path, const CsvWriteOptions& options) {
  write_csv_table(frame.to_table(), path, options);
}

std::string write_csv_string(const DataFrame& frame, const CsvWriteOptions& options) {
  return write_csv_table_string(frame.to_table(), options);
}

}  // namespace strata
