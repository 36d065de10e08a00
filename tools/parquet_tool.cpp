// parquet_tool: inspect, convert and time Parquet files with Strata's
// reader and writer.
//
//   parquet_tool schema FILE              Parquet and Strata schemas
//   parquet_tool meta FILE                footer: row groups, chunks, stats
//   parquet_tool to-csv IN OUT [read options]
//   parquet_tool from-csv IN OUT [write options]
//   parquet_tool copy IN OUT [read options] [write options]
//   parquet_tool print FILE [--rows N] [read options]  rows as text
//   parquet_tool time-read FILE [--repeat N] [read options]
//   parquet_tool time-write FILE [--repeat N] [write options]  encode to memory
//
// Read options:  --columns a,b  --categorical a,b  --binary-as-string
//                --int96-unit s|ms|us|ns  --no-checksums  --serial
// Write options: --codec none|snappy|gzip|zstd|lz4|brotli  --level N
//                --row-group-size N  --page-size N  --no-dictionary
//                --no-statistics  --page-checksums  --serial
//
// Exit status: 0 on success, 1 for a Strata error (message on stderr), 2 for
// bad usage.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "strata/core/error.hpp"
#include "strata/io/csv.hpp"
#include "strata/io/parquet.hpp"

namespace {

using strata::ParquetCompression;
using strata::ParquetReadOptions;
using strata::ParquetWriteOptions;

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "parquet_tool: " << problem << "\n"
            << "usage: parquet_tool schema|meta FILE\n"
            << "       parquet_tool to-csv IN.parquet OUT.csv [read options]\n"
            << "       parquet_tool from-csv IN.csv OUT.parquet [write options]\n"
            << "       parquet_tool copy IN.parquet OUT.parquet [read options] [write options]\n"
            << "       parquet_tool print FILE [--rows N] [read options]\n"
            << "       parquet_tool time-read FILE [--repeat N] [read options]\n"
            << "       parquet_tool time-write FILE [--repeat N] [write options]\n";
  std::exit(2);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) out.push_back(item);
  return out;
}

struct Options {
  ParquetReadOptions read;
  ParquetWriteOptions write;
  int repeat = 1;
};

