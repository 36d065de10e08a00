#include <gtest/gtest.h>

#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"
#include "strata/core/nested.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using Ints = std::vector<std::optional<int64_t>>;
using Doubles = std::vector<std::optional<double>>;
using Strings = std::vector<std::optional<std::string>>;

DataFrame sample_frame() {
  return DataFrame({Series::from("id", Ints{1, 2, 3, 4}),
                    Series::from("name", Strings{"ana", std::nullopt, "chloé", "dmitri"}),
                    Series::from("score", Doubles{1.5, 2.5, std::nullopt, 4.0})});
}

TEST(DataFrameTest, ShapeSchemaAndAccess) {
  DataFrame df = sample_frame();
  EXPECT_EQ(df.shape(), (std::pair<int64_t, int64_t>(4, 3)));
  EXPECT_EQ(df.schema().to_string(), "{id: i64, name: str, score: f64}");
  EXPECT_EQ(df["name"].get(2).as_string(), "chloé");
  EXPECT_TRUE(df["name"].get(1).is_null());
  EXPECT_THROW(df.column("nmae"), SchemaError);
  try {
    df.column("nmae");
  } catch (const SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'name'"), std::string::npos);
  }
}

TEST(DataFrameTest, ConstructionErrors) {
  EXPECT_THROW(DataFrame({Series::from("a", Ints{1}), Series::from("a", Ints{2})}), SchemaError);
  EXPECT_THROW(DataFrame({Series::from("a", Ints{1}), Series::from("b", Ints{2, 3})}), SchemaError);
}

TEST(DataFrameTest, HeadTailSlice) {
  DataFrame df = sample_frame();
  EXPECT_EQ(df.head(2)["id"].to_int64(), (Ints{1, 2}));
  EXPECT_EQ(df.tail(2)["id"].to_int64(), (Ints{3, 4}));
  EXPECT_EQ(df.slice(1, 2)["id"].to_int64(), (Ints{2, 3}));
  EXPECT_EQ(df.head(100).height(), 4);
  EXPECT_EQ(df.head(-1).height(), 3);
  EXPECT_EQ(df.slice(10, 2).height(), 0);
}

TEST(DataFrameTest, SelectWithColumnsAndBroadcast) {
  DataFrame df = sample_frame();
  DataFrame selected = df.select({col("id"), (col("id") * 10).alias("id10")});
  EXPECT_EQ(selected["id10"].to_int64(), (Ints{10, 20, 30, 40}));
  DataFrame totals = df.select({col("id").sum().alias("total"), col("score").max()});
  EXPECT_EQ(totals.height(), 1);
  EXPECT_EQ(totals["total"].to_int64(), (Ints{10}));
  EXPECT_EQ(totals["score"].to_double(), (Doubles{4.0}));
  // An aggregate next to a full column broadcasts.
  DataFrame share = df.select({col("id"), (col("id") / col("id").sum()).alias("share")});
  EXPECT_DOUBLE_EQ(*share["share"].to_double()[3], 0.4);
  DataFrame added = df.with_columns({lit(7).alias("seven"), (col("id") + 1).alias("id")});
  EXPECT_EQ(added.column_names(), (std::vector<std::string>{"id", "name", "score", "seven"}));
  EXPECT_EQ(added["id"].to_int64(), (Ints{2, 3, 4, 5}));
  EXPECT_EQ(added["seven"].to_int64(), (Ints{7, 7, 7, 7}));
}

TEST(DataFrameTest, FilterKeepsMatchingRowsAndTreatsNullAsFalse) {
  DataFrame df = sample_frame();
  DataFrame filtered = df.filter(col("score") > 2.0);
  EXPECT_EQ(filtered["id"].to_int64(), (Ints{2, 4}));
  EXPECT_EQ(df.filter(col("id") > 100).height(), 0);
  EXPECT_THROW(df.filter(col("id") + 1), TypeError);
}

TEST(DataFrameTest, DropRenameCast) {
  DataFrame df = sample_frame();
  EXPECT_EQ(df.drop({"name"}).column_names(), (std::vector<std::string>{"id", "score"}));
  EXPECT_THROW(df.drop({"nope"}), SchemaError);
  EXPECT_EQ(df.rename({{"id", "key"}}).column_names()[0], "key");
  DataFrame cast = df.cast({{"id", DataType::float64()}});
  EXPECT_EQ(cast["id"].type(), DataType::float64());
  EXPECT_EQ(cast["id"].to_double(), (Doubles{1.0, 2.0, 3.0, 4.0}));
}

