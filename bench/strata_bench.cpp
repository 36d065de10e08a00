// Strata side of the peer benchmark, with the same command-line contract and
// output as the peer programs in bench/peers/ (see task_runner.mjs there):
//
//   strata_bench CSV THREADS REPEAT TASK[,TASK...]
//
// For every task it prints one JSON line:
//   {"engine","version","task","threads","first_s","best_s","rows","checksum","peak_rss_mb"}
// csv_read times strata::read_csv of the whole file; the group-by tasks (the
// H2O.ai db-benchmark questions 1-5) load the file once, untimed, and time
// only group_by(...).agg(...). The checksum is the sum of the aggregated
// result columns (of id4,id5,id6,v1,v2,v3 for csv_read), nulls skipped.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "strata/core/thread_pool.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"
#include "strata/io/csv.hpp"

#ifndef STRATA_VERSION_STRING
#define STRATA_VERSION_STRING "unknown"
#endif

namespace {

enum class Aggregation { Sum, Mean };

struct GroupByTask {
  const char* name;
  std::vector<std::string> keys;
  std::vector<std::pair<std::string, Aggregation>> aggregations;
};

/// The H2O.ai group-by questions 1-5; keep in step with the peer programs.
const std::vector<GroupByTask>& groupby_tasks() {
  static const std::vector<GroupByTask> tasks = {
      {"groupby_sum_id1", {"id1"}, {{"v1", Aggregation::Sum}}},
      {"groupby_sum_id1_id2", {"id1", "id2"}, {{"v1", Aggregation::Sum}}},
      {"groupby_sum_mean_id3", {"id3"}, {{"v1", Aggregation::Sum}, {"v3", Aggregation::Mean}}},
      {"groupby_mean_id4", {"id4"}, {{"v1", Aggregation::Mean}, {"v2", Aggregation::Mean}, {"v3", Aggregation::Mean}}},
      {"groupby_sum_id6", {"id6"}, {{"v1", Aggregation::Sum}, {"v2", Aggregation::Sum}, {"v3", Aggregation::Sum}}},
  };
  return tasks;
}

const std::vector<std::string> kCsvChecksumColumns = {"id4", "id5", "id6", "v1", "v2", "v3"};
constexpr const char* kCsvReadTask = "csv_read";

struct Arguments {
  std::string csv;
  int threads = 0;
  int repeat = 0;
  std::vector<std::string> tasks;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr, "%s\nusage: strata_bench CSV THREADS REPEAT TASK[,TASK...]\ntasks: %s", problem.c_str(),
               kCsvReadTask);
  for (const GroupByTask& task : groupby_tasks()) std::fprintf(stderr, ", %s", task.name);
  std::fprintf(stderr, "\n");
  std::exit(2);
}

const GroupByTask* find_groupby_task(const std::string& name) {
  for (const GroupByTask& task : groupby_tasks()) {
    if (name == task.name) return &task;
  }
  return nullptr;
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
  if (argc != 5) usage("expected 4 arguments, got " + std::to_string(argc - 1));
  Arguments arguments;
  arguments.csv = argv[1];
  arguments.threads = parse_positive("THREADS", argv[2]);
  arguments.repeat = parse_positive("REPEAT", argv[3]);
  const std::string list = argv[4];
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    std::string task = list.substr(start, comma - start);
    if (!task.empty()) {
      if (task != kCsvReadTask && find_groupby_task(task) == nullptr) usage("unknown task '" + task + "'");
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
Timing time_repeated(int repeat, strata::DataFrame& result, const std::function<strata::DataFrame()>& run) {
  Timing timing;
  for (int i = 0; i < repeat; ++i) {
    result = strata::DataFrame();
    const auto start = std::chrono::steady_clock::now();
    result = run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (i == 0) timing.first_s = seconds;
    timing.best_s = std::min(timing.best_s, seconds);
  }
  return timing;
}

/// Sum of the named columns' sums; nulls are skipped and a column with no
/// values adds 0.
double column_sums(const strata::DataFrame& frame, const std::vector<std::string>& columns) {
  double total = 0;
  for (const std::string& name : columns) {
    const strata::Scalar sum = frame.column(name).sum();
    if (!sum.is_null()) total += sum.as_double();
  }
  return total;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void emit(const std::string& task, int threads, const Timing& timing, int64_t rows, double checksum) {
  std::printf(
      "{\"engine\":\"strata\",\"version\":\"%s\",\"task\":\"%s\",\"threads\":%d,\"first_s\":%.6f,"
      "\"best_s\":%.6f,\"rows\":%lld,\"checksum\":%.17g,\"peak_rss_mb\":%.1f}\n",
      STRATA_VERSION_STRING, task.c_str(), threads, timing.first_s, timing.best_s, static_cast<long long>(rows),
      checksum, peak_rss_mb());
  std::fflush(stdout);
}

strata::Expr aggregation_expression(const std::string& column, Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::Sum:
      return strata::col(column).sum();
    case Aggregation::Mean:
      return strata::col(column).mean();
  }
  std::abort();  // unreachable: every enumerator is handled above
}

void run(const Arguments& arguments) {
  strata::ThreadPool::set_global_threads(arguments.threads);
  strata::DataFrame table;
  bool loaded = false;
  for (const std::string& task : arguments.tasks) {
    if (task == kCsvReadTask) {
      const Timing timing =
          time_repeated(arguments.repeat, table, [&] { return strata::read_csv(arguments.csv); });
      loaded = true;  // later group-by tasks reuse the loaded table
      emit(task, arguments.threads, timing, table.height(), column_sums(table, kCsvChecksumColumns));
      continue;
    }
    if (!loaded) {
      table = strata::read_csv(arguments.csv);
      loaded = true;
    }
    const GroupByTask& spec = *find_groupby_task(task);
    std::vector<strata::Expr> expressions;
    std::vector<std::string> aggregated_columns;
    for (const auto& [column, aggregation] : spec.aggregations) {
      expressions.push_back(aggregation_expression(column, aggregation));
      aggregated_columns.push_back(column);
    }
    strata::DataFrame result;
    // Groups in order of first appearance (the default), as pandas' sort=False.
    const Timing timing =
        time_repeated(arguments.repeat, result, [&] { return table.group_by(spec.keys).agg(expressions); });
    emit(task, arguments.threads, timing, result.height(), column_sums(result, aggregated_columns));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = parse_arguments(argc, argv);
  try {
    run(arguments);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "strata_bench: %s\n", error.what());
    return 1;
  }
}
