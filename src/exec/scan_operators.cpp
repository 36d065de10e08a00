// Scans: the sources of morsel streams. A Parquet scan's morsels are row
// groups (of every file, after hive-partition and statistics pruning), a
// CSV scan's are files, a frame's are ~64k-row slices. Each morsel reads
// only the projected columns (plus those a remaining filter needs), with
// the simple comparisons of the pushed-down filter evaluated inside the
// Parquet reader, which decodes the other columns only where rows match.
#include <algorithm>

#include "exec/physical_plan.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/expr/expr_node.hpp"

namespace strata::exec {

namespace {

using Clock = std::chrono::steady_clock;
using plan::ScanFile;
using plan::ScanSource;
using plan::SourceFormat;

std::optional<ParquetPredicate::Op> comparison_op(const std::string& name, bool flipped) {
  using Op = ParquetPredicate::Op;
  if (name == "eq") return Op::Equal;
  if (name == "ne") return Op::NotEqual;
  if (name == "lt") return flipped ? Op::Greater : Op::Less;
  if (name == "le") return flipped ? Op::GreaterEqual : Op::LessEqual;
  if (name == "gt") return flipped ? Op::Less : Op::Greater;
  if (name == "ge") return flipped ? Op::LessEqual : Op::GreaterEqual;
  return std::nullopt;
}

// Whether the reader compares a column of `column` type with a `value`
// exactly as the expression engine would.
bool reader_comparable(const DataType& column, const DataType& value) {
  const bool column_number = column.is_integer() || column.is_floating();
  const bool value_number = value.is_integer() || value.is_floating();
  if (column_number || value_number) return column_number && value_number;
  switch (column.id()) {
    case TypeId::String:
    case TypeId::Bool:
    case TypeId::Date:
    case TypeId::Timestamp: return column == value;
    default: return false;
  }
}

// `part` as a predicate the Parquet reader evaluates, when it is one.
std::optional<ParquetPredicate> reader_predicate(const Expr& part, const Schema& file_schema) {
  const ExprNode& node = part.node();
  const auto file_column = [&](const Expr& e) -> const Field* {
    if (e.node().kind != ExprKind::Column) return nullptr;
    const auto index = file_schema.index_of(e.node().name);
    return index ? &file_schema.field(*index) : nullptr;
  };
  if (node.kind == ExprKind::Function && (node.name == "is_null" || node.name == "is_not_null")) {
    const Field* field = file_column(node.inputs[0]);
    if (!field || field->type.is_nested()) return std::nullopt;
    return ParquetPredicate{field->name,
                            node.name == "is_null" ? ParquetPredicate::Op::IsNull : ParquetPredicate::Op::IsNotNull,
                            Scalar()};
  }
  if (node.kind != ExprKind::Binary) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const Field* field = file_column(node.inputs[static_cast<size_t>(side)]);
    const ExprNode& other = node.inputs[static_cast<size_t>(1 - side)].node();
    if (!field || other.kind != ExprKind::Literal || other.literal.is_null()) continue;
    const auto op = comparison_op(node.name, side == 1);
    if (!op || !reader_comparable(field->type, other.literal.type())) return std::nullopt;
    return ParquetPredicate{field->name, *op, other.literal};
  }
  return std::nullopt;
}

// How a scan's pushed-down filter is applied.
struct ScanFilter {
  std::vector<Expr> on_partitions;       // only hive columns: decide per file
  std::vector<ParquetPredicate> reader;  // evaluated by the Parquet reader
  std::vector<Expr> residual;            // evaluated on each batch after reading
};

ScanFilter split_filter(const plan::PlanNode& scan) {
  ScanFilter out;
  if (!scan.predicate) return out;
  const ScanSource& source = *scan.source;
  std::vector<Expr> parts;
  plan::split_conjuncts(*scan.predicate, parts);
  const std::vector<std::string> hive = source.hive_schema.names();
  for (const Expr& part : parts) {
    const std::vector<std::string> columns = plan::referenced_columns(part);
    const bool partitions_only = !hive.empty() && !columns.empty() &&
                                 std::all_of(columns.begin(), columns.end(), [&](const std::string& c) {
                                   return std::find(hive.begin(), hive.end(), c) != hive.end();
                                 });
    if (partitions_only) {
      out.on_partitions.push_back(part);
      continue;
    }
    if (source.format == SourceFormat::Parquet)
      if (auto predicate = reader_predicate(part, source.file_schema)) {
        out.reader.push_back(*predicate);
        continue;
      }
    out.residual.push_back(part);
  }
  return out;
}

DataFrame partition_frame(const ScanSource& source, const ScanFile& file, int64_t rows) {
  std::vector<Series> columns;
  for (int64_t i = 0; i < source.hive_schema.size(); ++i)
    columns.emplace_back(source.hive_schema.field(i).name,
                         make_array_from_scalar(file.partition_values[static_cast<size_t>(i)], rows));
  return DataFrame(std::move(columns));
}

bool file_may_match(const ScanSource& source, const ScanFile& file, const std::vector<Expr>& on_partitions) {
  if (on_partitions.empty()) return true;
  return partition_frame(source, file, 1).filter(plan::conjoin(on_partitions)).height() == 1;
}

struct Morsel {
  size_t file = 0;
  int row_group = -1;  // Parquet; -1 = the whole file (CSV) or a frame slice
};

// What every morsel of one scan shares.
struct ScanPlan {
  std::shared_ptr<const ScanSource> source;
  std::vector<Morsel> morsels;
  std::vector<std::string> read_columns;  // file columns read
  std::vector<std::string> output;        // the scan's output columns, in order
  ScanFilter filter;
  std::optional<Expr> residual;   // filter.residual and-ed, built once
  bool needs_partitions = false;  // hive columns appear in output or residual
  bool parallel_inside = false;
  std::shared_ptr<const Batches> frame_batches;  // frame sources
};

// Hive columns, the residual filter and the output projection, on the rows
// one morsel read.
Batches finish_morsel(const ScanPlan& scan, const ScanFile* file, DataFrame frame) {
  if (frame.height() == 0) return {};
  if (scan.needs_partitions && file) {
    const DataFrame partitions = partition_frame(*scan.source, *file, frame.height());
    for (const Series& column : partitions.columns()) frame = frame.with_column(column);
  }
  if (scan.residual) frame = frame.filter(*scan.residual);
  return batches_of(frame.select(scan.output));
}

Batches run_morsel(const ScanPlan& scan, int64_t index) {
  const Morsel& morsel = scan.morsels[static_cast<size_t>(index)];
  const ScanSource& source = *scan.source;
  switch (source.format) {
    case SourceFormat::Frame:
      return finish_morsel(scan, nullptr, frame_of((*scan.frame_batches)[static_cast<size_t>(index)]));
    case SourceFormat::Parquet: {
      const ScanFile& file = source.files[morsel.file];
      const Table table =
          file.parquet->read_filtered(scan.read_columns, {morsel.row_group}, scan.filter.reader, scan.parallel_inside);
      return finish_morsel(scan, &file, DataFrame(table));
    }
    case SourceFormat::Csv: {
      const ScanFile& file = source.files[morsel.file];
      CsvReadOptions options = source.csv_options;
      options.columns = scan.read_columns;
      return finish_morsel(scan, &file, read_csv(file.path, options));
    }
  }
  return {};
}

// Compressed bytes of the column chunks a Parquet scan will read (the
// projected columns and those of the reader's predicates, in the planned
// row groups), and of every column chunk of every file.
std::pair<int64_t, int64_t> parquet_bytes(const ScanPlan& scan) {
  const ScanSource& source = *scan.source;
  std::vector<std::string> columns = scan.read_columns;
  for (const ParquetPredicate& p : scan.filter.reader)
    if (std::find(columns.begin(), columns.end(), p.column) == columns.end()) columns.push_back(p.column);
  const auto top_level = [](const std::string& path) { return path.substr(0, path.find('.')); };
  int64_t planned = 0, total = 0;
  for (const ScanFile& file : source.files)
    for (const ParquetRowGroupInfo& group : file.parquet->metadata().row_groups)
      for (const ParquetColumnChunkInfo& chunk : group.columns) total += chunk.compressed_size;
  for (const Morsel& morsel : scan.morsels) {
    const ParquetRowGroupInfo& group =
        source.files[morsel.file].parquet->metadata().row_groups[static_cast<size_t>(morsel.row_group)];
    for (const ParquetColumnChunkInfo& chunk : group.columns)
      if (std::find(columns.begin(), columns.end(), top_level(chunk.path)) != columns.end())
        planned += chunk.compressed_size;
  }
  return {planned, total};
}

std::string scan_detail(const ScanPlan& scan, const plan::PlanNode& logical, int64_t files_pruned,
                        int64_t row_groups_total) {
  const ScanSource& source = *scan.source;
  std::string out;
  switch (source.format) {
    case SourceFormat::Frame:
      out = "frame in memory, " + std::to_string(scan.morsels.size()) + " slices";
      break;
    case SourceFormat::Parquet: {
      std::vector<size_t> files;
      for (const Morsel& m : scan.morsels)
        if (files.empty() || files.back() != m.file) files.push_back(m.file);
      out = "'" + source.pattern + "': " + std::to_string(source.files.size() - static_cast<size_t>(files_pruned)) +
            " of " + std::to_string(source.files.size()) + " files (" + std::to_string(files_pruned) +
            " pruned by hive values), " + std::to_string(scan.morsels.size()) + " of " +
            std::to_string(row_groups_total) + " row groups (the rest pruned by statistics or dictionaries" +
            (logical.limit ? std::string(" or the limit") : std::string()) + ")";
      break;
    }
    case SourceFormat::Csv:
      out = "'" + source.pattern + "': " + std::to_string(scan.morsels.size()) + " of " +
            std::to_string(source.files.size()) + " files (" + std::to_string(files_pruned) +
            " pruned by hive values)";
      break;
  }
  if (source.format != SourceFormat::Frame) out += "; reads columns " + plan::names_text(scan.read_columns);
  if (source.format == SourceFormat::Parquet) {
    const auto [planned, total] = parquet_bytes(scan);
    out += " (" + std::to_string(planned) + " of " + std::to_string(total) + " compressed bytes)";
  }
  if (!scan.filter.reader.empty()) {
    out += "; in the reader: ";
    for (size_t i = 0; i < scan.filter.reader.size(); ++i) {
      const ParquetPredicate& p = scan.filter.reader[i];
      static const char* const ops[] = {"==", "!=", "<", "<=", ">", ">=", "is null", "is not null"};
      out += (i ? " and " : "") + p.column + " " + ops[static_cast<int>(p.op)];
      if (p.op != ParquetPredicate::Op::IsNull && p.op != ParquetPredicate::Op::IsNotNull) out += " " + p.value.to_string();
    }
  }
  if (!scan.filter.residual.empty()) out += "; then filter " + plan::conjoin(scan.filter.residual).to_string();
  if (scan.parallel_inside) out += "; few morsels: each decodes in parallel";
  return out;
}

}  // namespace

