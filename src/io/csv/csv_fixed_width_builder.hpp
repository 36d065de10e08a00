#pragma once
// Builders for fixed-width types (integers, floats, decimals, dates, times,
// timestamps) and booleans, parameterised by a parser per type.
#include <string>

#include "io/csv/csv_column_builder.hpp"
#include "io/csv/csv_column_storage.hpp"

namespace strata::csv {

/// Parser: `bool operator()(std::string_view text, Value& out) const`.
/// Value is the physical type; Bool uses uint8_t values packed at the end.
template <typename Value, typename Parser>
class FixedWidthColumnBuilder final : public ColumnBuilder {
 public:
  FixedWidthColumnBuilder(DataType type, Parser parser, const ColumnParseContext& context)
      : type_(std::move(type)), parser_(std::move(parser)), context_(context) {}

  int64_t append(const FieldSpan* fields, int64_t begin, int64_t end,
                 std::vector<int64_t>* failures) override {
    values_.reserve(end - begin);
    for (int64_t row = begin; row < end; ++row) {
      const FieldSpan& field = fields[row];
      if (context_.nulls.is_null(field)) {
        values_.push_reserved(Value{});
        nulls_.append_null();
        continue;
      }
      Value value;
      if (parser_(field_text(field, context_.dialect, scratch_), value)) {
        values_.push_reserved(value);
        nulls_.append_valid();
        continue;
      }
      if (!failures) return row;
      failures->push_back(row);
      values_.push_reserved(Value{});
      nulls_.append_null();
    }
    return end;
  }

  void reserve(int64_t rows) override { values_.reserve(rows - values_.length()); }

  void append_nulls(int64_t count) override {
    values_.reserve(count);
    for (int64_t i = 0; i < count; ++i) values_.push_reserved(Value{});
    nulls_.append_nulls(count);
  }

  void remove_rows(int64_t first_row, std::span<const int64_t> offsets) override {
    Value* values = values_.data();
    nulls_.remove_rows(first_row, offsets, [&](int64_t from, int64_t to) { values[to] = values[from]; });
    values_.truncate(nulls_.length());
  }

  int64_t length() const override { return nulls_.length(); }

  Array finish() override {
    auto data = std::make_shared<ArrayData>();
    data->type = type_;
    data->length = nulls_.length();
    if constexpr (std::is_same_v<Value, bool>) {
      data->values = bitmap::make_zeroed(data->length);
      const bool* values = values_.data();
      for (int64_t i = 0; i < data->length; ++i)
        if (values[i]) bitmap::set(data->values->data(), i);
      values_.finish();
    } else {
      data->values = values_.finish();
    }
    nulls_.finish_into(*data);
    return Array(std::move(data));
  }

  /// The values and validity so far, for widening into another type.
  const ValueStorage<Value>& values() const { return values_; }
  const NullMask& nulls() const { return nulls_; }

  /// Takes over `source`'s rows, converting each value with `convert`.
  template <typename SourceValue, typename SourceParser, typename Convert>
  void adopt(const FixedWidthColumnBuilder<SourceValue, SourceParser>& source, Convert convert) {
    const int64_t count = source.length();
    values_.reserve(count);
    const SourceValue* values = source.values().data();
    for (int64_t i = 0; i < count; ++i) {
      if (source.nulls().is_valid(i)) {
        values_.push_reserved(convert(values[i]));
        nulls_.append_valid();
      } else {
        values_.push_reserved(Value{});
        nulls_.append_null();
      }
    }
  }

 private:
  DataType type_;
  Parser parser_;
  const ColumnParseContext& context_;
  ValueStorage<Value> values_;
  NullMask nulls_;
  std::string scratch_;
};

}  // namespace strata::csv
