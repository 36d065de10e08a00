#pragma once
// Turns a user's typed compute function into the uniform form the executor
// calls: (context, input values in declared order) -> named outputs.
//
// Accepted signatures, for a context type Ctx (AssetContext or OpContext):
//   R f(Ctx&, In1, In2, ...)   or   R f(In1, In2, ...)
// where each In is a DataFrame (by value or const&), Json, Value, or any
// type nlohmann::json converts to (int64_t, double, std::string,
// std::vector<...>, ...), and R is a DataFrame, Json, Value, Outputs (several
// named outputs), void (nothing to store) or any type JSON converts from.
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "strata/orchestrate/internal/callable_traits.hpp"
#include "strata/orchestrate/value.hpp"

namespace strata::internal {

using ErasedCompute = std::function<Outputs(void* context, const std::vector<Value>& inputs)>;

/// The erased function plus what the executor checks before calling it.
struct BoundCompute {
  ErasedCompute function;
  std::vector<ValueKind> input_kinds;  // per input: Frame, Json, or None (= any)
  bool returns_outputs = false;        // the function returns Outputs (several named outputs)
  bool returns_nothing = false;        // the function returns void
};

template <class T>
constexpr ValueKind expected_kind() {
  using D = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<D, Value>) {
    return ValueKind::None;
  } else if constexpr (std::is_same_v<D, DataFrame>) {
    return ValueKind::Frame;
  } else {
    return ValueKind::Json;
  }
}

template <class T>
decltype(auto) from_value(const Value& value) {
  using D = std::remove_cvref_t<T>;
  static_assert(!std::is_lvalue_reference_v<T> || std::is_const_v<std::remove_reference_t<T>>,
                "compute function inputs must be taken by value or const reference");
  if constexpr (std::is_same_v<D, Value>) {
    return (value);
  } else if constexpr (std::is_same_v<D, DataFrame>) {
    return value.frame();
  } else if constexpr (std::is_same_v<D, Json>) {
    return value.json();
  } else {
    return value.json().template get<D>();
  }
}

template <class R>
Value to_value(R&& result) {
  using D = std::remove_cvref_t<R>;
  if constexpr (std::is_same_v<D, Value> || std::is_same_v<D, DataFrame> || std::is_same_v<D, Json>) {
    return Value(std::forward<R>(result));
  } else {
    return Value(Json(std::forward<R>(result)));
  }
}

template <class Ctx, class F, class Args, size_t First, size_t... I>
decltype(auto) invoke_with_inputs(F& function, Ctx& context, const std::vector<Value>& inputs,
                                  std::index_sequence<I...>) {
  if constexpr (First == 1) {
    return function(context, from_value<std::tuple_element_t<First + I, Args>>(inputs[I])...);
  } else {
    (void)context;
    return function(from_value<std::tuple_element_t<First + I, Args>>(inputs[I])...);
  }
}

/// Wraps `function` for context type Ctx. The context parameter is optional.
template <class Ctx, class F>
BoundCompute bind_compute(F function) {
  using Traits = traits_of<F>;
  using Args = typename Traits::arguments;
  using Result = std::remove_cvref_t<typename Traits::result>;
  constexpr bool takes_context = [] {
    if constexpr (Traits::arity > 0) {
      return std::is_same_v<std::tuple_element_t<0, Args>, Ctx&>;
    } else {
      return false;
    }
  }();
  constexpr size_t first = takes_context ? 1 : 0;
  constexpr size_t input_count = Traits::arity - first;

  BoundCompute bound;
  bound.returns_outputs = std::is_same_v<Result, Outputs>;
  bound.returns_nothing = std::is_void_v<Result>;
  [&]<size_t... I>(std::index_sequence<I...>) {
    bound.input_kinds = {expected_kind<std::tuple_element_t<first + I, Args>>()...};
  }(std::make_index_sequence<input_count>{});
  bound.function = [function = std::move(function)](void* context, const std::vector<Value>& inputs) mutable -> Outputs {
    Ctx& typed = *static_cast<Ctx*>(context);
    auto sequence = std::make_index_sequence<input_count>{};
    if constexpr (std::is_void_v<Result>) {
      invoke_with_inputs<Ctx, F, Args, first>(function, typed, inputs, sequence);
      return Outputs{{"result", Value()}};
    } else if constexpr (std::is_same_v<Result, Outputs>) {
      return invoke_with_inputs<Ctx, F, Args, first>(function, typed, inputs, sequence);
    } else {
      return Outputs{{"result", to_value(invoke_with_inputs<Ctx, F, Args, first>(function, typed, inputs, sequence))}};
    }
  };
  return bound;
}

}  // namespace strata::internal
