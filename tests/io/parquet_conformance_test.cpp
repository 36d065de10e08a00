// The Apache parquet-testing files (kept outside the repository; see
// parquet_testing_dir()). Every file under data/ must read with the right
// values or fail with a clear error naming the problem; every file under
// bad_data/ must give a strata::Error, never a crash or hang. Expected
// values come from the files' documentation, their *_expect.csv files, and
// for the rest were cross-checked against DuckDB.
#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>

#include "io/parquet_test_support.hpp"
#include "strata/io/csv.hpp"

namespace strata {
namespace {

namespace fs = std::filesystem;
using parquet_test::cells;
using parquet_test::Cells;

std::vector<fs::path> parquet_files(const fs::path& directory) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.path().extension() == ".parquet") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

Table read(const std::string& dir, const std::string& name, const ParquetReadOptions& options = {}) {
  return read_parquet_table((fs::path(dir) / "data" / name).string(), options);
}

int64_t sum_of(const Table& table, const std::string& column) {
  int64_t sum = 0;
  for (const std::string& cell : cells(table, column))
    if (cell != "null") sum += cell == "true" ? 1 : cell == "false" ? 0 : std::stoll(cell);
  return sum;
}

int64_t non_null(const Table& table, const std::string& column) {
  const Cells values = cells(table, column);
  return std::count_if(values.begin(), values.end(), [](const std::string& v) { return v != "null"; });
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Files whose reading is expected to fail, with a phrase the error must hold.
const std::map<std::string, std::string> kExpectedFailures = {
    {"datapage_v1-corrupt-checksum.parquet", "CRC mismatch"},
    {"rle-dict-uncompressed-corrupt-checksum.parquet", "CRC mismatch"},
    {"nation.dict-malformed.parquet", "overruns its column chunk"},
};

// A column chunk of more than 2 GiB of strings: reading it needs ~5 GB of
// memory, so by default only its footer is checked.
constexpr const char* kHugeFile = "large_string_map.brotli.parquet";

TEST(ParquetConformance, EveryDataFileReadsOrFailsClearly) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  int read_ok = 0;
  for (const fs::path& path : parquet_files(fs::path(dir) / "data")) {
    const std::string name = path.filename().string();
    SCOPED_TRACE(name);
    const ParquetFileMetadata meta = read_parquet_metadata(path.string());
    if (name == kHugeFile && !std::getenv("STRATA_PARQUET_TESTING_LARGE")) {
      EXPECT_EQ(meta.schema.to_string(), "{arr: list[struct[key: str, value: i32]]}");
      continue;
    }
    ParquetReadOptions options;
    if (name == "int96_from_spark.parquet") options.int96_timestamp_unit = TimeUnit::Micro;
    const auto expected_failure = kExpectedFailures.find(name);
    try {
      const Table table = read_parquet_table(path.string(), options);
      EXPECT_EQ(expected_failure, kExpectedFailures.end()) << "expected an error";
      int64_t row_group_rows = 0;
      for (const ParquetRowGroupInfo& group : meta.row_groups) row_group_rows += group.num_rows;
      EXPECT_EQ(table.num_rows(), row_group_rows);
      if (name != "repeated_no_annotation.parquet") {  // its footer says 0 rows
        EXPECT_EQ(table.num_rows(), meta.num_rows);
      }
      if (name != "int96_from_spark.parquet") {  // read in microseconds here
        EXPECT_EQ(table.schema(), meta.schema);
      }
      ++read_ok;
    } catch (const Error& error) {
      ASSERT_NE(expected_failure, kExpectedFailures.end()) << "unexpected error: " << error.what();
      EXPECT_TRUE(contains(error.what(), expected_failure->second)) << error.what();
      EXPECT_TRUE(contains(error.what(), name)) << error.what();
    }
  }
  EXPECT_GE(read_ok, 61);  // 65 files: 3 expected failures and the huge one
}

TEST(ParquetConformance, BadDataFilesGiveClearErrors) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  for (const fs::path& path : parquet_files(fs::path(dir) / "bad_data")) {
    const std::string name = path.filename().string();
    SCOPED_TRACE(name);
    if (name == "ARROW-GH-43605.parquet") {
      // A one-value dictionary with index bit width 0 (the file is here because
      // it crashed a reader). Width 0 is valid for a single-entry dictionary:
      // every index is 0, as DuckDB also reads it.
      const Table table = read_parquet_table(path.string());
      EXPECT_EQ(table.num_rows(), 21186);
      EXPECT_EQ(sum_of(table, "min_fl"), 0);
      EXPECT_EQ(non_null(table, "min_fl"), 21186);
      continue;
    }
    try {
      read_parquet_table(path.string());
      ADD_FAILURE() << "expected an error";
    } catch (const Error& error) {
      EXPECT_TRUE(contains(error.what(), name)) << error.what();
      EXPECT_GT(std::string(error.what()).size(), 40u) << error.what();
    }
  }
}