std::unique_ptr<PhysicalNode> build_scan(const plan::PlanNode& logical) {
  auto scan = std::make_shared<ScanPlan>();
  scan->source = logical.source;
  const ScanSource& source = *logical.source;
  scan->filter = split_filter(logical);
  if (!scan->filter.residual.empty()) scan->residual = plan::conjoin(scan->filter.residual);
  scan->output = logical.schema.names();
  const std::vector<std::string> hive = source.hive_schema.names();
  const auto is_hive = [&](const std::string& name) { return std::find(hive.begin(), hive.end(), name) != hive.end(); };

  // Columns to read: the output's and the residual filter's file columns.
  std::vector<std::string> wanted = scan->output;
  for (const Expr& part : scan->filter.residual) plan::collect_referenced_columns(part, wanted);
  for (const Field& field : source.file_schema.fields())
    if (std::find(wanted.begin(), wanted.end(), field.name) != wanted.end()) scan->read_columns.push_back(field.name);
  for (const std::string& name : wanted) scan->needs_partitions = scan->needs_partitions || is_hive(name);
  // Rows need a column to be counted: the first, when only hive columns are wanted.
  if (scan->read_columns.empty() && source.file_schema.size() > 0)
    scan->read_columns.push_back(source.file_schema.field(0).name);

  const bool unfiltered = !logical.predicate.has_value();
  int64_t files_pruned = 0, row_groups_total = 0, rows_planned = 0;
  const auto limit_reached = [&] { return unfiltered && logical.limit && rows_planned >= *logical.limit; };
  if (source.format == SourceFormat::Frame) {
    scan->frame_batches = std::make_shared<const Batches>(
        source.frame->height() == 0 ? Batches{} : source.frame->to_table().to_batches(int64_t{1} << 16));
    for (const RecordBatch& batch : *scan->frame_batches) {
      if (limit_reached()) break;
      scan->morsels.push_back(Morsel{0, -1});
      rows_planned += batch.num_rows;
    }
    auto kept = std::make_shared<Batches>(scan->frame_batches->begin(),
                                          scan->frame_batches->begin() + static_cast<int64_t>(scan->morsels.size()));
    scan->frame_batches = kept;
  } else {
    for (size_t f = 0; f < source.files.size(); ++f) {
      const ScanFile& file = source.files[f];
      if (source.format == SourceFormat::Parquet) row_groups_total += file.parquet->num_row_groups();
      if (!file_may_match(source, file, scan->filter.on_partitions)) {
        ++files_pruned;
        continue;
      }
      if (limit_reached()) continue;
      if (source.format == SourceFormat::Csv) {
        scan->morsels.push_back(Morsel{f, -1});
        continue;
      }
      for (int g : file.parquet->select_row_groups(scan->filter.reader)) {
        if (limit_reached()) break;
        scan->morsels.push_back(Morsel{f, g});
        rows_planned += file.parquet->row_group_num_rows(g);
      }
    }
  }
  scan->parallel_inside = static_cast<int64_t>(scan->morsels.size()) < ThreadPool::global().size();

  auto out = std::make_unique<PhysicalNode>();
  out->name = source.format == SourceFormat::Parquet ? "parquet scan"
              : source.format == SourceFormat::Csv   ? "csv scan"
                                                     : "frame scan";
  out->detail = scan_detail(*scan, logical, files_pruned, row_groups_total);
  out->schema = logical.schema;
  out->open = [scan](PhysicalNode& self, ExecContext&) {
    MorselStream stream;
    stream.schema = self.schema;
    stream.count = static_cast<int64_t>(scan->morsels.size());
    stream.parallel_inside = scan->parallel_inside;
    stream.run = [scan, &self](int64_t i) {
      const auto start = Clock::now();
      Batches out = run_morsel(*scan, i);
      self.stats.add(out, start);
      return out;
    };
    return stream;
  };
  return out;
}

}  // namespace strata::exec
