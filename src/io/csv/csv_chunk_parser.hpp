#pragma once
// Parses one byte range of records into one array per output column. Runs
// on one thread; parallel reads call it once per chunk at the same time.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/csv/csv_column_builder.hpp"
#include "io/csv/csv_type_inference.hpp"
#include "strata/io/csv.hpp"

namespace strata::csv {

/// One output column: which field of each record it takes and how to type it.
struct ColumnPlan {
  int64_t field_index = 0;
  std::optional<DataType> explicit_type;  // none: inferred
  InferredKind start_kind = InferredKind::Null;  // inferred columns: the sampled kind
};

struct ParsePlan {
  ColumnParseContext context;
  OnBadLines on_bad_lines = OnBadLines::Error;
  int64_t expected_fields = 0;  // fields per record (header width)
  std::vector<ColumnPlan> columns;
};

enum class ProblemKind { FieldCount, UnterminatedQuote, TextAfterQuote, BadValue, InvalidUtf8 };

/// A malformed record or value, located relative to the chunk.
struct RecordProblem {
  ProblemKind kind = ProblemKind::FieldCount;
  int64_t line = 0;          // line breaks between the chunk start and the record
  int64_t field_index = 0;   // the file field where it went wrong
  int64_t fields_found = 0;  // FieldCount: fields the record has
  std::string value;         // the offending text, possibly shortened
};

struct ChunkRequest {
  const char* begin = nullptr;
  const char* end = nullptr;
  /// Whether `end` is the end of the input. If not, a record running past
  /// `end` means the chunk boundary was guessed wrong (result.complete).
  bool is_last = true;
  int64_t max_rows = -1;  // stop after this many rows (-1: no limit)
  int64_t expected_rows = 0;  // a guess at the row count, to size columns once
  /// Ordinals (among the chunk's records, ascending) to drop unread: the
  /// records a first pass rejected, when re-reading columns as text.
  const std::vector<int64_t>* skip_ordinals = nullptr;
};

struct ColumnChunk {
  Array array;
  InferredKind kind = InferredKind::Null;  // inferred columns: the kind reached
  bool needs_reparse = false;              // inferred columns: re-read as str
};

struct ChunkResult {
  std::vector<ColumnChunk> columns;
  /// The first problem, with OnBadLines::Error (parsing stopped there).
  std::optional<RecordProblem> error;
  /// False when the last record ran past a chunk end that is not the end of
  /// the input: the boundary guess was wrong and the rest must be re-read.
  bool complete = true;
  const char* parsed_end = nullptr;  // where parsing stopped
  int64_t lines = 0;                 // line breaks consumed
  int64_t rows = 0;
  int64_t bad_lines = 0;
  std::vector<int64_t> bad_line_offsets;  // the first few, relative lines
  std::vector<int64_t> skipped_ordinals;  // ascending
};

/// Records kept per bad-line report.
inline constexpr int64_t kMaxReportedBadLines = 100;

/// Parses request.begin..end according to `plan`.
ChunkResult parse_chunk(const ParsePlan& plan, const ChunkRequest& request);

}  // namespace strata::csv
