// Writing tables with Strata's Parquet writer and reading them back: every
// core type, nulls, empty and one-row tables, codecs, row groups,
// dictionary fallback and the stored Strata schema.
#include <algorithm>
#include <cmath>
#include <limits>

#include "io/parquet_test_support.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/nested.hpp"

namespace strata {
namespace {

using parquet_test::cells;
using parquet_test::Cells;
using parquet_test::expect_same_table;
using parquet_test::make_table;
using parquet_test::round_trip;

template <typename T>
Array fixed(const DataType& type, const std::vector<std::optional<T>>& values) {
  FixedWidthBuilder<T> builder(type);
  for (const auto& value : values) builder.append(value);
  return builder.finish();
}

Array strings(const std::vector<std::optional<std::string>>& values, DataType type = DataType::string()) {
  StringBuilder builder(type);
  for (const auto& value : values) {
    if (value) builder.append(std::string_view(*value));
    else builder.append_null();
  }
  return builder.finish();
}

Table all_types_table() {
  return make_table({
      {"i8", fixed<int8_t>(DataType::int8(), {-128, 127, std::nullopt, 0})},
      {"i16", fixed<int16_t>(DataType::int16(), {-32768, 32767, 1, std::nullopt})},
      {"i32", fixed<int32_t>(DataType::int32(), {INT32_MIN, INT32_MAX, std::nullopt, 7})},
      {"i64", fixed<int64_t>(DataType::int64(), {INT64_MIN, INT64_MAX, 0, std::nullopt})},
      {"u8", fixed<uint8_t>(DataType::uint8(), {0, 255, std::nullopt, 1})},
      {"u16", fixed<uint16_t>(DataType::uint16(), {0, 65535, 2, std::nullopt})},
      {"u32", fixed<uint32_t>(DataType::uint32(), {0, UINT32_MAX, std::nullopt, 3})},
      {"u64", fixed<uint64_t>(DataType::uint64(), {0, UINT64_MAX, 4, std::nullopt})},
      {"f32", fixed<float>(DataType::float32(), {1.5f, -0.0f, std::nullopt, std::numeric_limits<float>::infinity()})},
      {"f64", fixed<double>(DataType::float64(), {std::nan(""), 1e300, -2.5, std::nullopt})},
      {"bool", make_bool_array({true, std::nullopt, false, true})},
      {"dec9", fixed<Int128>(DataType::decimal(9, 2), {Int128{12345}, Int128{-999999999}, std::nullopt, Int128{0}})},
      {"dec18", fixed<Int128>(DataType::decimal(18, 4), {Int128{-1}, std::nullopt, Int128{123456789012345678}, Int128{0}})},
      {"dec38",
       fixed<Int128>(DataType::decimal(38, 10),
                     {decimal::max_for_precision(38), -decimal::max_for_precision(38), std::nullopt, Int128{42}})},
      {"str", strings({"short", "a string longer than twelve bytes", std::nullopt, "ünïcødé ✓ 🚀"})},
      {"bin", strings({std::string("\0\1\2", 3), std::nullopt, "", "binary data longer than 12"}, DataType::binary())},
      {"date", fixed<int32_t>(DataType::date(), {0, -1, 19000, std::nullopt})},
      {"time", fixed<int64_t>(DataType::time(), {0, 86399999999999, std::nullopt, 1})},
      {"ts_s", fixed<int64_t>(DataType::timestamp(TimeUnit::Second), {0, -1, 1700000000, std::nullopt})},
      {"ts_ms", fixed<int64_t>(DataType::timestamp(TimeUnit::Milli, "UTC"), {1, std::nullopt, -1000, 0})},
      {"ts_us", fixed<int64_t>(DataType::timestamp(TimeUnit::Micro, "Europe/Paris"), {std::nullopt, 2, 3, 4})},
      {"ts_ns", fixed<int64_t>(DataType::timestamp(TimeUnit::Nano), {INT64_MIN + 1, INT64_MAX, std::nullopt, 0})},
      {"dur", fixed<int64_t>(DataType::duration(TimeUnit::Milli), {5, std::nullopt, -5, 0})},
      {"cat", make_categorical(strings({"red", "green", std::nullopt, "red"}))},
      {"null", make_null_array(DataType::null(), 4)},
  });
}

TEST(ParquetRoundTrip, EveryCoreTypeWithNullsKeepsSchemaAndValues) {
  const Table table = all_types_table();
  const Table back = round_trip(table);
  expect_same_table(table, back);
  // Spot checks on values (not just equality with the input rendering).
  EXPECT_EQ(cells(back, "u64"), (Cells{"0", "18446744073709551615", "4", "null"}));
  EXPECT_EQ(cells(back, "str")[3], "ünïcødé ✓ 🚀");
  EXPECT_EQ(back.schema().field(*back.schema().index_of("ts_us")).type, DataType::timestamp(TimeUnit::Micro, "Europe/Paris"));
  EXPECT_EQ(back.schema().field(*back.schema().index_of("cat")).type, DataType::categorical());
  EXPECT_EQ(back.schema().field(*back.schema().index_of("dur")).type, DataType::duration(TimeUnit::Milli));
}

TEST(ParquetRoundTrip, WithoutTheStrataSchemaParquetTypesApply) {
  ParquetReadOptions read;
  read.use_strata_schema = false;
  const Table back = round_trip(all_types_table(), {}, read);
  const Schema& schema = back.schema();
  EXPECT_EQ(schema.field(*schema.index_of("ts_s")).type, DataType::timestamp(TimeUnit::Milli));
  EXPECT_EQ(schema.field(*schema.index_of("ts_us")).type, DataType::timestamp(TimeUnit::Micro, "UTC"));
  EXPECT_EQ(schema.field(*schema.index_of("cat")).type, DataType::string());
  EXPECT_EQ(schema.field(*schema.index_of("dur")).type, DataType::int64());
  EXPECT_EQ(cells(back, "ts_s")[2], "2023-11-14 22:13:20");
}

TEST(ParquetRoundTrip, EveryCodecAndEncodingChoice) {
  const Table table = all_types_table();
  for (ParquetCompression codec : {ParquetCompression::Uncompressed, ParquetCompression::Snappy, ParquetCompression::Gzip,
                                   ParquetCompression::Zstd, ParquetCompression::Lz4Raw, ParquetCompression::Brotli}) {
    for (bool dictionary : {true, false}) {
      ParquetWriteOptions options;
      options.compression = codec;
      options.dictionary = dictionary;
      options.write_page_checksums = true;
      SCOPED_TRACE(static_cast<int>(codec));
      expect_same_table(table, round_trip(table, options));
    }
  }
}

TEST(ParquetRoundTrip, EmptyTableAndOneRowTable) {
  const Table table = all_types_table();
  std::vector<ChunkedArray> empty_columns;
  std::vector<ChunkedArray> one_row;
  for (const ChunkedArray& column : table.columns()) {
    empty_columns.push_back(column.slice(0, 0));
    one_row.push_back(column.slice(1, 1));
  }
  const Table empty(table.schema(), empty_columns);
  const Table back = round_trip(empty);
  EXPECT_EQ(back.num_rows(), 0);
  EXPECT_EQ(back.schema(), table.schema());
  const Table single(table.schema(), one_row);
  expect_same_table(single, round_trip(single));
}

TEST(ParquetRoundTrip, AllNullColumnsOfEveryType) {
  std::vector<std::pair<std::string, Array>> columns;
  for (const DataType& type : {DataType::int32(), DataType::float64(), DataType::string(), DataType::boolean(),
                               DataType::decimal(30, 3), DataType::date(), DataType::list(DataType::int64())}) {
    columns.emplace_back(type.to_string(), make_null_array(type, 5));
  }
  const Table table = make_table(columns);
  const Table back = round_trip(table);
  expect_same_table(table, back);
  for (const ChunkedArray& column : back.columns()) EXPECT_EQ(column.null_count(), 5);
}

TEST(ParquetRoundTrip, ListsAndStructsNestedTwoLevels) {
  const Array items = make_int64_array({1, 2, std::nullopt, 4, 5});
  // [[1, 2], null, [], [null, 4, 5]]
  const Array lists = make_list_array({0, 2, 2, 2, 5}, items, {true, false, true, true});
  const Array names = strings({"a", std::nullopt, "ccc", "dddddddddddddddd"});
  const Array structs = make_struct_array({{"id", DataType::int64()}, {"name", DataType::string()}},
                                          {make_int64_array({10, 20, 30, std::nullopt}), names},
                                          {true, true, false, true});
  // list<struct<x: str>>: [[{x: p}], [], null, [{x: null}, {x: q}]]
  const Array inner = make_struct_array({{"x", DataType::string()}}, {strings({"p", std::nullopt, "q"})});
  const Array list_of_structs = make_list_array({0, 1, 1, 1, 3}, inner, {true, true, false, true});
  // list<list<str>>: [[["a"], []], null, [], [null, ["b", "c"]]]
  const Array leaf = strings({"a", "b", "c"});
  const Array inner_lists = make_list_array({0, 1, 1, 1, 3}, leaf, {true, true, false, true});
  const Array outer_lists = make_list_array({0, 2, 2, 2, 4}, inner_lists, {true, false, true, true});
  const Table table = make_table({{"lists", lists}, {"structs", structs}, {"list_of_structs", list_of_structs},
                                  {"nested_lists", outer_lists}});
  const Table back = round_trip(table);
  expect_same_table(table, back);
  EXPECT_EQ(cells(back, "lists"), (Cells{"[1, 2]", "null", "[]", "[null, 4, 5]"}));
  EXPECT_EQ(cells(back, "structs")[2], "null");
  EXPECT_EQ(cells(back, "nested_lists")[0], "[[\"a\"], []]");
  EXPECT_EQ(cells(back, "nested_lists")[3], "[null, [\"b\", \"c\"]]");
}

TEST(ParquetRoundTrip, NestedColumnsOfEveryLeafKind) {
  // struct<tags: list<cat>, amount: decimal, flag: bool>, list<decimal>, list<bool>
  const Array tags = make_list_array({0, 2, 2, 3}, make_categorical(strings({"x", "y", std::nullopt})),
                                     {true, false, true});
  const Array amounts = fixed<Int128>(DataType::decimal(20, 2), {Int128{150}, std::nullopt, Int128{-7}});
  const Array flags = make_bool_array({true, false, std::nullopt});
  const Array record = make_struct_array(
      {{"tags", tags.type()}, {"amount", amounts.type()}, {"flag", DataType::boolean()}}, {tags, amounts, flags});
  const Array decimal_lists = make_list_array({0, 1, 3, 3}, fixed<Int128>(DataType::decimal(5, 1), {Int128{1}, Int128{-2}, std::nullopt}));
  const Array bool_lists = make_list_array({0, 0, 2, 3}, make_bool_array({false, std::nullopt, true}), {false, true, true});
  const Table table = make_table({{"record", record}, {"decimal_lists", decimal_lists}, {"bool_lists", bool_lists}});
  const Table back = round_trip(table);
  expect_same_table(table, back);
  EXPECT_EQ(cells(back, "record")[0], "{tags: [x, y], amount: 1.50, flag: true}");  // categories print unquoted
  EXPECT_EQ(cells(back, "bool_lists"), (Cells{"null", "[false, null]", "[true]"}));
}

TEST(ParquetRoundTrip, NonNullableFieldsAreRequiredColumns) {
  const Table table(Schema({{"id", DataType::int64(), false}}), {ChunkedArray(make_int64_array({1, 2}))});
  const ParquetFile file = ParquetFile::from_buffer(write_parquet_table_to_buffer(table));
  EXPECT_NE(file.metadata().parquet_schema.find("required int64 id;"), std::string::npos);
  EXPECT_FALSE(file.schema().field(0).nullable);
  const Table with_null(Schema({{"id", DataType::int64(), false}}), {ChunkedArray(make_int64_array({1, std::nullopt}))});
  EXPECT_THROW(write_parquet_table_to_buffer(with_null), InvalidInputError);
}

TEST(ParquetRoundTrip, ManyRowGroupsAndPagesWithNulls) {
  const int64_t n = 100003;
  FixedWidthBuilder<int64_t> ints(DataType::int64());
  StringBuilder texts;
  FixedWidthBuilder<double> floats(DataType::float64());
  for (int64_t i = 0; i < n; ++i) {
    if (i % 7 == 0) ints.append_null();
    else ints.append(i * 3 - 5000);
    if (i % 11 == 0) texts.append_null();
    else texts.append(std::string_view("value-" + std::to_string(i % 1000) + (i % 3 == 0 ? "-with-a-long-suffix" : "")));
    floats.append(static_cast<double>(i) / 8);
  }
  const Table table = make_table({{"ints", ints.finish()}, {"texts", texts.finish()}, {"floats", floats.finish()}});
  ParquetWriteOptions options;
  options.row_group_size = 10000;
  options.data_page_size = 4096;
  const std::string bytes = write_parquet_table_to_buffer(table, options);
  const ParquetFile file = ParquetFile::from_buffer(bytes);
  EXPECT_EQ(file.num_row_groups(), 11);
  EXPECT_EQ(file.row_group_num_rows(10), 3);
  const Table back = file.read();
  expect_same_table(table, back);
  EXPECT_EQ(back.column(0).num_chunks(), 11);
}

TEST(ParquetRoundTrip, NullPatternsAcrossPagesForEveryValueWidth) {
  // Pages that start with nulls, end with nulls, hold only nulls or none,
  // for values of 4, 8, 9 (decimal FIXED_LEN_BYTE_ARRAY), 16 (string views
  // and decimal) bytes, PLAIN and dictionary-encoded: the reader places each
  // page's values at their rows while decoding.
  const int64_t n = 5000;
  FixedWidthBuilder<int32_t> ints(DataType::int32());
  FixedWidthBuilder<double> floats(DataType::float64());
  FixedWidthBuilder<Int128> narrow_decimals(DataType::decimal(20, 3));
  FixedWidthBuilder<Int128> wide_decimals(DataType::decimal(38, 0));
  StringBuilder texts;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t block = i / 400;  // about the rows of one small page
    const bool null = block % 4 == 1 || (block % 4 == 2 && i % 3 == 0) || (block % 4 == 3 && i % 400 >= 390);
    if (null) {
      ints.append_null();
      floats.append_null();
      narrow_decimals.append_null();
      wide_decimals.append_null();
      texts.append_null();
      continue;
    }
    ints.append(static_cast<int32_t>(i * 7 - 3000));
    floats.append(static_cast<double>(i) / 3);
    narrow_decimals.append(Int128{i} * 1000003 - 17);
    wide_decimals.append(Int128{i} * Int128{1000000000000LL} * 1000000);
    texts.append(std::string_view(i % 2 == 0 ? "short-" + std::to_string(i % 50)
                                             : "a longer value number " + std::to_string(i)));
  }
  const Table table = make_table({{"ints", ints.finish()},
                                  {"floats", floats.finish()},
                                  {"narrow_decimals", narrow_decimals.finish()},
                                  {"wide_decimals", wide_decimals.finish()},
                                  {"texts", texts.finish()}});
  for (const bool dictionary : {false, true}) {
    SCOPED_TRACE(dictionary ? "dictionary" : "plain");
    ParquetWriteOptions options;
    options.data_page_size = 1024;
    options.row_group_size = 3000;
    options.dictionary = dictionary;
    expect_same_table(table, read_parquet_table_from_buffer(write_parquet_table_to_buffer(table, options)));
  }
}

TEST(ParquetRoundTrip, DictionaryFallsBackToPlainWhenTooLarge) {
  StringBuilder texts;
  for (int i = 0; i < 5000; ++i) texts.append(std::string_view("distinct value number " + std::to_string(i)));
  const Table table = make_table({{"texts", texts.finish()}});
  ParquetWriteOptions options;
  options.dictionary_page_size_limit = 1000;
  const std::string bytes = write_parquet_table_to_buffer(table, options);
  const ParquetFile file = ParquetFile::from_buffer(bytes);
  const auto& encodings = file.metadata().row_groups[0].columns[0].encodings;
  EXPECT_EQ(std::count(encodings.begin(), encodings.end(), "RLE_DICTIONARY"), 0);
  expect_same_table(table, file.read());
  // The same column under the limit is dictionary-encoded.
  const ParquetFile small = ParquetFile::from_buffer(write_parquet_table_to_buffer(table));
  const auto& small_encodings = small.metadata().row_groups[0].columns[0].encodings;
  EXPECT_EQ(std::count(small_encodings.begin(), small_encodings.end(), "RLE_DICTIONARY"), 1);
}

TEST(ParquetRoundTrip, StatisticsUseEachTypesOrder) {
  const Table table = make_table({
      {"u64", fixed<uint64_t>(DataType::uint64(), {1, UINT64_MAX, std::nullopt})},
      {"i32", fixed<int32_t>(DataType::int32(), {-5, 3, std::nullopt})},
      {"str", strings({"b", "\xc3\xa9", "a"})},  // é sorts after ASCII as unsigned bytes
      {"f64", fixed<double>(DataType::float64(), {std::nan(""), 0.0, -1.0})},
      {"zeros", fixed<double>(DataType::float64(), {0.0, -0.0, std::nullopt})},
      {"dec", fixed<Int128>(DataType::decimal(25, 2), {Int128{-500}, Int128{300}, std::nullopt})},
  });
  const ParquetFile file = ParquetFile::from_buffer(write_parquet_table_to_buffer(table));
  const auto& columns = file.metadata().row_groups[0].columns;
  auto stat = [&](size_t column, bool min) {
    const auto& statistics = columns[column].statistics;
    const auto& value = min ? statistics.min : statistics.max;
    return value ? value->to_string() : std::string("none");
  };
  EXPECT_EQ(stat(0, true), "1");
  EXPECT_EQ(stat(0, false), "18446744073709551615");
  EXPECT_EQ(*columns[0].statistics.null_count, 1);
  EXPECT_EQ(stat(1, true), "-5");
  EXPECT_EQ(stat(2, true), "a");
  EXPECT_EQ(stat(2, false), "\xc3\xa9");
  EXPECT_EQ(stat(3, true), "-1.0");
  EXPECT_EQ(stat(3, false), "0.0");
  EXPECT_EQ(stat(4, true), "-0.0");
  EXPECT_EQ(stat(4, false), "0.0");
  EXPECT_EQ(stat(5, true), "-5.00");
  EXPECT_EQ(stat(5, false), "3.00");
}

TEST(ParquetRoundTrip, KeyValueMetadataIsStored) {
  ParquetWriteOptions options;
  options.key_value_metadata = {{"owner", "analytics"}, {"empty", ""}};
  const ParquetFile file =
      ParquetFile::from_buffer(write_parquet_table_to_buffer(make_table({{"x", make_int64_array({1})}}), options));
  const auto& metadata = file.metadata().key_value_metadata;
  EXPECT_NE(std::find(metadata.begin(), metadata.end(), std::pair<std::string, std::string>{"owner", "analytics"}),
            metadata.end());
  EXPECT_NE(std::find(metadata.begin(), metadata.end(), std::pair<std::string, std::string>{"empty", ""}),
            metadata.end());
  EXPECT_EQ(file.metadata().created_by, "strata version 0.1.0");
}

TEST(ParquetRoundTrip, CategoricalWithManyCategoriesAcrossRowGroups) {
  StringBuilder texts;
  for (int i = 0; i < 3000; ++i) texts.append(std::string_view("category " + std::to_string(i % 37)));
  const Array categorical = make_categorical(texts.finish());
  ParquetWriteOptions options;
  options.row_group_size = 1000;
  const Table table = make_table({{"c", categorical}});
  const Table back = round_trip(table, options);
  expect_same_table(table, back);
  EXPECT_EQ(back.column(0).chunks()[1].dictionary().length(), 37);
}

TEST(ParquetRoundTrip, TimestampSecondsThatOverflowMillisecondsAreRefused) {
  const Table table = make_table({{"t", fixed<int64_t>(DataType::timestamp(TimeUnit::Second), {INT64_MAX / 10})}});
  EXPECT_THROW(write_parquet_table_to_buffer(table), InvalidInputError);
}

}  // namespace
}  // namespace strata
