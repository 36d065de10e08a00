#pragma once
// What an asset or op produces and what its downstream consumers receive: a
// DataFrame, a JSON-able plain value, or nothing. IO managers know how to
// persist each kind; a new kind (LazyFrame) becomes a new alternative here.
#include <map>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "strata/frame/dataframe.hpp"

namespace strata {

using Json = nlohmann::json;

/// Metadata attached to events and materializations: a JSON object whose
/// entries are shown by the command line (`asset KEY`) and stored verbatim.
using Metadata = Json;

enum class ValueKind { None, Frame, Json };

/// Name of a value kind for messages: "none", "DataFrame", "json".
const char* value_kind_name(ValueKind kind);

/// A step's output. Cheap to copy (DataFrame columns are shared).
class Value {
 public:
  Value() = default;
  Value(DataFrame frame) : data_(std::move(frame)) {}  // NOLINT: implicit by design
  Value(Json json) : data_(std::move(json)) {}         // NOLINT: implicit by design

  ValueKind kind() const { return static_cast<ValueKind>(data_.index()); }
  bool is_none() const { return kind() == ValueKind::None; }
  bool is_frame() const { return kind() == ValueKind::Frame; }
  bool is_json() const { return kind() == ValueKind::Json; }

  /// The DataFrame; throws TypeError naming the actual kind otherwise.
  const DataFrame& frame() const;
  /// The JSON value; throws TypeError naming the actual kind otherwise.
  const Json& json() const;

 private:
  std::variant<std::monostate, DataFrame, Json> data_;
};

/// Several named outputs of one multi-asset or op invocation.
using Outputs = std::map<std::string, Value>;

}  // namespace strata
