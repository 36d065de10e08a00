#include "strata/core/builder.hpp"

#include <algorithm>
#include <unordered_map>

#include "strata/core/error.hpp"
#include "strata/core/type_dispatch.hpp"

namespace strata {

// ---- ValidityBuilder -------------------------------------------------------

void ValidityBuilder::reserve(int64_t capacity) {
  if (bits_) ensure(capacity);
  capacity_ = std::max(capacity_, capacity);
}

void ValidityBuilder::ensure(int64_t bits) {
  const int64_t bytes = bitmap::bytes_for(bits);
  if (bytes > bits_->size()) {
    const int64_t old = bits_->size();
    bits_->resize(std::max(bytes, old * 2 + 8));
    std::memset(bits_->data() + old, 0, static_cast<size_t>(bits_->size() - old));
  }
}

void ValidityBuilder::materialize() {
  bits_ = Buffer::zeroed(bitmap::bytes_for(std::max(capacity_, length_ + 1)));
  for (int64_t i = 0; i < length_; ++i) bitmap::set(bits_->data(), i);
}

void ValidityBuilder::append_valid(int64_t count) {
  if (bits_) {
    ensure(length_ + count);
    for (int64_t i = 0; i < count; ++i) bitmap::set(bits_->data(), length_ + i);
  }
  length_ += count;
}

void ValidityBuilder::finish_into(ArrayData& data) {
  data.validity = std::move(bits_);
  if (data.validity) data.validity->resize(bitmap::bytes_for(length_));
  finish_validity(data);
  length_ = 0;
  capacity_ = 0;
}

// ---- BoolBuilder -------------------------------------------------------------

void BoolBuilder::reserve(int64_t capacity) {
  values_->reserve(bitmap::bytes_for(capacity));
  validity_.reserve(capacity);
}

void BoolBuilder::append(bool value) {
  append_bit(value);
  validity_.append(true);
}

void BoolBuilder::append_null() {
  append_bit(false);
  validity_.append(false);
}

void BoolBuilder::append_bit(bool value) {
  const int64_t bytes = bitmap::bytes_for(length_ + 1);
  if (bytes > values_->size()) {
    values_->resize(bytes);
    values_->data()[bytes - 1] = 0;
  }
  bitmap::set_to(values_->data(), length_++, value);
}

Array BoolBuilder::finish() {
  auto data = std::make_shared<ArrayData>();
  data->type = DataType::boolean();
  data->length = length_;
  values_->resize(bitmap::bytes_for(length_));
  data->values = std::move(values_);
  validity_.finish_into(*data);
  values_ = Buffer::allocate(0);
  length_ = 0;
  return Array(std::move(data));
}

// ---- StringBuilder -----------------------------------------------------------

StringBuilder::StringBuilder(DataType type) : type_(std::move(type)) {}

void StringBuilder::reserve(int64_t capacity) {
  views_.reserve(static_cast<size_t>(capacity));
  validity_.reserve(capacity);
}

void StringBuilder::append(std::string_view value) {
  if (value.size() > UINT32_MAX) throw InvalidInputError("string value longer than 4 GiB");
  if (value.size() <= StringView::kInlineSize) {
    views_.push_back(StringView::make_inline(value));
  } else {
    const auto size = static_cast<int64_t>(value.size());
    if (!current_ || current_->size() + size > std::max(kDataBufferSize, current_->capacity())) {
      current_ = Buffer::allocate(0);
      current_->reserve(std::max(kDataBufferSize, size));
      buffers_.push_back(current_);
    }
    const int64_t offset = current_->size();
    current_->resize(offset + size);
    std::memcpy(current_->data() + offset, value.data(), value.size());
    views_.push_back(StringView::make_ref(value, static_cast<uint32_t>(buffers_.size() - 1),
                                          static_cast<uint32_t>(offset)));
  }
  validity_.append(true);
}

void StringBuilder::append_null() {
  views_.push_back(StringView::make_inline({}));
  validity_.append(false);
}

uint32_t StringBuilder::buffer_for_shared(const ArrayData& source, uint32_t index) {
  if (last_shared_source_ != &source) {
    last_shared_source_ = &source;
    shared_index_map_.assign(source.string_data.size(), -1);
  }
  if (shared_index_map_[index] < 0) {
    buffers_.push_back(source.string_data[index]);
    current_.reset();  // never append into a shared buffer
    shared_index_map_[index] = static_cast<int64_t>(buffers_.size() - 1);
  }
  return static_cast<uint32_t>(shared_index_map_[index]);
}

void StringBuilder::append_view_from(const Array& source, int64_t row) {
  if (source.is_null(row)) {
    append_null();
    return;
  }
  StringView view = source.views()[row];
  if (!view.is_inline()) view.ref.buffer_index = buffer_for_shared(source.data(), view.ref.buffer_index);
  views_.push_back(view);
  validity_.append(true);
}

Array StringBuilder::finish() {
  auto data = std::make_shared<ArrayData>();
  data->type = type_;
  data->length = static_cast<int64_t>(views_.size());
  data->values = Buffer::copy_of(views_.data(), static_cast<int64_t>(views_.size() * sizeof(StringView)));
  data->string_data = std::move(buffers_);
  validity_.finish_into(*data);
  views_.clear();
  buffers_.clear();
  current_.reset();
  last_shared_source_ = nullptr;
  return Array(std::move(data));
}

// ---- Convenience constructors --------------------------------------------------

Array make_int64_array(const std::vector<std::optional<int64_t>>& values) {
  FixedWidthBuilder<int64_t> builder(DataType::int64());
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const auto& v : values) builder.append(v);
  return builder.finish();
}

