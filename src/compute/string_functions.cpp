#include "strata/compute/string_functions.hpp"

#include <vector>

#include "compute/internal/elementwise.hpp"
#include "compute/internal/string_kernel_support.hpp"
#include "compute/internal/substring_builder.hpp"
#include "compute/internal/utf8.hpp"
#include "strata/compute/cast.hpp"
#include "strata/core/error.hpp"

namespace strata::compute {

const char* string_function_name(StringFunction function) {
  switch (function) {
    case StringFunction::LenChars: return "len_chars";
    case StringFunction::LenBytes: return "len_bytes";
    case StringFunction::Contains: return "contains";
    case StringFunction::StartsWith: return "starts_with";
    case StringFunction::EndsWith: return "ends_with";
    case StringFunction::ToLowercase: return "to_lowercase";
    case StringFunction::ToUppercase: return "to_uppercase";
    case StringFunction::Strip: return "strip";
    case StringFunction::Replace: return "replace";
    case StringFunction::Slice: return "slice";
    case StringFunction::Split: return "split";
  }
  return "?";
}

DataType string_function_result_type(StringFunction function, const DataType& input) {
  const TypeId id = input.id();
  if (id != TypeId::String && id != TypeId::Categorical && id != TypeId::Null)
    throw TypeError(std::string("cannot apply str.") + string_function_name(function) + " to a value of type " +
                    input.to_string() + "; expected str or cat" +
                    (input.is_numeric() ? " (cast to str first)" : ""));
  switch (function) {
    case StringFunction::LenChars:
    case StringFunction::LenBytes: return DataType::uint32();
    case StringFunction::Contains:
    case StringFunction::StartsWith:
    case StringFunction::EndsWith: return DataType::boolean();
    case StringFunction::Split: return DataType::list(DataType::string());
    default: return DataType::string();
  }
}

namespace internal {

Array expand_by_codes(const Array& per_entry, const Array& categorical) {
  const int64_t length = categorical.length();
  const uint32_t* codes = categorical.codes();
  const auto entries = static_cast<uint32_t>(per_entry.length());
  const auto valid_code = [&](int64_t i) { return codes[i] < entries; };
  switch (per_entry.type().id()) {
    case TypeId::Bool: {
      BufferPtr bits = pack_bits(length, [&](int64_t i) { return valid_code(i) && per_entry.bool_at(codes[i]); });
      return make_result(DataType::boolean(), length, std::move(bits), categorical.data().validity);
    }
    case TypeId::UInt32: {
      const uint32_t* values = per_entry.values<uint32_t>();
      BufferPtr out = allocate_values<uint32_t>(length);
      for (int64_t i = 0; i < length; ++i) out->as<uint32_t>()[i] = valid_code(i) ? values[codes[i]] : 0;
      return make_result(DataType::uint32(), length, std::move(out), categorical.data().validity);
    }
    case TypeId::String: {
      SubstringBuilder builder(per_entry);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) {
        if (categorical.is_valid(i) && valid_code(i)) builder.append_whole(codes[i]);
        else builder.append_null();
      }
      return builder.finish();
    }
    default:
      throw InternalError("categorical expansion of " + per_entry.type().to_string());
  }
}

}  // namespace internal

namespace {

template <typename Predicate>
Array string_predicate(const Array& strings, Predicate&& predicate) {
  BufferPtr bits = internal::pack_bits(strings.length(), [&](int64_t i) { return predicate(strings.string_at(i)); });
  return internal::make_result(DataType::boolean(), strings.length(), std::move(bits), strings.data().validity);
}

template <typename Measure>
Array string_length(const Array& strings, Measure&& measure) {
  BufferPtr values = internal::allocate_values<uint32_t>(strings.length());
  uint32_t* out = values->as<uint32_t>();
  const StringView* views = strings.views();
  for (int64_t i = 0; i < strings.length(); ++i) out[i] = measure(strings, views[i]);
  return internal::make_result(DataType::uint32(), strings.length(), std::move(values), strings.data().validity);
}

// Code point membership for strip: a byte table for ASCII, a list beyond.
class CharacterSet {
 public:
  explicit CharacterSet(const std::string& characters) {
    size_t pos = 0;
    while (pos < characters.size()) {
      const uint32_t code = internal::utf8::decode(characters, pos);
      if (code < 128) ascii_[code] = true;
      else others_.push_back(code);
    }
  }
  bool contains(uint32_t code) const {
    if (code < 128) return ascii_[code];
    for (uint32_t other : others_)
      if (other == code) return true;
    return false;
  }

