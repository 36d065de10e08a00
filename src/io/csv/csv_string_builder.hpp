#pragma once
// The builder for str, binary and categorical columns. Strings of up to 12
// bytes are stored inline in their view; longer ones are copied into data
// buffers the array owns (never pointing into the input file).
#include <string>
#include <vector>

#include "io/csv/csv_column_builder.hpp"
#include "io/csv/csv_column_storage.hpp"
#include "strata/core/string_view.hpp"

namespace strata::csv {

class StringColumnBuilder final : public ColumnBuilder {
 public:
  /// `type`: String, Binary (no UTF-8 check) or Categorical (built from the
  /// strings at finish(), with a dictionary in first-seen order).
  StringColumnBuilder(DataType type, const ColumnParseContext& context);

  int64_t append(const FieldSpan* fields, int64_t begin, int64_t end,
                 std::vector<int64_t>* failures) override;
  void reserve(int64_t rows) override { views_.reserve(rows - views_.length()); }
  void append_nulls(int64_t count) override;
  void remove_rows(int64_t first_row, std::span<const int64_t> offsets) override;
  int64_t length() const override { return nulls_.length(); }
  Array finish() override;

 private:
  static constexpr int64_t kDataBufferSize = int64_t{1} << 20;
  StringView store(std::string_view text);

  DataType type_;
  const ColumnParseContext& context_;
  bool check_utf8_;
  ValueStorage<StringView> views_;
  NullMask nulls_;
  std::vector<BufferPtr> buffers_;
  std::string scratch_;
  std::string lossy_;
};

}  // namespace strata::csv
