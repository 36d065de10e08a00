// Turning the optimized logical plan into physical nodes: streaming
// operators fused over their input's morsels, pipeline breakers that run
// the eager operation over their whole input.
#include "exec/physical_plan.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/expr/evaluate.hpp"
#include "strata/frame/group_by_accumulator.hpp"
#include "strata/frame/join_build.hpp"
#include "strata/plan/row_estimates.hpp"

namespace strata::exec {

namespace {

using Clock = std::chrono::steady_clock;
using FrameOp = std::function<DataFrame(const DataFrame&)>;

std::unique_ptr<PhysicalNode> node(std::string name, std::string detail, const plan::PlanNode& logical) {
  auto out = std::make_unique<PhysicalNode>();
  out->name = std::move(name);
  out->detail = std::move(detail);
  out->schema = logical.schema;
  return out;
}

// A streaming operator: `op` runs on every batch of the input's morsels.
std::unique_ptr<PhysicalNode> streaming(std::string name, std::string detail, const plan::PlanNode& logical,
                                        FrameOp op) {
  auto out = node(std::move(name), std::move(detail), logical);
  out->inputs.push_back(build_physical(logical.input()));
  out->open = [op = std::move(op)](PhysicalNode& self, ExecContext& context) {
    MorselStream stream = self.inputs[0]->open(*self.inputs[0], context);
    stream.schema = self.schema;
    stream.run = [run = std::move(stream.run), &self, op](int64_t i) {
      Batches in = run(i);
      const auto start = Clock::now();
      Batches out;
      for (const RecordBatch& batch : in) {
        if (batch.num_rows == 0) continue;
        for (RecordBatch& piece : batches_of(op(frame_of(batch)))) out.push_back(std::move(piece));
      }
      self.stats.add(out, start);
      return out;
    };
    return stream;
  };
  return out;
}

// A pipeline breaker over one input: the eager operation over all of it.
std::unique_ptr<PhysicalNode> breaker(std::string name, std::string detail, const plan::PlanNode& logical,
                                      FrameOp op) {
  auto out = node(std::move(name), std::move(detail), logical);
  out->breaker = true;
  out->inputs.push_back(build_physical(logical.input()));
  out->open = [op = std::move(op)](PhysicalNode& self, ExecContext& context) {
    const DataFrame input = materialize(self.inputs[0]->open(*self.inputs[0], context), context);
    context.check();
    const auto start = Clock::now();
    DataFrame result = op(input);
    self.stats.add(result, start);
    return stream_of(std::move(result));
  };
  return out;
}

std::unique_ptr<PhysicalNode> build_slice(const plan::PlanNode& logical) {
  auto out = node("slice", "offset " + std::to_string(logical.offset) + ", length " +
                               (logical.length < 0 ? std::string("all") : std::to_string(logical.length)) +
                               "; stops reading its input once it has them",
                  logical);
  out->breaker = true;
  out->inputs.push_back(build_physical(logical.input()));
  const int64_t offset = logical.offset, length = logical.length;
  out->open = [offset, length](PhysicalNode& self, ExecContext& context) {
    std::vector<DataFrame> kept;
    int64_t skip = offset, want = length < 0 ? std::numeric_limits<int64_t>::max() : length;
    if (want > 0) {
      drive_in_order(self.inputs[0]->open(*self.inputs[0], context), context, [&](Batches&& batches) {
        for (const RecordBatch& batch : batches) {
          int64_t begin = std::min(skip, batch.num_rows);
          skip -= begin;
          const int64_t take = std::min(want, batch.num_rows - begin);
          if (take > 0) kept.push_back(frame_of(batch).slice(begin, take));
          want -= take;
          if (want == 0) return false;
        }
        return true;
      });
    }
    // Its own time: the rows it keeps put together (its inputs' morsels,
    // run while it pulls them, count as theirs).
    const auto start = Clock::now();
    DataFrame result = kept.empty() ? plan::empty_frame(self.schema) : concat(kept);
    self.stats.add(result, start);
    return stream_of(std::move(result));
  };
  return out;
}

std::unique_ptr<PhysicalNode> build_top_k(const plan::PlanNode& logical) {
  const int64_t k = logical.length;
  const std::vector<Expr> by = logical.exprs;
  const SortOptions options = logical.sort;
  const bool reducible = std::none_of(by.begin(), by.end(), [](const Expr& e) { return contains_aggregation(e); });
  auto out = node("top_k", "k = " + std::to_string(k) + " by " + plan::exprs_text(by) +
                               (reducible ? "; each morsel keeps its best k rows (stable sort), then they are merged"
                                          : "; a full sort (the keys aggregate)"),
                  logical);
  out->breaker = true;
  out->inputs.push_back(build_physical(logical.input()));
  out->open = [k, by, options, reducible](PhysicalNode& self, ExecContext& context) {
    MorselStream stream = self.inputs[0]->open(*self.inputs[0], context);
    if (reducible) {
      stream.run = [run = std::move(stream.run), k, by, options](int64_t i) {
        Batches reduced;
        for (const RecordBatch& batch : run(i)) {
          if (batch.num_rows <= k) {
            reduced.push_back(batch);
            continue;
          }
          for (RecordBatch& piece : batches_of(frame_of(batch).sort_by(by, options).head(k)))
            reduced.push_back(std::move(piece));
        }
        return reduced;
      };
    }
    const DataFrame candidates = materialize(stream, context);
    const auto start = Clock::now();
    DataFrame result = candidates.sort_by(by, options).head(k);
    self.stats.add(result, start);
    return stream_of(std::move(result));
  };
  return out;
}

std::unique_ptr<PhysicalNode> build_concat(const plan::PlanNode& logical) {
  auto out = node("concat", std::to_string(logical.inputs.size()) + " inputs, streamed one after another", logical);
  for (const plan::PlanPtr& input : logical.inputs) out->inputs.push_back(build_physical(*input));
  out->open = [](PhysicalNode& self, ExecContext& context) {
    std::vector<MorselStream> parts;
    for (auto& input : self.inputs) parts.push_back(input->open(*input, context));
    MorselStream stream;
    stream.schema = self.schema;
    std::vector<int64_t> starts;
    for (const MorselStream& part : parts) {
      starts.push_back(stream.count);
      stream.count += part.count;
      stream.parallel_inside = stream.parallel_inside || part.parallel_inside;
    }
    stream.run = [parts = std::move(parts), starts, &self](int64_t i) {
      const size_t p = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), i) - starts.begin() - 1);
      Batches batches = parts[p].run(i - starts[p]);
      // Inputs may name equal schemas with different nullability.
      for (RecordBatch& batch : batches) batch.schema = self.schema;
      return batches;
    };
    return stream;
  };
  return out;
}

