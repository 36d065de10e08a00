#include "validate/internal/lossless_cast.hpp"

#include <cstring>

#include "strata/compute/cast.hpp"
#include "strata/compute/comparison.hpp"

namespace strata::validate_internal {

namespace {

uint64_t word_at(const uint8_t* bits, int64_t word) {
  if (bits == nullptr) return ~uint64_t{0};
  uint64_t value;
  std::memcpy(&value, bits + word * 8, 8);
  return value;
}

// Bits of rows valid in `input` and null in `output`, or-ed with `differs`
// (a Bool array, true where the round trip changed the value).
Violations lost_rows(const Array& input, const Array& output, const Array* differs) {
  const int64_t length = input.length();
  if (length == 0) return {};
  const uint8_t* in_valid = input.null_count() > 0 ? input.validity_bits() : nullptr;
  const uint8_t* out_valid = output.null_count() > 0 ? output.validity_bits() : nullptr;
  const bool compare_values = differs != nullptr && differs->null_count() < differs->length();
  const uint8_t* differ_bits = compare_values ? differs->bool_bits() : nullptr;
  const uint8_t* differ_valid = compare_values && differs->null_count() > 0 ? differs->validity_bits() : nullptr;
  if (input.type().id() == TypeId::Null) return {};
  const int64_t words = (length + 63) / 64;
  BufferPtr bits = Buffer::allocate(words * 8);
  for (int64_t w = 0; w < words; ++w) {
    uint64_t lost = ~word_at(out_valid, w);
    if (differ_bits != nullptr) lost |= word_at(differ_bits, w) & word_at(differ_valid, w);
    const uint64_t word = lost & word_at(in_valid, w);
    std::memcpy(bits->data() + w * 8, &word, 8);
  }
  return violations_from_bits(std::move(bits), length);
}

}  // namespace

LosslessCast cast_losslessly(const Array& input, const DataType& target) {
  Array output = compute::cast(input, target, CastMode::NullOnFailure);
  const TypeId from = input.type().id();
  if (from == TypeId::String || from == TypeId::Categorical || from == TypeId::Null) {
    Violations failures = lost_rows(input, output, nullptr);
    return {std::move(output), std::move(failures)};
  }
  const Array back = compute::cast(output, input.type(), CastMode::NullOnFailure);
  const Array differs = compute::compare(compute::CompareOp::NotEqual, back, input);
  Violations failures = lost_rows(input, output, &differs);
  return {std::move(output), std::move(failures)};
}

}  // namespace strata::validate_internal
