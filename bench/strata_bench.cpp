// Strata side of the peer benchmark, with the same command-line contract and
// output as the peer programs in bench/peers/ (see task_runner.mjs there):
//
//   strata_bench [--lazy] CSV THREADS REPEAT TASK[,TASK...]
//
// For every task it prints one JSON line:
//   {"engine","version","task","threads","first_s","best_s","rows","checksum","peak_rss_mb"}
// csv_read times strata::read_csv of the whole file; the other tasks load
// their input once, untimed, and time only the operation (the H2O.ai
// group-by questions 1-10 and join questions 1-5, sorting, Parquet input
// and output). Checksums are described in bench/README.md.
//
// With --lazy (engine "strata_lazy") every task runs as a lazy query from
// the Parquet copy of its input (scan_parquet(...)...collect(), the read
// included in the time, columns and rows pruned by the optimizer), and the
// line also holds "eager_s": the best time of the eager path from the same
// file (read_parquet, then the same operation), measured in the same run.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "strata/core/builder.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/exec/lazy_frame.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/io/csv.hpp"
#include "strata/io/parquet.hpp"

#ifndef STRATA_VERSION_STRING
#define STRATA_VERSION_STRING "unknown"
#endif

namespace {

using strata::col;
using strata::DataFrame;
using strata::Expr;
using strata::LazyFrame;

const std::vector<std::string> kCsvChecksumColumns = {"id4", "id5", "id6", "v1", "v2", "v3"};

// ---- Tasks (keep in step with bench/peers/task_runner.mjs) -----------------

struct GroupByTask {
  std::function<DataFrame(const DataFrame&)> query;
  std::function<LazyFrame(const LazyFrame&)> lazy_query;  // the same operations, lazily
  std::vector<std::string> checksum_columns;
};

/// A task whose query is written once for both frame types.
template <typename Query>
GroupByTask task(Query query, std::vector<std::string> checksum_columns) {
  return {[query](const DataFrame& x) { return query(x); }, [query](const LazyFrame& x) { return query(x); },
          std::move(checksum_columns)};
}

/// r2 of v1 and v2 per group: the square of their Pearson correlation over
/// the rows where both are present (one fused two-column aggregate).
Expr r2_of_v1_v2() { return strata::corr(col("v1"), col("v2")).pow(strata::lit(2)).alias("r2"); }

/// The H2O.ai group-by questions 1-10.
const std::map<std::string, GroupByTask>& groupby_tasks() {
  static const std::map<std::string, GroupByTask> tasks = {
      {"groupby_sum_id1", task([](const auto& x) { return x.group_by({"id1"}).agg({col("v1").sum()}); }, {"v1"})},
      {"groupby_sum_id1_id2",
       task([](const auto& x) { return x.group_by({"id1", "id2"}).agg({col("v1").sum()}); }, {"v1"})},
      {"groupby_sum_mean_id3",
       task([](const auto& x) { return x.group_by({"id3"}).agg({col("v1").sum(), col("v3").mean()}); },
        {"v1", "v3"})},
      {"groupby_mean_id4",
       task([](const auto& x) {
          return x.group_by({"id4"}).agg({col("v1").mean(), col("v2").mean(), col("v3").mean()});
        },
        {"v1", "v2", "v3"})},
      {"groupby_sum_id6",
       task([](const auto& x) { return x.group_by({"id6"}).agg({col("v1").sum(), col("v2").sum(), col("v3").sum()}); },
        {"v1", "v2", "v3"})},
      {"groupby_median_sd_id4_id5",
       task([](const auto& x) {
          return x.group_by({"id4", "id5"})
              .agg({col("v3").median().alias("median_v3"), col("v3").std().alias("sd_v3")});
        },
        {"median_v3", "sd_v3"})},
      {"groupby_range_id3",
       task([](const auto& x) {
          return x.group_by({"id3"}).agg({(col("v1").max() - col("v2").min()).alias("range_v1_v2")});
        },
        {"range_v1_v2"})},
      {"groupby_top2_id6",
       task([](const auto& x) {
          // The two largest per group without sorting the frame, as DuckDB
          // does with its window and Polars' own H2O query with top_k (which
          // nodejs-polars 0.25 lacks, so the Polars runner sorts first).
          return x.select({col("id6"), col("v3")})
              .drop_nulls({"v3"})
              .group_by({"id6"})
              .top_k(2, "v3")
              .select({col("id6"), col("v3").alias("largest2_v3")});
        },
        {"largest2_v3"})},
      {"groupby_r2_id2_id4",
       task([](const auto& x) { return x.group_by({"id2", "id4"}).agg({r2_of_v1_v2()}); }, {"r2"})},
      {"groupby_sum_count_all",
       task([](const auto& x) {
          return x.group_by({"id1", "id2", "id3", "id4", "id5", "id6"})
              .agg({col("v3").sum().alias("v3"), col("v1").count().alias("count")});
        },
        {"v3", "count"})},
  };
  return tasks;
}

struct JoinTask {
  std::string right;  // small, medium or big
  std::string on;
  strata::compute::JoinType how;
};

const std::map<std::string, JoinTask>& join_tasks() {
  using strata::compute::JoinType;
  static const std::map<std::string, JoinTask> tasks = {
      {"join_small_inner", {"small", "id1", JoinType::Inner}},
      {"join_medium_inner", {"medium", "id2", JoinType::Inner}},
      {"join_medium_left", {"medium", "id2", JoinType::Left}},
      {"join_medium_inner_str", {"medium", "id5", JoinType::Inner}},
      {"join_big_inner", {"big", "id3", JoinType::Inner}},
  };
  return tasks;
}

/// Sorting the whole table by one column.
const std::map<std::string, std::string>& sort_tasks() {
  static const std::map<std::string, std::string> tasks = {
      {"sort_int", "id6"}, {"sort_float", "v3"}, {"sort_str", "id3"}};
  return tasks;
}

const std::vector<std::string> kParquetTasks = {"parquet_write", "parquet_read", "parquet_filter_glob"};
constexpr const char* kCsvReadTask = "csv_read";

bool is_known_task(const std::string& task) {
  return task == kCsvReadTask || groupby_tasks().count(task) || join_tasks().count(task) || sort_tasks().count(task) ||
         std::find(kParquetTasks.begin(), kParquetTasks.end(), task) != kParquetTasks.end();
}

// ---- Data paths -------------------------------------------------------------

std::string short_count(int64_t value) {
  int exponent = 0;
  int64_t rest = value;
  while (rest % 10 == 0 && rest > 1) {
    rest /= 10;
    ++exponent;
  }
  return exponent == 0 ? std::to_string(value) : std::to_string(rest) + "e" + std::to_string(exponent);
}

/// The data sets next to the group-by CSV (see dataPaths in task_runner.mjs);
/// a sorted CSV (_1.csv) names the same join tables as the unsorted one.
struct DataPaths {
  std::string join_x;
  std::map<std::string, std::string> join_right;
  std::string parquet, parquet_glob, parquet_output;
};

DataPaths data_paths(const std::string& csv) {
  const std::filesystem::path path(csv);
  std::smatch match;
  const std::string name = path.filename().string();
  if (!std::regex_match(name, match, std::regex("G1_([0-9e]+)_[0-9e]+_([0-9]+)_[01]\\.csv")))
    throw std::runtime_error("cannot derive the data set names from " + csv +
                             ": expected G1_<rows>_<groups>_<nulls>_<0|1>.csv");
  const std::string rows_label = match[1], nulls = match[2];
  const auto rows = static_cast<int64_t>(std::stod(rows_label));
  const auto join = [&](const std::string& right) {
    return (path.parent_path() / ("J1_" + rows_label + "_" + right + "_" + nulls + "_0.csv")).string();
  };
  const std::string stem = csv.substr(0, csv.size() - 4);
  return {join("NA"),
          {{"small", join(short_count(std::max<int64_t>(10, rows / 1000000)))},
           {"medium", join(short_count(std::max<int64_t>(100, rows / 1000)))},
           {"big", join(rows_label)}},
          stem + ".parquet",
          stem + ".parts/*.parquet",
          stem + ".written-by-strata.parquet"};
}

// ---- Arguments, timing, output -------------------------------------------------

struct Arguments {
  bool lazy = false;
  std::string csv;
  int threads = 0;
  int repeat = 0;
  std::vector<std::string> tasks;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr, "%s\nusage: strata_bench [--lazy] CSV THREADS REPEAT TASK[,TASK...]\n(tasks: see bench/README.md)\n",
               problem.c_str());
  std::exit(2);
}

