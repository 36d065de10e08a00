// str.contains and str.replace, literal and RE2 regex.
#include <memory>

#include <re2/re2.h>

#include "compute/internal/elementwise.hpp"
#include "compute/internal/string_kernel_support.hpp"
#include "strata/core/builder.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {

namespace {

std::unique_ptr<RE2> compile_regex(const std::string& pattern, const char* function) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(pattern, options);
  if (!regex->ok())
    throw InvalidInputError(std::string("invalid regular expression '") + pattern + "' in str." + function + ": " +
                            regex->error() + "; the pattern uses RE2 syntax (pass regex=false for literal text)");
  return regex;
}

template <typename Predicate>
Array predicate_of(const Array& strings, Predicate&& predicate) {
  BufferPtr bits = internal::pack_bits(strings.length(), [&](int64_t i) { return predicate(strings.string_at(i)); });
  return internal::make_result(DataType::boolean(), strings.length(), std::move(bits), strings.data().validity);
}

// Rows whose text `rewrite` leaves unchanged (returns false) keep sharing
// the input's buffers.
template <typename Rewrite>
Array rewrite_strings(const Array& strings, Rewrite&& rewrite) {
  StringBuilder builder;
  builder.reserve(strings.length());
  std::string scratch;
  for (int64_t i = 0; i < strings.length(); ++i) {
    if (strings.is_null(i)) {
      builder.append_null();
    } else if (rewrite(strings.string_at(i), scratch)) {
      builder.append(std::string_view(scratch));
    } else {
      builder.append_view_from(strings, i);
    }
  }
  return builder.finish();
}

}  // namespace

Array str_contains(const Array& input, const std::string& pattern, bool regex) {
  if (!regex) {
    return internal::run_string_kernel(StringFunction::Contains, input, [&](const Array& strings) {
      return predicate_of(strings, [&](std::string_view text) { return text.find(pattern) != std::string_view::npos; });
    });
  }
  string_function_result_type(StringFunction::Contains, input.type());
  const auto compiled = compile_regex(pattern, "contains");
  return internal::run_string_kernel(StringFunction::Contains, input, [&](const Array& strings) {
    return predicate_of(strings, [&](std::string_view text) {
      return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *compiled);
    });
  });
}

Array str_replace(const Array& input, const std::string& pattern, const std::string& replacement, bool regex) {
  if (!regex) {
    return internal::run_string_kernel(StringFunction::Replace, input, [&](const Array& strings) {
      return rewrite_strings(strings, [&](std::string_view text, std::string& out) {
        if (pattern.empty()) return false;
        size_t found = text.find(pattern);
        if (found == std::string_view::npos) return false;
        out.clear();
        size_t begin = 0;
        for (; found != std::string_view::npos; found = text.find(pattern, begin)) {
          out.append(text.substr(begin, found - begin)).append(replacement);
          begin = found + pattern.size();
        }
        out.append(text.substr(begin));
        return true;
      });
    });
  }
  string_function_result_type(StringFunction::Replace, input.type());
  const auto compiled = compile_regex(pattern, "replace");
  std::string error;
  if (!compiled->CheckRewriteString(replacement, &error))
    throw InvalidInputError("invalid replacement '" + replacement + "' for the regular expression '" + pattern +
                            "' in str.replace: " + error);
  return internal::run_string_kernel(StringFunction::Replace, input, [&](const Array& strings) {
    return rewrite_strings(strings, [&](std::string_view text, std::string& out) {
      out.assign(text.data(), text.size());
      return RE2::GlobalReplace(&out, *compiled, replacement) > 0;
    });
  });
}

}  // namespace strata::compute
