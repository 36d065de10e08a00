#include "io/csv/csv_inferring_builder.hpp"

#include "io/csv/csv_fixed_width_builder.hpp"
#include "io/csv/csv_string_builder.hpp"
#include "io/csv/csv_value_parsers.hpp"
#include "io/csv/utf8_validation.hpp"
#include "strata/core/error.hpp"

namespace strata::csv {

namespace {

using IntBuilder = FixedWidthColumnBuilder<int64_t, IntegerParser<int64_t>>;
using FloatBuilder = FixedWidthColumnBuilder<double, Float64Parser>;
using DateBuilder = FixedWidthColumnBuilder<int32_t, DateParser>;
using TimestampBuilder = FixedWidthColumnBuilder<int64_t, TimestampParser>;

}  // namespace

InferringColumnBuilder::InferringColumnBuilder(InferredKind start, const ColumnParseContext& context)
    : kind_(InferredKind::Null), context_(context) {
  if (start != InferredKind::Null) start_typed(start);
}

void InferringColumnBuilder::start_typed(InferredKind kind) {
  kind_ = kind;
  switch (kind) {
    case InferredKind::Bool: typed_ = make_column_builder(DataType::boolean(), context_); break;
    case InferredKind::Int: typed_ = make_column_builder(DataType::int64(), context_); break;
    case InferredKind::Float: typed_ = make_column_builder(DataType::float64(), context_); break;
    case InferredKind::Date: typed_ = make_column_builder(DataType::date(), context_); break;
    case InferredKind::Timestamp:
      typed_ = make_column_builder(DataType::timestamp(TimeUnit::Micro), context_);
      break;
    case InferredKind::Time: typed_ = make_column_builder(DataType::time(), context_); break;
    case InferredKind::String: typed_ = make_column_builder(DataType::string(), context_); break;
    case InferredKind::Null: throw InternalError("CSV inference: cannot start a column as Null");
  }
  typed_->reserve(reserved_rows_);
  typed_->append_nulls(untyped_length_);
  untyped_length_ = 0;
}

void InferringColumnBuilder::reserve(int64_t rows) {
  reserved_rows_ = rows;
  if (typed_) typed_->reserve(rows);
}

void InferringColumnBuilder::widen_to(InferredKind kind) {
  if (kind == InferredKind::String) {
    untyped_length_ = typed_->length();
    typed_.reset();
    kind_ = InferredKind::String;
    late_string_ = true;
    return;
  }
  if (kind_ == InferredKind::Int && kind == InferredKind::Float) {
    auto wider = std::make_unique<FloatBuilder>(DataType::float64(), Float64Parser{}, context_);
    wider->reserve(reserved_rows_);
    wider->adopt(static_cast<const IntBuilder&>(*typed_), [](int64_t v) { return static_cast<double>(v); });
    typed_ = std::move(wider);
  } else if (kind_ == InferredKind::Date && kind == InferredKind::Timestamp) {
    auto wider = std::make_unique<TimestampBuilder>(DataType::timestamp(TimeUnit::Micro),
                                                    TimestampParser{TimeUnit::Micro}, context_);
    wider->reserve(reserved_rows_);
    wider->adopt(static_cast<const DateBuilder&>(*typed_),
                 [](int32_t days) { return int64_t{days} * 86'400'000'000LL; });
    typed_ = std::move(wider);
  } else {
    throw InternalError("CSV inference: unexpected widening");
  }
  kind_ = kind;
}

int64_t InferringColumnBuilder::append(const FieldSpan* fields, int64_t begin, int64_t end,
                                       std::vector<int64_t>* failures) {
  STRATA_CHECK(failures != nullptr, "inferring CSV columns report failures");
  int64_t row = begin;
  while (row < end) {
    if (late_string_) return append_late_string(fields, row, end, failures);
    if (kind_ == InferredKind::Null) {
      while (row < end && context_.nulls.is_null(fields[row])) {
        ++untyped_length_;
        ++row;
      }
      if (row == end) break;
      start_typed(classify_value(field_text(fields[row], context_.dialect, scratch_), context_.try_parse_dates));
      continue;
    }
    if (kind_ == InferredKind::String) return typed_->append(fields, row, end, failures);
    row = typed_->append(fields, row, end, nullptr);
    if (row == end) break;
    // fields[row] does not fit the current kind.
    const InferredKind value_kind =
        classify_value(field_text(fields[row], context_.dialect, scratch_), context_.try_parse_dates);
    widen_to(join_kinds(kind_, value_kind));
  }
  return end;
}

int64_t InferringColumnBuilder::append_late_string(const FieldSpan* fields, int64_t begin, int64_t end,
                                                   std::vector<int64_t>* failures) {
  // Values are re-read later; only invalid UTF-8 has to be found now, so
  // that rows rejected for it are rejected in every column.
  if (context_.encoding == CsvEncoding::Utf8) {
    for (int64_t row = begin; row < end; ++row) {
      const FieldSpan& field = fields[row];
      if (!context_.nulls.is_null(field) && !is_valid_utf8(field_text(field, context_.dialect, scratch_)))
        failures->push_back(row);
    }
  }
  untyped_length_ += end - begin;
  return end;
}

void InferringColumnBuilder::append_nulls(int64_t count) {
  if (typed_) typed_->append_nulls(count);
  else untyped_length_ += count;
}

void InferringColumnBuilder::remove_rows(int64_t first_row, std::span<const int64_t> offsets) {
  if (typed_) typed_->remove_rows(first_row, offsets);
  else untyped_length_ -= static_cast<int64_t>(offsets.size());
}

int64_t InferringColumnBuilder::length() const { return typed_ ? typed_->length() : untyped_length_; }

Array InferringColumnBuilder::finish() {
  if (typed_) return typed_->finish();
  Array nulls = make_null_array(DataType::string(), untyped_length_);
  untyped_length_ = 0;
  return nulls;
}

}  // namespace strata::csv
