#include <gtest/gtest.h>

#include <functional>

#include "strata/compute/selection.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "strata/core/thread_pool.hpp"
#include "compute/kernel_test_support.hpp"

namespace strata::compute {
namespace {

std::vector<std::optional<int64_t>> int64_values(const Array& array) {
  std::vector<std::optional<int64_t>> out;
  for (int64_t i = 0; i < array.length(); ++i)
    out.push_back(array.is_null(i) ? std::nullopt : std::optional<int64_t>(array.values<int64_t>()[i]));
  return out;
}

std::vector<std::optional<std::string>> string_values(const Array& array) {
  std::vector<std::optional<std::string>> out;
  for (int64_t i = 0; i < array.length(); ++i)
    out.push_back(array.is_null(i) ? std::nullopt : std::optional<std::string>(array.value_to_string(i)));
  return out;
}

using OptInt = std::optional<int64_t>;
using OptStr = std::optional<std::string>;

TEST(TakeTest, Int64WithNullsAndMissingIndex) {
  const Array values = make_int64_array({10, std::nullopt, 30, 40});
  const Array out = take(values, {3, -1, 1, 0, 0});
  EXPECT_EQ(int64_values(out), (std::vector<OptInt>{40, std::nullopt, std::nullopt, 10, 10}));
  EXPECT_EQ(out.null_count(), 2);
}

TEST(TakeTest, NoNullsFastPathHasNoBitmap) {
  const Array out = take(make_int64_array({1, 2, 3}), {2, 2, 0});
  EXPECT_EQ(int64_values(out), (std::vector<OptInt>{3, 3, 1}));
  EXPECT_EQ(out.validity_bits(), nullptr);
}

TEST(TakeTest, EmptyIndicesAndEmptyArray) {
  EXPECT_EQ(take(make_int64_array({1, 2}), {}).length(), 0);
  const Array out = take(make_int64_array({}), {-1, -1});
  EXPECT_EQ(out.length(), 2);
  EXPECT_EQ(out.null_count(), 2);
}

TEST(TakeTest, OutOfBoundsIndexThrows) {
  EXPECT_THROW(take(make_int64_array({1, 2}), {2}), InvalidInputError);
  EXPECT_THROW(take(make_int64_array({1, 2}), {-2}), InvalidInputError);
}

TEST(TakeTest, StringsShareBuffersAndKeepUnicode) {
  const std::string long_text = "naïve café, a string well over twelve bytes";
  const Array values = make_string_array({"añb", long_text, std::nullopt, ""});
  const Array out = take(values, {1, 0, 2, 3, -1, 1});
  EXPECT_EQ(string_values(out), (std::vector<OptStr>{long_text, "añb", std::nullopt, "", std::nullopt, long_text}));
  ASSERT_EQ(out.data().string_data.size(), values.data().string_data.size());
  EXPECT_EQ(out.data().string_data[0].get(), values.data().string_data[0].get());  // shared, not copied
}

TEST(TakeTest, BoolBitsWithNulls) {
  const Array values = make_bool_array({true, false, std::nullopt, true});
  const Array out = take(values, {3, 2, 1, 0, -1});
  ASSERT_EQ(out.length(), 5);
  EXPECT_TRUE(out.bool_at(0));
  EXPECT_TRUE(out.is_null(1));
  EXPECT_FALSE(out.bool_at(2));
  EXPECT_TRUE(out.bool_at(3));
  EXPECT_TRUE(out.is_null(4));
  EXPECT_EQ(out.null_count(), 2);
}

TEST(TakeTest, CategoricalKeepsDictionary) {
  const Array values = make_categorical(make_string_array({"b", "a", std::nullopt, "b"}));
  const Array out = take(values, {1, 3, 2});
  EXPECT_EQ(out.type(), DataType::categorical());
  EXPECT_EQ(out.data().dictionary.get(), values.data().dictionary.get());
  EXPECT_EQ(string_values(out), (std::vector<OptStr>{"a", "b", std::nullopt}));
}

TEST(TakeTest, DecimalAndDate) {
  FixedWidthBuilder<Int128> decimals(DataType::decimal(10, 2));
  decimals.append(Int128{12345});
  decimals.append_null();
  decimals.append(Int128{-5});
  const Array out = take(decimals.finish(), {2, 0, 1});
  EXPECT_EQ(string_values(out), (std::vector<OptStr>{"-0.05", "123.45", std::nullopt}));

  FixedWidthBuilder<int32_t> dates(DataType::date());
  dates.append(0);
  dates.append(19723);
  EXPECT_EQ(string_values(take(dates.finish(), {1, 0})), (std::vector<OptStr>{"2024-01-01", "1970-01-01"}));
}

TEST(TakeTest, ListsAndStructsRecursively) {
  const Array items = make_int64_array({1, 2, 3, std::nullopt, 5});
  const Array lists = make_list_array({0, 2, 2, 5}, items, {true, false, true});  // [1,2], null, [3,null,5]
  const Array out = take(lists, {2, 1, 0, -1});
  EXPECT_EQ(string_values(out), (std::vector<OptStr>{"[3, null, 5]", std::nullopt, "[1, 2]", std::nullopt}));

  const Array structs = make_struct_array({{"a", DataType::int64()}, {"s", DataType::string()}},
                                          {make_int64_array({1, 2}), make_string_array({"x", std::nullopt})},
                                          {true, false});
  const Array taken = take(structs, {1, 0, 0});
  EXPECT_TRUE(taken.is_null(0));
  EXPECT_EQ(taken.value_to_string(1), "{a: 1, s: x}");
  EXPECT_EQ(int64_values(taken.struct_field(0)), (std::vector<OptInt>{2, 1, 1}));
}

TEST(TakeTest, LargeInputInParallel) {
  const int64_t n = 300000;
  FixedWidthBuilder<int64_t> builder(DataType::int64());
  for (int64_t i = 0; i < n; ++i) builder.append(i * 3);
  const Array values = builder.finish();
  std::vector<int64_t> indices(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) indices[static_cast<size_t>(i)] = i % 7 == 0 ? -1 : n - 1 - i;
  const Array out = take(values, indices);
  for (int64_t i = 0; i < n; ++i) {
    if (i % 7 == 0) ASSERT_TRUE(out.is_null(i));
    else ASSERT_EQ(out.values<int64_t>()[i], (n - 1 - i) * 3);
  }
  EXPECT_EQ(out.null_count(), (n + 6) / 7);
}

TEST(TakeTest, ChunkedColumn) {
  const ChunkedArray column(DataType::int64(), {make_int64_array({1, 2}), make_int64_array({3})});
  EXPECT_EQ(int64_values(take(column, {2, 0, -1})), (std::vector<OptInt>{3, 1, std::nullopt}));
}

TEST(TakeTest, AscendingAndRandomIndicesOverManyChunks) {
  // Ascending indices (a filter, the left side of a join) take a streaming
  // path; both must give the same rows, across chunk boundaries and gaps.
  constexpr int64_t kRows = 300'000, kChunk = 7'001;
  std::vector<Array> numbers, strings;
  for (int64_t start = 0; start < kRows; start += kChunk) {
    FixedWidthBuilder<int64_t> number_chunk(DataType::int64());
    StringBuilder string_chunk;
    for (int64_t i = start; i < std::min(kRows, start + kChunk); ++i) {
      if (i % 11 == 0) number_chunk.append_null(); else number_chunk.append(i * 5);
      string_chunk.append(std::string_view("row number " + std::to_string(i) + " of the column"));
    }
    numbers.push_back(number_chunk.finish());
    strings.push_back(string_chunk.finish());
  }
  const ChunkedArray number_column(DataType::int64(), numbers), string_column(DataType::string(), strings);
  std::vector<int64_t> ascending{-1, -1};
  for (int64_t i = 0; i < kRows; i += 1 + i % 5) {
    ascending.push_back(i);
    if (i % 3 == 0) ascending.push_back(i);  // repeated rows (several matches)
  }
  std::vector<int64_t> shuffled(ascending.rbegin(), ascending.rend());
  const std::vector<Array> up = take_columns({number_column, string_column}, ascending);
  const std::vector<Array> down = take_columns({number_column, string_column}, shuffled);
  ASSERT_EQ(up.size(), 2u);
  const auto n = static_cast<int64_t>(ascending.size());
  for (int64_t i = 0; i < n; ++i) {
    const int64_t row = ascending[static_cast<size_t>(i)];
    const int64_t mirrored = n - 1 - i;
    ASSERT_EQ(up[0].is_null(i), row < 0 || row % 11 == 0) << i;
    ASSERT_EQ(down[0].is_null(mirrored), up[0].is_null(i)) << i;
    if (row < 0) {
      ASSERT_TRUE(up[1].is_null(i));
      continue;
    }
    if (row % 11 != 0) {
      ASSERT_EQ(up[0].values<int64_t>()[i], row * 5);
      ASSERT_EQ(down[0].values<int64_t>()[mirrored], row * 5);
    }
    ASSERT_EQ(up[1].string_at(i), "row number " + std::to_string(row) + " of the column");
    ASSERT_EQ(down[1].string_at(mirrored), up[1].string_at(i));
  }
}

// take_columns gathers fixed-width columns together a block at a time and
// the others (bits, categoricals of several dictionaries, nested values)
// one by one; every column must come out as take() gives it alone.
TEST(TakeTest, TakeColumnsOfEveryKindMatchesTakingEachColumn) {
  constexpr int64_t kRows = 20'000;
  FixedWidthBuilder<double> doubles(DataType::float64());
  FixedWidthBuilder<int32_t> small_ints(DataType::int32());
  StringBuilder first_half, second_half;
  std::vector<std::optional<bool>> flags;
  for (int64_t i = 0; i < kRows; ++i) {
    if (i % 13 == 0) doubles.append_null(); else doubles.append(static_cast<double>(i) / 3);
    small_ints.append(static_cast<int32_t>(i % 1000));
    StringBuilder& half = i < kRows / 2 ? first_half : second_half;
    half.append(std::string_view(i % 3 == 0 ? "a string that lives out of line " + std::to_string(i) : "s" + std::to_string(i % 50)));
    flags.push_back(i % 17 == 0 ? std::nullopt : std::optional<bool>(i % 2 == 0));
  }
  const Array first_strings = first_half.finish(), second_strings = second_half.finish();
  const std::vector<ChunkedArray> columns{
      ChunkedArray(doubles.finish()),
      ChunkedArray(small_ints.finish()),
      ChunkedArray(DataType::string(), {first_strings, second_strings}),
      ChunkedArray(make_bool_array(flags)),
      ChunkedArray(DataType::categorical(), {make_categorical(first_strings), make_categorical(second_strings)})};
  std::vector<int64_t> random_rows;
  for (int64_t i = 0; i < 3 * kRows; ++i) random_rows.push_back(i % 29 == 0 ? -1 : (i * 7919) % kRows);
  std::vector<int64_t> ascending_rows;
  for (int64_t i = 0; i < kRows; i += 1 + i % 4) ascending_rows.push_back(i);
  for (const auto& rows : {random_rows, ascending_rows}) {
    const std::vector<Array> together = take_columns(columns, rows);
    ASSERT_EQ(together.size(), columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
      const Array alone = take(columns[c], rows);
      ASSERT_EQ(together[c].type(), columns[c].type()) << "column " << c;
      EXPECT_EQ(together[c].null_count(), alone.null_count()) << "column " << c;
      EXPECT_EQ(testing::rendered(together[c]), testing::rendered(alone)) << "column " << c;
    }
    // The string column checked against its source rows, not only against take().
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] < 0) continue;
      const Array& source = rows[i] < kRows / 2 ? first_strings : second_strings;
      const int64_t row = rows[i] < kRows / 2 ? rows[i] : rows[i] - kRows / 2;
      ASSERT_EQ(together[2].string_at(static_cast<int64_t>(i)), source.string_at(row)) << "row " << i;
    }
  }
}

