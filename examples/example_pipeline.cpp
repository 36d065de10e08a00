// The example job: read orders from CSV, clean and enrich them, and report
// revenue per category and month — the everyday work of a data team, in a
// native binary that starts in milliseconds.
//
//   example_pipeline [orders.csv]
#include <chrono>
#include <iostream>

#include <strata/strata.hpp>

using strata::col;
using strata::lit;

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : STRATA_EXAMPLE_DATA "/orders.csv";
  try {
    const auto started = std::chrono::steady_clock::now();
    strata::DataFrame orders = strata::read_csv(path);
    std::cout << "Read " << orders.height() << " orders from " << path << "\n" << orders.head(5) << "\n\n";

    // Clean: drop orders without an amount, keep what shipped.
    strata::DataFrame shipped = orders.drop_nulls({"amount"}).filter(col("status") == "shipped");

    // Enrich: revenue per line, the order's month, and a size band.
    strata::DataFrame enriched = shipped.with_columns({
        (col("amount") * col("quantity")).alias("revenue"),
        col("order_date").dt().truncate_month().alias("month"),
        strata::when(col("amount") >= 200).then(lit("large"))
            .when(col("amount") >= 50).then(lit("medium"))
            .otherwise(lit("small")).alias("band"),
    });

    // Report: revenue by category, largest first.
    strata::DataFrame by_category =
        enriched.group_by({"category"})
            .agg({col("revenue").sum().round(2).alias("revenue"), col("order_id").count().alias("orders"),
                  col("amount").mean().round(2).alias("avg_amount"),
                  col("customer").n_unique().alias("customers")})
            .sort("revenue", {.descending = {true}});
    std::cout << "Revenue by category (shipped orders)\n" << by_category << "\n\n";

    strata::DataFrame by_month = enriched.group_by({"month", "band"})
                                     .agg({col("revenue").sum().round(2).alias("revenue")})
                                     .sort({"month", "band"});
    std::cout << "Revenue by month and band\n" << by_month << "\n";

    const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    std::cout << "\nDone in " << elapsed.count() << " ms\n";
    return 0;
  } catch (const strata::Error& error) {
    std::cerr << "error (" << strata::error_kind_name(error.kind()) << "): " << error.what() << "\n";
    return 1;
  }
}
