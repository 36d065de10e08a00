// Validation benchmark: the H2O G1 data set (bench/data/G1_*.csv, written
// by generate_groupby) checked against a schema of ten constraints, plus
// non-nullability of every column, with and without column statistics.
// bench/peers/validate_pandas.py runs the same checks in pandas;
// bench/validate.sh runs both and prints the ratio.
//
// The ten constraints (bounds chosen so that most of them catch some rows:
// the two engines' failing row counts are compared, and zeros prove little):
//   id1 matches id0\d\d         id2 isin id001..id099      id3 length 12
//   id4 between 1 and 99         id6 between 1 and 99000    v1 isin 1..4
//   v2 between 1 and 14          v3 in [0, 99.5)
//   check: id4 + id5 <= 190      unique (id1, id2, id3)
//
// Usage: validate_bench --data FILE [--repeat 3] [--threads N]
// Prints one JSON line per measurement:
//   {"engine":"strata","task":"validate","seconds":...,"run":1,"rows":...,
//    "threads":2,"failures":{"id1:matches":0,...}}
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "strata/core/thread_pool.hpp"
#include "strata/io/csv.hpp"
#include "strata/validate/validate.hpp"

namespace {

using strata::col;
using strata::ColumnSchema;
using strata::DataFrameSchema;

DataFrameSchema benchmark_schema() {
  std::vector<std::string> groups;
  for (int i = 1; i <= 99; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "id%03d", i);
    groups.push_back(name);
  }
  return DataFrameSchema("g1")
      .column(ColumnSchema::string("id1").matches(R"(id0\d\d)"))
      .column(ColumnSchema::string("id2").isin(groups))
      .column(ColumnSchema::string("id3").length_between(12, 12))
      .column(ColumnSchema::integer("id4").between(1, 99))
      .column(ColumnSchema::integer("id5"))
      .column(ColumnSchema::integer("id6").between(1, 99000))
      .column(ColumnSchema::integer("v1").isin({1, 2, 3, 4}))
      .column(ColumnSchema::integer("v2").between(1, 14))
      .column(ColumnSchema::floating("v3").between(0, 99.5, true, false))
      .check("id4_plus_id5", col("id4") + col("id5") <= 190)
      .unique({"id1", "id2", "id3"});
}

// The constraint names both engines report, from the report's labels.
std::string canonical_name(const strata::ConstraintFailure& failure) {
  if (failure.constraint == "nullable=false") return failure.column + ":nullable";
  if (failure.constraint.rfind("matches", 0) == 0) return failure.column + ":matches";
  if (failure.constraint.rfind("isin", 0) == 0) return failure.column + ":isin";
  if (failure.constraint.rfind("min_length", 0) == 0) return failure.column + ":length";
  if (failure.constraint.rfind("check", 0) == 0) return "check:id4_plus_id5";
  if (failure.constraint.rfind("unique", 0) == 0) return "unique:id1_id2_id3";
  if (failure.constraint.rfind("ge(", 0) == 0) return failure.column + ":range";
  return failure.column + ":" + failure.constraint;  // unexpected (a type?): makes the answers differ
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  int repeat = 3;
  int threads = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") data = argv[i + 1];
    else if (flag == "--repeat") repeat = std::atoi(argv[i + 1]);
    else if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    else {
      std::cerr << "unknown option " << flag << "; usage: validate_bench --data FILE [--repeat 3] [--threads N]\n";
      return 2;
    }
  }
  if (data.empty()) {
    std::cerr << "usage: validate_bench --data FILE [--repeat 3] [--threads N]\n";
    return 2;
  }
  if (threads > 0) strata::ThreadPool::set_global_threads(threads);
  try {
    const auto load_start = std::chrono::steady_clock::now();
    const strata::DataFrame frame = strata::read_csv(data);
    std::cerr << "loaded " << frame.height() << " rows in " << seconds_since(load_start) << " s\n";
    const DataFrameSchema schema = benchmark_schema();
    for (const bool statistics : {false, true}) {
      for (int run = 1; run <= repeat; ++run) {
        strata::ValidationOptions options;
        options.statistics = statistics;
        const auto start = std::chrono::steady_clock::now();
        const strata::ValidationReport report = strata::validate(frame, schema, options);
        const double seconds = seconds_since(start);
        nlohmann::json failures = nlohmann::json::object();
        for (const auto& failure : report.failures) failures[canonical_name(failure)] = failure.failing_rows;
        nlohmann::json line = {{"engine", "strata"},
                               {"task", statistics ? "validate+stats" : "validate"},
                               {"seconds", seconds},
                               {"run", run},
                               {"rows", report.rows},
                               {"threads", strata::ThreadPool::global().size()},
                               {"failures", failures}};
        std::cout << line.dump() << std::endl;
        if (run == 1 && statistics) std::cerr << report.to_string();
      }
    }
  } catch (const std::exception& error) {
    std::cerr << "validate_bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
