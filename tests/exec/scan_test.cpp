// Lazy scans of Parquet and CSV files: globs, folders, hive partitions,
// pushdown into the reader, limits; and the sinks.
#include <gtest/gtest.h>

#include <filesystem>

#include "exec/lazy_test_support.hpp"
#include "strata/core/error.hpp"

namespace strata {
namespace {

using lazy_test::frames_equal;
using lazy_test::orders;
using lazy_test::TemporaryDirectory;
namespace fs = std::filesystem;

// Writes `df` as region=<r>/part-<k>.parquet files (two per region), row
// groups of 1000 rows.
void write_partitioned(const DataFrame& df, const fs::path& root) {
  for (const std::string region : {"east", "north", "south", "west"}) {
    const DataFrame part = df.filter(col("region") == region).drop({"region"});
    fs::create_directories(root / ("region=" + region));
    ParquetWriteOptions options;
    options.row_group_size = 1000;
    const int64_t half = part.height() / 2;
    write_parquet(part.head(half), (root / ("region=" + region) / "part-0.parquet").string(), options);
    write_parquet(part.slice(half, part.height() - half), (root / ("region=" + region) / "part-1.parquet").string(),
                  options);
  }
}

TEST(ScanParquet, HivePartitionsBecomeColumnsAndPruneFiles) {
  TemporaryDirectory dir;
  const DataFrame df = orders(20000);
  write_partitioned(df, dir.path() / "orders");
  const LazyFrame scan = scan_parquet(dir.file("orders/**/*.parquet"));
  EXPECT_EQ(scan.schema().field(scan.schema().size() - 1).name, "region");
  EXPECT_EQ(scan.schema().field(scan.schema().size() - 1).type, DataType::string());

  const LazyFrame query = scan.filter(col("region") == "south" && col("qty") >= 7).select({"id", "amount", "region"});
  const DataFrame expected = df.filter(col("region") == "south" && col("qty") >= 7)
                                 .select({"id", "amount", "region"})
                                 .sort("id");
  EXPECT_TRUE(frames_equal(expected, query.collect().sort("id")));
  const std::string plan = query.explain();
  EXPECT_NE(plan.find("2 of 8 files (6 pruned by hive values)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("reads columns [id, amount]"), std::string::npos) << plan;
  EXPECT_NE(plan.find("qty >= 7"), std::string::npos) << plan;

  // The folder itself scans the same files.
  EXPECT_EQ(scan_parquet(dir.file("orders")).select({"id"}).collect().height(), df.height());
}

TEST(ScanParquet, StatisticsPruneRowGroupsAndLimitsStopEarly) {
  TemporaryDirectory dir;
  const DataFrame df = orders(50000);  // id ascending: row groups cover disjoint ranges
  ParquetWriteOptions options;
  options.row_group_size = 5000;
  write_parquet(df, dir.file("a.parquet"), options);
  write_parquet(df.with_columns({(col("id") + 50000).alias("id")}), dir.file("b.parquet"), options);
  const LazyFrame scan = scan_parquet(dir.file("*.parquet"));

  const LazyFrame selective = scan.filter(col("id") >= 52000 && col("id") < 54000);
  const std::string plan = selective.explain();
  EXPECT_NE(plan.find("1 of 20 row groups"), std::string::npos) << plan;
  EXPECT_EQ(selective.collect().height(), 2000);
  EXPECT_EQ(scan.head(10).explain().find("1 of 20 row groups") != std::string::npos, true) << scan.head(10).explain();
  EXPECT_TRUE(frames_equal(df.head(10), scan.head(10).collect()));
  EXPECT_TRUE(frames_equal(df.filter(col("qty") == 4).slice(3, 4),
                           scan.filter(col("qty") == 4).slice(3, 4).collect()));
}

TEST(ScanParquet, ResultsEqualEagerRead) {
  TemporaryDirectory dir;
  const DataFrame df = orders(30000);
  ParquetWriteOptions options;
  options.row_group_size = 4096;
  write_parquet(df, dir.file("o.parquet"), options);
  const auto query = [](const LazyFrame& q) {
    return q.filter((col("amount") > 50 || col("customer").is_null()) && col("day") > lit(Scalar::date(19010)))
        .group_by({"region"})
        .agg({col("amount").sum().alias("total"), col("id").n_unique().alias("ids")})
        .sort("region");
  };
  const DataFrame eager = read_parquet(dir.file("o.parquet"))
                              .filter((col("amount") > 50 || col("customer").is_null()) &&
                                      col("day") > lit(Scalar::date(19010)))
                              .group_by({"region"})
                              .agg({col("amount").sum().alias("total"), col("id").n_unique().alias("ids")})
                              .sort("region");
  EXPECT_TRUE(frames_equal(eager, query(scan_parquet(dir.file("o.parquet"))).collect()));
  CollectOptions none;
  none.optimizer = plan::OptimizerOptions::none();
  EXPECT_TRUE(frames_equal(eager, query(scan_parquet(dir.file("o.parquet"))).collect(none)));
}

TEST(ScanParquet, MissingAndCorruptFilesAreClearErrors) {
  TemporaryDirectory dir;
  EXPECT_THROW(scan_parquet(dir.file("nothing/*.parquet")), IOError);
  EXPECT_THROW(scan_parquet(dir.file("absent.parquet")), IOError);
  parquet_test::write_file(dir.file("bad.parquet"), "not a parquet file at all");
  EXPECT_THROW(scan_parquet(dir.file("bad.parquet")), InvalidInputError);
  fs::create_directories(dir.path() / "x");
  write_parquet(orders(10), dir.file("x/a.parquet"), {});
  write_parquet(orders(10).drop({"qty"}), dir.file("x/b.parquet"), {});
  EXPECT_THROW(scan_parquet(dir.file("x")), SchemaError);
}

TEST(ScanCsv, FilesGlobsAndProjection) {
  TemporaryDirectory dir;
  const DataFrame df = orders(6000).drop({"day"});
  write_csv(df.head(3000), dir.file("part1.csv"));
  write_csv(df.slice(3000, 3000), dir.file("part2.csv"));
  const LazyFrame scan = scan_csv(dir.file("part*.csv"));
  const LazyFrame query = scan.filter(col("qty") > 6).select({"id", "region"});
  const DataFrame eager = read_csv(dir.file("part1.csv"));
  EXPECT_TRUE(frames_equal(concat({eager, read_csv(dir.file("part2.csv"))}).filter(col("qty") > 6).select({"id", "region"}),
                           query.collect()));
  EXPECT_NE(query.explain().find("reads columns [id, qty, region]"), std::string::npos) << query.explain();
}

TEST(ScanCsv, ValueThatDoesNotFitTheSchemaNamesTheFile) {
  TemporaryDirectory dir;
  std::string text = "a,b\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + ",x\n";
  parquet_test::write_file(dir.file("one.csv"), text);
  parquet_test::write_file(dir.file("two.csv"), "a,b\n1.5,y\n");
  ScanCsvOptions options;
  options.schema_rows = 10;
  try {
    scan_csv(dir.file("*.csv"), options).collect();
    FAIL() << "1.5 is not an i64";
  } catch (const InvalidInputError& e) {
    EXPECT_NE(std::string(e.what()).find("two.csv"), std::string::npos) << e.what();
  }
}

TEST(Sinks, WriteResultsAtomically) {
  TemporaryDirectory dir;
  const DataFrame df = orders(100000);
  const LazyFrame query = lazy(df).filter(col("qty") < 5).select({"id", "customer", "amount"});
  query.sink_parquet(dir.file("out.parquet"));
  EXPECT_TRUE(frames_equal(df.filter(col("qty") < 5).select({"id", "customer", "amount"}),
                           read_parquet(dir.file("out.parquet"))));
  query.sink_csv(dir.file("out.csv"));
  EXPECT_TRUE(frames_equal(df.filter(col("qty") < 5).select({"id", "customer", "amount"}),
                           read_csv(dir.file("out.csv"))));

  // A failing query leaves the previous file as it was and no temporary file.
  const std::string before = parquet_test::read_file(dir.file("out.parquet"));
  const LazyFrame failing = lazy(df).select({col("customer").cast(DataType::int64())});
  EXPECT_THROW(failing.sink_parquet(dir.file("out.parquet")), Error);
  EXPECT_EQ(before, parquet_test::read_file(dir.file("out.parquet")));
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) files += entry.is_regular_file();
  EXPECT_EQ(files, 2);

  // An empty result is still a valid file with the schema.
  lazy(df).filter(col("qty") > 100).sink_parquet(dir.file("empty.parquet"));
  const DataFrame empty = read_parquet(dir.file("empty.parquet"));
  EXPECT_EQ(empty.height(), 0);
  EXPECT_EQ(empty.column_names(), df.column_names());
}

}  // namespace
}  // namespace strata
