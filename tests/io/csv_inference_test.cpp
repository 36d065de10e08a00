// Type inference (docs/semantics.md, "CSV type inference"), widening and
// explicit dtypes.
#include "csv_test_support.hpp"

namespace strata {
namespace {

using namespace csv_test;

DataType inferred(const std::string& values) { return type_of(read("v\n" + values), "v"); }

TEST(CsvInferenceTest, SemanticsTable) {
  EXPECT_EQ(inferred("007\n042\n"), DataType::int64());
  EXPECT_EQ(cells(read("v\n007\n042\n"), "v"), (Cells{"7", "42"}));
  EXPECT_EQ(inferred("true\nFALSE\nTrue\n"), DataType::boolean());
  EXPECT_EQ(inferred("T\nF\n"), DataType::string());
  EXPECT_EQ(inferred("yes\nno\n"), DataType::string());
  EXPECT_EQ(inferred("0\n1\n"), DataType::int64());
  EXPECT_EQ(inferred("inf\n-inf\nnan\nNaN\n"), DataType::float64());
  EXPECT_EQ(inferred("2024-01-31\n"), DataType::date());
  EXPECT_EQ(inferred("2024-01-31 10:00:00\n2024-01-31T10:00:00Z\n"), DataType::timestamp(TimeUnit::Micro));
  EXPECT_EQ(inferred("1.5\n-2e3\n"), DataType::float64());
  EXPECT_EQ(inferred("10:30:00\n"), DataType::time());
  EXPECT_EQ(inferred("10:30\n23:59:59.5\n"), DataType::time());
  EXPECT_EQ(inferred(" 1\n"), DataType::string());
}

TEST(CsvInferenceTest, ValuesOfEachKind) {
  const Table table = read("b,f,d,t\ntrue,inf,2024-02-29,2024-01-31T10:00:00+01:00\nFalse,-1e-3,1969-12-31,1970-01-01 00:00:00.000001\n");
  EXPECT_EQ(cells(table, "b"), (Cells{"true", "false"}));
  EXPECT_EQ(cells(table, "f"), (Cells{"inf", "-0.001"}));
  EXPECT_EQ(cells(table, "d"), (Cells{"2024-02-29", "1969-12-31"}));
  EXPECT_EQ(cells(table, "t"), (Cells{"2024-01-31 09:00:00", "1970-01-01 00:00:00.000001"}));
}

TEST(CsvInferenceTest, TimesOfDay) {
  const Table table = read("t\n08:30:00\n\n17:45\n23:59:59.123456789\n");
  EXPECT_EQ(type_of(table, "t"), DataType::time());
  EXPECT_EQ(cells(table, "t"), (Cells{"08:30:00", null, "17:45:00", "23:59:59.123456789"}));
  // Not a time of day: hours past 23, one-digit fields, and a time mixed
  // with dates or numbers stay text.
  EXPECT_EQ(inferred("24:00:00\n"), DataType::string());
  EXPECT_EQ(inferred("8:30\n"), DataType::string());
  EXPECT_EQ(inferred("10:30\n2024-01-01\n"), DataType::string());
  EXPECT_EQ(inferred("10:30\n5\n"), DataType::string());
  CsvReadOptions options;
  options.infer_schema_length = 1;
  const Table late = read("t\n10:30\nnoon\n", options);
  EXPECT_EQ(cells(late, "t"), (Cells{"10:30", "noon"}));
  options.try_parse_dates = false;
  EXPECT_EQ(type_of(read("t\n10:30\n", options), "t"), DataType::string());
}

TEST(CsvInferenceTest, InvalidDatesAreStrings) {
  EXPECT_EQ(inferred("2023-02-29\n"), DataType::string());
  EXPECT_EQ(inferred("2024-13-01\n"), DataType::string());
}

TEST(CsvInferenceTest, LateValueWidensIntToFloat) {
  CsvReadOptions options;
  options.infer_schema_length = 2;
  const Table table = read("v\n1\n2\n3\n4.5\n", options);
  EXPECT_EQ(type_of(table, "v"), DataType::float64());
  EXPECT_EQ(cells(table, "v"), (Cells{"1.0", "2.0", "3.0", "4.5"}));
}

TEST(CsvInferenceTest, LateValueWidensIntToStringKeepingText) {
  CsvReadOptions options;
  options.infer_schema_length = 1;
  const Table table = read("v\n007\n\n12\nabc\n", options);
  EXPECT_EQ(type_of(table, "v"), DataType::string());
  EXPECT_EQ(cells(table, "v"), (Cells{"007", null, "12", "abc"}));
}

TEST(CsvInferenceTest, LateValueWidensDateToTimestampAndString) {
  CsvReadOptions options;
  options.infer_schema_length = 1;
  Table table = read("v\n2024-01-01\n2024-01-02 12:00:00\n", options);
  EXPECT_EQ(type_of(table, "v"), DataType::timestamp(TimeUnit::Micro));
  EXPECT_EQ(cells(table, "v"), (Cells{"2024-01-01 00:00:00", "2024-01-02 12:00:00"}));
  table = read("v\n2024-01-01\nsoon\n", options);
  EXPECT_EQ(cells(table, "v"), (Cells{"2024-01-01", "soon"}));
}

TEST(CsvInferenceTest, BoolWithNumberIsString) {
  CsvReadOptions options;
  options.infer_schema_length = 1;
  const Table table = read("v\ntrue\n1\n", options);
  EXPECT_EQ(type_of(table, "v"), DataType::string());
  EXPECT_EQ(cells(table, "v"), (Cells{"true", "1"}));
}

TEST(CsvInferenceTest, IntegerOverflowIsFloat) {
  const Table table = read("v\n1\n99999999999999999999\n");
  EXPECT_EQ(type_of(table, "v"), DataType::float64());
  EXPECT_EQ(cells(table, "v")[1], "1e+20");
}

TEST(CsvInferenceTest, NullsBeforeFirstValue) {
  CsvReadOptions options;
  options.infer_schema_length = 2;
  const Table table = read("v\n\n\n\n5\n", options);  // one column: blank lines are nulls
  EXPECT_EQ(type_of(table, "v"), DataType::int64());
  EXPECT_EQ(cells(table, "v"), (Cells{null, null, null, "5"}));
}

TEST(CsvInferenceTest, ResultDoesNotDependOnSampleLength) {
  const std::string text = "a,b,c\n1,2024-01-01,true\n2.5,2024-01-02 03:04:05,x\n,,\n";
  for (const int64_t length : {1, 2, 3, 100}) {
    CsvReadOptions options;
    options.infer_schema_length = length;
    const Table table = read(text, options);
    EXPECT_EQ(cells(table, "a"), (Cells{"1.0", "2.5", null})) << length;
    EXPECT_EQ(cells(table, "b"), (Cells{"2024-01-01 00:00:00", "2024-01-02 03:04:05", null})) << length;
    EXPECT_EQ(cells(table, "c"), (Cells{"true", "x", null})) << length;
  }
}

TEST(CsvInferenceTest, ZeroSampleReadsEverythingAsString) {
  CsvReadOptions options;
  options.infer_schema_length = 0;
  options.dtypes = {{"b", DataType::int64()}};
  const Table table = read("a,b\n1,2\n", options);
  EXPECT_EQ(type_of(table, "a"), DataType::string());
  EXPECT_EQ(type_of(table, "b"), DataType::int64());
}

TEST(CsvInferenceTest, DateParsingCanBeTurnedOff) {
  CsvReadOptions options;
  options.try_parse_dates = false;
  const Table table = read("d,t\n2024-01-01,2024-01-01 10:00\n", options);
  EXPECT_EQ(type_of(table, "d"), DataType::string());
  EXPECT_EQ(type_of(table, "t"), DataType::string());
}

TEST(CsvInferenceTest, ExplicitIntegerTypes) {
  CsvReadOptions options;
  options.dtypes = {{"a", DataType::int8()},   {"b", DataType::uint16()}, {"c", DataType::int32()},
                    {"d", DataType::uint64()}, {"e", DataType::int16()},  {"f", DataType::uint8()},
                    {"g", DataType::uint32()}, {"h", DataType::int64()}};
  const Table table = read("a,b,c,d,e,f,g,h\n-128,65535,007,18446744073709551615,,255,4294967295,-9223372036854775808\n",
                           options);
  EXPECT_EQ(type_of(table, "a"), DataType::int8());
  EXPECT_EQ(cells(table, "a"), (Cells{"-128"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"65535"}));
  EXPECT_EQ(cells(table, "c"), (Cells{"7"}));
  EXPECT_EQ(cells(table, "d"), (Cells{"18446744073709551615"}));
  EXPECT_EQ(cells(table, "e"), (Cells{null}));
  EXPECT_EQ(cells(table, "f"), (Cells{"255"}));
  EXPECT_EQ(cells(table, "g"), (Cells{"4294967295"}));
  EXPECT_EQ(cells(table, "h"), (Cells{"-9223372036854775808"}));
}

TEST(CsvInferenceTest, ExplicitFloatBoolStringTypes) {
  CsvReadOptions options;
  options.dtypes = {{"f32", DataType::float32()}, {"f64", DataType::float64()}, {"b", DataType::boolean()},
                    {"s", DataType::string()}, {"bin", DataType::binary()}};
  const Table table = read("f32,f64,b,s,bin\n0.1,1,TRUE,007,\xff\n", options);
  EXPECT_EQ(type_of(table, "f32"), DataType::float32());
  EXPECT_EQ(table.column(0).combine().values<float>()[0], 0.1f);
  EXPECT_EQ(cells(table, "f64"), (Cells{"1.0"}));
  EXPECT_EQ(cells(table, "b"), (Cells{"true"}));
  EXPECT_EQ(cells(table, "s"), (Cells{"007"}));
  EXPECT_EQ(table.column(4).combine().string_at(0), "\xff");
}

TEST(CsvInferenceTest, ExplicitTemporalTypes) {
  CsvReadOptions options;
  options.dtypes = {{"d", DataType::date()},
                    {"t", DataType::time()},
                    {"ms", DataType::timestamp(TimeUnit::Milli)},
                    {"ns", DataType::timestamp(TimeUnit::Nano)},
                    {"utc", DataType::timestamp(TimeUnit::Second, "UTC")}};
  const Table table =
      read("d,t,ms,ns,utc\n2024-01-31,23:59:59.5,2024-01-31 10:00:00.123,2024-01-31T10:00:00.123456789,"
           "2024-01-31T12:00:00+02:00\n",
           options);
  EXPECT_EQ(cells(table, "d"), (Cells{"2024-01-31"}));
  EXPECT_EQ(cells(table, "t"), (Cells{"23:59:59.500000000"}));
  EXPECT_EQ(cells(table, "ms"), (Cells{"2024-01-31 10:00:00.123"}));
  EXPECT_EQ(cells(table, "ns"), (Cells{"2024-01-31 10:00:00.123456789"}));
  EXPECT_EQ(type_of(table, "utc"), DataType::timestamp(TimeUnit::Second, "UTC"));
  EXPECT_EQ(cells(table, "utc"), (Cells{"2024-01-31 10:00:00 UTC"}));
}

TEST(CsvInferenceTest, ExplicitDecimalAndCategorical) {
  CsvReadOptions options;
  options.dtypes = {{"price", DataType::decimal(10, 2)}, {"kind", DataType::categorical()}};
  const Table table = read("price,kind\n12.345,b\n-0.5,a\n,b\n", options);
  EXPECT_EQ(type_of(table, "price"), DataType::decimal(10, 2));
  EXPECT_EQ(cells(table, "price"), (Cells{"12.35", "-0.50", null}));
  EXPECT_EQ(type_of(table, "kind"), DataType::categorical());
  EXPECT_EQ(cells(table, "kind"), (Cells{"b", "a", "b"}));
}

TEST(CsvInferenceTest, UnsupportedDtypeIsRejected) {
  CsvReadOptions options;
  options.dtypes = {{"a", DataType::duration()}};
  EXPECT_THROW(read("a\n1\n", options), UnsupportedError);
  options.dtypes = {{"a", DataType::list(DataType::int64())}};
  EXPECT_THROW(read("a\n1\n", options), UnsupportedError);
}

}  // namespace
}  // namespace strata