TEST(TakeTest, TakeColumnsChecksIndicesAndLengths) {
  const ChunkedArray a(make_int64_array({1, 2, 3})), b(make_string_array({"x", "y", "z"}));
  const std::vector<Array> out = take_columns({a, b}, {2, -1});
  EXPECT_EQ(int64_values(out[0]), (std::vector<OptInt>{3, std::nullopt}));
  EXPECT_EQ(string_values(out[1]), (std::vector<OptStr>{"z", std::nullopt}));
  EXPECT_THROW(take_columns({a, b}, {3}), InvalidInputError);
  EXPECT_THROW(take_columns({a, b}, {-2}), InvalidInputError);
  EXPECT_THROW(take_columns({a, ChunkedArray(make_int64_array({1}))}, {0}), InvalidInputError);
  EXPECT_TRUE(take_columns({}, {0}).empty());
}

TEST(FilterTest, NullMaskCountsAsFalse) {
  const Array values = make_string_array({"a", "b", std::nullopt, "d"});
  const Array mask = make_bool_array({true, std::nullopt, true, false});
  EXPECT_EQ(string_values(filter(values, mask)), (std::vector<OptStr>{"a", std::nullopt}));
}

TEST(FilterTest, AllTrueReturnsInputAndAllFalseIsEmpty) {
  const Array values = make_int64_array({1, 2, 3});
  EXPECT_EQ(int64_values(filter(values, make_bool_array({true, true, true}))), (std::vector<OptInt>{1, 2, 3}));
  EXPECT_EQ(filter(values, make_bool_array({false, false, false})).length(), 0);
}

