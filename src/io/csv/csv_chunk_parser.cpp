#include "io/csv/csv_chunk_parser.hpp"

#include <algorithm>

#include "io/csv/csv_field_batch.hpp"
#include "io/csv/csv_inferring_builder.hpp"
#include "io/csv/csv_tokenizer.hpp"

namespace strata::csv {

namespace {

constexpr int64_t kBatchRows = 1024;
constexpr size_t kMaxValueBytes = 100;

bool is_text_type(const DataType& type) {
  return type.id() == TypeId::String || type.id() == TypeId::Binary || type.id() == TypeId::Categorical;
}

// Text of a bad quoted field for messages: from its opening quote to the
// end of the line, shortened.
std::string quoted_field_excerpt(const char* start, const char* end) {
  if (!start) return "";
  const char* stop = start;
  while (stop < end && *stop != '\n' && static_cast<size_t>(stop - start) < kMaxValueBytes) ++stop;
  return std::string(start, stop);
}

class ChunkParser {
 public:
  ChunkParser(const ParsePlan& plan, const ChunkRequest& request)
      : plan_(plan),
        request_(request),
        tokenizer_(plan.context.dialect, request.begin, request.end, plan.expected_fields > 1),
        batch_(static_cast<int64_t>(plan.columns.size()),
               request.max_rows >= 0 ? std::clamp<int64_t>(request.max_rows, 1, kBatchRows) : kBatchRows),
        slot_of_field_(static_cast<size_t>(plan.expected_fields), -1) {
    for (size_t slot = 0; slot < plan.columns.size(); ++slot) {
      const ColumnPlan& column = plan.columns[slot];
      slot_of_field_[static_cast<size_t>(column.field_index)] = static_cast<int64_t>(slot);
      if (column.explicit_type) builders_.push_back(make_column_builder(*column.explicit_type, plan.context));
      else builders_.push_back(std::make_unique<InferringColumnBuilder>(column.start_kind, plan.context));
      builders_.back()->reserve(request.expected_rows);
    }
  }

  ChunkResult run() {
    while (!stopped_) {
      fill_batch();
      if (batch_.rows > 0) parse_batch();
      if (pending_error_ && !result_.error) result_.error = std::move(pending_error_);
      if (result_.error) break;
    }
    result_.lines = tokenizer_.lines();
    result_.parsed_end = tokenizer_.position();
    std::sort(result_.skipped_ordinals.begin(), result_.skipped_ordinals.end());
    // Value failures are noted after the record checks of the same batch.
    std::sort(result_.bad_line_offsets.begin(), result_.bad_line_offsets.end());
    for (size_t slot = 0; slot < builders_.size(); ++slot) {
      ColumnChunk chunk;
      if (auto* inferring = dynamic_cast<InferringColumnBuilder*>(builders_[slot].get())) {
        chunk.kind = inferring->kind();
        chunk.needs_reparse = inferring->needs_reparse();
      }
      chunk.array = builders_[slot]->finish();
      result_.columns.push_back(std::move(chunk));
    }
    return std::move(result_);
  }

 private:
  // Tokenizes records into the batch until it is full or the input ends.
  void fill_batch() {
    batch_.rows = 0;
    const int64_t expected = plan_.expected_fields;
    while (batch_.rows < batch_.capacity) {
      if (request_.max_rows >= 0 && result_.rows + batch_.rows >= request_.max_rows) {
        stopped_ = true;
        return;
      }
      const int64_t row = batch_.rows;
      int64_t field_count = 0;
      const RecordStatus status = tokenizer_.next_record(
          [&](int64_t field_index, const FieldSpan& span) {
            if (field_index >= expected) return;
            const int64_t slot = slot_of_field_[static_cast<size_t>(field_index)];
            if (slot >= 0) batch_.column(slot)[row] = span;
          },
          field_count);
      if (status == RecordStatus::EndOfInput) {
        if (!request_.is_last && !tokenizer_.ended_with_line_break()) result_.complete = false;
        stopped_ = true;
        return;
      }
      const int64_t ordinal = next_ordinal_++;
      if (should_skip(ordinal)) continue;

      std::optional<RecordProblem> problem;
      if (status == RecordStatus::UnterminatedQuote) {
        if (!request_.is_last) {  // the record may go on in the next chunk
          result_.complete = false;
          stopped_ = true;
          return;
        }
        problem = RecordProblem{ProblemKind::UnterminatedQuote, tokenizer_.record_line(),
                                tokenizer_.bad_field_index(), field_count,
                                quoted_field_excerpt(tokenizer_.bad_field_start(), request_.end)};
      } else if (status == RecordStatus::TextAfterQuote) {
        problem = RecordProblem{ProblemKind::TextAfterQuote, tokenizer_.record_line(),
                                tokenizer_.bad_field_index(), field_count,
                                quoted_field_excerpt(tokenizer_.bad_field_start(), request_.end)};
      } else if (field_count != expected) {
        problem = RecordProblem{ProblemKind::FieldCount, tokenizer_.record_line(),
                                std::min(field_count, expected), field_count, ""};
      }
      if (problem) {
        if (plan_.on_bad_lines == OnBadLines::Error) {
          pending_error_ = std::move(problem);
          stopped_ = true;
          return;
        }
        note_bad_line(problem->line);
        if (plan_.on_bad_lines == OnBadLines::Skip || status == RecordStatus::UnterminatedQuote) {
          result_.skipped_ordinals.push_back(ordinal);
          continue;
        }
        // OnBadLines::Null: missing fields read as null, extra ones are ignored.
        for (int64_t field = field_count; field < expected; ++field) {
          const int64_t slot = slot_of_field_[static_cast<size_t>(field)];
          if (slot >= 0) batch_.column(slot)[row] = FieldSpan{nullptr, 0, kFieldMissing};
        }
        already_bad_.resize(static_cast<size_t>(batch_.capacity));
        already_bad_[static_cast<size_t>(row)] = 1;
      }
      batch_.lines[static_cast<size_t>(row)] = tokenizer_.record_line();
      batch_.ordinals[static_cast<size_t>(row)] = ordinal;
      ++batch_.rows;
    }
  }