Array make_float64_array(const std::vector<std::optional<double>>& values) {
  FixedWidthBuilder<double> builder(DataType::float64());
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const auto& v : values) builder.append(v);
  return builder.finish();
}

Array make_bool_array(const std::vector<std::optional<bool>>& values) {
  BoolBuilder builder;
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const auto& v : values) builder.append(v);
  return builder.finish();
}

Array make_string_array(const std::vector<std::optional<std::string>>& values) {
  StringBuilder builder;
  builder.reserve(static_cast<int64_t>(values.size()));
  for (const auto& v : values) {
    if (v) builder.append(std::string_view(*v)); else builder.append_null();
  }
  return builder.finish();
}

Array make_array_from_scalar(const Scalar& value, int64_t length) {
  const DataType& type = value.type();
  if (value.is_null() || type.id() == TypeId::Null) return make_null_array(type, length);
  return visit_physical(type, [&](auto tag) -> Array {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag>) {
      BoolBuilder builder;
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(value.as_bool());
      return builder.finish();
    } else if constexpr (std::is_same_v<T, StringTag>) {
      StringBuilder builder(type);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(std::string_view(value.as_string()));
      return builder.finish();
    } else if constexpr (std::is_same_v<T, uint32_t>) {
      if (type.id() == TypeId::Categorical) {
        StringBuilder dictionary;
        dictionary.append(std::string_view(value.as_string()));
        FixedWidthBuilder<uint32_t> codes(type);
        codes.reserve(length);
        for (int64_t i = 0; i < length; ++i) codes.append(0u);
        Array array = codes.finish();
        auto data = std::make_shared<ArrayData>(array.data());
        data->dictionary = dictionary.finish().data_ptr();
        return Array(std::move(data));
      }
      FixedWidthBuilder<uint32_t> builder(type);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(static_cast<uint32_t>(value.as_uint64()));
      return builder.finish();
    } else if constexpr (std::is_same_v<T, Int128>) {
      FixedWidthBuilder<Int128> builder(type);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(value.as_int128());
      return builder.finish();
    } else if constexpr (std::is_floating_point_v<T>) {
      FixedWidthBuilder<T> builder(type);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(static_cast<T>(value.as_double()));
      return builder.finish();
    } else if constexpr (std::is_unsigned_v<T>) {
      FixedWidthBuilder<T> builder(type);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(static_cast<T>(value.as_uint64()));
      return builder.finish();
    } else if constexpr (std::is_integral_v<T>) {
      FixedWidthBuilder<T> builder(type);
      builder.reserve(length);
      for (int64_t i = 0; i < length; ++i) builder.append(static_cast<T>(value.as_int64()));
      return builder.finish();
    } else {
      throw UnsupportedError("cannot broadcast a scalar of type " + type.to_string());
    }
  });
}

Scalar array_value(const Array& array, int64_t i) {
  const DataType& type = array.type();
  if (i < 0 || i >= array.length())
    throw InvalidInputError("row index " + std::to_string(i) + " out of bounds for length " +
                            std::to_string(array.length()));
  if (array.is_null(i)) return Scalar::null(type);
  return visit_physical(type, [&](auto tag) -> Scalar {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, BoolTag>) {
      return Scalar(type, array.bool_at(i));
    } else if constexpr (std::is_same_v<T, StringTag>) {
      return Scalar(type, std::string(array.string_at(i)));
    } else if constexpr (std::is_same_v<T, NullTag>) {
      return Scalar::null(type);
    } else if constexpr (std::is_same_v<T, NestedTag>) {
      return Scalar(DataType::string(), array.value_to_string(i));
    } else if constexpr (std::is_same_v<T, uint32_t>) {
      if (type.id() == TypeId::Categorical) return Scalar(type, std::string(array.category_at(i)));
      return Scalar(type, uint64_t{array.values<uint32_t>()[i]});
    } else if constexpr (std::is_same_v<T, Int128>) {
      return Scalar(type, array.values<Int128>()[i]);
    } else if constexpr (std::is_floating_point_v<T>) {
      return Scalar(type, static_cast<double>(array.values<T>()[i]));
    } else if constexpr (std::is_unsigned_v<T>) {
      return Scalar(type, static_cast<uint64_t>(array.values<T>()[i]));
    } else {
      return Scalar(type, static_cast<int64_t>(array.values<T>()[i]));
    }
  });
}