int64_t parse_integer(const std::string& flag, const std::string& text) {
  try {
    size_t used = 0;
    const int64_t value = std::stoll(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  usage(flag + " needs an integer, got '" + text + "'");
}

Options parse_options(const std::vector<std::string>& args, size_t first) {
  Options options;
  for (size_t i = first; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) usage(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--columns") options.read.columns = split_list(value());
    else if (flag == "--categorical") options.read.categorical_columns = split_list(value());
    else if (flag == "--binary-as-string") options.read.binary_as_string = true;
    else if (flag == "--no-checksums") options.read.verify_checksums = false;
    else if (flag == "--int96-unit") {
      const std::string unit = value();
      if (unit == "s") options.read.int96_timestamp_unit = strata::TimeUnit::Second;
      else if (unit == "ms") options.read.int96_timestamp_unit = strata::TimeUnit::Milli;
      else if (unit == "us") options.read.int96_timestamp_unit = strata::TimeUnit::Micro;
      else if (unit == "ns") options.read.int96_timestamp_unit = strata::TimeUnit::Nano;
      else usage("unknown --int96-unit '" + unit + "'");
    } else if (flag == "--serial") {
      options.read.parallel = false;
      options.write.parallel = false;
    } else if (flag == "--codec") {
      const std::string codec = value();
      if (codec == "none" || codec == "uncompressed") options.write.compression = ParquetCompression::Uncompressed;
      else if (codec == "snappy") options.write.compression = ParquetCompression::Snappy;
      else if (codec == "gzip") options.write.compression = ParquetCompression::Gzip;
      else if (codec == "zstd") options.write.compression = ParquetCompression::Zstd;
      else if (codec == "lz4") options.write.compression = ParquetCompression::Lz4Raw;
      else if (codec == "brotli") options.write.compression = ParquetCompression::Brotli;
      else usage("unknown codec '" + codec + "'");
    } else if (flag == "--level") options.write.compression_level = static_cast<int>(parse_integer(flag, value()));
    else if (flag == "--row-group-size") options.write.row_group_size = parse_integer(flag, value());
    else if (flag == "--page-size") options.write.data_page_size = parse_integer(flag, value());
    else if (flag == "--no-dictionary") options.write.dictionary = false;
    else if (flag == "--no-statistics") options.write.write_statistics = false;
    else if (flag == "--page-checksums") options.write.write_page_checksums = true;
    else if (flag == "--repeat" || flag == "--rows") options.repeat = static_cast<int>(parse_integer(flag, value()));
    else usage("unknown option '" + flag + "'");
  }
  return options;
}

std::string render(const std::optional<strata::Scalar>& value) { return value ? value->to_string() : "-"; }

void print_metadata(const strata::ParquetFileMetadata& meta) {
  std::cout << "file: " << meta.path << "\nrows: " << meta.num_rows << "\nformat version: " << meta.format_version
            << "\ncreated by: " << meta.created_by << "\n";
  for (const auto& [key, value] : meta.key_value_metadata)
    std::cout << "metadata: " << key << " = " << (value.size() > 200 ? value.substr(0, 200) + "..." : value) << "\n";
  for (size_t g = 0; g < meta.row_groups.size(); ++g) {
    const auto& group = meta.row_groups[g];
    std::cout << "row group " << g << ": " << group.num_rows << " rows, " << group.total_byte_size << " bytes\n";
    for (const auto& chunk : group.columns) {
      std::cout << "  " << chunk.path << " " << chunk.physical_type << " " << chunk.codec << " [";
      for (size_t e = 0; e < chunk.encodings.size(); ++e) std::cout << (e ? " " : "") << chunk.encodings[e];
      std::cout << "] values=" << chunk.num_values << " size=" << chunk.compressed_size << "/" << chunk.uncompressed_size
                << " min=" << render(chunk.statistics.min) << " max=" << render(chunk.statistics.max)
                << " nulls=" << (chunk.statistics.null_count ? std::to_string(*chunk.statistics.null_count) : "-")
                << "\n";
    }
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(const std::vector<std::string>& args) {
  if (args.size() < 2) usage("missing command");
  const std::string& command = args[0];
  if (command == "schema" || command == "meta") {
    const strata::ParquetFileMetadata meta = strata::read_parquet_metadata(args[1]);
    if (command == "schema") std::cout << meta.parquet_schema << meta.schema.to_string() << "\n";
    else print_metadata(meta);
    return 0;
  }
  if (command == "print") {
    const Options options = parse_options(args, 2);
    const strata::Table table = strata::read_parquet_table(args[1], options.read);
    std::cout << table.schema().to_string() << "\n";
    const int64_t rows = std::min<int64_t>(table.num_rows(), options.repeat > 1 ? options.repeat : 20);
    std::vector<strata::Array> columns;
    for (const auto& column : table.columns()) columns.push_back(column.combine());
    for (int64_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < columns.size(); ++c) std::cout << (c ? " | " : "") << columns[c].value_to_string(r);
      std::cout << "\n";
    }
    return 0;
  }
  if (command == "time-read") {
    const Options options = parse_options(args, 2);
    double best = 1e300;
    int64_t rows = 0;
    for (int r = 0; r < options.repeat; ++r) {
      const auto start = std::chrono::steady_clock::now();
      const strata::Table table = strata::read_parquet_table(args[1], options.read);
      best = std::min(best, seconds_since(start));
      rows = table.num_rows();
    }
    std::cout << "rows=" << rows << " seconds=" << best << "\n";
    return 0;
  }
  if (command == "time-write") {
    const Options options = parse_options(args, 2);
    const strata::Table table = strata::read_parquet_table(args[1]);
    double best = 1e300;
    size_t bytes = 0;
    for (int r = 0; r < options.repeat; ++r) {
      const auto start = std::chrono::steady_clock::now();
      bytes = strata::write_parquet_table_to_buffer(table, options.write).size();
      best = std::min(best, seconds_since(start));
    }
    std::cout << "rows=" << table.num_rows() << " bytes=" << bytes << " seconds=" << best << "\n";
    return 0;
  }
  if (args.size() < 3) usage(command + " needs an input and an output path");
  const Options options = parse_options(args, 3);
  if (command == "to-csv") {
    const strata::Table table = strata::read_parquet_table(args[1], options.read);
    strata::write_csv_table(table, args[2]);
    return 0;
  }
  if (command == "from-csv") {
    const strata::Table table = strata::read_csv_table(args[1]);
    const auto start = std::chrono::steady_clock::now();
    strata::write_parquet_table(table, args[2], options.write);
    std::cerr << "write seconds=" << seconds_since(start) << "\n";
    return 0;
  }
  if (command == "copy") {
    auto start = std::chrono::steady_clock::now();
    const strata::Table table = strata::read_parquet_table(args[1], options.read);
    std::cerr << "read seconds=" << seconds_since(start) << "\n";
    start = std::chrono::steady_clock::now();
    strata::write_parquet_table(table, args[2], options.write);
    std::cerr << "write seconds=" << seconds_since(start) << "\n";
    return 0;
  }
  usage("unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return run(args);
  } catch (const strata::Error& error) {
    std::cerr << "parquet_tool: " << strata::error_kind_name(error.kind()) << " error: " << error.what() << "\n";
    return 1;
  }
}