std::string estimate_text(double rows) {
  std::ostringstream out;
  out.precision(2);
  out << rows;
  return out.str();
}

// The built side turned out this many times larger than the estimate of
// the side to stream: estimates were off, so both sides are taken whole and
// the eager join, which sees both sizes, chooses.
constexpr double kMisestimateRatio = 4;

// A join over both inputs gathered whole: the eager join, which for inner,
// left, semi and anti joins builds on the input that has fewer rows.
std::unique_ptr<PhysicalNode> whole_inputs_join(const plan::PlanNode& logical, std::string detail,
                                                std::unique_ptr<PhysicalNode> left_input,
                                                std::unique_ptr<PhysicalNode> right_input) {
  const JoinOptions options = logical.join;
  const std::vector<std::string> left_on = logical.left_on, right_on = logical.right_on;
  const bool cross = options.how == compute::JoinType::Cross;
  auto out = node(std::string(compute::join_type_name(options.how)) + " join", std::move(detail), logical);
  out->breaker = true;
  out->inputs.push_back(std::move(left_input));
  out->inputs.push_back(std::move(right_input));
  out->open = [options, left_on, right_on, cross](PhysicalNode& self, ExecContext& context) {
    const DataFrame left = materialize(self.inputs[0]->open(*self.inputs[0], context), context);
    const DataFrame right = materialize(self.inputs[1]->open(*self.inputs[1], context), context);
    context.check();
    const auto start = Clock::now();
    DataFrame result = cross ? left.cross_join(right, options.suffix) : left.join(right, left_on, right_on, options);
    self.stats.add(result, start);
    return stream_of(std::move(result));
  };
  return out;
}

