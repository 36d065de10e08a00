#include <cstdint>

#include "pipeline_assets.hpp"

namespace example {

using strata::AssetContext;
using strata::col;
using strata::DataFrame;
using strata::Json;
using strata::Series;

namespace {

constexpr const char* kRegions[] = {"north", "south", "east", "west", "central", "islands"};
constexpr const char* kProducts[] = {"kettle", "lamp", "chair", "desk", "rug", "mirror", "shelf"};

/// A small deterministic generator (64-bit LCG) so that every run writes the same data.
struct Generator {
  uint64_t state;
  uint64_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
};

DataFrame sales_for_month(int month, int64_t rows) {
  Generator generator{static_cast<uint64_t>(month) * 7919};
  std::vector<std::string> regions, products, statuses;
  std::vector<double> amounts;
  std::vector<int64_t> months;
  for (int64_t i = 0; i < rows; ++i) {
    regions.emplace_back(kRegions[generator.next() % 6]);
    products.emplace_back(kProducts[generator.next() % 7]);
    statuses.emplace_back(generator.next() % 10 == 0 ? "refunded" : "completed");
    amounts.push_back(static_cast<double>(generator.next() % 50000) / 100.0);
    months.push_back(month);
  }
  return DataFrame({Series::from("region", regions), Series::from("product", products),
                    Series::from("status", statuses), Series::from("amount", amounts),
                    Series::from("month", months)});
}

}  // namespace

void add_sales_assets(strata::Definitions& defs) {
  using strata::ConfigField;
  defs.asset("sales/parts",
             [](AssetContext& ctx) {
               const ExampleData& data = ctx.resource<ExampleData>("example_data");
               const int64_t rows_per_month = ctx.config()["rows_per_month"].get<int64_t>();
               const std::filesystem::path folder = data.scratch_dir / "sales";
               std::filesystem::create_directories(folder);
               Json files = Json::array();
               for (int month = 1; month <= 12; ++month) {
                 ctx.check_cancelled();
                 char name[32];
                 std::snprintf(name, sizeof(name), "part-%02d.parquet", month);
                 strata::write_parquet(sales_for_month(month, rows_per_month), (folder / name).string());
                 files.push_back(name);
               }
               ctx.info("wrote 12 Parquet parts to " + folder.string());
               return Json{{"folder", folder.string()}, {"files", files}, {"rows", rows_per_month * 12}};
             })
      .group("sales")
      .description("A folder of monthly Parquet files of sales (generated)")
      .resources({"example_data"})
      .config_schema(strata::ConfigSchema({ConfigField::integer("rows_per_month").default_to(20000)}))
      .output_type(strata::ValueKind::Json);

  defs.asset("sales/by_region", {"sales/parts"},
             [](AssetContext& ctx, const Json& parts) {
               const std::string pattern = parts["folder"].get<std::string>() + "/*.parquet";
               DataFrame sales = strata::read_parquet(pattern);
               ctx.info("scanned " + std::to_string(sales.height()) + " rows from " + pattern);
               return sales.filter(col("status") == "completed" && col("amount") > 0.0)
                   .group_by({"region"})
                   .agg({col("amount").sum().round(2).alias("revenue"), col("amount").count().alias("sales"),
                         col("amount").mean().round(2).alias("average")})
                   .sort("revenue", {.descending = {true}});
             })
      .group("sales")
      .description("Completed sales per region, from a scan of the Parquet folder")
      .tag("tier", "gold");
}

}  // namespace example
