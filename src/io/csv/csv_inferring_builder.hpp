#pragma once
// The builder of a column without an explicit type. It parses values as its
// current kind and widens when a value does not fit: Int -> Float and
// Date -> Timestamp convert the values parsed so far; any widening to String
// after typed values stops storing values ("late string"), and the chunk's
// column is re-read as text afterwards, so that strings keep their exact
// text ("007" stays "007").
#include <memory>
#include <string>

#include "io/csv/csv_column_builder.hpp"
#include "io/csv/csv_type_inference.hpp"

namespace strata::csv {

class InferringColumnBuilder final : public ColumnBuilder {
 public:
  InferringColumnBuilder(InferredKind start, const ColumnParseContext& context);

  /// Never stops at a value; `failures` must be given (only invalid UTF-8
  /// in text values fails).
  int64_t append(const FieldSpan* fields, int64_t begin, int64_t end,
                 std::vector<int64_t>* failures) override;
  void reserve(int64_t rows) override;
  void append_nulls(int64_t count) override;
  void remove_rows(int64_t first_row, std::span<const int64_t> offsets) override;
  int64_t length() const override;
  /// The values as kind(); empty of meaning when needs_reparse().
  Array finish() override;

  InferredKind kind() const { return kind_; }
  /// True when text followed typed values: re-read this chunk's column as str.
  bool needs_reparse() const { return late_string_; }

 private:
  void start_typed(InferredKind kind);
  void widen_to(InferredKind kind);
  int64_t append_late_string(const FieldSpan* fields, int64_t begin, int64_t end,
                             std::vector<int64_t>* failures);

  InferredKind kind_;
  const ColumnParseContext& context_;
  std::unique_ptr<ColumnBuilder> typed_;  // absent while kind_ is Null or late_string_
  int64_t untyped_length_ = 0;            // rows while kind_ is Null or late_string_
  int64_t reserved_rows_ = 0;             // the reserve() hint, for builders made later
  bool late_string_ = false;
  std::string scratch_;
};

}  // namespace strata::csv