// An inner, left, semi or anti join: the input estimated smaller is built,
// the other streamed through it. With the right side built, each left
// morsel gives its share of the result at once (fused, in order); with the
// left side built, the right morsels keep only their matches, which are
// then put in the order of the left rows.
std::unique_ptr<PhysicalNode> build_streaming_join(const plan::PlanNode& logical) {
  const JoinOptions options = logical.join;
  const std::vector<std::string> left_on = logical.left_on, right_on = logical.right_on;
  const double left_rows = plan::estimated_rows(logical.input(0)), right_rows = plan::estimated_rows(logical.input(1));
  const bool build_left = left_rows < right_rows;
  const std::string estimates =
      "estimated rows: left " + estimate_text(left_rows) + ", right " + estimate_text(right_rows);
  std::unique_ptr<PhysicalNode> left_input = build_physical(logical.input(0));
  std::unique_ptr<PhysicalNode> right_input = build_physical(logical.input(1));
  // An input that a pipeline breaker produces is whole in memory already:
  // streaming it saves nothing, and the eager join sees both real sizes.
  if ((build_left ? right_input : left_input)->breaker)
    return whole_inputs_join(logical,
                             "hash join over both inputs (the one to stream is a pipeline breaker's result): the "
                             "smaller one built (" + estimates + ")",
                             std::move(left_input), std::move(right_input));
  auto out = node(std::string(compute::join_type_name(options.how)) + " join",
                  build_left ? "hash join: the left input built, the right streamed through it keeping its matches, "
                               "which are then put in left order (" + estimates +
                                   "; both taken whole if the built one has over 4x the other's estimate)"
                             : "hash join: the right input built, the left streamed through it morsel by morsel (" +
                                   estimates + "; both taken whole if the built one has over 4x the other's estimate)",
                  logical);
  out->breaker = build_left;
  out->inputs.push_back(std::move(left_input));
  out->inputs.push_back(std::move(right_input));
  const double streamed_estimate = build_left ? right_rows : left_rows;
  out->open = [options, left_on, right_on, build_left, streamed_estimate](PhysicalNode& self, ExecContext& context) {
    PhysicalNode& built_input = *self.inputs[build_left ? 0 : 1];
    PhysicalNode& streamed_input = *self.inputs[build_left ? 1 : 0];
    DataFrame built = materialize(built_input.open(built_input, context), context);
    context.check();
    auto start = Clock::now();
    if (static_cast<double>(built.height()) > kMisestimateRatio * streamed_estimate) {
      DataFrame streamed = materialize(streamed_input.open(streamed_input, context), context);
      context.check();
      start = Clock::now();
      DataFrame result = build_left ? built.join(streamed, left_on, right_on, options)
                                    : streamed.join(built, left_on, right_on, options);
      self.stats.add(result, start);
      return stream_of(std::move(result));
    }
    if (build_left) {
      LeftBuiltJoin join(std::move(built), streamed_input.schema, left_on, right_on, options);
      self.stats.add_time(start);
      const MorselStream right = streamed_input.open(streamed_input, context);
      for_each_morsel(right, context, [&](int64_t i, Batches&& batches) {
        const auto probe_start = Clock::now();
        join.probe(i, frame_of(batches, right.schema));
        self.stats.add_time(probe_start);
      });
      start = Clock::now();
      DataFrame result = join.finish();
      self.stats.add(result, start);
      return stream_of(std::move(result));
    }
    auto join = std::make_shared<const RightBuiltJoin>(streamed_input.schema, std::move(built), left_on, right_on, options);
    self.stats.add_time(start);
    MorselStream stream = streamed_input.open(streamed_input, context);
    stream.schema = self.schema;
    stream.run = [run = std::move(stream.run), join, &self](int64_t i) {
      Batches in = run(i);
      const auto probe_start = Clock::now();
      Batches out;
      for (const RecordBatch& batch : in) {
        if (batch.num_rows == 0) continue;
        for (RecordBatch& piece : batches_of(join->probe(frame_of(batch)))) out.push_back(std::move(piece));
      }
      self.stats.add(out, probe_start);
      return out;
    };
    return stream;
  };
  return out;
}

std::unique_ptr<PhysicalNode> build_join(const plan::PlanNode& logical) {
  using compute::JoinType;
  const JoinType how = logical.join.how;
  if (compute::splits_by_left_rows(how)) return build_streaming_join(logical);
  // Right, full and cross joins need both inputs whole (unmatched right rows
  // come last; every pair of a cross join).
  const bool cross = how == JoinType::Cross;
  return whole_inputs_join(logical,
                           cross ? std::string("nested loop over both inputs")
                                 : "hash join over both inputs: the right input's table built in parallel and probed by "
                                   "the left in parallel",
                           build_physical(logical.input(0)), build_physical(logical.input(1)));
}

