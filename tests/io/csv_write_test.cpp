// Writing: quoting, nulls, options, atomic files, and write -> read round
// trips for every type CSV can hold.
#include "csv_test_support.hpp"

#include <cmath>

#include "strata/core/builder.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/temporal.hpp"

namespace strata {
namespace {

using namespace csv_test;

Table table_of(const std::vector<std::pair<std::string, Array>>& columns) {
  std::vector<Field> fields;
  std::vector<ChunkedArray> chunked;
  for (const auto& [name, array] : columns) {
    fields.push_back(Field{name, array.type(), true});
    chunked.emplace_back(array);
  }
  return Table(Schema(std::move(fields)), std::move(chunked));
}

template <typename T>
Array fixed_array(DataType type, const std::vector<std::optional<T>>& values) {
  FixedWidthBuilder<T> builder(std::move(type));
  for (const auto& value : values) builder.append(value);
  return builder.finish();
}

TEST(CsvWriteTest, BasicOutput) {
  const Table table = table_of({{"i", make_int64_array({1, std::nullopt, -3})},
                                {"s", make_string_array({"x", "y", std::nullopt})}});
  EXPECT_EQ(write_csv_table_string(table), "i,s\n1,x\n,y\n-3,\n");
}

TEST(CsvWriteTest, QuotesOnlyWhenNeeded) {
  const Table table = table_of({{"s", make_string_array({"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r",
                                                          " lead", "trail ", "", std::nullopt, "in side"})}});
  EXPECT_EQ(write_csv_table_string(table),
            "s\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"cr\r\"\n\" lead\"\n\"trail \"\n\"\"\n\nin side\n");
}

TEST(CsvWriteTest, HeaderNamesAreQuotedToo) {
  const Table table = table_of({{"a,b", make_int64_array({1})}});
  EXPECT_EQ(write_csv_table_string(table), "\"a,b\"\n1\n");
}

TEST(CsvWriteTest, Options) {
  const Table table = table_of({{"a", make_int64_array({1, std::nullopt})}, {"b", make_string_array({"x;y", "NA"})}});
  CsvWriteOptions options;
  options.include_header = false;
  options.delimiter = ';';
  options.null_value = "NA";
  options.line_terminator = "\r\n";
  EXPECT_EQ(write_csv_table_string(table, options), "1;\"x;y\"\r\nNA;\"NA\"\r\n");
  options = {};
  options.quote_style = CsvQuoteStyle::Always;
  EXPECT_EQ(write_csv_table_string(table, options), "\"a\",\"b\"\n\"1\",\"x;y\"\n,\"NA\"\n");
  options.quote_style = CsvQuoteStyle::Never;
  options.delimiter = ',';
  EXPECT_EQ(write_csv_table_string(table_of({{"s", make_string_array({"a,b"})}}), options), "s\na,b\n");
}

TEST(CsvWriteTest, EmptyStringsWithCustomNullText) {
  const Table table = table_of({{"s", make_string_array({"", std::nullopt, "x"})}, {"t", make_string_array({"", "", ""})}});
  CsvWriteOptions options;
  options.null_value = "NA";
  const std::string text = write_csv_table_string(table, options);
  EXPECT_EQ(text, "s,t\n,\nNA,\nx,\n");
  CsvReadOptions read_options;
  read_options.null_values = {"NA"};
  EXPECT_EQ(cells(read(text, read_options), "s"), (Cells{"", null, "x"}));
  options.quote_style = CsvQuoteStyle::Never;
  EXPECT_EQ(write_csv_table_string(table, options), "s,t\n,\nNA,\nx,\n");
}

TEST(CsvWriteTest, FloatsRoundTripAndStayFloats) {
  const Array floats = make_float64_array({1.0, 0.1, -0.0, 1e300, 5e-324, 1.0 / 3, HUGE_VAL, -HUGE_VAL, NAN, 123456789.0});
  const std::string text = write_csv_table_string(table_of({{"f", floats}}));
  EXPECT_EQ(text, "f\n1.0\n0.1\n-0.0\n1e+300\n5e-324\n0.3333333333333333\ninf\n-inf\nNaN\n123456789.0\n");
  const Table back = read(text);
  ASSERT_EQ(type_of(back, "f"), DataType::float64());
  const Array values = back.column(0).combine();
  for (int64_t i = 0; i < floats.length(); ++i) {
    const double expected = floats.values<double>()[i];
    const double actual = values.values<double>()[i];
    if (std::isnan(expected)) EXPECT_TRUE(std::isnan(actual));
    else EXPECT_EQ(std::memcmp(&expected, &actual, sizeof(double)), 0) << i;
  }
}

TEST(CsvWriteTest, TemporalFormats) {
  const Table table = table_of({
      {"d", fixed_array<int32_t>(DataType::date(), {19753})},
      {"ts", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Micro), {1706695200123456})},
      {"tz", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Second, "UTC"), {1706695200})},
      {"t", fixed_array<int64_t>(DataType::time(), {3600'000'000'000})},
  });
  EXPECT_EQ(write_csv_table_string(table),
            "d,ts,tz,t\n2024-01-31,2024-01-31T10:00:00.123456,2024-01-31T10:00:00Z,01:00:00\n");
}

TEST(CsvWriteTest, NestedColumnsAreUnsupported) {
  const Table table = table_of({{"n", make_null_array(DataType::list(DataType::int64()), 1)}});
  EXPECT_THROW(write_csv_table_string(table), UnsupportedError);
}

TEST(CsvWriteTest, RoundTripEveryType) {
  BoolBuilder bools;
  bools.append(true);
  bools.append_null();
  bools.append(false);
  StringBuilder binary(DataType::binary());
  binary.append(std::string_view("\x01\xff,\"", 4));
  binary.append_null();
  binary.append(std::string_view(""));
  const std::vector<std::pair<std::string, Array>> columns = {
      {"bool", bools.finish()},
      {"i8", fixed_array<int8_t>(DataType::int8(), {-128, std::nullopt, 127})},
      {"i16", fixed_array<int16_t>(DataType::int16(), {-32768, 0, std::nullopt})},
      {"i32", fixed_array<int32_t>(DataType::int32(), {1, 2, 3})},
      {"i64", make_int64_array({INT64_MIN, std::nullopt, INT64_MAX})},
      {"u8", fixed_array<uint8_t>(DataType::uint8(), {0, 255, std::nullopt})},
      {"u16", fixed_array<uint16_t>(DataType::uint16(), {65535, 1, 2})},
      {"u32", fixed_array<uint32_t>(DataType::uint32(), {4294967295u, std::nullopt, 0})},
      {"u64", fixed_array<uint64_t>(DataType::uint64(), {UINT64_MAX, 0, std::nullopt})},
      {"f32", fixed_array<float>(DataType::float32(), {0.1f, std::nullopt, -3.4e38f})},
      {"f64", make_float64_array({0.1, -2.0, std::nullopt})},
      {"dec", fixed_array<Int128>(DataType::decimal(12, 3), {Int128{-123456}, std::nullopt, Int128{5}})},
      {"str", make_string_array({"Zoë, \"q\"", std::nullopt, "line\nbreak and a long tail"})},
      {"empty", make_string_array({"", std::nullopt, " "})},
      {"bin", binary.finish()},
      {"date", fixed_array<int32_t>(DataType::date(), {0, -1, std::nullopt})},
      {"time", fixed_array<int64_t>(DataType::time(), {0, std::nullopt, 86'399'999'999'999})},
      {"ts_s", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Second), {0, -1, std::nullopt})},
      {"ts_ms", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Milli), {1, std::nullopt, -1})},
      {"ts_us", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Micro), {1706695200123456, 0, std::nullopt})},
      {"ts_ns", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Nano), {1, std::nullopt, 1706695200123456789})},
      {"ts_tz", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Micro, "UTC"), {5, 6, std::nullopt})},
      {"cat", make_categorical(make_string_array({"b", std::nullopt, "a"}))},
      {"all_null", make_null_array(DataType::string(), 3)},
  };
  const Table table = table_of(columns);
  CsvReadOptions options;
  for (const auto& [name, array] : columns) options.dtypes[name] = array.type();
  const std::string text = write_csv_table_string(table);
  const Table back = read(text, options);
  ASSERT_EQ(back.schema(), table.schema()) << text;
  for (const auto& [name, array] : columns) EXPECT_EQ(cells(back, name), cells(table, name)) << name << "\n" << text;
}