// Compares a table with an *_expect.csv file column by column (by position).
void expect_matches_csv(const Table& table, const std::string& csv_path) {
  CsvReadOptions csv_options;
  csv_options.infer_schema_length = 0;  // every column as str
  const Table expected = read_csv_table(csv_path, csv_options);
  ASSERT_EQ(expected.num_columns(), table.num_columns());
  ASSERT_EQ(expected.num_rows(), table.num_rows());
  for (int64_t c = 0; c < table.num_columns(); ++c) {
    const Cells want = cells(expected, expected.schema().field(c).name);
    const Cells got = cells(table, table.schema().field(c).name);
    for (size_t r = 0; r < want.size(); ++r)
      ASSERT_EQ(want[r], got[r]) << "column " << table.schema().field(c).name << " row " << r;
  }
}

TEST(ParquetConformance, DeltaEncodingsMatchTheirExpectedCsv) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  for (const char* base : {"delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column",
                           "delta_encoding_required_column"}) {
    SCOPED_TRACE(base);
    expect_matches_csv(read(dir, std::string(base) + ".parquet"),
                       (fs::path(dir) / "data" / (std::string(base) + "_expect.csv")).string());
  }
  const Table lengths = read(dir, "delta_length_byte_array.parquet");
  EXPECT_EQ(lengths.num_rows(), 1000);
  EXPECT_EQ(cells(lengths, "FRUIT")[3], "apple_banana_mango9");  // apple_banana_mango<i*i>
  EXPECT_EQ(cells(lengths, "FRUIT")[999], "apple_banana_mango998001");
}

TEST(ParquetConformance, ByteStreamSplitColumnsEqualTheirPlainTwins) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  const Table table = read(dir, "byte_stream_split_extended.gzip.parquet");
  for (const char* base : {"float16", "float", "double", "int32", "int64", "flba5", "decimal"}) {
    EXPECT_EQ(cells(table, std::string(base) + "_plain"), cells(table, std::string(base) + "_byte_stream_split")) << base;
    EXPECT_EQ(non_null(table, std::string(base) + "_plain"), 200) << base;
  }
  const Table normals = read(dir, "byte_stream_split.zstd.parquet");
  EXPECT_EQ(normals.num_rows(), 300);
  EXPECT_EQ(cells(normals, "f32")[0], "1.7640524");  // numpy seed 0: 1.764052345967664
  EXPECT_EQ(cells(normals, "f64")[0], "-1.3065268517353166");
}

