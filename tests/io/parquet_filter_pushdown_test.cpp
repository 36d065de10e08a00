// Row filtering inside the Parquet scan (ParquetReadOptions::filter): the
// rows returned must be exactly those an eager filter keeps, whatever the
// nulls, projections and row groups.
#include <random>

#include "io/parquet_test_support.hpp"
#include "strata/core/nested.hpp"
#include "strata/expr/expr.hpp"
#include "strata/frame/dataframe.hpp"

namespace strata {
namespace {

using Op = ParquetPredicate::Op;
using parquet_test::cells;
using parquet_test::Cells;
using parquet_test::make_table;
using parquet_test::TemporaryDirectory;

// id 0..n-1; name null every 5th row, else "name<i % 3>"; score null every
// 7th row, else i / 2.
Table sample_table(int64_t begin, int64_t end) {
  FixedWidthBuilder<int64_t> ids(DataType::int64());
  StringBuilder names;
  FixedWidthBuilder<double> scores(DataType::float64());
  for (int64_t i = begin; i < end; ++i) {
    ids.append(i);
    if (i % 5 == 0) names.append_null();
    else names.append(std::string_view("name" + std::to_string(i % 3)));
    if (i % 7 == 0) scores.append_null();
    else scores.append(static_cast<double>(i) / 2);
  }
  return make_table({{"id", ids.finish()}, {"name", names.finish()}, {"score", scores.finish()}});
}

std::string sample_bytes(bool statistics = true) {
  ParquetWriteOptions options;
  options.row_group_size = 10;
  options.write_statistics = statistics;
  return write_parquet_table_to_buffer(sample_table(0, 100), options);
}

Table read_filtered(const std::string& bytes, std::vector<ParquetPredicate> filter,
                    std::vector<std::string> columns = {}) {
  ParquetReadOptions options;
  options.filter = std::move(filter);
  options.columns = std::move(columns);
  return read_parquet_table_from_buffer(bytes, options);
}

Expr as_expr(const ParquetPredicate& predicate) {
  const Expr column = col(predicate.column);
  switch (predicate.op) {
    case Op::Equal: return column == lit(predicate.value);
    case Op::NotEqual: return column != lit(predicate.value);
    case Op::Less: return column < lit(predicate.value);
    case Op::LessEqual: return column <= lit(predicate.value);
    case Op::Greater: return column > lit(predicate.value);
    case Op::GreaterEqual: return column >= lit(predicate.value);
    case Op::IsNull: return column.is_null();
    case Op::IsNotNull: return column.is_not_null();
  }
  return lit(true);
}

// What reading everything and filtering eagerly gives.
Table filtered_eagerly(const std::string& bytes, const std::vector<ParquetPredicate>& filter,
                       const std::vector<std::string>& columns = {}) {
  Expr predicate = as_expr(filter.at(0));
  for (size_t i = 1; i < filter.size(); ++i) predicate = predicate && as_expr(filter[i]);
  DataFrame frame = DataFrame(read_parquet_table_from_buffer(bytes)).filter(predicate);
  if (!columns.empty()) frame = frame.select(columns);
  return frame.to_table();
}

void expect_like_eager(const std::string& bytes, const std::vector<ParquetPredicate>& filter,
                       const std::vector<std::string>& columns = {}) {
  parquet_test::expect_same_table(filtered_eagerly(bytes, filter, columns), read_filtered(bytes, filter, columns));
}

TEST(ParquetFilterPushdown, NullsInTheFilterColumnNeverMatchAComparison) {
  const std::string bytes = sample_bytes();
  const Table names =
      read_filtered(bytes, {{"name", Op::Equal, Scalar::string("name1")}, {"id", Op::Less, Scalar::int64(20)}});
  EXPECT_EQ(cells(names, "id"), (Cells{"1", "4", "7", "13", "16", "19"}));  // 10 is null
  const Table not_equal =
      read_filtered(bytes, {{"name", Op::NotEqual, Scalar::string("name1")}, {"id", Op::Less, Scalar::int64(10)}});
  EXPECT_EQ(cells(not_equal, "id"), (Cells{"2", "3", "6", "8", "9"}));  // 0 and 5 are null
  const Table scores = read_filtered(bytes, {{"score", Op::LessEqual, Scalar::float64(4.0)}});
  EXPECT_EQ(cells(scores, "id"), (Cells{"1", "2", "3", "4", "5", "6", "8"}));  // 0 and 7 are null
  EXPECT_EQ(cells(read_filtered(bytes, {{"name", Op::IsNull, Scalar()}, {"id", Op::Less, Scalar::int64(30)}}), "id"),
            (Cells{"0", "5", "10", "15", "20", "25"}));
  EXPECT_EQ(read_filtered(bytes, {{"name", Op::IsNotNull, Scalar()}}).num_rows(), 80);
  // A comparison with a null value holds for no row.
  EXPECT_EQ(read_filtered(bytes, {{"id", Op::Equal, Scalar()}}).num_rows(), 0);
  expect_like_eager(bytes, {{"name", Op::Equal, Scalar::string("name1")}});
  expect_like_eager(bytes, {{"score", Op::Greater, Scalar::float64(10.0)}});
  expect_like_eager(bytes, {{"name", Op::IsNull, Scalar()}});
}

TEST(ParquetFilterPushdown, PredicatesOnSeveralColumnsAreAnded) {
  const std::string bytes = sample_bytes();
  const std::vector<ParquetPredicate> filter = {{"id", Op::GreaterEqual, Scalar::int64(40)},
                                                {"name", Op::Equal, Scalar::string("name2")},
                                                {"score", Op::Less, Scalar::float64(30.0)}};
  // id 40..59 with id % 3 == 2, id % 5 != 0, id % 7 != 0.
  EXPECT_EQ(cells(read_filtered(bytes, filter), "id"), (Cells{"41", "44", "47", "53", "59"}));
  expect_like_eager(bytes, filter);
  // Two predicates on one column (a range) and a float literal against integers.
  const Table range =
      read_filtered(bytes, {{"id", Op::Greater, Scalar::float64(25.5)}, {"id", Op::Less, Scalar::int32(29)}});
  EXPECT_EQ(cells(range, "id"), (Cells{"26", "27", "28"}));
}

TEST(ParquetFilterPushdown, RowGroupsWithoutMatchesAreDropped) {
  // With statistics the row groups are pruned; without them every row group
  // is decoded and the row filter alone must drop them.
  for (const bool statistics : {true, false}) {
    SCOPED_TRACE(statistics ? "with statistics" : "without statistics");
    const std::string bytes = sample_bytes(statistics);
    const Table table = read_filtered(bytes, {{"id", Op::GreaterEqual, Scalar::int64(95)}});
    EXPECT_EQ(cells(table, "id"), (Cells{"95", "96", "97", "98", "99"}));
    EXPECT_EQ(table.column(0).num_chunks(), 1);
    const Table middle =
        read_filtered(bytes, {{"id", Op::GreaterEqual, Scalar::int64(35)}, {"id", Op::Less, Scalar::int64(52)}});
    EXPECT_EQ(middle.num_rows(), 17);
    EXPECT_EQ(middle.column(0).num_chunks(), 3);
    expect_like_eager(bytes,
                      {{"id", Op::GreaterEqual, Scalar::int64(35)}, {"name", Op::Equal, Scalar::string("name0")}});
  }
}

TEST(ParquetFilterPushdown, ProjectionWithoutTheFilterColumn) {
  const std::string bytes = sample_bytes();
  const Table table = read_filtered(bytes, {{"id", Op::Less, Scalar::int64(3)}}, {"name"});
  ASSERT_EQ(table.schema().names(), (std::vector<std::string>{"name"}));
  EXPECT_EQ(cells(table, "name"), (Cells{"null", "name1", "name2"}));
  const Table scores = read_filtered(bytes,
                                     {{"name", Op::IsNull, Scalar()},
                                      {"id", Op::GreaterEqual, Scalar::int64(65)},
                                      {"id", Op::Less, Scalar::int64(80)}},
                                     {"score", "id"});
  ASSERT_EQ(scores.schema().names(), (std::vector<std::string>{"score", "id"}));
  EXPECT_EQ(cells(scores, "score"), (Cells{"32.5", "null", "37.5"}));  // ids 65, 70 (null score), 75
  expect_like_eager(bytes, {{"score", Op::Greater, Scalar::float64(20.0)}}, {"name"});
}

TEST(ParquetFilterPushdown, EmptyResultKeepsTheSchema) {
  for (const bool statistics : {true, false}) {
    const std::string bytes = sample_bytes(statistics);
    const Table table = read_filtered(bytes, {{"id", Op::Greater, Scalar::int64(1000)}}, {"name", "score"});
    EXPECT_EQ(table.num_rows(), 0);
    ParquetReadOptions unfiltered;
    unfiltered.columns = {"name", "score"};
    EXPECT_EQ(table.schema().to_string(), read_parquet_table_from_buffer(bytes, unfiltered).schema().to_string());
    // Each predicate matches rows, never the same ones.
    EXPECT_EQ(read_filtered(bytes, {{"id", Op::Less, Scalar::int64(5)}, {"score", Op::Greater, Scalar::float64(40.0)}})
                  .num_rows(),
              0);
    EXPECT_EQ(read_filtered(bytes, {{"name", Op::Equal, Scalar::string("nobody")}}).num_rows(), 0);
  }
}

TEST(ParquetFilterPushdown, NRowsCountsMatchingRows) {
  ParquetReadOptions options;
  options.filter = {{"name", Op::Equal, Scalar::string("name0")}};
  options.n_rows = 4;
  const Table table = read_parquet_table_from_buffer(sample_bytes(), options);
  EXPECT_EQ(cells(table, "id"), (Cells{"3", "6", "9", "12"}));
}

TEST(ParquetFilterPushdown, CategoricalColumnsCompareAsStrings) {
  ParquetReadOptions options;
  options.categorical_columns = {"name"};
  options.filter = {{"name", Op::Equal, Scalar::string("name1")}, {"id", Op::Less, Scalar::int64(10)}};
  const Table table = read_parquet_table_from_buffer(sample_bytes(), options);
  EXPECT_EQ(table.schema().field(1).type.id(), TypeId::Categorical);
  EXPECT_EQ(cells(table, "id"), (Cells{"1", "4", "7"}));
}

TEST(ParquetFilterPushdown, UnknownColumnIsASchemaErrorAndIncomparableValueATypeError) {
  EXPECT_THROW(read_filtered(sample_bytes(), {{"nope", Op::Equal, Scalar::int64(1)}}), SchemaError);
  try {
    read_filtered(sample_bytes(), {{"name", Op::Equal, Scalar::int64(1)}});
    ADD_FAILURE() << "comparing a string column with an integer was accepted";
  } catch (const TypeError& error) {
    EXPECT_NE(std::string(error.what()).find("column 'name'"), std::string::npos) << error.what();
  }
}

TEST(ParquetFilterPushdown, FilterErrorsOverAGlobNameTheFile) {
  TemporaryDirectory directory;
  write_parquet_table(sample_table(0, 10), directory.file("part-0.parquet"));
  ParquetReadOptions options;
  options.filter = {{"name", Op::Equal, Scalar::int64(1)}};
  try {
    read_parquet_table(directory.file("*.parquet"), options);
    ADD_FAILURE() << "comparing a string column with an integer was accepted";
  } catch (const TypeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("column 'name'"), std::string::npos) << message;
    EXPECT_NE(message.find("part-0.parquet"), std::string::npos) << message;
  }
}

TEST(ParquetFilterPushdown, NestedColumnsAreFilteredWhole) {
  // [[1, 2], null, [], [null, 4, 5]] and structs {id, name} with the third null.
  const Array lists = make_list_array({0, 2, 2, 2, 5}, make_int64_array({1, 2, std::nullopt, 4, 5}),
                                      {true, false, true, true});
  const Array structs = make_struct_array({{"id", DataType::int64()}, {"name", DataType::string()}},
                                          {make_int64_array({10, 20, 30, std::nullopt}),
                                           make_string_array({"a", std::nullopt, "c", "d"})},
                                          {true, true, false, true});
  const Table table = make_table({{"key", make_int64_array({0, 1, 2, 3})}, {"lists", lists}, {"structs", structs}});
  const std::string bytes = write_parquet_table_to_buffer(table);
  const Table odd = read_filtered(
      bytes, {{"key", Op::NotEqual, Scalar::int64(0)}, {"key", Op::NotEqual, Scalar::int64(2)}}, {"lists", "structs"});
  EXPECT_EQ(cells(odd, "lists"), (Cells{"null", "[null, 4, 5]"}));
  EXPECT_EQ(cells(odd, "structs")[1], parquet_test::cells(read_parquet_table_from_buffer(bytes), "structs")[3]);
  const Table present =
      read_filtered(bytes, {{"lists", Op::IsNotNull, Scalar()}, {"structs", Op::IsNotNull, Scalar()}});
  EXPECT_EQ(cells(present, "key"), (Cells{"0", "3"}));
}

TEST(ParquetFilterPushdown, GlobFilesAndParquetFileReads) {
  TemporaryDirectory directory;
  ParquetWriteOptions write;
  write.row_group_size = 7;
  for (int part = 0; part < 3; ++part)
    write_parquet_table(sample_table(part * 40, part * 40 + 40),
                        directory.file("part-" + std::to_string(part) + ".parquet"), write);
  ParquetReadOptions options;
  options.filter = {{"id", Op::GreaterEqual, Scalar::int64(35)}, {"id", Op::Less, Scalar::int64(45)},
                    {"score", Op::IsNotNull, Scalar()}};
  options.columns = {"name"};
  const Table table = read_parquet_table(directory.file("*.parquet"), options);
  // ids 35..44 without 35 and 42 (null scores), across the first two files.
  EXPECT_EQ(cells(table, "name"), (Cells{"name0", "name1", "name2", "name0", "null", "name2", "name1", "name2"}));

  const ParquetFile file = ParquetFile::open(directory.file("part-1.parquet"), options);
  EXPECT_EQ(cells(file.read({"id"}), "id"), (Cells{"40", "41", "43", "44"}));
  EXPECT_EQ(file.read_row_group(0, {"id", "name"}).num_rows, 4);  // rows 40..46
  EXPECT_EQ(file.read_row_group(1, {"id"}).num_rows, 0);
}

TEST(ParquetFilterPushdown, RandomTablesMatchTheEagerFilter) {
  std::mt19937_64 random(7);
  const auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
  FixedWidthBuilder<int64_t> a(DataType::int64());
  FixedWidthBuilder<double> b(DataType::float64());
  StringBuilder c;
  for (int i = 0; i < 5000; ++i) {
    if (chance(10)) a.append_null();
    else a.append(static_cast<int64_t>(random() % 100));
    if (chance(20)) b.append_null();
    else b.append(static_cast<double>(random() % 1000) / 10);
    if (chance(5)) c.append_null();
    else c.append(std::string_view("k" + std::to_string(random() % 20)));
  }
  const Table table = make_table({{"a", a.finish()}, {"b", b.finish()}, {"c", c.finish()}});
  const std::vector<std::vector<ParquetPredicate>> filters = {
      {{"a", Op::LessEqual, Scalar::int64(10)}, {"b", Op::GreaterEqual, Scalar::float64(50.0)}},
      {{"c", Op::GreaterEqual, Scalar::string("k5")}, {"a", Op::NotEqual, Scalar::int64(3)}},
      {{"b", Op::IsNull, Scalar()}, {"c", Op::Less, Scalar::string("k2")}},
      {{"a", Op::Equal, Scalar::int64(42)}},
      {{"a", Op::GreaterEqual, Scalar::int64(0)}},  // every non-null row
      // Later predicates see only the rows earlier ones kept, also on a column read before.
      {{"a", Op::GreaterEqual, Scalar::int64(20)},
       {"c", Op::Less, Scalar::string("k9")},
       {"a", Op::Less, Scalar::int64(60)},
       {"c", Op::NotEqual, Scalar::string("k15")}},
      {{"b", Op::IsNotNull, Scalar()}, {"b", Op::IsNotNull, Scalar()}, {"a", Op::Greater, Scalar::int64(90)}},
  };
  // Dictionary-encoded columns gather only the selected rows; plain ones are
  // decoded whole and then taken.
  for (const bool dictionary : {true, false}) {
    SCOPED_TRACE(dictionary ? "dictionary" : "plain");
    ParquetWriteOptions write;
    write.row_group_size = 512;
    write.dictionary = dictionary;
    const std::string bytes = write_parquet_table_to_buffer(table, write);
    for (const auto& filter : filters) {
      expect_like_eager(bytes, filter);
      expect_like_eager(bytes, filter, {"c", "b"});
      expect_like_eager(bytes, filter, {"a"});
      expect_like_eager(bytes, filter, {"b", "a", "c"});
    }
  }
}

TEST(ParquetFilterPushdown, CategoricalColumnOutsideTheFilterKeepsItsCodes) {
  ParquetReadOptions options;
  options.categorical_columns = {"name"};
  options.columns = {"name"};
  options.filter = {{"id", Op::GreaterEqual, Scalar::int64(8)}, {"id", Op::Less, Scalar::int64(12)}};
  const Table table = read_parquet_table_from_buffer(sample_bytes(), options);
  EXPECT_EQ(table.schema().field(0).type.id(), TypeId::Categorical);
  EXPECT_EQ(cells(table, "name"), (Cells{"name2", "name0", "null", "name2"}));
}

}  // namespace
}  // namespace strata
