#pragma once
// The point where an asset's declared schema is enforced: after the compute
// function returns and before the value is stored. The validation layer
// plugs its richer schemas (column constraints, reports) in through this
// interface; expect_schema() is the built-in structural check.
#include <memory>
#include <string>

#include "strata/core/types.hpp"
#include "strata/orchestrate/asset_key.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata {

class SchemaHook {
 public:
  virtual ~SchemaHook() = default;
  /// One line for listings, e.g. "{id: i64, name: str}".
  virtual std::string describe() const = 0;
  /// Checks the value about to be stored for `key`. Throws a strata::Error
  /// (the step fails without retrying) naming the problem; may add entries
  /// to `metadata` (a validation report, say) that are recorded with the
  /// materialization.
  virtual void check(const AssetKey& key, const Value& value, Metadata& metadata) const = 0;
};

struct ExpectSchemaOptions {
  /// Columns beyond the declared ones are allowed (kept, not checked).
  bool allow_extra_columns = false;
  /// Declared columns must appear in the declared order.
  bool check_order = false;
  /// A declared non-nullable field must have no nulls.
  bool check_nullability = true;
};

/// A hook that requires a DataFrame with the declared columns and types
/// (and nullability). The error lists every mismatch: missing columns (with
/// a "did you mean"), wrong types, unexpected columns, nulls.
std::shared_ptr<SchemaHook> expect_schema(Schema schema, ExpectSchemaOptions options = {});

}  // namespace strata