  bool should_skip(int64_t ordinal) {
    const std::vector<int64_t>* skips = request_.skip_ordinals;
    if (!skips) return false;
    while (skip_position_ < skips->size() && (*skips)[skip_position_] < ordinal) ++skip_position_;
    return skip_position_ < skips->size() && (*skips)[skip_position_] == ordinal;
  }

  void note_bad_line(int64_t line) {
    ++result_.bad_lines;
    if (static_cast<int64_t>(result_.bad_line_offsets.size()) < kMaxReportedBadLines)
      result_.bad_line_offsets.push_back(line);
  }

  // Parses every column of the batch and deals with values that failed.
  void parse_batch() {
    const int64_t first_row = builders_.empty() ? 0 : builders_[0]->length();
    std::vector<int64_t> bad_rows;
    std::optional<std::pair<int64_t, int64_t>> first_failure;  // (row, slot)
    for (size_t slot = 0; slot < builders_.size(); ++slot) {
      failures_.clear();
      builders_[slot]->append(batch_.column(static_cast<int64_t>(slot)), 0, batch_.rows, &failures_);
      if (failures_.empty()) continue;
      const std::pair<int64_t, int64_t> failure{failures_[0], static_cast<int64_t>(slot)};
      if (!first_failure || field_of(failure) < field_of(*first_failure)) first_failure = failure;
      bad_rows.insert(bad_rows.end(), failures_.begin(), failures_.end());
    }
    if (!first_failure) {
      finish_batch();
      return;
    }
    if (plan_.on_bad_lines == OnBadLines::Error) {
      result_.error = value_problem(first_failure->first, first_failure->second);
      return;
    }
    std::sort(bad_rows.begin(), bad_rows.end());
    bad_rows.erase(std::unique(bad_rows.begin(), bad_rows.end()), bad_rows.end());
    for (const int64_t row : bad_rows) {
      if (!already_bad_.empty() && already_bad_[static_cast<size_t>(row)]) continue;
      note_bad_line(batch_.lines[static_cast<size_t>(row)]);
    }
    if (plan_.on_bad_lines == OnBadLines::Skip) {
      for (auto& builder : builders_) builder->remove_rows(first_row, bad_rows);
      for (const int64_t row : bad_rows) result_.skipped_ordinals.push_back(batch_.ordinals[static_cast<size_t>(row)]);
      result_.rows -= static_cast<int64_t>(bad_rows.size());
    }
    finish_batch();
  }

  void finish_batch() {
    result_.rows += batch_.rows;
    if (!already_bad_.empty()) std::fill(already_bad_.begin(), already_bad_.end(), 0);
  }

  // Orders failures by record, then by position in the record.
  std::pair<int64_t, int64_t> field_of(const std::pair<int64_t, int64_t>& failure) const {
    return {failure.first, plan_.columns[static_cast<size_t>(failure.second)].field_index};
  }

  RecordProblem value_problem(int64_t row, int64_t slot) {
    const ColumnPlan& column = plan_.columns[static_cast<size_t>(slot)];
    const FieldSpan& field = batch_.column(slot)[row];
    const bool text_column = !column.explicit_type || is_text_type(*column.explicit_type);
    std::string value(field_text(field, plan_.context.dialect, scratch_).substr(0, kMaxValueBytes));
    return RecordProblem{text_column ? ProblemKind::InvalidUtf8 : ProblemKind::BadValue,
                         batch_.lines[static_cast<size_t>(row)], column.field_index, 0, std::move(value)};
  }

  const ParsePlan& plan_;
  const ChunkRequest& request_;
  Tokenizer tokenizer_;
  FieldBatch batch_;
  std::vector<int64_t> slot_of_field_;
  std::vector<std::unique_ptr<ColumnBuilder>> builders_;
  ChunkResult result_;
  std::optional<RecordProblem> pending_error_;
  std::vector<int64_t> failures_;
  std::vector<uint8_t> already_bad_;  // OnBadLines::Null: rows counted by the tokenizer check
  std::string scratch_;
  int64_t next_ordinal_ = 0;
  size_t skip_position_ = 0;
  bool stopped_ = false;
};

}  // namespace

ChunkResult parse_chunk(const ParsePlan& plan, const ChunkRequest& request) {
  return ChunkParser(plan, request).run();
}

}  // namespace strata::csv