TEST(ParquetConformance, FlatFilesHaveTheDocumentedValues) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  const Table plain = read(dir, "alltypes_plain.parquet");
  EXPECT_EQ(cells(plain, "id"), (Cells{"4", "5", "6", "7", "2", "3", "0", "1"}));
  EXPECT_EQ(cells(plain, "bool_col")[1], "false");
  EXPECT_EQ(cells(plain, "float_col")[1], "1.1");
  EXPECT_EQ(cells(plain, "timestamp_col")[3], "2009-04-01 00:01:00");
  EXPECT_EQ(cells(plain, "date_string_col")[4], "b\"02/01/09\"");
  EXPECT_EQ(cells(read(dir, "alltypes_plain.snappy.parquet"), "id"), (Cells{"6", "7"}));
  EXPECT_EQ(cells(read(dir, "alltypes_dictionary.parquet"), "bigint_col"), (Cells{"0", "10"}));
  for (const char* name : {"alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet"}) {
    const Table tiny = read(dir, name);
    EXPECT_EQ(tiny.num_rows(), 7300);
    EXPECT_EQ(sum_of(tiny, "id"), 26641350);
    EXPECT_EQ(sum_of(tiny, "bigint_col"), 328500);
  }
  ParquetReadOptions as_strings;
  as_strings.binary_as_string = true;
  EXPECT_EQ(cells(read(dir, "alltypes_plain.parquet", as_strings), "string_col")[1], "1");

  const Table v2 = read(dir, "datapage_v2.snappy.parquet");
  EXPECT_EQ(cells(v2, "a"), (Cells{"abc", "abc", "abc", "null", "abc"}));
  EXPECT_EQ(cells(v2, "e"), (Cells{"[1, 2, 3]", "null", "null", "[1, 2, 3]", "[1, 2]"}));
  EXPECT_EQ(cells(read(dir, "datapage_v2_empty_datapage.snappy.parquet"), "value"), (Cells{"null"}));
  const Table empty_v2 = read(dir, "page_v2_empty_compressed.parquet");
  EXPECT_EQ(non_null(empty_v2, "integer_column"), 0);
  EXPECT_EQ(empty_v2.num_rows(), 10);

  const Table gzip = read(dir, "concatenated_gzip_members.parquet");
  EXPECT_EQ(gzip.num_rows(), 513);
  EXPECT_EQ(sum_of(gzip, "long_col"), 131841);
  EXPECT_EQ(gzip.schema().field(0).type, DataType::uint64());

  const Table nulls = read(dir, "int32_with_null_pages.parquet");
  EXPECT_EQ(non_null(nulls, "int32_field"), 725);
  EXPECT_EQ(sum_of(nulls, "int32_field"), -12383254597);

  for (const char* name : {"datapage_v1-uncompressed-checksum.parquet", "datapage_v1-snappy-compressed-checksum.parquet"}) {
    const Table checked = read(dir, name);
    EXPECT_EQ(checked.num_rows(), 5120);
    EXPECT_EQ(sum_of(checked, "a"), 43118090240);
    EXPECT_EQ(sum_of(checked, "b"), 129016125440);
  }
  EXPECT_EQ(cells(read(dir, "rle-dict-snappy-checksum.parquet"), "binary_field")[0],
            "b\"c95e263a-f5d4-401f-8107-5ca7146a1f98\"");
  ParquetReadOptions unchecked;
  unchecked.verify_checksums = false;
  EXPECT_EQ(read(dir, "datapage_v1-corrupt-checksum.parquet", unchecked).num_rows(), 5120);

  for (const char* name : {"hadoop_lz4_compressed.parquet", "lz4_raw_compressed.parquet", "non_hadoop_lz4_compressed.parquet"}) {
    const Table lz4 = read(dir, name);
    EXPECT_EQ(cells(lz4, "c0"), (Cells{"1593604800", "1593604800", "1593604801", "1593604801"})) << name;
    EXPECT_EQ(cells(lz4, "v11"), (Cells{"42.0", "7.7", "42.125", "7.7"})) << name;
  }
  const Table larger = read(dir, "lz4_raw_compressed_larger.parquet");
  EXPECT_EQ(larger.num_rows(), 10000);
  const Table hadoop_larger = read(dir, "hadoop_lz4_compressed_larger.parquet");
  EXPECT_EQ(hadoop_larger.num_rows(), 10000);
  EXPECT_EQ(cells(hadoop_larger, "a")[0], "c7ce6bef-d5b0-4863-b199-8ea8c7fb117b");

  const Table booleans = read(dir, "rle_boolean_encoding.parquet");
  EXPECT_EQ(booleans.num_rows(), 68);
  EXPECT_EQ(non_null(booleans, "datatype_boolean"), 62);
  EXPECT_EQ(sum_of(booleans, "datatype_boolean"), 36);
  EXPECT_EQ(sum_of(read(dir, "overflow_i16_page_cnt.parquet"), "inc"), 0);
  EXPECT_EQ(read(dir, "overflow_i16_page_cnt.parquet").num_rows(), 40000);
  EXPECT_EQ(sum_of(read(dir, "dict-page-offset-zero.parquet"), "l_partkey"), 60528);
  EXPECT_EQ(cells(read(dir, "sort_columns.parquet"), "a"), (Cells{"null", "2", "1", "null", "2", "1"}));
  EXPECT_EQ(read(dir, "column_chunk_key_value_metadata.parquet").num_rows(), 0);
}

