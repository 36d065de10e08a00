#include "exec/morsel_stream.hpp"

#include <algorithm>
#include <limits>

#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/plan/logical_plan.hpp"

namespace strata::exec {

void ExecContext::check() const {
  if (cancellation.is_cancelled()) throw CancelledError("the query was cancelled");
}

void OperatorStats::add_time(std::chrono::steady_clock::time_point start) {
  nanos += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
}

void OperatorStats::add(const Batches& out, std::chrono::steady_clock::time_point start) {
  int64_t n = 0;
  for (const RecordBatch& batch : out) n += batch.num_rows;
  rows += n;
  batches += static_cast<int64_t>(out.size());
  add_time(start);
}

void OperatorStats::add(const DataFrame& out, std::chrono::steady_clock::time_point start) {
  rows += out.height();
  batches += 1;
  add_time(start);
}

void drive_in_order(const MorselStream& stream, const ExecContext& context,
                    const std::function<bool(Batches&&)>& consume) {
  ThreadPool& pool = ThreadPool::global();
  const int64_t wave = stream.parallel_inside ? 1 : std::max(2, pool.size() * 2);
  for (int64_t first = 0; first < stream.count; first += wave) {
    context.check();
    const int64_t count = std::min(wave, stream.count - first);
    std::vector<Batches> results(static_cast<size_t>(count));
    if (count == 1) {
      results[0] = stream.run(first);
    } else {
      pool.parallel_for(count, [&](int64_t i) {
        context.check();
        results[static_cast<size_t>(i)] = stream.run(first + i);
      });
    }
    for (Batches& batches : results)
      if (!consume(std::move(batches))) return;
  }
}

void for_each_morsel(const MorselStream& stream, const ExecContext& context,
                     const std::function<void(int64_t, Batches&&)>& consume) {
  if (stream.parallel_inside || stream.count <= 1) {
    for (int64_t i = 0; i < stream.count; ++i) {
      context.check();
      consume(i, stream.run(i));
    }
    return;
  }
  ThreadPool::global().parallel_for(stream.count, [&](int64_t i) {
    context.check();
    consume(i, stream.run(i));
  });
}

DataFrame materialize(const MorselStream& stream, const ExecContext& context) {
  std::vector<Batches> results(static_cast<size_t>(stream.count));
  for_each_morsel(stream, context, [&](int64_t i, Batches&& batches) { results[static_cast<size_t>(i)] = std::move(batches); });
  Batches all;
  for (Batches& batches : results)
    for (RecordBatch& batch : batches) all.push_back(std::move(batch));
  return frame_of(all, stream.schema);
}

DataFrame frame_of(const RecordBatch& batch) {
  std::vector<Series> columns;
  columns.reserve(batch.columns.size());
  for (size_t c = 0; c < batch.columns.size(); ++c)
    columns.emplace_back(batch.schema.field(static_cast<int64_t>(c)).name, batch.columns[c]);
  return DataFrame(std::move(columns));
}

DataFrame frame_of(const Batches& batches, const Schema& schema) {
  Batches kept;
  for (const RecordBatch& batch : batches)
    if (batch.num_rows > 0) kept.push_back(batch);
  if (kept.empty()) return plan::empty_frame(schema);
  return DataFrame(Table::from_batches(schema, kept));
}

Batches batches_of(const DataFrame& frame) {
  if (frame.height() == 0) return {};
  return frame.to_table().to_batches(frame.height());  // cut at chunk boundaries only
}

MorselStream stream_of(DataFrame frame, int64_t rows) {
  auto batches = std::make_shared<const Batches>(frame.height() == 0 ? Batches{} : frame.to_table().to_batches(rows));
  MorselStream stream;
  stream.schema = frame.schema();
  stream.count = static_cast<int64_t>(batches->size());
  stream.run = [batches](int64_t i) { return Batches{(*batches)[static_cast<size_t>(i)]}; };
  return stream;
}

}  // namespace strata::exec
