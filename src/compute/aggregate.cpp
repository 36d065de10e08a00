// Dispatch to the aggregate families and the two drivers: grouped_aggregate
// (per-thread states over row ranges, merged in order) and the whole-column
// aggregate (the same, with one group).
#include <numeric>
#include <string>

#include "compute/internal/aggregator_base.hpp"
#include "compute/internal/row_ranges.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "strata/core/table.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata::compute {

namespace internal {

std::unique_ptr<AggregatorBase> make_aggregator(AggKind kind, const DataType& input, const AggOptions& options) {
  aggregate_type(kind, input, options);  // rejects kinds that do not apply
  switch (kind) {
    case AggKind::Sum: return make_sum_aggregator(input);
    case AggKind::Mean: return make_mean_aggregator(input);
    case AggKind::Min:
    case AggKind::Max: return make_min_max_aggregator(kind, input);
    case AggKind::Count:
    case AggKind::NullCount:
    case AggKind::Len: return make_count_aggregator(kind, input);
    case AggKind::NUnique: return make_n_unique_aggregator(input);
    case AggKind::First:
    case AggKind::Last: return make_first_last_aggregator(kind, input);
    case AggKind::Std:
    case AggKind::Var: return make_variance_aggregator(kind, input, options.ddof);
    case AggKind::Median: return make_quantile_aggregator(input, 0.5);
    case AggKind::Quantile: return make_quantile_aggregator(input, options.quantile);
    case AggKind::Corr:
    case AggKind::Cov: return make_correlation_aggregator(kind, input, options.ddof);
  }
  throw InternalError("unhandled aggregate kind");
}

}  // namespace internal

std::unique_ptr<GroupedAggregator> make_grouped_aggregator(AggKind kind, const DataType& input,
                                                           const AggOptions& options) {
  return internal::make_aggregator(kind, input, options);
}

namespace {

// A slice of one chunk processed by one task.
struct RowPiece {
  const Array* chunk;
  int64_t begin, end;
  const uint32_t* group_ids;  // one per row of [begin, end); nullptr = group 0
};

// Splits the column into about `ranges` pieces of similar size, never across
// chunk boundaries.
std::vector<RowPiece> split_rows(const ChunkedArray& values, const uint32_t* group_ids, int64_t ranges) {
  std::vector<RowPiece> pieces;
  const int64_t step = std::max<int64_t>(1, (values.length() + ranges - 1) / std::max<int64_t>(1, ranges));
  int64_t chunk_start = 0;
  for (const Array& chunk : values.chunks()) {
    for (int64_t begin = 0; begin < chunk.length(); begin += step)
      pieces.push_back({&chunk, begin, std::min(chunk.length(), begin + step),
                        group_ids ? group_ids + chunk_start + begin : nullptr});
    chunk_start += chunk.length();
  }
  return pieces;
}

// Aggregates all rows into `num_groups` groups, in parallel when the input is
// large and the per-thread states are small next to it.
Array aggregate_rows(const ChunkedArray& values, const uint32_t* group_ids, int64_t num_groups, AggKind kind,
                     const AggOptions& options) {
  const int64_t n = values.length();
  const int threads = ThreadPool::global().size();
  const bool parallel = n >= 4 * internal::kParallelMinRows && threads > 1 && num_groups * 8 <= n;
  const std::vector<RowPiece> pieces = split_rows(values, group_ids, parallel ? threads : 1);
  std::vector<std::unique_ptr<internal::AggregatorBase>> states(std::max<size_t>(1, pieces.size()));
  ThreadPool::global().parallel_for(static_cast<int64_t>(states.size()), [&](int64_t p) {
    auto& state = states[static_cast<size_t>(p)];
    state = internal::make_aggregator(kind, values.type(), options);
    state->resize(num_groups);
    if (static_cast<size_t>(p) < pieces.size()) {
      const RowPiece& piece = pieces[static_cast<size_t>(p)];
      state->consume_range(*piece.chunk, piece.begin, piece.end, piece.group_ids);
    }
  });
  if (states.size() > 1) {
    std::vector<uint32_t> identity(static_cast<size_t>(num_groups));
    std::iota(identity.begin(), identity.end(), 0u);
    for (size_t p = 1; p < states.size(); ++p) states[0]->merge(*states[p], identity.data());
  }
  return states[0]->finish();
}

}  // namespace

ChunkedArray pair_columns(const ChunkedArray& x, const ChunkedArray& y) {
  if (x.length() != y.length())
    throw InvalidInputError("a two-column aggregate got columns of different lengths: " + std::to_string(x.length()) +
                            " and " + std::to_string(y.length()));
  const DataType type = pair_type(x.type(), y.type());
  const std::vector<Field>& fields = type.fields();
  // Aligned pieces of both columns, sharing their buffers.
  const Table both(Schema(fields), {x, y});
  std::vector<Array> chunks;
  for (const RecordBatch& batch : both.to_batches(std::max<int64_t>(1, x.length())))
    chunks.push_back(make_struct_array(fields, batch.columns));
  return ChunkedArray(type, std::move(chunks));
}

Array grouped_aggregate(const ChunkedArray& values, const std::vector<uint32_t>& group_ids, int64_t num_groups,
                        AggKind kind, const AggOptions& options) {
  if (static_cast<int64_t>(group_ids.size()) != values.length())
    throw InvalidInputError("grouped aggregation got " + std::to_string(group_ids.size()) + " group ids for " +
                            std::to_string(values.length()) + " values");
  return aggregate_rows(values, group_ids.data(), num_groups, kind, options);
}

Scalar aggregate(const ChunkedArray& values, AggKind kind, const AggOptions& options) {
  const Array result = aggregate_rows(values, nullptr, 1, kind, options);
  return array_value(result, 0);
}

}  // namespace strata::compute