TEST(FilterTest, BoolValues) {
  const Array out = filter(make_bool_array({true, false, true}), make_bool_array({false, true, true}));
  ASSERT_EQ(out.length(), 2);
  EXPECT_FALSE(out.bool_at(0));
  EXPECT_TRUE(out.bool_at(1));
}

TEST(FilterTest, WrongMaskTypeOrLengthThrows) {
  EXPECT_THROW(filter(make_int64_array({1}), make_int64_array({1})), TypeError);
  EXPECT_THROW(filter(make_int64_array({1, 2}), make_bool_array({true})), InvalidInputError);
}

TEST(FilterTest, ChunkedWithMisalignedChunks) {
  const ChunkedArray column(DataType::int64(), {make_int64_array({1, 2, 3}), make_int64_array({4, 5})});
  const ChunkedArray mask(DataType::boolean(), {make_bool_array({true, false}), make_bool_array({true, true, false})});
  const ChunkedArray out = filter(column, mask);
  EXPECT_EQ(int64_values(out.combine()), (std::vector<OptInt>{1, 3, 4}));
}

TEST(MaskToIndicesTest, WordBoundariesAndChunks) {
  std::vector<std::optional<bool>> bits;
  for (int i = 0; i < 200; ++i) bits.push_back(i % 63 == 0 ? std::optional<bool>(true) : std::optional<bool>(false));
  bits[70] = std::nullopt;
  const ChunkedArray mask(DataType::boolean(), {make_bool_array(bits), make_bool_array({true})});
  EXPECT_EQ(mask_to_indices(mask), (std::vector<int64_t>{0, 63, 126, 189, 200}));
}

