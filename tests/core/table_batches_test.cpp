// Table::to_batches: batches share the columns' value buffers (zero-copy
// slices through Buffer::view) and read exactly the rows of their range.
#include <gtest/gtest.h>

#include <string>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "strata/core/table.hpp"

namespace strata {
namespace {

Table table_of(std::vector<std::pair<std::string, ChunkedArray>> columns) {
  std::vector<Field> fields;
  std::vector<ChunkedArray> data;
  for (auto& column : columns) {
    fields.push_back({column.first, column.second.type(), true});
    data.push_back(std::move(column.second));
  }
  return Table(Schema(std::move(fields)), std::move(data));
}

TEST(TableBatchesTest, SlicesOfOneChunkShareItsValues) {
  constexpr int64_t kRows = 1000;
  FixedWidthBuilder<int64_t> numbers(DataType::int64());
  StringBuilder strings;
  BoolBuilder flags;
  for (int64_t i = 0; i < kRows; ++i) {
    if (i % 7 == 3) numbers.append_null(); else numbers.append(i * 10);
    const std::string text = i % 2 ? "short" : "a string kept out of line #" + std::to_string(i);
    if (i % 5 == 0) strings.append_null(); else strings.append(std::string_view(text));
    flags.append(i % 3 == 0);
  }
  const Array number_array = numbers.finish(), string_array = strings.finish(), flag_array = flags.finish();
  const Table table = table_of({{"n", ChunkedArray(number_array)}, {"s", ChunkedArray(string_array)},
                                {"b", ChunkedArray(flag_array)}});
  const std::vector<RecordBatch> batches = table.to_batches(333);  // offsets not multiples of 8
  ASSERT_EQ(batches.size(), 4u);
  int64_t start = 0;
  for (const RecordBatch& batch : batches) {
    const Array& n = batch.columns[0];
    const Array& s = batch.columns[1];
    const Array& b = batch.columns[2];
    EXPECT_EQ(n.values<int64_t>(), number_array.values<int64_t>() + start) << "values are shared, not copied";
    EXPECT_EQ(s.views(), string_array.views() + start);
    int64_t nulls = 0;
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      const int64_t row = start + i;
      ASSERT_EQ(n.is_valid(i), number_array.is_valid(row)) << row;
      if (n.is_valid(i)) {
        ASSERT_EQ(n.values<int64_t>()[i], row * 10);
      }
      ASSERT_EQ(s.is_valid(i), string_array.is_valid(row)) << row;
      if (s.is_valid(i)) {
        ASSERT_EQ(s.string_at(i), string_array.string_at(row));
      }
      ASSERT_EQ(b.bool_at(i), row % 3 == 0);
      nulls += n.is_null(i);
    }
    EXPECT_EQ(n.null_count(), nulls);
    start += batch.num_rows;
  }
  EXPECT_EQ(start, kRows);
}

TEST(TableBatchesTest, BatchesFollowEveryColumnsChunks) {
  const ChunkedArray a(DataType::int64(), {make_int64_array({1, 2, 3}), make_int64_array({4, 5})});
  const ChunkedArray b(DataType::int64(), {make_int64_array({10}), make_int64_array({20, 30, 40, 50})});
  const std::vector<RecordBatch> batches = table_of({{"a", a}, {"b", b}}).to_batches();
  ASSERT_EQ(batches.size(), 3u);  // cut at 1 and 3
  EXPECT_EQ(batches[0].num_rows, 1);
  EXPECT_EQ(batches[1].num_rows, 2);
  EXPECT_EQ(batches[2].num_rows, 2);
  EXPECT_EQ(batches[1].columns[0].values<int64_t>()[1], 3);
  EXPECT_EQ(batches[1].columns[1].values<int64_t>()[1], 30);
  EXPECT_EQ(batches[2].columns[1].values<int64_t>()[0], 40);
}

TEST(TableBatchesTest, EmptyTableHasNoBatches) {
  EXPECT_TRUE(table_of({{"a", ChunkedArray(make_int64_array({}))}}).to_batches().empty());
}

TEST(BufferViewTest, SharesMemoryAndCannotGrow) {
  std::shared_ptr<Buffer> parent = Buffer::copy_of("0123456789", 10);
  std::shared_ptr<Buffer> view = Buffer::view(parent, 2, 5);
  EXPECT_EQ(view->data(), parent->data() + 2);
  EXPECT_EQ(view->size(), 5);
  EXPECT_NO_THROW(view->resize(3));  // shrinking stays inside the window
  EXPECT_THROW(view->reserve(64), InternalError);
  EXPECT_THROW(Buffer::view(parent, 8, 3), InternalError);
  EXPECT_THROW(Buffer::view(nullptr, 0, 0), InternalError);
  const uint8_t* bytes = view->data();
  parent.reset();  // the view keeps the memory alive
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(bytes), 3), "234");
}

TEST(TableBatchesTest, StructSlicesShareTheirFieldsValues) {
  constexpr int64_t kRows = 100;
  FixedWidthBuilder<int64_t> numbers(DataType::int64());
  FixedWidthBuilder<double> reals(DataType::float64());
  for (int64_t i = 0; i < kRows; ++i) {
    if (i % 9 == 4) numbers.append_null(); else numbers.append(i);
    reals.append(static_cast<double>(i) / 2);
  }
  const Array x = numbers.finish(), y = reals.finish();
  std::vector<bool> valid(kRows, true);
  valid[7] = false;
  const Array pairs = make_struct_array({{"x", x.type(), true}, {"y", y.type(), true}}, {x, y}, valid);
  const std::vector<RecordBatch> batches = table_of({{"p", ChunkedArray(pairs)}}).to_batches(30);
  ASSERT_EQ(batches.size(), 4u);
  int64_t start = 0;
  for (const RecordBatch& batch : batches) {
    const Array& piece = batch.columns[0];
    EXPECT_EQ(piece.type(), pairs.type());
    EXPECT_EQ(piece.struct_field(0).values<int64_t>(), x.values<int64_t>() + start) << "fields are shared";
    EXPECT_EQ(piece.struct_field(1).values<double>(), y.values<double>() + start);
    for (int64_t i = 0; i < batch.num_rows; ++i) {
      const int64_t row = start + i;
      ASSERT_EQ(piece.is_valid(i), row != 7) << row;
      ASSERT_EQ(piece.struct_field(0).is_valid(i), x.is_valid(row)) << row;
      ASSERT_EQ(piece.struct_field(1).values<double>()[i], static_cast<double>(row) / 2);
    }
    start += batch.num_rows;
  }
  EXPECT_EQ(start, kRows);
}

}  // namespace
}  // namespace strata
