#pragma once
// Maps a runtime type to its physical C++ value type, so a kernel is written
// once as a template and dispatched here. Types without a fixed-width value
// (Bool, String/Binary, Null, Categorical, List, Struct) get tag types.
#include <type_traits>

#include "strata/core/error.hpp"
#include "strata/core/scalar.hpp"
#include "strata/core/types.hpp"

namespace strata {

struct BoolTag {};
struct StringTag {};
struct NullTag {};
struct NestedTag {};

template <typename T> struct PhysicalTag { using type = T; };

/// Calls fn(PhysicalTag<T>{}) where T is the physical value type of `type`:
/// integer/float C types, Int128 for Decimal, int32_t for Date, int64_t for
/// Time/Timestamp/Duration, uint32_t for Categorical codes; BoolTag,
/// StringTag (String, Binary), NullTag and NestedTag (List, Struct).
template <typename Fn>
decltype(auto) visit_physical(const DataType& type, Fn&& fn) {
  switch (type.id()) {
    case TypeId::Null: return fn(PhysicalTag<NullTag>{});
    case TypeId::Bool: return fn(PhysicalTag<BoolTag>{});
    case TypeId::Int8: return fn(PhysicalTag<int8_t>{});
    case TypeId::Int16: return fn(PhysicalTag<int16_t>{});
    case TypeId::Int32: return fn(PhysicalTag<int32_t>{});
    case TypeId::Int64: return fn(PhysicalTag<int64_t>{});
    case TypeId::UInt8: return fn(PhysicalTag<uint8_t>{});
    case TypeId::UInt16: return fn(PhysicalTag<uint16_t>{});
    case TypeId::UInt32: return fn(PhysicalTag<uint32_t>{});
    case TypeId::UInt64: return fn(PhysicalTag<uint64_t>{});
    case TypeId::Float32: return fn(PhysicalTag<float>{});
    case TypeId::Float64: return fn(PhysicalTag<double>{});
    case TypeId::Decimal: return fn(PhysicalTag<Int128>{});
    case TypeId::String:
    case TypeId::Binary: return fn(PhysicalTag<StringTag>{});
    case TypeId::Date: return fn(PhysicalTag<int32_t>{});
    case TypeId::Time:
    case TypeId::Timestamp:
    case TypeId::Duration: return fn(PhysicalTag<int64_t>{});
    case TypeId::Categorical: return fn(PhysicalTag<uint32_t>{});
    case TypeId::List:
    case TypeId::Struct: return fn(PhysicalTag<NestedTag>{});
  }
  throw InternalError("unhandled type in visit_physical");
}

/// True for the C types that hold fixed-width values.
template <typename T>
inline constexpr bool is_fixed_width_v = std::is_arithmetic_v<T> || std::is_same_v<T, Int128>;

}  // namespace strata