// A group-by: each morsel is grouped and aggregated as it comes (in
// parallel) and folded into the running groups in morsel order, so only the
// groups are held, never the input.
std::unique_ptr<PhysicalNode> build_aggregate(const plan::PlanNode& logical) {
  const std::vector<Expr> keys = logical.keys, aggs = logical.exprs;
  const bool ordered = logical.maintain_order;
  auto out = node("group_by",
                  "hash group-by " + plan::exprs_text(keys) + " with fused aggregation " + plan::exprs_text(aggs) +
                      "; each morsel grouped as it comes, folded into the groups in order",
                  logical);
  out->breaker = true;
  out->inputs.push_back(build_physical(logical.input()));
  out->open = [keys, aggs, ordered](PhysicalNode& self, ExecContext& context) {
    GroupByAccumulator accumulator(self.inputs[0]->schema, keys, aggs, ordered);
    const MorselStream input = self.inputs[0]->open(*self.inputs[0], context);
    for_each_morsel(input, context, [&](int64_t i, Batches&& batches) {
      const auto start = Clock::now();
      accumulator.add(i, frame_of(batches, input.schema));
      self.stats.add_time(start);
    });
    const auto start = Clock::now();
    DataFrame result = accumulator.finish();
    self.stats.add(result, start);
    return stream_of(std::move(result));
  };
  return out;
}

// A subplan used more than once: computed by whichever user opens it first,
// then read from the query's cache by the others.
std::unique_ptr<PhysicalNode> build_cache(const plan::PlanNode& logical) {
  const int64_t id = logical.offset;
  auto out = node("cache", "#" + std::to_string(id) + ": computed once per query, read by every user", logical);
  out->breaker = true;
  out->inputs.push_back(build_physical(logical.input()));
  out->open = [id](PhysicalNode& self, ExecContext& context) {
    {
      std::lock_guard<std::mutex> lock(context.cached_mutex);
      auto found = context.cached.find(id);
      if (found != context.cached.end()) return stream_of(found->second);
    }
    DataFrame result = materialize(self.inputs[0]->open(*self.inputs[0], context), context);
    self.stats.add(result, Clock::now());
    std::lock_guard<std::mutex> lock(context.cached_mutex);
    context.cached.emplace(id, result);
    return stream_of(std::move(result));
  };
  return out;
}

std::unique_ptr<PhysicalNode> build_row_index(const plan::PlanNode& logical) {
  const std::string name = logical.names[0];
  const int64_t offset = logical.offset;
  return breaker("with_row_index", name + " from " + std::to_string(offset), logical,
                 [name, offset](const DataFrame& frame) {
                   std::vector<int64_t> values(static_cast<size_t>(frame.height()));
                   for (size_t i = 0; i < values.size(); ++i) values[i] = offset + static_cast<int64_t>(i);
                   std::vector<Series> columns{Series::from(name, values)};
                   for (const Series& column : frame.columns()) columns.push_back(column);
                   return DataFrame(std::move(columns));
                 });
}

}  // namespace

