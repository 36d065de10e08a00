// Pass slice_pushdown: a slice tells the nodes below how many rows it
// needs. A sort becomes a top-k of that many rows; projections and other
// row-preserving nodes pass the limit on; a scan records it and stops
// reading once it has produced that many rows. The slice itself stays, so
// a node that ignores the limit is still correct.
#include <algorithm>

#include "plan/passes.hpp"

namespace strata::plan {

namespace {

PlanPtr push(const PlanPtr& plan, std::optional<int64_t> limit);

PlanPtr with_unlimited_inputs(const PlanNode& node) {
  std::vector<PlanPtr> inputs;
  for (const PlanPtr& input : node.inputs) inputs.push_back(push(input, std::nullopt));
  return with_inputs(node, std::move(inputs));
}

PlanPtr push(const PlanPtr& plan, std::optional<int64_t> limit) {
  const PlanNode& node = *plan;
  switch (node.kind) {
    case PlanKind::Slice: {
      int64_t length = node.length;
      if (limit) length = length < 0 ? *limit : std::min(length, *limit);
      const std::optional<int64_t> below =
          length < 0 ? std::nullopt : std::optional<int64_t>(node.offset + length);
      return make_slice(push(node.inputs[0], below), node.offset, length);
    }
    case PlanKind::Sort: {
      if (!limit) return with_unlimited_inputs(node);
      return make_top_k(push(node.inputs[0], std::nullopt), node.exprs, node.sort, *limit);
    }
    case PlanKind::TopK: {
      PlanNode out = node;
      if (limit) out.length = std::min(node.length, *limit);
      return with_inputs(out, {push(node.inputs[0], std::nullopt)});
    }
    case PlanKind::Scan: {
      if (!limit) return plan;
      const int64_t rows = node.limit ? std::min(*node.limit, *limit) : *limit;
      return make_scan(node.source, node.projection, node.predicate, rows);
    }
    case PlanKind::Select:
    case PlanKind::WithColumns:
    case PlanKind::FillNull: {
      if (!is_streaming(node)) return with_unlimited_inputs(node);
      return with_inputs(node, {push(node.inputs[0], limit)});
    }
    case PlanKind::WithRowIndex:
      return with_inputs(node, {push(node.inputs[0], limit)});
    case PlanKind::Concat: {
      // Each input gives at most the limit; the slice above cuts the rest.
      std::vector<PlanPtr> inputs;
      for (const PlanPtr& input : node.inputs) inputs.push_back(push(input, limit));
      return with_inputs(node, std::move(inputs));
    }
    default:
      return with_unlimited_inputs(node);
  }
}

}  // namespace

PlanPtr push_down_slices(const PlanPtr& plan) { return push(plan, std::nullopt); }

}  // namespace strata::plan
