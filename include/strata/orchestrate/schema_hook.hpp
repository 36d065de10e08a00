#pragma once
// The point where an asset's declared schema is enforced: after the compute
// function returns and before the value is stored. expect_schema() is the
// built-in structural check; validation_schema_hook.hpp adapts the
// validation layer's DataFrameSchema (column constraints, reports).
//
// Every check is recorded as an ASSET_CHECK event (data: "schema", "passed",
// and on failure "metadata", the entries the hook added). A failed check
// fails the step without retrying, and nothing of the step is stored.
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
  /// (the step fails without retrying) naming the problem. May add entries
  /// to `metadata` (a validation report, statistics): recorded with the
  /// materialization when the check passes, with the ASSET_CHECK event when
  /// it throws. May replace `value` by a converted one (columns cast to
  /// their declared types); what it leaves in `value` is what is stored.
  /// Called from executor threads: must be safe to call concurrently.
  virtual void check(const AssetKey& key, Value& value, Metadata& metadata) const = 0;
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
