// Reading features beyond plain round trips: projection, row-group
// pruning, n_rows, globs over many files, categorical reads, metadata,
// atomic writes and the streaming writer.
#include <filesystem>

#include "io/parquet_test_support.hpp"

namespace strata {
namespace {

using parquet_test::cells;
using parquet_test::Cells;
using parquet_test::make_table;
using parquet_test::TemporaryDirectory;

Table numbers_table(int64_t begin, int64_t end) {
  FixedWidthBuilder<int64_t> ids(DataType::int64());
  StringBuilder names;
  for (int64_t i = begin; i < end; ++i) {
    ids.append(i);
    if (i % 5 == 0) names.append_null();
    else names.append(std::string_view("name" + std::to_string(i % 3)));
  }
  return make_table({{"id", ids.finish()}, {"name", names.finish()}});
}

ParquetWriteOptions small_row_groups(int64_t rows) {
  ParquetWriteOptions options;
  options.row_group_size = rows;
  return options;
}

TEST(ParquetReader, ProjectionReadsOnlyTheNamedColumnsInOrder) {
  const std::string bytes = write_parquet_table_to_buffer(numbers_table(0, 10));
  ParquetReadOptions options;
  options.columns = {"name", "id"};
  const Table table = read_parquet_table_from_buffer(bytes, options);
  ASSERT_EQ(table.schema().names(), (std::vector<std::string>{"name", "id"}));
  EXPECT_EQ(cells(table, "id")[9], "9");
  options.columns = {"nope"};
  EXPECT_THROW(read_parquet_table_from_buffer(bytes, options), SchemaError);
  options.columns = {"id", "id"};
  EXPECT_THROW(read_parquet_table_from_buffer(bytes, options), SchemaError);
}

TEST(ParquetReader, RowGroupPruningFromStatistics) {
  const std::string bytes = write_parquet_table_to_buffer(numbers_table(0, 100), small_row_groups(10));
  const ParquetFile file = ParquetFile::from_buffer(bytes);
  using Op = ParquetPredicate::Op;
  auto groups = [&](std::vector<ParquetPredicate> predicates) { return file.select_row_groups(predicates); };
  EXPECT_EQ(groups({{"id", Op::Equal, Scalar::int64(42)}}), (std::vector<int>{4}));
  EXPECT_EQ(groups({{"id", Op::Less, Scalar::int64(10)}}), (std::vector<int>{0}));
  EXPECT_EQ(groups({{"id", Op::LessEqual, Scalar::int64(10)}}), (std::vector<int>{0, 1}));
  EXPECT_EQ(groups({{"id", Op::Greater, Scalar::int64(89)}}), (std::vector<int>{9}));
  EXPECT_EQ(groups({{"id", Op::GreaterEqual, Scalar::int64(89)}}), (std::vector<int>{8, 9}));
  // And-ed predicates; a float literal against an integer column.
  EXPECT_EQ(groups({{"id", Op::Greater, Scalar::float64(25.5)}, {"id", Op::Less, Scalar::int32(41)}}),
            (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(groups({{"id", Op::Equal, Scalar::int64(1000)}}), (std::vector<int>{}));
  EXPECT_EQ(groups({{"name", Op::Equal, Scalar::string("name9")}}), (std::vector<int>{}));
  EXPECT_EQ(groups({{"name", Op::Equal, Scalar::string("name1")}}).size(), 10u);
  EXPECT_EQ(groups({{"id", Op::IsNull, Scalar()}}), (std::vector<int>{}));
  EXPECT_EQ(groups({{"name", Op::IsNull, Scalar()}}).size(), 10u);
  // Incomparable literals never prune.
  EXPECT_EQ(groups({{"id", Op::Equal, Scalar::string("x")}}).size(), 10u);

  ParquetReadOptions options;
  options.row_group_filter = {{"id", Op::GreaterEqual, Scalar::int64(95)}};
  const Table table = read_parquet_table_from_buffer(bytes, options);
  EXPECT_EQ(table.num_rows(), 10);  // the whole last row group, unfiltered
  EXPECT_EQ(cells(table, "id")[0], "90");
}

// Row group g holds the names letters[g] and letters[g + 3], so its min and
// max span names it does not hold: only its dictionary can rule them out.
TEST(ParquetReader, RowGroupPruningFromDictionaries) {
  const std::string letters = "abcdef";
  StringBuilder names;
  for (int g = 0; g < 3; ++g)
    for (int i = 0; i < 10; ++i) names.append(std::string_view(&letters[static_cast<size_t>(g + (i % 2) * 3)], 1));
  const Table table = make_table({{"name", names.finish()}});
  using Op = ParquetPredicate::Op;
  const ParquetFile file = ParquetFile::from_buffer(write_parquet_table_to_buffer(table, small_row_groups(10)));
  EXPECT_EQ(file.select_row_groups({{"name", Op::Equal, Scalar::string("b")}}), (std::vector<int>{1}));
  EXPECT_EQ(file.select_row_groups({{"name", Op::Equal, Scalar::string("c")}}), (std::vector<int>{2}));
  EXPECT_EQ(file.select_row_groups({{"name", Op::Equal, Scalar::string("d")}}), (std::vector<int>{0}));
  EXPECT_EQ(file.select_row_groups({{"name", Op::Equal, Scalar::string("bb")}}), (std::vector<int>{}));
  // Only equalities use dictionaries; other comparisons keep what statistics keep.
  EXPECT_EQ(file.select_row_groups({{"name", Op::NotEqual, Scalar::string("b")}}).size(), 3u);

  // Without dictionary pages the statistics alone decide.
  ParquetWriteOptions plain = small_row_groups(10);
  plain.dictionary = false;
  const ParquetFile plain_file = ParquetFile::from_buffer(write_parquet_table_to_buffer(table, plain));
  EXPECT_EQ(plain_file.select_row_groups({{"name", Op::Equal, Scalar::string("b")}}), (std::vector<int>{0, 1}));

  // A filtered read gives the same rows either way.
  ParquetReadOptions options;
  options.filter = {{"name", Op::Equal, Scalar::string("c")}};
  EXPECT_EQ(cells(read_parquet_table_from_buffer(write_parquet_table_to_buffer(table, small_row_groups(10)), options),
                  "name"),
            cells(read_parquet_table_from_buffer(write_parquet_table_to_buffer(table, plain), options), "name"));
}

TEST(ParquetReader, PruningSkipsAllNullRowGroupsForComparisons) {
  FixedWidthBuilder<int64_t> values(DataType::int64());
  for (int i = 0; i < 20; ++i) {
    if (i < 10) values.append_null();
    else values.append(i);
  }
  const ParquetFile file =
      ParquetFile::from_buffer(write_parquet_table_to_buffer(make_table({{"v", values.finish()}}), small_row_groups(10)));
  EXPECT_EQ(file.select_row_groups({{"v", ParquetPredicate::Op::NotEqual, Scalar::int64(3)}}), (std::vector<int>{1}));
  EXPECT_EQ(file.select_row_groups({{"v", ParquetPredicate::Op::IsNotNull, Scalar()}}), (std::vector<int>{1}));
}

TEST(ParquetReader, PagesWithAndWithoutNullsInOneColumnChunk) {
  // Small pages: the first ones hold no null (their definition levels are
  // one run and are not decoded), a middle one does, the last ones do not.
  FixedWidthBuilder<int64_t> values(DataType::int64());
  StringBuilder texts;
  for (int64_t i = 0; i < 2000; ++i) {
    if (i >= 900 && i < 905) {
      values.append_null();
      texts.append_null();
    } else {
      values.append(i);
      texts.append(std::string_view("t" + std::to_string(i % 7)));
    }
  }
  const Table table = make_table({{"v", values.finish()}, {"t", texts.finish()}});
  for (const bool dictionary : {true, false}) {
    ParquetWriteOptions options;
    options.data_page_size = 256;
    options.dictionary = dictionary;
    const Table back = read_parquet_table_from_buffer(write_parquet_table_to_buffer(table, options));
    parquet_test::expect_same_table(table, back);
    EXPECT_EQ(back.column(0).null_count(), 5);
    EXPECT_EQ(back.column(1).null_count(), 5);
  }
}

TEST(ParquetReader, NRowsStopsEarly) {
  const std::string bytes = write_parquet_table_to_buffer(numbers_table(0, 100), small_row_groups(30));
  ParquetReadOptions options;
  options.n_rows = 35;
  const Table table = read_parquet_table_from_buffer(bytes, options);
  EXPECT_EQ(table.num_rows(), 35);
  EXPECT_EQ(cells(table, "id").back(), "34");
  options.n_rows = 0;
  EXPECT_EQ(read_parquet_table_from_buffer(bytes, options).num_rows(), 0);
}

TEST(ParquetReader, GlobReadsManyFilesInPathOrder) {
  TemporaryDirectory directory;
  std::filesystem::create_directories(directory.path() / "part=1");
  std::filesystem::create_directories(directory.path() / "part=2");
  write_parquet_table(numbers_table(0, 3), directory.file("part=1/a.parquet"));
  write_parquet_table(numbers_table(3, 5), directory.file("part=2/b.parquet"));
  write_parquet_table(numbers_table(5, 6), directory.file("part=1/c.parquet"));
  write_parquet_table(numbers_table(100, 101), directory.file("part=1/skip.csv"));
  const Table table = read_parquet_table(directory.file("part=?/*.parquet"));
  EXPECT_EQ(cells(table, "id"), (Cells{"0", "1", "2", "5", "3", "4"}));
  EXPECT_EQ(expand_parquet_glob(directory.file("*/?.parquet")).size(), 3u);
  EXPECT_THROW(read_parquet_table(directory.file("*.nothing")), IOError);
  // Files with different schemas are refused, naming both.
  write_parquet_table(make_table({{"other", make_int64_array({1})}}), directory.file("part=2/z.parquet"));
  try {
    read_parquet_table(directory.file("part=2/*.parquet"));
    FAIL() << "expected a SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_NE(std::string(error.what()).find("z.parquet"), std::string::npos) << error.what();
  }
}

TEST(ParquetReader, CategoricalColumnsFromDictionaryPages) {
  const std::string bytes = write_parquet_table_to_buffer(numbers_table(0, 12), small_row_groups(5));
  ParquetReadOptions options;
  options.categorical_columns = {"name"};
  const Table table = read_parquet_table_from_buffer(bytes, options);
  EXPECT_EQ(table.schema().field(1).type, DataType::categorical());
  EXPECT_EQ(cells(table, "name"),
            (Cells{"null", "name1", "name2", "name0", "name1", "null", "name0", "name1", "name2", "name0", "null", "name2"}));
  options.categorical_columns = {"id"};
  EXPECT_THROW(read_parquet_table_from_buffer(bytes, options), TypeError);
}

TEST(ParquetReader, MetadataDescribesTheFile) {
  const ParquetFile file =
      ParquetFile::from_buffer(write_parquet_table_to_buffer(numbers_table(0, 25), small_row_groups(10)), "mem");
  const ParquetFileMetadata& meta = file.metadata();
  EXPECT_EQ(meta.num_rows, 25);
  EXPECT_EQ(meta.row_groups.size(), 3u);
  EXPECT_EQ(meta.row_groups[2].num_rows, 5);
  EXPECT_EQ(meta.row_groups[0].columns[0].physical_type, "INT64");
  EXPECT_EQ(meta.row_groups[0].columns[0].codec, "SNAPPY");
  EXPECT_EQ(meta.row_groups[1].columns[0].statistics.min->to_string(), "10");
  EXPECT_EQ(meta.row_groups[1].columns[0].statistics.max->to_string(), "19");
  EXPECT_EQ(*meta.row_groups[0].columns[1].statistics.null_count, 2);
  EXPECT_NE(meta.parquet_schema.find("optional binary name (STRING);"), std::string::npos) << meta.parquet_schema;
  EXPECT_EQ(meta.schema.to_string(), "{id: i64, name: str}");
  const RecordBatch batch = file.read_row_group(1, {"name"});
  EXPECT_EQ(batch.num_rows, 10);
  EXPECT_EQ(batch.columns[0].value_to_string(0), "null");
  EXPECT_THROW(file.read_row_group(3), InvalidInputError);
}

TEST(ParquetWriterFile, WritesAtomicallyAndLeavesNoTemporaryFiles) {
  TemporaryDirectory directory;
  const std::string path = directory.file("out.parquet");
  write_parquet_table(numbers_table(0, 3), path);
  write_parquet_table(numbers_table(10, 12), path);  // replaces
  EXPECT_EQ(cells(read_parquet_table(path), "id"), (Cells{"10", "11"}));
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory.path())) ++entries;
  EXPECT_EQ(entries, 1);
  EXPECT_THROW(write_parquet_table(numbers_table(0, 1), directory.file("missing/dir/x.parquet")), IOError);
}

TEST(ParquetWriterFile, AnUnclosedStreamingWriterLeavesThePreviousFile) {
  TemporaryDirectory directory;
  const std::string path = directory.file("out.parquet");
  write_parquet_table(numbers_table(0, 2), path);
  {
    ParquetWriter writer(path, numbers_table(0, 1).schema());
    writer.write(numbers_table(5, 9));
  }  // destroyed without close()
  EXPECT_EQ(cells(read_parquet_table(path), "id"), (Cells{"0", "1"}));
}

TEST(ParquetWriterFile, StreamingWriterBuffersRowGroups) {
  TemporaryDirectory directory;
  const std::string path = directory.file("stream.parquet");
  ParquetWriteOptions options = small_row_groups(4);
  ParquetWriter writer(path, numbers_table(0, 1).schema(), options);
  for (int batch = 0; batch < 5; ++batch) writer.write(numbers_table(batch * 3, batch * 3 + 3));
  EXPECT_THROW(writer.write(make_table({{"x", make_int64_array({1})}})), SchemaError);
  writer.close();
  const ParquetFile file = ParquetFile::open(path);
  EXPECT_EQ(file.num_row_groups(), 4);  // 15 rows in groups of 4
  EXPECT_EQ(file.row_group_num_rows(3), 3);
  EXPECT_EQ(cells(file.read(), "id").size(), 15u);
  EXPECT_EQ(cells(file.read(), "id")[14], "14");
}

}  // namespace
}  // namespace strata
