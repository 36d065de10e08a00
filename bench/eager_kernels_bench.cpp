// Times two eager kernels on generated data, without peers:
//   filter      a wide frame (16 columns shaped like TPC-H lineitem) filtered
//               by a predicate that keeps about 98.6% of the rows, next to
//               DataFrame::take of the same rows;
//   n_unique    a grouped n_unique over many groups, next to max over the
//               same groups.
//
//   eager_kernels_bench [filter|n_unique|all] [ROWS] [THREADS] [REPEAT]
//
// Defaults: all, 6e6 rows for filter and 1e7 for n_unique (ROWS overrides
// both), the machine's threads, 3 repetitions. Prints one line per
// measurement with the best time and a checksum of the result.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"

namespace {

using strata::Array;
using strata::ChunkedArray;
using strata::DataFrame;
using strata::DataType;
using strata::Series;
using strata::col;
using strata::lit;

constexpr int64_t kChunkRows = 1 << 20;

// A column of `rows` values in chunks of kChunkRows, value(i) or null.
template <typename T>
ChunkedArray fixed_column(const DataType& type, int64_t rows, const std::function<T(int64_t)>& value,
                          int64_t null_every = 0) {
  std::vector<Array> chunks;
  for (int64_t start = 0; start < rows; start += kChunkRows) {
    strata::FixedWidthBuilder<T> builder(type);
    const int64_t end = std::min(rows, start + kChunkRows);
    builder.reserve(end - start);
    for (int64_t i = start; i < end; ++i) {
      if (null_every > 0 && i % null_every == 0) builder.append_null();
      else builder.append(value(i));
    }
    chunks.push_back(builder.finish());
  }
  return ChunkedArray(type, std::move(chunks));
}

ChunkedArray string_column(int64_t rows, const std::vector<std::string>& choices, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Array> chunks;
  for (int64_t start = 0; start < rows; start += kChunkRows) {
    strata::StringBuilder builder;
    const int64_t end = std::min(rows, start + kChunkRows);
    builder.reserve(end - start);
    for (int64_t i = start; i < end; ++i) builder.append(std::string_view(choices[rng() % choices.size()]));
    chunks.push_back(builder.finish());
  }
  return ChunkedArray(DataType::string(), std::move(chunks));
}

// 16 columns like lineitem: keys, numbers, flags, dates and strings.
DataFrame lineitem_like(int64_t rows) {
  std::mt19937_64 rng(42);
  std::vector<int64_t> random(static_cast<size_t>(rows));
  for (auto& r : random) r = static_cast<int64_t>(rng() >> 1);
  auto pick = [&](int64_t i, int64_t modulo) { return random[static_cast<size_t>(i)] % modulo; };
  const std::vector<std::string> comments = {"carefully final deposits detect slyly agai", "quickly ironic requests",
                                             "furiously regular packages sleep", "blithely even accounts",
                                             "pending foxes nag"};
  std::vector<Series> columns;
  columns.emplace_back("orderkey", fixed_column<int64_t>(DataType::int64(), rows, [](int64_t i) { return i / 4; }));
  columns.emplace_back("partkey",
                       fixed_column<int64_t>(DataType::int64(), rows, [&](int64_t i) { return pick(i, 200000); }));
  columns.emplace_back("suppkey",
                       fixed_column<int64_t>(DataType::int64(), rows, [&](int64_t i) { return pick(i, 10000); }));
  columns.emplace_back("linenumber", fixed_column<int32_t>(DataType::int32(), rows,
                                                           [](int64_t i) { return static_cast<int32_t>(i % 7); }));
  columns.emplace_back("quantity", fixed_column<double>(DataType::float64(), rows, [&](int64_t i) {
                         return static_cast<double>(pick(i, 50) + 1);
                       }));
  columns.emplace_back("extendedprice", fixed_column<double>(DataType::float64(), rows, [&](int64_t i) {
                         return static_cast<double>(pick(i, 10000000)) / 100.0;
                       }));
  columns.emplace_back("discount", fixed_column<double>(DataType::float64(), rows, [&](int64_t i) {
                         return static_cast<double>(pick(i, 11)) / 100.0;
                       }, 1000));
  columns.emplace_back("tax", fixed_column<double>(DataType::float64(), rows, [&](int64_t i) {
                         return static_cast<double>(pick(i, 9)) / 100.0;
                       }));
  columns.emplace_back("returnflag", string_column(rows, {"A", "N", "R"}, 1));
  columns.emplace_back("linestatus", string_column(rows, {"O", "F"}, 2));
  // Ship dates spread over 2557 days; the filter keeps the first 98.6%.
  columns.emplace_back("shipdate", fixed_column<int32_t>(DataType::date(), rows, [&](int64_t i) {
                         return static_cast<int32_t>(8036 + pick(i, 2557));
                       }));
  columns.emplace_back("commitdate", fixed_column<int32_t>(DataType::date(), rows, [&](int64_t i) {
                         return static_cast<int32_t>(8036 + pick(i / 3, 2557));
                       }));
  columns.emplace_back("receiptdate", fixed_column<int32_t>(DataType::date(), rows, [&](int64_t i) {
                         return static_cast<int32_t>(8036 + pick(i / 5, 2557));
                       }));
  columns.emplace_back("shipinstruct",
                       string_column(rows, {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"}, 3));
  columns.emplace_back("shipmode", string_column(rows, {"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "FOB", "REG AIR"}, 4));
  columns.emplace_back("comment", string_column(rows, comments, 5));
  return DataFrame(std::move(columns));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Best of `repeat` runs of fn, which returns a checksum.
void measure(const char* name, int repeat, const std::function<double()>& fn) {
  double best = 1e30, first = 0, checksum = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    checksum = fn();
    const double elapsed = seconds_since(start);
    if (r == 0) first = elapsed;
    best = std::min(best, elapsed);
  }
  std::printf("%-28s first %8.3f s  best %8.3f s  checksum %.6g\n", name, first, best, checksum);
  std::fflush(stdout);
}

double frame_checksum(const DataFrame& frame) {
  double sum = static_cast<double>(frame.height());
  for (const char* name : {"orderkey", "suppkey", "extendedprice", "discount"})
    if (frame.has_column(name)) sum += frame.column(name).sum().as_double();
  return sum;
}

void run_filter(int64_t rows, int repeat) {
  const DataFrame frame = lineitem_like(rows);
  const strata::Expr predicate = col("shipdate") <= lit(strata::Scalar::date(8036 + 2521));
  const DataFrame once = frame.filter(predicate);
  std::printf("filter keeps %lld of %lld rows (%.1f%%), %lld columns\n", static_cast<long long>(once.height()),
              static_cast<long long>(rows), 100.0 * static_cast<double>(once.height()) / static_cast<double>(rows),
              static_cast<long long>(frame.width()));
  const strata::Table table = frame.to_table();
  const ChunkedArray mask = strata::evaluate(predicate, table);
  const std::vector<int64_t> indices = strata::compute::mask_to_indices(mask);
  measure("filter", repeat, [&] { return frame_checksum(frame.filter(predicate)); });
  measure("take (same rows)", repeat, [&] { return frame_checksum(frame.take(indices)); });
  measure("predicate alone", repeat, [&] { return static_cast<double>(strata::evaluate(predicate, table).length()); });
}

void run_n_unique(int64_t rows, int repeat) {
  const int64_t groups = rows * 3 / 20;  // 1.5e6 groups for 1e7 rows
  std::mt19937_64 rng(7);
  std::vector<int64_t> group_of(static_cast<size_t>(rows)), value_of(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i) {
    group_of[static_cast<size_t>(i)] = static_cast<int64_t>(rng() % static_cast<uint64_t>(groups));
    value_of[static_cast<size_t>(i)] = static_cast<int64_t>(rng() % 10000);
  }
  const DataFrame frame({
      Series("key", fixed_column<int64_t>(DataType::int64(), rows,
                                          [&](int64_t i) { return group_of[static_cast<size_t>(i)]; })),
      Series("value", fixed_column<int64_t>(DataType::int64(), rows,
                                            [&](int64_t i) { return value_of[static_cast<size_t>(i)]; }, 97)),
      Series("text", string_column(rows, {"alpha", "beta", "gamma", "delta", "a string longer than twelve",
                                          "another string longer than twelve", "epsilon"}, 11)),
  });
  std::printf("n_unique: %lld rows, about %lld groups\n", static_cast<long long>(rows),
              static_cast<long long>(groups));
  auto checksum = [](const DataFrame& out) {
    return static_cast<double>(out.height()) + out.column(out.column_names().back()).sum().as_double();
  };
  measure("group_by max", repeat, [&] { return checksum(frame.group_by({"key"}).agg({col("value").max()})); });
  measure("group_by n_unique int64", repeat,
          [&] { return checksum(frame.group_by({"key"}).agg({col("value").n_unique()})); });
  measure("group_by n_unique string", repeat,
          [&] { return checksum(frame.group_by({"key"}).agg({col("text").n_unique()})); });
  measure("n_unique whole column", repeat, [&] { return static_cast<double>(frame.column("value").n_unique()); });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string which = argc > 1 ? argv[1] : "all";
  const int64_t rows = argc > 2 ? static_cast<int64_t>(std::atof(argv[2])) : 0;
  if (argc > 3) strata::ThreadPool::set_global_threads(std::atoi(argv[3]));
  const int repeat = argc > 4 ? std::atoi(argv[4]) : 3;
  std::printf("threads %d\n", strata::ThreadPool::global().size());
  if (which == "filter" || which == "all") run_filter(rows > 0 ? rows : 6000000, repeat);
  if (which == "n_unique" || which == "all") run_n_unique(rows > 0 ? rows : 10000000, repeat);
  return 0;
}