TEST(CsvWriteTest, RoundTripInfersTheSameTypesWithoutDtypes) {
  const std::vector<std::pair<std::string, Array>> columns = {
      {"i", make_int64_array({1, std::nullopt, -7})},
      {"f", make_float64_array({1.0, 2.5, std::nullopt})},
      {"b", make_bool_array({true, false, std::nullopt})},
      {"s", make_string_array({"007", "", std::nullopt})},
      {"d", fixed_array<int32_t>(DataType::date(), {1, 2, std::nullopt})},
      {"ts", fixed_array<int64_t>(DataType::timestamp(TimeUnit::Micro), {1, std::nullopt, 3})},
  };
  CsvReadOptions options;
  options.dtypes = {{"s", DataType::string()}};
  const Table table = table_of(columns);
  const Table back = read(write_csv_table_string(table), options);
  ASSERT_EQ(back.schema(), table.schema());
  for (const auto& [name, array] : columns) EXPECT_EQ(cells(back, name), cells(table, name)) << name;
}

TEST(CsvWriteTest, SingleColumnWithNullsAndEmptyStrings) {
  const Table table = table_of({{"s", make_string_array({"a", std::nullopt, "", std::nullopt})}});
  const std::string text = write_csv_table_string(table);
  EXPECT_EQ(text, "s\na\n\n\"\"\n\n");
  EXPECT_EQ(cells(read(text), "s"), (Cells{"a", null, "", null}));
}

