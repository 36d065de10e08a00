#include "io/parquet/byte_stream_split_decoding.hpp"

#include "io/parquet/parquet_error.hpp"

namespace strata::parquet {

namespace {

template <int Width>
void interleave(const uint8_t* streams, int64_t count, uint8_t* out) {
  for (int64_t i = 0; i < count; ++i)
    for (int j = 0; j < Width; ++j) out[i * Width + j] = streams[j * count + i];
}

}  // namespace

void decode_byte_stream_split(const EncodedValues& input, int64_t count, PhysicalValues& out) {
  if (count <= 0) return;
  const PhysicalType type = out.type();
  if (type == PhysicalType::Boolean || type == PhysicalType::ByteArray || type == PhysicalType::Int96)
    throw_corrupt("BYTE_STREAM_SPLIT is used for a " + physical_type_name(type) + " column");
  const int width = out.value_width();
  if (static_cast<size_t>(count) > input.size / static_cast<size_t>(width))
    throw_corrupt("a BYTE_STREAM_SPLIT page of " + std::to_string(input.size) + " bytes is too short for " +
                  std::to_string(count) + " values of " + std::to_string(width) + " bytes");
  uint8_t* target = out.extend(count);
  switch (width) {
    case 4: interleave<4>(input.data, count, target); return;
    case 8: interleave<8>(input.data, count, target); return;
    default:
      for (int64_t i = 0; i < count; ++i)
        for (int j = 0; j < width; ++j) target[i * width + j] = input.data[j * count + i];
      return;
  }
}

}  // namespace strata::parquet