 private:
  bool ascii_[128] = {};
  std::vector<uint32_t> others_;
};

}  // namespace

Array str_len_chars(const Array& input) {
  return internal::run_string_kernel(StringFunction::LenChars, input, [](const Array& strings) {
    return string_length(strings, [](const Array& a, const StringView& view) {
      return static_cast<uint32_t>(internal::utf8::count_code_points(a.resolve(view)));
    });
  });
}

Array str_len_bytes(const Array& input) {
  return internal::run_string_kernel(StringFunction::LenBytes, input, [](const Array& strings) {
    return string_length(strings, [](const Array&, const StringView& view) { return view.size; });
  });
}

Array str_starts_with(const Array& input, const std::string& prefix) {
  return internal::run_string_kernel(StringFunction::StartsWith, input, [&](const Array& strings) {
    return string_predicate(strings, [&](std::string_view text) { return text.starts_with(prefix); });
  });
}

Array str_ends_with(const Array& input, const std::string& suffix) {
  return internal::run_string_kernel(StringFunction::EndsWith, input, [&](const Array& strings) {
    return string_predicate(strings, [&](std::string_view text) { return text.ends_with(suffix); });
  });
}

Array str_strip(const Array& input, const std::string& characters) {
  const CharacterSet set(characters);
  return internal::run_string_kernel(StringFunction::Strip, input, [&](const Array& strings) {
    internal::SubstringBuilder builder(strings);
    builder.reserve(strings.length());
    for (int64_t i = 0; i < strings.length(); ++i) {
      if (strings.is_null(i)) {
        builder.append_null();
        continue;
      }
      const std::string_view text = strings.string_at(i);
      size_t begin = 0;
      while (begin < text.size()) {
        size_t next = begin;
        if (!set.contains(internal::utf8::decode(text, next))) break;
        begin = next;
      }
      size_t end = text.size();
      while (end > begin) {
        size_t start = end - 1;
        while (start > begin && !internal::utf8::is_lead_byte(static_cast<unsigned char>(text[start]))) --start;
        size_t pos = start;
        if (!set.contains(internal::utf8::decode(text, pos))) break;
        end = start;
      }
      builder.append(i, begin, end - begin);
    }
    return builder.finish();
  });
}

Array str_slice(const Array& input, int64_t offset, std::optional<int64_t> length) {
  if (length && *length < 0)
    throw InvalidInputError("str.slice length must not be negative, got " + std::to_string(*length));
  return internal::run_string_kernel(StringFunction::Slice, input, [&](const Array& strings) {
    internal::SubstringBuilder builder(strings);
    builder.reserve(strings.length());
    for (int64_t i = 0; i < strings.length(); ++i) {
      if (strings.is_null(i)) {
        builder.append_null();
        continue;
      }
      const std::string_view text = strings.string_at(i);
      int64_t start = offset;
      if (start < 0) start = std::max<int64_t>(0, internal::utf8::count_code_points(text) + start);
      const size_t begin = internal::utf8::byte_offset(text, start);
      size_t end = text.size();
      if (length) end = begin + internal::utf8::byte_offset(text.substr(begin), *length);
      builder.append(i, begin, end - begin);
    }
    return builder.finish();
  });
}

Array str_split(const Array& input, const std::string& separator) {
  const DataType type = string_function_result_type(StringFunction::Split, input.type());
  if (input.type().id() == TypeId::Null) return make_null_array(type, input.length());
  const Array strings = cast(input, DataType::string());
  const int64_t length = strings.length();
  internal::SubstringBuilder items(strings);
  BufferPtr offsets = internal::allocate_values<int64_t>(length + 1);
  int64_t* offset = offsets->as<int64_t>();
  offset[0] = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (strings.is_valid(i)) {
      const std::string_view text = strings.string_at(i);
      if (separator.empty()) {
        for (size_t pos = 0; pos < text.size();) {
          const size_t begin = pos;
          internal::utf8::decode(text, pos);
          items.append(i, begin, pos - begin);
        }
      } else {
        size_t begin = 0;
        for (size_t found; (found = text.find(separator, begin)) != std::string_view::npos;) {
          items.append(i, begin, found - begin);
          begin = found + separator.size();
        }
        items.append(i, begin, text.size() - begin);
      }
    }
    offset[i + 1] = items.length();
  }
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = length;
  data->values = std::move(offsets);
  data->validity = strings.data().validity;
  data->children.push_back(items.finish().data_ptr());
  finish_validity(*data);
  return Array(std::move(data));
}

}  // namespace strata::compute