TEST(DataFrameTest, DropNullsAndFillNull) {
  DataFrame df = sample_frame();
  EXPECT_EQ(df.drop_nulls()["id"].to_int64(), (Ints{1, 4}));
  EXPECT_EQ(df.drop_nulls({"name"})["id"].to_int64(), (Ints{1, 3, 4}));
  DataFrame filled = df.fill_null(Scalar::float64(0.0));
  EXPECT_EQ(filled["score"].to_double(), (Doubles{1.5, 2.5, 0.0, 4.0}));
  EXPECT_TRUE(filled["name"].get(1).is_null());  // a float does not fill a string column
  DataFrame text = df.fill_null(Scalar::string("?"));
  EXPECT_EQ(text["name"].get(1).as_string(), "?");
}

TEST(DataFrameTest, ConcatVerticalChecksSchema) {
  DataFrame df = sample_frame();
  DataFrame both = concat({df, df.head(1)});
  EXPECT_EQ(both.height(), 5);
  EXPECT_EQ(both["name"].get(4).as_string(), "ana");
  EXPECT_THROW(concat({df, df.drop({"name"})}), SchemaError);
  EXPECT_THROW(concat({df, df.cast({{"id", DataType::float64()}})}), SchemaError);
  DataFrame wide = concat_horizontal({df.select(std::vector<std::string>{"id"}),
                                      DataFrame({Series::from("x", Ints{5, 6, 7, 8})})});
  EXPECT_EQ(wide.width(), 2);
  EXPECT_THROW(concat_horizontal({df, df}), SchemaError);  // duplicate names
}

TEST(DataFrameTest, SampleIsDeterministicAndWithoutRepeats) {
  DataFrame df(std::vector<Series>{Series::from("i", [] {
    Ints v;
    for (int64_t i = 0; i < 100; ++i) v.push_back(i);
    return v;
  }())});
  DataFrame a = df.sample(10, false, 42), b = df.sample(10, false, 42);
  EXPECT_TRUE(a.equals(b));
  auto values = a["i"].to_int64();
  std::sort(values.begin(), values.end());
  EXPECT_EQ(std::unique(values.begin(), values.end()), values.end());
  EXPECT_THROW(df.sample(101), InvalidInputError);
  EXPECT_EQ(df.sample(500, true, 1).height(), 500);
  EXPECT_EQ(df.sample_fraction(0.25).height(), 25);
}

TEST(DataFrameTest, DescribeComputesStatistics) {
  DataFrame df = sample_frame();
  DataFrame d = df.describe();
  EXPECT_EQ(d["statistic"].to_strings()[0], "count");
  // score: 1.5, 2.5, null, 4.0
  auto score = d["score"].to_double();
  EXPECT_EQ(score[0], 3.0);                   // count
  EXPECT_EQ(score[1], 1.0);                   // null_count
  EXPECT_NEAR(*score[2], 8.0 / 3, 1e-12);     // mean
  EXPECT_EQ(score[4], 1.5);                   // min
  EXPECT_EQ(score[6], 2.5);                   // median
  EXPECT_EQ(score[8], 4.0);                   // max
  auto name = d["name"].to_strings();
  EXPECT_EQ(name[0], "3");
  EXPECT_EQ(name[4], "ana");
  EXPECT_EQ(name[8], "dmitri");
  EXPECT_FALSE(name[2].has_value());  // no mean for strings
}

