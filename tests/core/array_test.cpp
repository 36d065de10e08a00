#include <gtest/gtest.h>

#include "strata/core/builder.hpp"
#include "strata/core/chunked_array.hpp"
#include "strata/core/decimal.hpp"
#include "strata/core/error.hpp"
#include "strata/core/table.hpp"
#include "strata/core/temporal.hpp"
#include "strata/core/thread_pool.hpp"

namespace strata {
namespace {

TEST(ArrayTest, Int64WithNulls) {
  Array a = make_int64_array({1, std::nullopt, 3});
  EXPECT_EQ(a.length(), 3);
  EXPECT_EQ(a.null_count(), 1);
  EXPECT_TRUE(a.is_valid(0));
  EXPECT_TRUE(a.is_null(1));
  EXPECT_EQ(a.values<int64_t>()[2], 3);
  EXPECT_EQ(a.value_to_string(1), "null");
  EXPECT_EQ(a.value_to_string(2), "3");
}

TEST(ArrayTest, NoNullsHasNoBitmap) {
  Array a = make_int64_array({1, 2});
  EXPECT_EQ(a.validity_bits(), nullptr);
}

TEST(ArrayTest, BoolValuesAndNulls) {
  Array a = make_bool_array({true, false, std::nullopt, true});
  EXPECT_EQ(a.null_count(), 1);
  EXPECT_TRUE(a.bool_at(0));
  EXPECT_FALSE(a.bool_at(1));
  EXPECT_TRUE(a.is_null(2));
  EXPECT_TRUE(a.bool_at(3));
}

TEST(ArrayTest, StringsInlineAndLong) {
  const std::string long_text = "a string longer than twelve bytes, with ünïcödé";
  Array a = make_string_array({"short", std::nullopt, long_text, ""});
  EXPECT_EQ(a.string_at(0), "short");
  EXPECT_TRUE(a.is_null(1));
  EXPECT_EQ(a.string_at(2), long_text);
  EXPECT_EQ(a.string_at(3), "");
  Array sliced = a.slice(2, 2);
  EXPECT_EQ(sliced.string_at(0), long_text);
  EXPECT_EQ(sliced.null_count(), 0);
}

TEST(ArrayTest, ConcatRepointsStringBuffers) {
  Array a = make_string_array({"first long string value!", "x"});
  Array b = make_string_array({std::nullopt, "second long string value!"});
  Array c = concat_arrays({a, b});
  ASSERT_EQ(c.length(), 4);
  EXPECT_EQ(c.string_at(0), "first long string value!");
  EXPECT_EQ(c.string_at(1), "x");
  EXPECT_TRUE(c.is_null(2));
  EXPECT_EQ(c.string_at(3), "second long string value!");
}

TEST(ArrayTest, ConcatTypeMismatchIsSchemaError) {
  EXPECT_THROW(concat_arrays({make_int64_array({1}), make_float64_array({1.0})}), SchemaError);
}

TEST(ArrayTest, CategoricalRoundTrip) {
  Array s = make_string_array({"b", "a", std::nullopt, "b"});
  Array cat = make_categorical(s);
  EXPECT_EQ(cat.type().id(), TypeId::Categorical);
  EXPECT_EQ(cat.dictionary().length(), 2);
  EXPECT_EQ(cat.category_at(3), "b");
  Array back = decode_categorical(cat);
  EXPECT_EQ(back.string_at(1), "a");
  EXPECT_TRUE(back.is_null(2));
}

TEST(ArrayTest, ScalarBroadcastAndReadBack) {
  Array a = make_array_from_scalar(Scalar::date(19000), 3);
  EXPECT_EQ(a.type(), DataType::date());
  EXPECT_EQ(array_value(a, 2), Scalar::date(19000));
  EXPECT_EQ(a.value_to_string(0), "2022-01-08");
  Array n = make_array_from_scalar(Scalar::null(DataType::int64()), 2);
  EXPECT_EQ(n.null_count(), 2);
}

TEST(ChunkedArrayTest, SliceAcrossChunks) {
  ChunkedArray c(DataType::int64(), {make_int64_array({1, 2, 3}), make_int64_array({4, 5})});
  EXPECT_EQ(c.length(), 5);
  ChunkedArray s = c.slice(2, 2);
  Array combined = s.combine();
  EXPECT_EQ(combined.values<int64_t>()[0], 3);
  EXPECT_EQ(combined.values<int64_t>()[1], 4);
}

TEST(TableTest, BatchesRespectChunks) {
  ChunkedArray a(DataType::int64(), {make_int64_array({1, 2, 3}), make_int64_array({4, 5})});
  ChunkedArray b(make_int64_array({10, 20, 30, 40, 50}));
  Table t(Schema({{"a", DataType::int64()}, {"b", DataType::int64()}}), {a, b});
  auto batches = t.to_batches(2);
  int64_t rows = 0;
  for (const auto& batch : batches) {
    EXPECT_LE(batch.num_rows, 2);
    rows += batch.num_rows;
  }
  EXPECT_EQ(rows, 5);
  EXPECT_EQ(batches.back().columns[1].values<int64_t>()[batches.back().num_rows - 1], 50);
}

TEST(TypesTest, ParseAndPrint) {
  EXPECT_EQ(DataType::parse("int64"), DataType::int64());
  EXPECT_EQ(DataType::parse("datetime[ms, Europe/Paris]"),
            DataType::timestamp(TimeUnit::Milli, "Europe/Paris"));
  EXPECT_EQ(DataType::parse("decimal[10,2]").to_string(), "decimal[10,2]");
  EXPECT_EQ(DataType::parse("list[str]"), DataType::list(DataType::string()));
  EXPECT_THROW(DataType::parse("int65"), TypeError);
}

TEST(TypesTest, MissingColumnSuggestsClosest) {
  Schema s({{"amount", DataType::int64()}, {"category", DataType::string()}});
  try {
    s.require_index("amout");
    FAIL();
  } catch (const SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'amount'"), std::string::npos);
  }
}

TEST(TemporalTest, CivilRoundTrip) {
  for (int64_t d = -800000; d < 800000; d += 997) {
    auto c = temporal::civil_from_days(d);
    EXPECT_EQ(temporal::days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(temporal::parse_date("2024-02-29"), 19782);
  EXPECT_FALSE(temporal::parse_date("2023-02-29"));
  EXPECT_EQ(temporal::weekday_from_days(0), 3u);  // Thursday
  EXPECT_EQ(temporal::parse_timestamp("1970-01-01T00:00:01.5+01:00", TimeUnit::Milli), -3598500);
  EXPECT_EQ(temporal::format_timestamp(1500, TimeUnit::Milli), "1970-01-01 00:00:01.500");
  EXPECT_EQ(temporal::format_date(-1), "1969-12-31");
}

TEST(DecimalTest, ParseFormat) {
  EXPECT_EQ(decimal::format(-1234500, 4), "-123.4500");
  EXPECT_EQ(decimal::format(5, 2), "0.05");
  EXPECT_EQ(decimal::parse("12.345", 10, 2), Int128(1235));
  EXPECT_EQ(decimal::parse("-0.5", 3, 1), Int128(-5));
  EXPECT_FALSE(decimal::parse("1234", 4, 2));
  EXPECT_FALSE(decimal::parse("1.2.3", 10, 2));
}

TEST(ThreadPoolTest, RunsEveryIndexAndPropagatesErrors) {
  ThreadPool pool(4);
  std::vector<int> hits(1000, 0);
  pool.parallel_for(1000, [&](int64_t i) { hits[static_cast<size_t>(i)]++; });
  for (int h : hits) EXPECT_EQ(h, 1);
  EXPECT_THROW(pool.parallel_for(10, [](int64_t i) { if (i == 7) throw InvalidInputError("boom"); }),
               InvalidInputError);
  // Nested use does not deadlock.
  std::atomic<int> total{0};
  pool.parallel_for(8, [&](int64_t) { pool.parallel_for(8, [&](int64_t) { total++; }); });
  EXPECT_EQ(total.load(), 64);
}

}  // namespace
}  // namespace strata

#include "strata/core/nested.hpp"

namespace strata {
namespace {

TEST(NestedTest, ListArraysPrintAndSlice) {
  Array lists = make_list_array(DataType::int64(),
                                {make_int64_array({1, 2}), std::nullopt, make_int64_array({}),
                                 make_int64_array({3, std::nullopt})});
  EXPECT_EQ(lists.type(), DataType::list(DataType::int64()));
  EXPECT_EQ(lists.value_to_string(0), "[1, 2]");
  EXPECT_EQ(lists.value_to_string(1), "null");
  EXPECT_EQ(lists.value_to_string(2), "[]");
  EXPECT_EQ(lists.value_to_string(3), "[3, null]");
  Array tail = lists.slice(3, 1);
  EXPECT_EQ(tail.value_to_string(0), "[3, null]");
  Array joined = concat_arrays({lists, tail});
  EXPECT_EQ(joined.value_to_string(4), "[3, null]");
  EXPECT_THROW(make_list_array({0, 5}, make_int64_array({1})), InvalidInputError);
}

TEST(NestedTest, StructFieldsRespectParentNulls) {
  Array s = make_struct_array({{"a", DataType::int64()}}, {make_int64_array({1, 2})}, {true, false});
  EXPECT_EQ(s.null_count(), 1);
  Array a = struct_field_by_name(s, "a");
  EXPECT_TRUE(a.is_valid(0));
  EXPECT_TRUE(a.is_null(1));
  EXPECT_THROW(struct_field_by_name(s, "b"), SchemaError);
}

}  // namespace
}  // namespace strata