std::unique_ptr<PhysicalNode> build_physical(const plan::PlanNode& logical) {
  using plan::PlanKind;
  const bool streams = plan::is_streaming(logical);
  switch (logical.kind) {
    case PlanKind::Scan: return build_scan(logical);
    case PlanKind::Filter: {
      const Expr predicate = *logical.predicate;
      if (streams)
        return streaming("filter", predicate.to_string(), logical,
                         [predicate](const DataFrame& f) { return f.filter(predicate); });
      return breaker("filter", predicate.to_string() + " (aggregates: over the whole input)", logical,
                     [predicate](const DataFrame& f) { return f.filter(predicate); });
    }
    case PlanKind::Select: {
      const std::vector<Expr> exprs = logical.exprs;
      FrameOp op = [exprs](const DataFrame& f) { return f.select(exprs); };
      if (streams) return streaming("select", plan::exprs_text(exprs), logical, op);
      return breaker("select", plan::exprs_text(exprs) + " (aggregates: over the whole input)", logical, op);
    }
    case PlanKind::WithColumns: {
      const std::vector<Expr> exprs = logical.exprs;
      FrameOp op = [exprs](const DataFrame& f) { return f.with_columns(exprs); };
      if (streams) return streaming("with_columns", plan::exprs_text(exprs), logical, op);
      return breaker("with_columns", plan::exprs_text(exprs) + " (aggregates: over the whole input)", logical, op);
    }
    case PlanKind::FillNull: {
      if (logical.fill_value) {
        const Scalar value = *logical.fill_value;
        return streaming("fill_null", value.to_string(), logical, [value](const DataFrame& f) { return f.fill_null(value); });
      }
      const Expr value = logical.exprs[0];
      return breaker("fill_null", value.to_string(), logical, [value](const DataFrame& f) { return f.fill_null(value); });
    }
    case PlanKind::DropNulls: {
      const std::vector<std::string> subset = logical.names;
      return streaming("drop_nulls", "", logical, [subset](const DataFrame& f) { return f.drop_nulls(subset); });
    }
    case PlanKind::Explode: {
      const std::string column = logical.names[0];
      return streaming("explode", column, logical, [column](const DataFrame& f) { return f.explode(column); });
    }
    case PlanKind::Unnest: {
      const std::string column = logical.names[0];
      return streaming("unnest", column, logical, [column](const DataFrame& f) { return f.unnest(column); });
    }
    case PlanKind::Aggregate: return build_aggregate(logical);
    case PlanKind::Sort: {
      const std::vector<Expr> by = logical.exprs;
      const SortOptions options = logical.sort;
      return breaker("sort", "stable parallel sort by " + plan::exprs_text(by) + " (radix runs or merge sort, merged)",
                     logical, [by, options](const DataFrame& f) { return f.sort_by(by, options); });
    }
    case PlanKind::Unique: {
      const std::vector<std::string> subset = logical.names;
      const UniqueKeep keep = logical.keep;
      const bool ordered = logical.maintain_order;
      return breaker("unique", "hash distinct", logical,
                     [subset, keep, ordered](const DataFrame& f) { return f.unique(subset, keep, ordered); });
    }
    case PlanKind::GroupHead: {
      const std::vector<Expr> keys = logical.keys;
      const int64_t n = logical.length;
      const bool ordered = logical.maintain_order;
      return breaker("group_by().head", "first " + std::to_string(n) + " rows per group", logical,
                     [keys, n, ordered](const DataFrame& f) { return f.group_by(keys, ordered).head(n); });
    }
    case PlanKind::GroupTopK: {
      const std::vector<Expr> keys = logical.keys;
      const int64_t k = logical.length;
      const std::string by = logical.names[0];
      const bool descending = logical.sort.descending.empty() || logical.sort.descending[0];
      const bool ordered = logical.maintain_order;
      return breaker("group_by().top_k", std::to_string(k) + " per group by " + by, logical,
                     [keys, k, by, descending, ordered](const DataFrame& f) {
                       return f.group_by(keys, ordered).top_k(k, by, descending);
                     });
    }
    case PlanKind::Slice: return build_slice(logical);
    case PlanKind::TopK: return build_top_k(logical);
    case PlanKind::Concat: return build_concat(logical);
    case PlanKind::Join: return build_join(logical);
    case PlanKind::WithRowIndex: return build_row_index(logical);
    case PlanKind::Cache: return build_cache(logical);
  }
  throw InternalError("no physical operator for this plan node");
}

namespace {

void print(const PhysicalNode& node, int depth, std::ostringstream& out) {
  out << std::string(static_cast<size_t>(depth) * 2, ' ') << node.name
      << (node.breaker ? " [pipeline breaker]" : " [streaming]");
  if (!node.detail.empty()) out << ": " << node.detail;
  out << "\n";
  for (const auto& input : node.inputs) print(*input, depth + 1, out);
}

}  // namespace

std::string physical_to_string(const PhysicalNode& root) {
  std::ostringstream out;
  print(root, 0, out);
  return out.str();
}

void append_profile(const PhysicalNode& node, int depth, std::vector<OperatorProfile>& out) {
  OperatorProfile entry;
  entry.name = node.name;
  entry.detail = node.detail;
  entry.depth = depth;
  entry.rows_out = node.stats.rows.load();
  entry.batches_out = node.stats.batches.load();
  entry.time = std::chrono::nanoseconds(node.stats.nanos.load());
  out.push_back(std::move(entry));
  for (const auto& input : node.inputs) append_profile(*input, depth + 1, out);
}

}  // namespace strata::exec