int parse_positive(const char* label, const std::string& text) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || value < 1 || value > 4096) {
    usage(std::string(label) + " must be a positive integer, got '" + text + "'");
  }
  return static_cast<int>(value);
}

Arguments parse_arguments(int argc, char** argv) {
  Arguments arguments;
  if (argc > 1 && std::string(argv[1]) == "--lazy") {
    arguments.lazy = true;
    --argc;
    ++argv;
  }
  if (argc != 5) usage("expected 4 arguments, got " + std::to_string(argc - 1));
  arguments.csv = argv[1];
  arguments.threads = parse_positive("THREADS", argv[2]);
  arguments.repeat = parse_positive("REPEAT", argv[3]);
  const std::string list = argv[4];
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    std::string task = list.substr(start, comma - start);
    if (!task.empty()) {
      if (!is_known_task(task)) usage("unknown task '" + task + "'");
      arguments.tasks.push_back(std::move(task));
    }
    start = comma + 1;
  }
  return arguments;
}

struct Timing {
  double first_s = 0;
  double best_s = std::numeric_limits<double>::infinity();
};

/// Runs `run` `repeat` times, keeping its last result in `result` (cleared
/// before each run so that only one result is alive at a time).
Timing time_repeated(int repeat, DataFrame& result, const std::function<DataFrame()>& run) {
  Timing timing;
  for (int i = 0; i < repeat; ++i) {
    result = DataFrame();
    const auto start = std::chrono::steady_clock::now();
    result = run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (i == 0) timing.first_s = seconds;
    timing.best_s = std::min(timing.best_s, seconds);
  }
  return timing;
}

