// The logical plan as text: one node a line, inputs indented below the
// node that consumes them.
#include <sstream>

#include "strata/compute/join.hpp"
#include "strata/plan/logical_plan.hpp"

namespace strata::plan {

namespace {

std::string sort_text(const std::vector<Expr>& by, const SortOptions& options) {
  std::string out = exprs_text(by);
  if (!options.descending.empty()) {
    out += " descending [";
    for (size_t i = 0; i < options.descending.size(); ++i) out += (i ? ", " : "") + std::string(options.descending[i] ? "true" : "false");
    out += "]";
  }
  if (!options.nulls_last) out += " nulls first";
  return out;
}

std::string scan_text(const PlanNode& node) {
  const ScanSource& source = *node.source;
  std::string out;
  switch (source.format) {
    case SourceFormat::Parquet: out = "SCAN PARQUET '" + source.pattern + "'"; break;
    case SourceFormat::Csv: out = "SCAN CSV '" + source.pattern + "'"; break;
    case SourceFormat::Frame: out = "SCAN FRAME"; break;
  }
  if (source.format != SourceFormat::Frame) {
    out += " (" + std::to_string(source.files.size()) + (source.files.size() == 1 ? " file" : " files");
    if (source.hive_schema.size() > 0) out += ", hive columns " + names_text(source.hive_schema.names());
    out += ")";
  }
  const int64_t all = source.schema().size();
  if (node.projection)
    out += "; PROJECT " + std::to_string(node.projection->size()) + "/" + std::to_string(all) + " COLUMNS " +
           names_text(*node.projection);
  else
    out += "; PROJECT */" + std::to_string(all) + " COLUMNS";
  if (node.predicate) out += "; SELECTION " + node.predicate->to_string();
  if (node.limit) out += "; LIMIT " + std::to_string(*node.limit);
  return out;
}

std::string node_text(const PlanNode& node) {
  switch (node.kind) {
    case PlanKind::Scan: return scan_text(node);
    case PlanKind::Select: return "SELECT " + exprs_text(node.exprs);
    case PlanKind::WithColumns: return "WITH_COLUMNS " + exprs_text(node.exprs);
    case PlanKind::Filter: return "FILTER " + node.predicate->to_string();
    case PlanKind::Aggregate:
      return "AGGREGATE " + exprs_text(node.exprs) + " BY " + exprs_text(node.keys) +
             (node.maintain_order ? "" : " (any order)");
    case PlanKind::Join:
      return std::string(compute::join_type_name(node.join.how)) + " JOIN ON " + names_text(node.left_on) +
             " = " + names_text(node.right_on);
    case PlanKind::Sort: return "SORT BY " + sort_text(node.exprs, node.sort);
    case PlanKind::Slice:
      return "SLICE offset " + std::to_string(node.offset) + ", length " +
             (node.length < 0 ? std::string("all") : std::to_string(node.length));
    case PlanKind::TopK: return "TOP_K " + std::to_string(node.length) + " BY " + sort_text(node.exprs, node.sort);
    case PlanKind::Unique: return "UNIQUE " + (node.names.empty() ? std::string("[all columns]") : names_text(node.names));
    case PlanKind::DropNulls:
      return "DROP_NULLS " + (node.names.empty() ? std::string("[all columns]") : names_text(node.names));
    case PlanKind::FillNull:
      return "FILL_NULL " + (node.fill_value ? node.fill_value->to_string() : node.exprs.at(0).to_string());
    case PlanKind::Explode: return "EXPLODE " + node.names.at(0);
    case PlanKind::Unnest: return "UNNEST " + node.names.at(0);
    case PlanKind::WithRowIndex: return "WITH_ROW_INDEX " + node.names.at(0) + " from " + std::to_string(node.offset);
    case PlanKind::Concat: return "CONCAT " + std::to_string(node.inputs.size()) + " inputs";
    case PlanKind::GroupHead: return "GROUP HEAD " + std::to_string(node.length) + " BY " + exprs_text(node.keys);
    case PlanKind::Cache: return "CACHE #" + std::to_string(node.offset) + " (computed once, used more than once)";
    case PlanKind::GroupTopK:
      return "GROUP TOP_K " + std::to_string(node.length) + " BY " + exprs_text(node.keys) + " ranked by " +
             node.names.at(0) + (node.sort.descending.empty() || node.sort.descending[0] ? " descending" : " ascending");
  }
  return "?";
}

void print(const PlanNode& node, int depth, std::ostringstream& out) {
  out << std::string(static_cast<size_t>(depth) * 2, ' ') << node_text(node) << "\n";
  for (const PlanPtr& input : node.inputs) print(*input, depth + 1, out);
}

}  // namespace

std::string plan_to_string(const PlanNode& root) {
  std::ostringstream out;
  print(root, 0, out);
  return out.str();
}

}  // namespace strata::plan