TEST(ParquetConformance, LogicalTypesHaveTheDocumentedValues) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  for (const char* name : {"int32_decimal.parquet", "int64_decimal.parquet", "byte_array_decimal.parquet",
                           "fixed_length_decimal.parquet", "fixed_length_decimal_legacy.parquet"}) {
    const Table decimals = read(dir, name);
    const Cells values = cells(decimals, "value");
    ASSERT_EQ(values.size(), 24u) << name;
    EXPECT_EQ(values[0], "1.00") << name;
    EXPECT_EQ(values[23], "24.00") << name;
    EXPECT_EQ(decimals.schema().field(0).type.scale(), 2) << name;
  }
  EXPECT_EQ(cells(read(dir, "float16_nonzeros_and_nans.parquet"), "x"),
            (Cells{"null", "1.0", "-2.0", "NaN", "0.0", "-1.0", "-0.0", "2.0"}));
  EXPECT_EQ(cells(read(dir, "float16_zeros_and_nans.parquet"), "x"), (Cells{"null", "0.0", "NaN"}));

  ParquetReadOptions micro;
  micro.int96_timestamp_unit = TimeUnit::Micro;
  const Table spark = read(dir, "int96_from_spark.parquet", micro);
  // The microsecond values documented in int96_from_spark.md (the last one
  // wraps around 64 bits, as Spark wrote it).
  const std::vector<std::optional<int64_t>> expected = {1704141296123456, 1704070800000000, 253402225200000000,
                                                        1735599600000000, std::nullopt, 9089380393200000000};
  const Array column = spark.column(0).combine();
  ASSERT_EQ(column.length(), 6);
  for (int64_t i = 0; i < 6; ++i) {
    if (!expected[static_cast<size_t>(i)]) EXPECT_TRUE(column.is_null(i));
    else EXPECT_EQ(column.values<int64_t>()[i], *expected[static_cast<size_t>(i)]) << i;
  }
  EXPECT_EQ(cells(read(dir, "int96_from_spark.parquet"), "a")[0], "2024-01-01 20:34:56.123456000");

  const Table truncated = read(dir, "binary_truncated_min_max.parquet");
  EXPECT_EQ(cells(truncated, "utf8_partial_truncation")[11], "🚀Kevin Bacon");
  EXPECT_EQ(cells(truncated, "binary_partial_truncation")[11], "b\"\\xff\\xff\\x01\\x02\"");
  const Table unknown = read(dir, "unknown-logical-type.parquet");
  EXPECT_EQ(cells(unknown, "column with known type")[0], "known string 1");
  EXPECT_EQ(unknown.schema().field(1).type, DataType::binary());
  const Table flba = read(dir, "fixed_length_byte_array.parquet");
  EXPECT_EQ(non_null(flba, "flba_field"), 895);
  EXPECT_EQ(cells(flba, "flba_field")[0], "b\"\\x00\\x00\\x03\\xe8\"");
}