TEST(MaskToIndicesTest, LargeMaskInParallel) {
  const int64_t n = 500000;
  BoolBuilder builder;
  for (int64_t i = 0; i < n; ++i) {
    if (i % 11 == 0) builder.append_null();
    else builder.append(i % 3 == 0);
  }
  const std::vector<int64_t> indices = mask_to_indices(ChunkedArray(builder.finish()));
  std::vector<int64_t> expected;
  for (int64_t i = 0; i < n; ++i)
    if (i % 11 != 0 && i % 3 == 0) expected.push_back(i);
  EXPECT_EQ(indices, expected);
}

// filter_columns against a row-by-row reference: columns of every kind of
// gather (fixed width, string views, bits, nested, categoricals with a
// dictionary per chunk), chunked differently from each other and from the
// mask, with nulls in the values and in the mask.
class FilterColumnsTest : public testing::ThreeThreadTest {
 protected:
};

ChunkedArray cut_into(const Array& array, const std::vector<int64_t>& cuts) {
  std::vector<Array> chunks;
  int64_t start = 0;
  for (const int64_t cut : cuts) {
    if (cut >= array.length()) break;
    chunks.push_back(array.slice(start, cut - start));
    start = cut;
  }
  chunks.push_back(array.slice(start, array.length() - start));
  return ChunkedArray(array.type(), std::move(chunks));
}