Array concat_arrays(const std::vector<Array>& arrays) {
  if (arrays.empty()) return Array();
  if (arrays.size() == 1) return arrays[0];
  const DataType& type = arrays[0].type();
  int64_t total = 0;
  for (const auto& a : arrays) {
    if (a.type() != type)
      throw SchemaError("cannot concatenate arrays of types " + type.to_string() + " and " + a.type().to_string());
    total += a.length();
  }
  if (type.id() == TypeId::Categorical) {
    std::vector<Array> decoded;
    for (const auto& a : arrays) decoded.push_back(decode_categorical(a));
    return make_categorical(concat_arrays(decoded));
  }
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = total;
  bool any_nulls = false;
  for (const auto& a : arrays) any_nulls |= a.null_count() > 0;
  if (type.id() == TypeId::Null) {
    data->null_count = total;
    return Array(std::move(data));
  }
  if (any_nulls) {
    data->validity = bitmap::make_zeroed(total);
    int64_t at = 0;
    for (const auto& a : arrays) {
      if (a.null_count() == 0) {
        for (int64_t i = 0; i < a.length(); ++i) bitmap::set(data->validity->data(), at + i);
      } else {
        bitmap::copy_bits(a.validity_bits(), 0, data->validity->data(), at, a.length());
      }
      at += a.length();
    }
  }
  if (type.id() == TypeId::Bool) {
    data->values = bitmap::make_zeroed(total);
    int64_t at = 0;
    for (const auto& a : arrays) {
      bitmap::copy_bits(a.bool_bits(), 0, data->values->data(), at, a.length());
      at += a.length();
    }
  } else if (type.id() == TypeId::List) {
    data->values = Buffer::allocate((total + 1) * 8);
    int64_t* offsets = data->values->as<int64_t>();
    offsets[0] = 0;
    int64_t at = 0;
    std::vector<Array> items;
    for (const auto& a : arrays) {
      const int64_t* src = a.list_offsets();
      for (int64_t i = 0; i < a.length(); ++i) offsets[at + i + 1] = offsets[at] + (src[i + 1] - src[0]);
      items.push_back(a.list_items().slice(src[0], src[a.length()] - src[0]));
      at += a.length();
    }
    data->children.push_back(concat_arrays(items).data_ptr());
  } else if (type.id() == TypeId::Struct) {
    for (size_t f = 0; f < type.fields().size(); ++f) {
      std::vector<Array> parts;
      for (const auto& a : arrays) parts.push_back(a.struct_field(static_cast<int64_t>(f)));
      data->children.push_back(concat_arrays(parts).data_ptr());
    }
  } else {
    const int width = type.byte_width();
    data->values = Buffer::allocate(total * width);
    int64_t at = 0;
    for (size_t k = 0; k < arrays.size(); ++k) {
      const Array& a = arrays[k];
      uint8_t* dst = data->values->data() + at * width;
      std::memcpy(dst, a.data().values->data(), static_cast<size_t>(a.length() * width));
      if (type.is_string_like()) {
        // Re-point out-of-line views at the concatenated buffer list.
        const auto base = static_cast<uint32_t>(data->string_data.size());
        auto* views = reinterpret_cast<StringView*>(dst);
        if (base != 0)
          for (int64_t i = 0; i < a.length(); ++i)
            if (!views[i].is_inline()) views[i].ref.buffer_index += base;
        for (const auto& b : a.data().string_data) data->string_data.push_back(b);
      }
      at += a.length();
    }
  }
  finish_validity(*data);
  return Array(std::move(data));
}

Array make_categorical(const Array& strings) {
  if (strings.type().id() == TypeId::Categorical) return strings;
  if (strings.type().id() != TypeId::String)
    throw TypeError("categorical arrays are built from strings, got " + strings.type().to_string());
  std::unordered_map<std::string_view, uint32_t> codes_of;
  StringBuilder dictionary;
  FixedWidthBuilder<uint32_t> codes(DataType::categorical());
  codes.reserve(strings.length());
  std::vector<std::string> keep_alive;  // dictionary strings referenced by the map
  for (int64_t i = 0; i < strings.length(); ++i) {
    if (strings.is_null(i)) {
      codes.append_null();
      continue;
    }
    const std::string_view text = strings.string_at(i);
    auto [it, inserted] = codes_of.try_emplace(text, static_cast<uint32_t>(codes_of.size()));
    if (inserted) dictionary.append(text);
    codes.append(it->second);
  }
  Array array = codes.finish();
  auto data = std::make_shared<ArrayData>(array.data());
  data->dictionary = dictionary.finish().data_ptr();
  return Array(std::move(data));
}

Array decode_categorical(const Array& categorical) {
  if (categorical.type().id() != TypeId::Categorical) return categorical;
  const Array dictionary = categorical.dictionary();
  StringBuilder builder;
  builder.reserve(categorical.length());
  for (int64_t i = 0; i < categorical.length(); ++i) {
    if (categorical.is_null(i)) builder.append_null();
    else builder.append_view_from(dictionary, categorical.codes()[i]);
  }
  return builder.finish();
}

}  // namespace strata
