#pragma once
// Compile-time facts about a callable (lambda, function pointer, functor
// with one non-template call operator): its result and argument types.
// Generic lambdas (auto parameters) have no fixed signature and are not
// supported; the static_assert below says so.
#include <tuple>
#include <type_traits>

namespace strata::internal {

template <class R, class... A>
struct signature {
  using result = R;
  using arguments = std::tuple<A...>;
  static constexpr size_t arity = sizeof...(A);
};

template <class F, class = void>
struct callable_traits {
  static_assert(sizeof(F) == 0,
                "compute functions must have a fixed signature: spell out the parameter types "
                "(no 'auto' parameters)");
};
template <class F>
struct callable_traits<F, std::void_t<decltype(&F::operator())>> : callable_traits<decltype(&F::operator())> {};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...) const, void> : signature<R, A...> {};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...), void> : signature<R, A...> {};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...) const noexcept, void> : signature<R, A...> {};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...) noexcept, void> : signature<R, A...> {};
template <class R, class... A>
struct callable_traits<R (*)(A...), void> : signature<R, A...> {};
template <class R, class... A>
struct callable_traits<R(A...), void> : signature<R, A...> {};

template <class F>
using traits_of = callable_traits<std::remove_cvref_t<F>>;

}  // namespace strata::internal