TEST(CsvWriteTest, ManyRowsInManyBatches) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t i = 0; i < 200'000; ++i) values.push_back(i % 11 == 0 ? std::nullopt : std::optional<int64_t>(i));
  const Table table = table_of({{"v", make_int64_array(values)}});
  const Table back = read(write_csv_table_string(table), parallel_options(100'000));
  ASSERT_EQ(back.num_rows(), 200'000);
  const Array array = back.column(0).combine();
  EXPECT_TRUE(array.is_null(0));
  EXPECT_EQ(array.values<int64_t>()[199'999], 199'999);
  EXPECT_EQ(array.null_count(), 18'182);
}

TEST(CsvWriteTest, AtomicFileWrite) {
  TemporaryDirectory directory;
  const std::string path = directory.file("out.csv");
  write_csv_table(table_of({{"a", make_int64_array({1})}}), path);
  EXPECT_EQ(cells(read_csv_table(path), "a"), (Cells{"1"}));
  // A failing write (a nested column) leaves the previous file and no temporary behind.
  const Table bad = table_of({{"a", make_int64_array({2})}, {"n", make_null_array(DataType::list(DataType::int64()), 1)}});
  EXPECT_THROW(write_csv_table(bad, path), UnsupportedError);
  EXPECT_EQ(cells(read_csv_table(path), "a"), (Cells{"1"}));
  EXPECT_EQ(directory.entries(), (std::vector<std::string>{"out.csv"}));
  write_csv_table(table_of({{"a", make_int64_array({3})}}), path);
  EXPECT_EQ(cells(read_csv_table(path), "a"), (Cells{"3"}));
}

TEST(CsvWriteTest, UnwritableDirectoryIsIoError) {
  try {
    write_csv_table(table_of({{"a", make_int64_array({1})}}), "/nonexistent/dir/out.csv");
    FAIL();
  } catch (const IOError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/dir/out.csv"), std::string::npos);
  }
}

}  // namespace
}  // namespace strata
