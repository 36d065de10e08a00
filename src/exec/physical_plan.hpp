#pragma once
// The physical plan: one node per logical node, each knowing how to open a
// morsel stream of its output. Streaming nodes wrap their input's stream
// (fused: same morsel, same thread); pipeline breakers run their input to
// the end, apply the eager operation (the shared kernels) and stream the
// result on.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "exec/morsel_stream.hpp"
#include "strata/plan/logical_plan.hpp"

namespace strata::exec {

struct PhysicalNode {
  std::string name;    // operator, e.g. "filter"
  std::string detail;  // the chosen algorithm and its parameters
  bool breaker = false;
  Schema schema;
  std::vector<std::unique_ptr<PhysicalNode>> inputs;
  OperatorStats stats;
  std::function<MorselStream(PhysicalNode& self, ExecContext& context)> open;
};

std::unique_ptr<PhysicalNode> build_physical(const plan::PlanNode& root);
/// The physical plan of a scan (files, row groups after pruning, columns).
std::unique_ptr<PhysicalNode> build_scan(const plan::PlanNode& scan);

std::string physical_to_string(const PhysicalNode& root);
void append_profile(const PhysicalNode& node, int depth, std::vector<OperatorProfile>& out);

}  // namespace strata::exec