/// Sum of the named columns' sums; nulls and NaN are skipped and a column
/// with no values adds 0.
double column_sums(const DataFrame& frame, const std::vector<std::string>& columns) {
  double total = 0;
  for (const std::string& name : columns) {
    const strata::Series& column = frame.column(name);
    if (column.type().id() != strata::TypeId::Float64) {
      const strata::Scalar sum = column.sum();
      if (!sum.is_null()) total += sum.as_double();
      continue;
    }
    for (const strata::Array& chunk : column.data().chunks()) {
      const double* values = chunk.values<double>();
      for (int64_t i = 0; i < chunk.length(); ++i)
        if (chunk.is_valid(i) && !std::isnan(values[i])) total += values[i];
    }
  }
  return total;
}

/// Sum of the sorted key at every step-th row, nulls skipped; strings
/// "id<digits>" count by their number.
double sort_checksum(const DataFrame& sorted, const std::string& key) {
  const strata::Array values = sorted.column(key).array();
  const int64_t step = std::max<int64_t>(1, sorted.height() / 1000);
  double total = 0;
  for (int64_t row = 0; row < values.length(); row += step) {
    if (values.is_null(row)) continue;
    if (values.type().is_string_like()) total += std::stod(std::string(values.string_at(row).substr(2)));
    else total += strata::array_value(values, row).as_double();
  }
  return total;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

/// "strata", or "strata_lazy" with --lazy.
const char* g_engine = "strata";

/// `file_bytes` (when not negative) is the size of the Parquet file the task
/// wrote or read, reported as "file_bytes"; `eager_s` (when not negative)
/// the eager path's best time, reported as "eager_s".
void emit(const std::string& task, int threads, const Timing& timing, int64_t rows, double checksum,
          int64_t file_bytes = -1, double eager_s = -1) {
  std::string extra = file_bytes < 0 ? std::string() : ",\"file_bytes\":" + std::to_string(file_bytes);
  if (eager_s >= 0) extra += ",\"eager_s\":" + std::to_string(eager_s);
  std::printf(
      "{\"engine\":\"%s\",\"version\":\"%s\",\"task\":\"%s\",\"threads\":%d,\"first_s\":%.6f,"
      "\"best_s\":%.6f,\"rows\":%lld,\"checksum\":%.17g,\"peak_rss_mb\":%.1f%s}\n",
      g_engine, STRATA_VERSION_STRING, task.c_str(), threads, timing.first_s, timing.best_s,
      static_cast<long long>(rows), checksum, peak_rss_mb(), extra.c_str());
  std::fflush(stdout);
}

// ---- Running ------------------------------------------------------------------

class Runner {
 public:
  explicit Runner(const Arguments& arguments) : arguments_(arguments), paths_(data_paths(arguments.csv)) {}

  void run(const std::string& task) {
    if (arguments_.lazy) return run_lazy(task);
    DataFrame result;
    if (task == kCsvReadTask) {
      const Timing timing = time([&] { return strata::read_csv(arguments_.csv); }, result);
      table_ = result;  // later tasks reuse the loaded table
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, kCsvChecksumColumns));
    }
    if (const auto found = groupby_tasks().find(task); found != groupby_tasks().end()) {
      const GroupByTask& spec = found->second;
      const DataFrame& x = table();
      const Timing timing = time([&] { return spec.query(x); }, result);
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, spec.checksum_columns));
    }
    if (const auto found = join_tasks().find(task); found != join_tasks().end()) {
      const JoinTask& spec = found->second;
      if (join_x_.width() == 0) join_x_ = strata::read_csv(paths_.join_x);
      const DataFrame right = strata::read_csv(paths_.join_right.at(spec.right));
      const Timing timing = time([&] { return join_x_.join(right, {spec.on}, {.how = spec.how}); }, result);
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, {"v1", "v2"}));
    }
    if (const auto found = sort_tasks().find(task); found != sort_tasks().end()) {
      const DataFrame& x = table();
      const Timing timing = time([&] { return x.sort(found->second); }, result);
      return emit(task, arguments_.threads, timing, result.height(), sort_checksum(result, found->second));
    }
    run_parquet(task);
  }

 private:
  Timing time(const std::function<DataFrame()>& run, DataFrame& result) const {
    return time_repeated(arguments_.repeat, result, run);
  }

  const DataFrame& table() {
    if (table_.width() == 0) table_ = strata::read_csv(arguments_.csv);
    return table_;
  }

  /// parquet_write: times `write` of the loaded table to the output path,
  /// then checks what it wrote.
  void run_parquet_write(const std::function<void(const DataFrame&)>& write) {
    const DataFrame& x = table();
    DataFrame result;
    const Timing timing = time(
        [&] {
          write(x);
          return DataFrame();
        },
        result);
    const DataFrame written = strata::read_parquet(paths_.parquet_output);
    const auto file_bytes = static_cast<int64_t>(std::filesystem::file_size(paths_.parquet_output));
    std::filesystem::remove(paths_.parquet_output);
    emit("parquet_write", arguments_.threads, timing, written.height(), column_sums(written, kCsvChecksumColumns),
         file_bytes);
  }

  void run_parquet(const std::string& task) {
    DataFrame result;
    if (task == "parquet_write")
      return run_parquet_write([&](const DataFrame& x) { strata::write_parquet(x, paths_.parquet_output); });
    if (task == "parquet_read") {
      const Timing timing = time([&] { return strata::read_parquet(paths_.parquet); }, result);
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, kCsvChecksumColumns),
                  static_cast<int64_t>(std::filesystem::file_size(paths_.parquet)));
    }
    // parquet_filter_glob: the predicate is pushed into the scan, which
    // skips row groups by statistics, decodes id4 and v3 first and keeps only
    // the matching rows of each row group.
    strata::ParquetReadOptions options;
    options.columns = {"id1", "id4", "v1", "v3"};
    options.filter = {{"id4", strata::ParquetPredicate::Op::LessEqual, strata::Scalar::int64(10)},
                      {"v3", strata::ParquetPredicate::Op::GreaterEqual, strata::Scalar::float64(50.0)}};
    const Timing timing = time([&] { return strata::read_parquet(paths_.parquet_glob, options); }, result);
    emit(task, arguments_.threads, timing, result.height(), column_sums(result, {"v1", "v3"}));
  }

  // ---- Lazy queries from the Parquet copies (--lazy)

  /// The Parquet copy of a CSV input: `<stem>.parquet`, written by Strata
  /// (untimed) when the harness did not prepare one or the CSV is newer.
  static std::string parquet_copy(const std::string& csv) {
    const std::string path = csv.substr(0, csv.size() - 4) + ".parquet";
    namespace fs = std::filesystem;
    if (!fs::exists(path) || fs::last_write_time(csv) > fs::last_write_time(path))
      strata::write_parquet(strata::read_csv(csv), path);
    return path;
  }

  void run_lazy(const std::string& task) {
    DataFrame result, eager_result;
    const auto run_both = [&](const std::function<DataFrame()>& lazy, const std::function<DataFrame()>& eager) {
      const Timing eager_timing = time(eager, eager_result);
      eager_result = DataFrame();
      const Timing timing = time(lazy, result);
      return std::make_pair(timing, eager_timing.best_s);
    };
    if (task == kCsvReadTask) {
      const Timing timing = time([&] { return strata::scan_csv(arguments_.csv).collect(); }, result);
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, kCsvChecksumColumns));
    }
    if (const auto found = groupby_tasks().find(task); found != groupby_tasks().end()) {
      const GroupByTask& spec = found->second;
      const std::string file = parquet_copy(arguments_.csv);
      const auto [timing, eager_s] = run_both([&] { return spec.lazy_query(strata::scan_parquet(file)).collect(); },
                                              [&] { return spec.query(strata::read_parquet(file)); });
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, spec.checksum_columns), -1,
                  eager_s);
    }
    if (const auto found = join_tasks().find(task); found != join_tasks().end()) {
      const JoinTask& spec = found->second;
      const std::string left = parquet_copy(paths_.join_x), right = parquet_copy(paths_.join_right.at(spec.right));
      const auto [timing, eager_s] = run_both(
          [&] {
            return strata::scan_parquet(left).join(strata::scan_parquet(right), {spec.on}, {.how = spec.how}).collect();
          },
          [&] { return strata::read_parquet(left).join(strata::read_parquet(right), {spec.on}, {.how = spec.how}); });
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, {"v1", "v2"}), -1, eager_s);
    }
    if (const auto found = sort_tasks().find(task); found != sort_tasks().end()) {
      const std::string file = parquet_copy(arguments_.csv);
      const auto [timing, eager_s] = run_both([&] { return strata::scan_parquet(file).sort(found->second).collect(); },
                                              [&] { return strata::read_parquet(file).sort(found->second); });
      return emit(task, arguments_.threads, timing, result.height(), sort_checksum(result, found->second), -1,
                  eager_s);
    }
    if (task == "parquet_write")
      return run_parquet_write([&](const DataFrame& x) { strata::lazy(x).sink_parquet(paths_.parquet_output); });
    if (task == "parquet_read") {
      const Timing timing = time([&] { return strata::scan_parquet(paths_.parquet).collect(); }, result);
      return emit(task, arguments_.threads, timing, result.height(), column_sums(result, kCsvChecksumColumns),
                  static_cast<int64_t>(std::filesystem::file_size(paths_.parquet)));
    }
    // parquet_filter_glob, as a user writes it: the optimizer pushes the
    // filter and the projection into the scan.
    const Timing timing = time(
        [&] {
          return strata::scan_parquet(paths_.parquet_glob)
              .filter(col("id4") <= 10 && col("v3") >= 50.0)
              .select({"id1", "id4", "v1", "v3"})
              .collect();
        },
        result);
    emit(task, arguments_.threads, timing, result.height(), column_sums(result, {"v1", "v3"}));
  }

  const Arguments& arguments_;
  DataPaths paths_;
  DataFrame table_;
  DataFrame join_x_;
};

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = parse_arguments(argc, argv);
  try {
    strata::ThreadPool::set_global_threads(arguments.threads);
    if (arguments.lazy) g_engine = "strata_lazy";
    Runner runner(arguments);
    for (const std::string& task : arguments.tasks) runner.run(task);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "strata_bench: %s\n", error.what());
    return 1;
  }
}