std::string value_at(const ChunkedArray& column, int64_t row) {
  const auto [chunk, offset] = column.locate(row);
  const Array& array = column.chunks()[static_cast<size_t>(chunk)];
  return array.is_null(offset) ? "<null>" : array.value_to_string(offset);
}

std::vector<ChunkedArray> mixed_columns(int64_t rows) {
  FixedWidthBuilder<int64_t> ints(DataType::int64());
  FixedWidthBuilder<int32_t> dates(DataType::date());
  FixedWidthBuilder<double> doubles(DataType::float64());
  StringBuilder strings;
  BoolBuilder bools;
  std::vector<std::optional<Array>> lists;
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 7 == 0) ints.append_null(); else ints.append(i * 3 - 1000);
    dates.append(static_cast<int32_t>(i % 5000));
    if (i % 11 == 0) doubles.append_null(); else doubles.append(static_cast<double>(i) / 4.0);
    if (i % 13 == 0) strings.append_null();
    else strings.append(std::string_view((i % 2 ? "a long string of more than twelve bytes " : "s") + std::to_string(i)));
    if (i % 17 == 0) bools.append_null(); else bools.append(i % 3 == 0);
    if (i < 3000) lists.push_back(i % 5 == 0 ? std::nullopt : std::optional<Array>(make_int64_array({i, std::nullopt})));
  }
  const Array text = strings.finish();
  std::vector<ChunkedArray> columns = {
      cut_into(ints.finish(), {1000, 70'000, 200'001}),
      cut_into(dates.finish(), {}),
      cut_into(doubles.finish(), {64, 128, 190'000}),
      cut_into(text, {99'999, 100'000, 250'000}),
      cut_into(bools.finish(), {3, 150'000}),
  };
  // A categorical with a dictionary per chunk.
  std::vector<Array> categories;
  const std::vector<int64_t> cuts = {0, 40'000, 260'000, rows};
  for (size_t c = 0; c + 1 < cuts.size(); ++c)
    if (cuts[c] < std::min(rows, cuts[c + 1]))
      categories.push_back(make_categorical(text.slice(cuts[c], std::min(rows, cuts[c + 1]) - cuts[c])));
  columns.push_back(ChunkedArray(DataType::categorical(), categories));
  if (rows <= 3000) columns.push_back(cut_into(make_list_array(DataType::int64(), lists), {100, 101}));
  return columns;
}

void check_filter_columns(int64_t rows, const std::function<std::optional<bool>(int64_t)>& keep,
                          const std::vector<int64_t>& mask_cuts) {
  const std::vector<ChunkedArray> columns = mixed_columns(rows);
  BoolBuilder bits;
  std::vector<int64_t> expected_rows;
  for (int64_t i = 0; i < rows; ++i) {
    const std::optional<bool> bit = keep(i);
    if (bit) bits.append(*bit); else bits.append_null();
    if (bit.value_or(false)) expected_rows.push_back(i);
  }
  const ChunkedArray mask = cut_into(bits.finish(), mask_cuts);
  const std::vector<ChunkedArray> out = filter_columns(columns, mask);
  ASSERT_EQ(out.size(), columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    SCOPED_TRACE("column " + std::to_string(c) + " of type " + columns[c].type().to_string());
    ASSERT_EQ(out[c].type(), columns[c].type());
    ASSERT_EQ(out[c].length(), static_cast<int64_t>(expected_rows.size()));
    int64_t nulls = 0;
    for (size_t r = 0; r < expected_rows.size(); ++r) {
      const std::string expected = value_at(columns[c], expected_rows[r]);
      nulls += expected == "<null>";
      ASSERT_EQ(value_at(out[c], static_cast<int64_t>(r)), expected) << "output row " << r;
    }
    EXPECT_EQ(out[c].null_count(), nulls);
    // The one-column filter agrees.
    const ChunkedArray single = filter(columns[c], mask);
    ASSERT_EQ(single.length(), out[c].length());
    for (int64_t r = 0; r < single.length(); r += 97) EXPECT_EQ(value_at(single, r), value_at(out[c], r));
  }
}

TEST_F(FilterColumnsTest, KeepsMostRowsOfLargeChunkedColumns) {
  check_filter_columns(300'000, [](int64_t i) -> std::optional<bool> {
    if (i % 71 == 0) return std::nullopt;
    return i % 50 != 1;
  }, {5, 64, 100'000, 100'001, 299'999});
}

TEST_F(FilterColumnsTest, KeepsFewRowsInRuns) {
  check_filter_columns(300'000, [](int64_t i) -> std::optional<bool> { return (i / 1000) % 9 == 4 || i == 299'999; },
                       {150'000});
}

TEST_F(FilterColumnsTest, SmallColumnsWithNestedValues) {
  check_filter_columns(2500, [](int64_t i) -> std::optional<bool> {
    if (i % 10 == 3) return std::nullopt;
    return i % 4 != 0;
  }, {1, 2, 1000});
}

TEST_F(FilterColumnsTest, AllRowsKeepsColumnsAndNoRowKeepsTypes) {
  const std::vector<ChunkedArray> columns = mixed_columns(1000);
  BoolBuilder all, none;
  for (int i = 0; i < 1000; ++i) {
    all.append(true);
    none.append(i % 2 == 0 ? std::optional<bool>() : std::optional<bool>(false));
  }
  const std::vector<ChunkedArray> kept = filter_columns(columns, ChunkedArray(all.finish()));
  for (size_t c = 0; c < columns.size(); ++c) {
    ASSERT_EQ(kept[c].num_chunks(), columns[c].num_chunks());
    for (int64_t k = 0; k < kept[c].num_chunks(); ++k)  // shared, not copied
      EXPECT_EQ(&kept[c].chunks()[static_cast<size_t>(k)].data(), &columns[c].chunks()[static_cast<size_t>(k)].data());
  }
  const std::vector<ChunkedArray> empty = filter_columns(columns, ChunkedArray(none.finish()));
  for (size_t c = 0; c < columns.size(); ++c) {
    EXPECT_EQ(empty[c].length(), 0);
    EXPECT_EQ(empty[c].type(), columns[c].type());
  }
}

TEST(FilterColumnsErrorsTest, MaskTypeAndLengths) {
  const ChunkedArray a(make_int64_array({1, 2}));
  EXPECT_THROW(filter_columns({a}, ChunkedArray(make_int64_array({1, 0}))), TypeError);
  EXPECT_THROW(filter_columns({a}, ChunkedArray(make_bool_array({true}))), InvalidInputError);
  EXPECT_THROW(filter_columns({a, ChunkedArray(make_int64_array({1}))}, ChunkedArray(make_bool_array({true, true}))),
               InvalidInputError);
  EXPECT_TRUE(filter_columns({}, ChunkedArray(make_bool_array({true}))).empty());
}

}  // namespace
}  // namespace strata::compute
