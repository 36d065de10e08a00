#pragma once
// The example pipeline's definitions, one function per group of assets.
#include <filesystem>
#include <string>
#include <vector>

#include <strata/io/parquet.hpp>
#include <strata/strata.hpp>

namespace example {

/// Where the pipeline reads its input files and writes the files it makes
/// itself (the Parquet folder of sales parts). A resource, so that both
/// folders come from config: `--set resources.example_data.config.data_dir=...`
/// or the environment variable STRATA_EXAMPLE_DATA_DIR.
struct ExampleData {
  std::filesystem::path data_dir;
  std::filesystem::path scratch_dir;

  /// Files in data_dir whose names match `pattern` ('*' and '?'), sorted.
  /// Throws strata::IOError when none match.
  std::vector<std::filesystem::path> glob(const std::string& pattern) const;
};

void add_example_data_resource(strata::Definitions& defs);
/// raw/events (a declared schema) and events/enriched (a computed column).
void add_event_assets(strata::Definitions& defs);
/// sales/parts (a folder of Parquet files) and sales/by_region (a scan of
/// the folder that filters, groups and sums).
void add_sales_assets(strata::Definitions& defs);
/// large/transactions (a generated dataset) and large/category_totals.
void add_large_assets(strata::Definitions& defs);
/// raw/orders (external: a glob of CSV files) and orders/by_category.
void add_order_assets(strata::Definitions& defs);
/// orders/monthly, orders/monthly_revenue and orders/trailing_quarter:
/// monthly partitions of the orders, the last reading three months each.
void add_monthly_assets(strata::Definitions& defs);

}  // namespace example
