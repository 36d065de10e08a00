// The CSV read pipeline: preamble -> type sample -> chunks parsed in
// parallel -> sequential re-read where a chunk boundary was guessed wrong ->
// column types reconciled across chunks (exact widening, or re-reading a
// chunk's column as text) -> Table.
#include <algorithm>

#include "io/csv/csv_chunk_parser.hpp"
#include "io/csv/csv_chunker.hpp"
#include "io/csv/csv_error.hpp"
#include "io/csv/csv_input.hpp"
#include "io/csv/csv_preamble.hpp"
#include "io/csv/csv_read_plan.hpp"
#include "strata/core/error.hpp"
#include "strata/core/thread_pool.hpp"
#include "strata/io/csv.hpp"

namespace strata {

namespace {

using namespace csv;

// Rows sampled at least, to estimate the row count of each chunk.
constexpr int64_t kSizingSampleRows = 100;

std::string_view strip_byte_order_mark(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

class CsvRead {
 public:
  CsvRead(std::string_view text, const CsvReadOptions& options, std::string source)
      : text_(strip_byte_order_mark(text)), options_(options), source_(std::move(source)) {}

  Table run(CsvReadReport* report) {
    validate_read_options(options_);
    const char* const begin = text_.data();
    end_ = begin + text_.size();
    plan_.context.dialect = dialect_of(options_);
    plan_.context.nulls = NullMatcher(options_.null_values);
    plan_.context.encoding = options_.encoding;
    plan_.context.try_parse_dates = options_.try_parse_dates;
    plan_.on_bad_lines = options_.on_bad_lines;

    preamble_ = read_preamble(plan_.context.dialect, begin, end_, options_, source_);
    if (preamble_.names.empty()) return finish({}, report);  // no record at all
    plan_.expected_fields = static_cast<int64_t>(preamble_.names.size());
    plan_.columns = plan_columns(preamble_.names, options_);

    sample_types();
    parse_chunks();
    check_chunks();
    reconcile_types();
    return finish(build_columns(), report);
  }

 private:
  // Chooses the starting kind of inferred columns from the first rows, and
  // measures their bytes per row to size the column builders.
  void sample_types() {
    std::vector<size_t> inferred;
    ParsePlan sample = plan_;
    sample.columns.clear();
    sample.on_bad_lines = OnBadLines::Null;  // problems are reported by the real pass
    for (size_t slot = 0; slot < plan_.columns.size(); ++slot) {
      if (plan_.columns[slot].explicit_type) continue;
      inferred.push_back(slot);
      sample.columns.push_back(plan_.columns[slot]);
    }
    if (preamble_.data_begin == end_) return;
    ChunkRequest request;
    request.begin = preamble_.data_begin;
    request.end = end_;
    request.max_rows = std::min(std::max<int64_t>(options_.infer_schema_length, kSizingSampleRows),
                                options_.n_rows.value_or(INT64_MAX));
    const ChunkResult result = parse_chunk(sample, request);
    if (result.rows > 0)
      bytes_per_row_ = static_cast<double>(result.parsed_end - preamble_.data_begin) / static_cast<double>(result.rows);
    if (options_.infer_schema_length == 0) return;
    for (size_t i = 0; i < inferred.size(); ++i) plan_.columns[inferred[i]].start_kind = result.columns[i].kind;
  }

  // Rows a byte range probably holds, with a little slack.
  int64_t expected_rows(const ByteRange& range) const {
    if (bytes_per_row_ <= 0) return 0;
    return static_cast<int64_t>(static_cast<double>(range.end - range.begin) / bytes_per_row_ * 1.05) + 16;
  }

  void parse_chunks() {
    const char* const data = preamble_.data_begin;
    const bool sequential = options_.n_rows.has_value() || end_ - data < options_.parallel_min_bytes;
    ranges_ = sequential ? std::vector<ByteRange>{{data, end_}}
                         : split_into_chunks(data, end_, plan_.context.dialect.quote, options_.chunk_bytes);
    requests_.resize(ranges_.size());
    results_.resize(ranges_.size());
    for (size_t i = 0; i < ranges_.size(); ++i) {
      requests_[i].begin = ranges_[i].begin;
      requests_[i].end = ranges_[i].end;
      requests_[i].is_last = i + 1 == ranges_.size();
      requests_[i].max_rows = options_.n_rows.value_or(-1);
      requests_[i].expected_rows = requests_[i].max_rows >= 0 ? std::min(requests_[i].max_rows, expected_rows(ranges_[i]))
                                                              : expected_rows(ranges_[i]);
    }
    ThreadPool::global().parallel_for(static_cast<int64_t>(ranges_.size()), [&](int64_t i) {
      results_[static_cast<size_t>(i)] = parse_chunk(plan_, requests_[static_cast<size_t>(i)]);
    });
  }

  // Reports the first error in input order; re-reads sequentially from the
  // first chunk whose boundary guess proved wrong.
  void check_chunks() {
    int64_t lines = preamble_.lines_before_data;
    for (size_t i = 0; i < results_.size(); ++i) {
      if (!results_[i].error && !results_[i].complete) {
        requests_[i].end = end_;
        requests_[i].is_last = true;
        results_[i] = parse_chunk(plan_, requests_[i]);
        results_.resize(i + 1);
        requests_.resize(i + 1);
      }
      const ChunkResult& result = results_[i];
      if (result.error) throw_error(*result.error, lines);
      for (const int64_t offset : result.bad_line_offsets)
        if (static_cast<int64_t>(bad_line_numbers_.size()) < kMaxReportedBadLines)
          bad_line_numbers_.push_back(lines + offset + 1);
      bad_lines_ += result.bad_lines;
      lines += result.lines;
    }
  }

  [[noreturn]] void throw_error(const RecordProblem& problem, int64_t lines_before_chunk) {
    std::string type;
    for (const ColumnPlan& column : plan_.columns)
      if (column.field_index == problem.field_index && column.explicit_type) type = column.explicit_type->to_string();
    throw_record_problem(problem, source_, lines_before_chunk + problem.line + 1, preamble_.names, type);
  }

  // Gives every inferred column one type across chunks: the join of the
  // chunks' kinds. Chunks of a narrower kind widen exactly when they can;
  // otherwise (the column ends up str) their text is read again.
  void reconcile_types() {
    final_kinds_.assign(plan_.columns.size(), InferredKind::Null);
    for (size_t slot = 0; slot < plan_.columns.size(); ++slot) {
      if (plan_.columns[slot].explicit_type) continue;
      InferredKind kind = InferredKind::Null;
      for (const ChunkResult& result : results_) kind = join_kinds(kind, result.columns[slot].kind);
      final_kinds_[slot] = kind == InferredKind::Null ? InferredKind::String : kind;
    }
    std::vector<std::vector<size_t>> reread(results_.size());
    for (size_t chunk = 0; chunk < results_.size(); ++chunk) {
      for (size_t slot = 0; slot < plan_.columns.size(); ++slot) {
        if (plan_.columns[slot].explicit_type) continue;
        ColumnChunk& column = results_[chunk].columns[slot];
        const InferredKind target = final_kinds_[slot];
        if (column.kind == InferredKind::Null) {
          column.array = make_null_array(kind_type(target), column.array.length());
        } else if (column.needs_reparse || !widens_exactly(column.kind, target)) {
          reread[chunk].push_back(slot);
        } else {
          column.array = widen_array(column.array, column.kind, target);
        }
      }
    }
    ThreadPool::global().parallel_for(static_cast<int64_t>(results_.size()), [&](int64_t chunk) {
      const auto& slots = reread[static_cast<size_t>(chunk)];
      if (slots.empty()) return;
      reread_as_text(static_cast<size_t>(chunk), slots);
    });
  }

  void reread_as_text(size_t chunk, const std::vector<size_t>& slots) {
    ChunkResult& first_pass = results_[chunk];
    ParsePlan text_plan = plan_;
    text_plan.columns.clear();
    for (const size_t slot : slots) {
      ColumnPlan column = plan_.columns[slot];
      column.explicit_type = DataType::string();
      text_plan.columns.push_back(column);
    }
    ChunkRequest request = requests_[chunk];
    request.end = first_pass.parsed_end;
    request.is_last = true;
    request.max_rows = -1;
    request.skip_ordinals = &first_pass.skipped_ordinals;
    ChunkResult text = parse_chunk(text_plan, request);
    STRATA_CHECK(!text.error && text.rows == first_pass.rows, "CSV re-read as text must match the first pass");
    for (size_t i = 0; i < slots.size(); ++i) first_pass.columns[slots[i]].array = std::move(text.columns[i].array);
  }

  std::vector<ChunkedArray> build_columns() {
    std::vector<ChunkedArray> columns;
    for (size_t slot = 0; slot < plan_.columns.size(); ++slot) {
      const ColumnPlan& plan = plan_.columns[slot];
      const DataType type = plan.explicit_type ? *plan.explicit_type : kind_type(final_kinds_[slot]);
      std::vector<Array> chunks;
      for (ChunkResult& result : results_) chunks.push_back(std::move(result.columns[slot].array));
      columns.emplace_back(type, std::move(chunks));
    }
    return columns;
  }

  Table finish(std::vector<ChunkedArray> columns, CsvReadReport* report) {
    std::vector<Field> fields;
    for (size_t slot = 0; slot < columns.size(); ++slot)
      fields.push_back(Field{preamble_.names[static_cast<size_t>(plan_.columns[slot].field_index)],
                             columns[slot].type(), true});
    Table table(Schema(std::move(fields)), std::move(columns));
    if (report) {
      report->rows_read = table.num_rows();
      report->bad_lines = bad_lines_;
      report->bad_line_numbers = bad_line_numbers_;
      report->chunks = static_cast<int64_t>(results_.size());
    }
    return table;
  }

  std::string_view text_;
  const CsvReadOptions& options_;
  std::string source_;
  const char* end_ = nullptr;
  ParsePlan plan_;
  Preamble preamble_;
  std::vector<ByteRange> ranges_;
  std::vector<ChunkRequest> requests_;
  std::vector<ChunkResult> results_;
  std::vector<InferredKind> final_kinds_;
  int64_t bad_lines_ = 0;
  std::vector<int64_t> bad_line_numbers_;
  double bytes_per_row_ = 0;
};

}  // namespace

Table read_csv_table_string(std::string_view text, const CsvReadOptions& options, CsvReadReport* report) {
  return CsvRead(text, options, options.source_name).run(report);
}

Table read_csv_table(const std::string& path, const CsvReadOptions& options, CsvReadReport* report) {
  const MappedFile file(path);
  return CsvRead(file.bytes(), options, "'" + path + "'").run(report);
}

}  // namespace strata