TEST(DataFrameTest, ExplodeAndUnnest) {
  DataFrame df({Series::from("id", Ints{1, 2, 3}), Series::from("tags", Strings{"a,b", std::nullopt, ""})});
  DataFrame lists = df.with_columns({col("tags").str().split(",")});
  DataFrame exploded = lists.explode("tags");
  EXPECT_EQ(exploded["id"].to_int64(), (Ints{1, 1, 2, 3}));
  EXPECT_EQ(exploded["tags"].to_strings(), (Strings{"a", "b", std::nullopt, ""}));
  EXPECT_THROW(df.explode("id"), TypeError);

  Array structs = make_struct_array({{"x", DataType::int64()}, {"y", DataType::string()}},
                                    {make_int64_array({1, 2, 3}), make_string_array({"p", std::nullopt, "r"})},
                                    {true, true, false});
  DataFrame nested({Series("s", structs)});
  EXPECT_EQ(nested["s"].get(0).as_string(), "{x: 1, y: p}");
  EXPECT_EQ(nested["s"].struct_field("y").to_strings(), (Strings{"p", std::nullopt, std::nullopt}));
  EXPECT_THROW(nested["s"].struct_field("z"), SchemaError);
  DataFrame flat = nested.unnest("s");
  EXPECT_EQ(flat.column_names(), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(flat["x"].to_int64(), (Ints{1, 2, std::nullopt}));
}

TEST(DataFrameTest, PrintsPolarsStyleTable) {
  DataFrame df = sample_frame();
  const std::string text = df.to_string();
  EXPECT_EQ(text.rfind("shape: (4, 3)", 0), 0u);
  EXPECT_NE(text.find("│ id  ┆ name     ┆ score │"), std::string::npos) << text;
  EXPECT_NE(text.find("\"chloé\""), std::string::npos);
  EXPECT_NE(text.find("null"), std::string::npos);
  Ints many;
  for (int64_t i = 0; i < 100; ++i) many.push_back(i);
  const std::string truncated = DataFrame({Series::from("n", many)}).to_string(6);
  EXPECT_NE(truncated.find("…"), std::string::npos);
  EXPECT_NE(truncated.find(" 99 "), std::string::npos);
  EXPECT_EQ(truncated.find(" 50 "), std::string::npos);
}

TEST(DataFrameTest, EmptyAndOneRowFrames) {
  DataFrame empty({Series::from("a", Ints{}), Series::from("b", Strings{})});
  EXPECT_EQ(empty.height(), 0);
  EXPECT_EQ(empty.filter(col("a") > 1).height(), 0);
  EXPECT_EQ(empty.select({col("a").sum()})["a"].to_int64(), (Ints{0}));
  DataFrame one({Series::from("a", Ints{5})});
  EXPECT_EQ(one.with_columns({(col("a") * 2).alias("b")})["b"].to_int64(), (Ints{10}));
  EXPECT_EQ(one.describe()["a"].to_double()[2], 5.0);
}

// A frame of chunked columns (chunks cut differently per column) filtered by
// a predicate with nulls: the same rows as take() of the rows a plain loop
// selects; no matching row keeps names and types.
TEST(DataFrameTest, FilterOfChunkedColumnsMatchesTakeOfSelectedRows) {
  const int64_t rows = 150'000;
  auto cut = [](const Series& series, int64_t every) {
    std::vector<Array> chunks;
    const Array all = series.data().combine();
    for (int64_t start = 0; start < all.length(); start += every)
      chunks.push_back(all.slice(start, std::min(every, all.length() - start)));
    return Series(series.name(), ChunkedArray(all.type(), std::move(chunks)));
  };
  Ints ids, amounts;
  Strings names;
  std::vector<std::optional<bool>> flags;
  std::vector<int64_t> expected;
  for (int64_t i = 0; i < rows; ++i) {
    ids.push_back(i);
    amounts.push_back(i % 9 == 0 ? std::nullopt : std::optional<int64_t>(i % 100));
    names.push_back(i % 5 == 0 ? std::nullopt : std::optional<std::string>("name number " + std::to_string(i)));
    flags.push_back(i % 3 == 0 ? std::nullopt : std::optional<bool>(i % 2 == 0));
    if (i % 9 != 0 && i % 100 < 97) expected.push_back(i);  // a null amount is not kept
  }
  const DataFrame frame({cut(Series::from("id", ids), 40'000), cut(Series::from("amount", amounts), 65'536),
                         cut(Series::from("name", names), 7'777), cut(Series::from("flag", flags), 100'000)});
  const DataFrame filtered = frame.filter(col("amount") < 97);
  EXPECT_TRUE(filtered.equals(frame.take(expected)));
  EXPECT_EQ(filtered.height(), static_cast<int64_t>(expected.size()));
  const DataFrame none = frame.filter(col("amount") > 1000);
  EXPECT_EQ(none.height(), 0);
  EXPECT_EQ(none.schema(), frame.schema());
  EXPECT_TRUE(frame.filter(col("id") >= 0).equals(frame));
}

}  // namespace
}  // namespace strata