TEST(ParquetConformance, NestedFilesHaveTheDocumentedValues) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  const Table lists = read(dir, "list_columns.parquet");
  EXPECT_EQ(cells(lists, "int64_list"), (Cells{"[1, 2, 3]", "[null, 1]", "[4]"}));
  EXPECT_EQ(cells(lists, "utf8_list"), (Cells{"[\"abc\", \"efg\", \"hij\"]", "null", "[\"efg\", null, \"hij\", \"xyz\"]"}));
  EXPECT_EQ(cells(read(dir, "nested_lists.snappy.parquet"), "a")[2],
            "[[[\"a\", \"b\"], [\"c\", \"d\"], [\"e\"]], [null, [\"f\"]]]");
  EXPECT_EQ(cells(read(dir, "null_list.parquet"), "emptylist"), (Cells{"[]"}));
  EXPECT_EQ(cells(read(dir, "old_list_structure.parquet"), "a"), (Cells{"[[1, 2], [3, 4]]"}));
  const Table repeated = read(dir, "repeated_primitive_no_list.parquet");
  EXPECT_EQ(cells(repeated, "Int32_list"), (Cells{"[0, 1, 2, 3]", "[]", "[4]", "[5, 6, 7, 8]"}));
  EXPECT_EQ(cells(repeated, "group_of_lists")[1], "{Int32_list_in_group: [], String_list_in_group: [\"three\"]}");
  const Table no_annotation = read(dir, "repeated_no_annotation.parquet");
  EXPECT_EQ(cells(no_annotation, "phoneNumbers")[0], "null");
  EXPECT_EQ(cells(no_annotation, "phoneNumbers")[2], "{phone: []}");
  EXPECT_EQ(cells(no_annotation, "phoneNumbers")[5],
            "{phone: [{number: 1111111111, kind: home}, {number: 2222222222, kind: null}, "
            "{number: 3333333333, kind: mobile}]}");
  const Table maps = read(dir, "map_no_value.parquet");
  EXPECT_EQ(cells(maps, "my_map")[0], "[{key: 1, value: null}, {key: 2, value: null}, {key: 3, value: null}]");
  EXPECT_EQ(cells(maps, "my_map_no_v")[1], "[{key: 4}, {key: 5}, {key: 6}]");
  EXPECT_EQ(cells(maps, "my_list")[2], "[7, 8, 9]");
  EXPECT_EQ(cells(read(dir, "incorrect_map_schema.parquet"), "my_map"),
            (Cells{"[{key: parent, value: another}, {key: name, value: report}]"}));
  const Table impala = read(dir, "nonnullable.impala.parquet");
  EXPECT_EQ(cells(impala, "int_array_array"), (Cells{"[[-1, -2], []]"}));
  EXPECT_EQ(cells(impala, "nested_Struct"),
            (Cells{"{a: -1, B: [-1], c: {D: [[{e: -1, f: nonnullable}]]}, G: []}"}));
  const Table nullable = read(dir, "nullable.impala.parquet");
  EXPECT_EQ(cells(nullable, "int_array")[1], "[null, 1, 2, null, 3, null]");
  EXPECT_EQ(cells(read(dir, "nested_structs.rust.parquet"), "roll_num")[0],
            "{min: 190406409000602, max: 190407175004000, mean: 190406671229999, count: 495, sum: 94251302258849568, "
            "variance: 0}");
  EXPECT_EQ(cells(read(dir, "nulls.snappy.parquet"), "b_struct")[0], "{b_c_int: null}");
}

TEST(ParquetConformance, StatisticsOfTheTestFiles) {
  STRATA_REQUIRE_PARQUET_TESTING(dir);
  // NaN as a legacy max (old pyarrow) is dropped rather than trusted.
  const ParquetFileMetadata nan = read_parquet_metadata((fs::path(dir) / "data" / "nan_in_stats.parquet").string());
  EXPECT_FALSE(nan.row_groups[0].columns[0].statistics.max.has_value());
  const ParquetFileMetadata sorted = read_parquet_metadata((fs::path(dir) / "data" / "sort_columns.parquet").string());
  EXPECT_EQ(sorted.row_groups[0].columns[1].statistics.min->to_string(), "a");
  EXPECT_EQ(sorted.row_groups[0].columns[1].statistics.max->to_string(), "c");
  const ParquetFile pages = ParquetFile::open((fs::path(dir) / "data" / "alltypes_tiny_pages.parquet").string());
  EXPECT_EQ(pages.select_row_groups({{"id", ParquetPredicate::Op::Greater, Scalar::int64(1000000)}}).size(), 0u);
}

}  // namespace
}  // namespace strata
