#pragma once
// The executor's unit of work. A MorselStream is a numbered set of morsels;
// running morsel i reads its part of a source and pushes it through every
// streaming operator fused above it, on one thread, giving batches. The
// executor runs morsels in parallel on the shared pool and keeps their
// order, so results are deterministic.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "strata/core/table.hpp"
#include "strata/exec/lazy_frame.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata::exec {

using Batches = std::vector<RecordBatch>;

struct ExecContext {
  explicit ExecContext(CancellationToken token) : cancellation(std::move(token)) {}
  CancellationToken cancellation;
  /// Results of the plan's Cache nodes, by id, once computed.
  std::map<int64_t, DataFrame> cached;
  std::mutex cached_mutex;
  /// Throws CancelledError once the query was cancelled.
  void check() const;
};

struct MorselStream {
  Schema schema;
  int64_t count = 0;
  /// The morsels parallelize internally (too few to spread over the pool):
  /// they run one at a time.
  bool parallel_inside = false;
  std::function<Batches(int64_t)> run;
};

struct OperatorStats {
  std::atomic<int64_t> rows{0};
  std::atomic<int64_t> batches{0};
  std::atomic<int64_t> nanos{0};
  void add(const Batches& out, std::chrono::steady_clock::time_point start);
  void add(const DataFrame& out, std::chrono::steady_clock::time_point start);
  /// Time spent since `start`, without output (building, probing into state).
  void add_time(std::chrono::steady_clock::time_point start);
};

/// Runs the morsels, handing each one's batches to `consume` in morsel
/// order (a few morsels at a time, so memory holds only those in flight);
/// stops early when `consume` returns false.
void drive_in_order(const MorselStream& stream, const ExecContext& context,
                    const std::function<bool(Batches&&)>& consume);
/// Runs every morsel, in parallel unless they parallelize inside, handing
/// each one's batches to `consume` with the morsel's number as soon as it
/// is done (so `consume` must be thread-safe; nothing is kept).
void for_each_morsel(const MorselStream& stream, const ExecContext& context,
                     const std::function<void(int64_t, Batches&&)>& consume);
/// Every morsel's batches, in order, as one frame of the stream's schema.
DataFrame materialize(const MorselStream& stream, const ExecContext& context);

/// A one-batch frame and back (columns shared, not copied).
DataFrame frame_of(const RecordBatch& batch);
/// The batches as one frame of `schema` (columns chunked, not copied).
DataFrame frame_of(const Batches& batches, const Schema& schema);
Batches batches_of(const DataFrame& frame);
/// A stream over a frame in memory: one morsel per slice of `rows` rows.
MorselStream stream_of(DataFrame frame, int64_t rows = int64_t{1} << 16);

}  // namespace strata::exec
