#include <cstdint>

#include "pipeline_assets.hpp"

namespace example {

using strata::AssetContext;
using strata::col;
using strata::DataFrame;
using strata::Series;

namespace {

constexpr const char* kCategories[] = {"books",  "electronics", "garden", "toys",   "grocery", "sports",
                                       "beauty", "music",       "office", "health", "pets",    "travel"};

DataFrame generate_transactions(int64_t rows, uint64_t seed) {
  std::vector<std::string> categories;
  std::vector<double> amounts;
  std::vector<int64_t> quantities;
  categories.reserve(static_cast<size_t>(rows));
  amounts.reserve(static_cast<size_t>(rows));
  quantities.reserve(static_cast<size_t>(rows));
  uint64_t state = seed;
  for (int64_t i = 0; i < rows; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const uint64_t bits = state >> 20;
    categories.emplace_back(kCategories[bits % 12]);
    amounts.push_back(static_cast<double>((bits >> 4) % 100000) / 100.0);
    quantities.push_back(static_cast<int64_t>((bits >> 24) % 9) + 1);
  }
  return DataFrame({Series::from("category", categories), Series::from("amount", amounts),
                    Series::from("quantity", quantities)});
}

}  // namespace

void add_large_assets(strata::Definitions& defs) {
  using strata::ConfigField;
  defs.asset("large/transactions",
             [](AssetContext& ctx) {
               const int64_t rows = ctx.config()["rows"].get<int64_t>();
               ctx.info("generating " + std::to_string(rows) + " transactions");
               return generate_transactions(rows, static_cast<uint64_t>(ctx.config()["seed"].get<int64_t>()));
             })
      .group("large")
      .description("A large generated table of transactions")
      .config_schema(strata::ConfigSchema({
          ConfigField::integer("rows").default_to(2'000'000).describe("rows to generate"),
          ConfigField::integer("seed").default_to(42),
      }));

  defs.asset("large/category_totals", {"large/transactions"},
             [](const DataFrame& transactions) {
               return transactions.with_columns({(col("amount") * col("quantity")).alias("revenue")})
                   .group_by({"category"})
                   .agg({col("revenue").sum().round(2).alias("revenue"), col("quantity").sum().alias("units"),
                         col("amount").count().alias("transactions"), col("amount").mean().round(2).alias("avg_amount")})
                   .sort("revenue", {.descending = {true}});
             })
      .group("large")
      .description("Revenue, units and transactions per category")
      .tag("tier", "gold");
}

}  // namespace example
