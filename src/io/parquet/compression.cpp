#include "io/parquet/compression.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "io/parquet/parquet_error.hpp"

namespace strata::parquet {

namespace {

[[noreturn]] void fail(Codec codec, const std::string& problem) {
  throw_corrupt(codec_name(codec) + " page data " + problem);
}

void decompress_snappy(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  const char* in = reinterpret_cast<const char*>(input);
  size_t length = 0;
  if (!snappy::GetUncompressedLength(in, input_size, &length)) fail(Codec::Snappy, "has an invalid header");
  if (length != output_size)
    fail(Codec::Snappy, "decompresses to " + std::to_string(length) + " bytes, the page header says " +
                            std::to_string(output_size));
  if (!snappy::RawUncompress(in, input_size, reinterpret_cast<char*>(output))) fail(Codec::Snappy, "is corrupt");
}

// Output space for streaming decoders: grows geometrically up to the
// declared size, starting from a guess based on the input size.
class GrowingOutput {
 public:
  GrowingOutput(Buffer& out, size_t expected, size_t input_size)
      : out_(out), base_(static_cast<size_t>(out.size())), expected_(expected) {
    grow(std::min(expected, input_size * 8 + 65536));
  }
  uint8_t* next() { return out_.data() + base_ + produced_; }
  size_t available() const { return allocated_ - produced_; }
  void advance(size_t bytes) { produced_ += bytes; }
  size_t produced() const { return produced_; }
  bool full() const { return produced_ == expected_; }
  // More room, up to the declared size; false when it is already reached.
  bool grow_more() {
    if (allocated_ >= expected_) return false;
    grow(std::min(expected_, std::max(allocated_ * 2, size_t{65536})));
    return true;
  }

 private:
  void grow(size_t size) {
    allocated_ = size;
    out_.resize(static_cast<int64_t>(base_ + allocated_));
  }
  Buffer& out_;
  size_t base_;
  size_t expected_;
  size_t allocated_ = 0;
  size_t produced_ = 0;
};

[[noreturn]] void wrong_size(Codec codec, size_t produced_at_least, size_t expected, bool more) {
  fail(codec, "decompresses to " + std::string(more ? "more than " : "") + std::to_string(produced_at_least) +
                  " bytes, the page header says " + std::to_string(expected));
}

void decompress_gzip(const uint8_t* input, size_t input_size, size_t output_size, Buffer& buffer) {
  z_stream stream{};
  // 15 + 32: a 32K window with automatic gzip or zlib header detection.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) fail(Codec::Gzip, "cannot be decoded: zlib failed to initialise");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  GrowingOutput out(buffer, output_size, input_size);
  size_t in_pos = 0;
  while (true) {
    if (out.available() == 0 && !out.grow_more()) {
      if (in_pos < input_size) wrong_size(Codec::Gzip, output_size, output_size, true);
      break;
    }
    // zlib counts in uInt; feed at most 1 GiB per call.
    const size_t in_chunk = std::min<size_t>(input_size - in_pos, size_t{1} << 30);
    const size_t out_chunk = std::min<size_t>(out.available(), size_t{1} << 30);
    stream.next_in = const_cast<Bytef*>(input + in_pos);
    stream.avail_in = static_cast<uInt>(in_chunk);
    stream.next_out = out.next();
    stream.avail_out = static_cast<uInt>(out_chunk);
    const int result = inflate(&stream, Z_NO_FLUSH);
    in_pos += in_chunk - stream.avail_in;
    out.advance(out_chunk - stream.avail_out);
    if (result == Z_STREAM_END) {
      // Several gzip members may follow one another; decode them all.
      if (in_pos < input_size) {
        if (inflateReset(&stream) != Z_OK) fail(Codec::Gzip, "cannot be decoded");
        continue;
      }
      break;
    }
    if (result == Z_BUF_ERROR && in_chunk - stream.avail_in == 0 && out_chunk - stream.avail_out == 0) {
      if (out.available() > 0 || in_pos >= input_size) fail(Codec::Gzip, "is truncated");
      continue;
    }
    if (result != Z_OK) fail(Codec::Gzip, std::string("is corrupt (") + (stream.msg ? stream.msg : "zlib error") + ")");
  }
  if (!out.full()) wrong_size(Codec::Gzip, out.produced(), output_size, false);
}

void decompress_zstd(const uint8_t* input, size_t input_size, size_t output_size, Buffer& buffer) {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  GrowingOutput out(buffer, output_size, input_size);
  ZSTD_inBuffer in{input, input_size, 0};
  size_t last_hint = 1;
  while (true) {
    if (out.available() == 0 && !out.grow_more()) {
      if (last_hint == 0 && in.pos == in.size) break;  // every frame ended exactly
      // Declared size reached: the stream must not hold more output.
      uint8_t probe;
      ZSTD_outBuffer extra{&probe, 1, 0};
      while (true) {
        const size_t consumed_before = in.pos;
        const size_t hint = ZSTD_decompressStream(context.get(), &extra, &in);
        if (ZSTD_isError(hint)) fail(Codec::Zstd, std::string("is corrupt (") + ZSTD_getErrorName(hint) + ")");
        if (extra.pos > 0) wrong_size(Codec::Zstd, output_size, output_size, true);
        if (hint == 0 && in.pos == in.size) break;
        if (in.pos == consumed_before) fail(Codec::Zstd, "is truncated");
      }
      break;
    }
    ZSTD_outBuffer chunk{out.next(), out.available(), 0};
    const size_t hint = ZSTD_decompressStream(context.get(), &chunk, &in);
    if (ZSTD_isError(hint)) fail(Codec::Zstd, std::string("is corrupt (") + ZSTD_getErrorName(hint) + ")");
    last_hint = hint;
    out.advance(chunk.pos);
    if (in.pos == in.size && chunk.pos < chunk.size) break;  // all input consumed and flushed
  }
  if (!out.full()) wrong_size(Codec::Zstd, out.produced(), output_size, false);
}

void decompress_brotli(const uint8_t* input, size_t input_size, size_t output_size, Buffer& buffer) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  GrowingOutput out(buffer, output_size, input_size);
  size_t available_in = input_size;
  const uint8_t* next_in = input;
  while (true) {
    if (out.available() == 0 && !out.grow_more()) {
      uint8_t probe;
      size_t available_out = 1;
      uint8_t* next_out = &probe;
      const BrotliDecoderResult result =
          BrotliDecoderDecompressStream(state.get(), &available_in, &next_in, &available_out, &next_out, nullptr);
      if (available_out == 0) wrong_size(Codec::Brotli, output_size, output_size, true);
      if (result != BROTLI_DECODER_RESULT_SUCCESS) fail(Codec::Brotli, "is corrupt or truncated");
      break;
    }
    size_t available_out = out.available();
    uint8_t* next_out = out.next();
    const BrotliDecoderResult result =
        BrotliDecoderDecompressStream(state.get(), &available_in, &next_in, &available_out, &next_out, nullptr);
    out.advance(out.available() - available_out);
    if (result == BROTLI_DECODER_RESULT_SUCCESS) break;
    if (result == BROTLI_DECODER_RESULT_ERROR) fail(Codec::Brotli, "is corrupt");
    if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) fail(Codec::Brotli, "is truncated");
    // NEEDS_MORE_OUTPUT: loop and grow.
  }
  if (!out.full()) wrong_size(Codec::Brotli, out.produced(), output_size, false);
}

bool lz4_block(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  if (input_size > static_cast<size_t>(INT32_MAX) || output_size > static_cast<size_t>(INT32_MAX)) return false;
  const int result = LZ4_decompress_safe(reinterpret_cast<const char*>(input), reinterpret_cast<char*>(output),
                                         static_cast<int>(input_size), static_cast<int>(output_size));
  return result >= 0 && static_cast<size_t>(result) == output_size;
}

uint32_t load_big_endian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Hadoop's framing: blocks of [u32 BE decompressed size][u32 BE compressed
// size][raw LZ4 block].
bool lz4_hadoop(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  size_t in_pos = 0;
  size_t out_pos = 0;
  while (in_pos < input_size) {
    if (input_size - in_pos < 8) return false;
    const size_t decompressed = load_big_endian32(input + in_pos);
    const size_t compressed = load_big_endian32(input + in_pos + 4);
    in_pos += 8;
    if (compressed > input_size - in_pos || decompressed > output_size - out_pos) return false;
    if (!lz4_block(input + in_pos, compressed, output + out_pos, decompressed)) return false;
    in_pos += compressed;
    out_pos += decompressed;
  }
  return out_pos == output_size;
}

bool lz4_frame(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  LZ4F_dctx* context = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION))) return false;
  std::unique_ptr<LZ4F_dctx, LZ4F_errorCode_t (*)(LZ4F_dctx*)> guard(context, LZ4F_freeDecompressionContext);
  size_t in_pos = 0;
  size_t out_pos = 0;
  while (in_pos < input_size) {
    size_t in_chunk = input_size - in_pos;
    size_t out_chunk = output_size - out_pos;
    const size_t hint = LZ4F_decompress(context, output + out_pos, &out_chunk, input + in_pos, &in_chunk, nullptr);
    if (LZ4F_isError(hint)) return false;
    in_pos += in_chunk;
    out_pos += out_chunk;
    if (hint == 0) break;
    if (in_chunk == 0 && out_chunk == 0) return false;
  }
  return out_pos == output_size;
}

struct ZstdContextDeleter {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

}  // namespace

namespace {

// For the non-streaming codecs: the largest expansion each format can
// encode, with slack for headers.
void check_plausible(Codec codec, size_t input_size, size_t output_size) {
  const size_t max_ratio = codec == Codec::Snappy ? 32 : 256;
  const size_t slack = 4096;
  if (input_size > (SIZE_MAX - slack) / max_ratio) return;
  if (output_size > input_size * max_ratio + slack)
    fail(codec, "of " + std::to_string(input_size) + " bytes cannot decompress to the " + std::to_string(output_size) +
                    " bytes the page header says");
}

}  // namespace

void decompress_append(Codec codec, const uint8_t* input, size_t input_size, size_t output_size, Buffer& out) {
  switch (codec) {
    case Codec::Gzip: decompress_gzip(input, input_size, output_size, out); return;
    case Codec::Zstd: decompress_zstd(input, input_size, output_size, out); return;
    case Codec::Brotli: decompress_brotli(input, input_size, output_size, out); return;
    case Codec::Lzo: throw_unsupported("the LZO compression codec. Hint: rewrite the file with SNAPPY or ZSTD");
    case Codec::Uncompressed:
    case Codec::Snappy:
    case Codec::Lz4:
    case Codec::Lz4Raw: break;
    default: throw_unsupported(codec_name(codec) + " compression");
  }
  if (codec == Codec::Uncompressed) {
    if (input_size != output_size)
      throw_corrupt("an uncompressed page has " + std::to_string(input_size) + " bytes but its header says " +
                    std::to_string(output_size));
  } else {
    check_plausible(codec, input_size, output_size);
  }
  const auto base = static_cast<size_t>(out.size());
  out.resize(static_cast<int64_t>(base + output_size));
  uint8_t* output = out.data() + base;
  switch (codec) {
    case Codec::Uncompressed:
      if (input_size > 0) std::memcpy(output, input, input_size);
      return;
    case Codec::Snappy: decompress_snappy(input, input_size, output, output_size); return;
    case Codec::Lz4Raw:
      if (!lz4_block(input, input_size, output, output_size)) fail(codec, "is corrupt or has the wrong size");
      return;
    default:
      if (lz4_hadoop(input, input_size, output, output_size)) return;
      if (lz4_block(input, input_size, output, output_size)) return;
      if (lz4_frame(input, input_size, output, output_size)) return;
      fail(codec, "is corrupt in each known LZ4 framing (Hadoop, raw block, LZ4 frame)");
  }
}

void compress(Codec codec, int level, const uint8_t* input, size_t input_size, std::string& out) {
  const size_t start = out.size();
  switch (codec) {
    case Codec::Uncompressed:
      out.append(reinterpret_cast<const char*>(input), input_size);
      return;
    case Codec::Snappy: {
      out.resize(start + snappy::MaxCompressedLength(input_size));
      size_t length = 0;
      snappy::RawCompress(reinterpret_cast<const char*>(input), input_size, out.data() + start, &length);
      out.resize(start + length);
      return;
    }
    case Codec::Gzip: {
      z_stream stream{};
      if (deflateInit2(&stream, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK)
        throw InternalError("zlib failed to initialise for GZIP compression");
      std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, deflateEnd);
      out.resize(start + deflateBound(&stream, static_cast<uLong>(input_size)));
      stream.next_in = const_cast<Bytef*>(input);
      stream.avail_in = static_cast<uInt>(input_size);
      stream.next_out = reinterpret_cast<Bytef*>(out.data() + start);
      stream.avail_out = static_cast<uInt>(out.size() - start);
      if (deflate(&stream, Z_FINISH) != Z_STREAM_END) throw InternalError("GZIP compression did not finish");
      out.resize(start + stream.total_out);
      return;
    }
    case Codec::Zstd: {
      thread_local std::unique_ptr<ZSTD_CCtx, ZstdContextDeleter> context(ZSTD_createCCtx());
      out.resize(start + ZSTD_compressBound(input_size));
      const size_t length = ZSTD_compressCCtx(context.get(), out.data() + start, out.size() - start, input,
                                              input_size, level == 0 ? 3 : level);
      if (ZSTD_isError(length)) throw InternalError(std::string("ZSTD compression failed: ") + ZSTD_getErrorName(length));
      out.resize(start + length);
      return;
    }
    case Codec::Lz4Raw: {
      if (input_size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE))
        throw UnsupportedError("LZ4_RAW cannot compress a page of " + std::to_string(input_size) + " bytes");
      const int bound = LZ4_compressBound(static_cast<int>(input_size));
      out.resize(start + static_cast<size_t>(bound));
      const int length = LZ4_compress_default(reinterpret_cast<const char*>(input), out.data() + start,
                                              static_cast<int>(input_size), bound);
      if (length <= 0 && input_size > 0) throw InternalError("LZ4 compression failed");
      out.resize(start + static_cast<size_t>(std::max(length, 0)));
      return;
    }
    case Codec::Brotli: {
      size_t length = BrotliEncoderMaxCompressedSize(input_size);
      if (length == 0) length = input_size + 1024;
      out.resize(start + length);
      if (!BrotliEncoderCompress(level == 0 ? 5 : level, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input_size, input,
                                 &length, reinterpret_cast<uint8_t*>(out.data() + start)))
        throw InternalError("BROTLI compression failed");
      out.resize(start + length);
      return;
    }
    default: break;
  }
  throw UnsupportedError("writing Parquet with the " + codec_name(codec) +
                         " codec is not supported. Hint: use SNAPPY, ZSTD, GZIP, LZ4_RAW, BROTLI or no compression");
}

}  // namespace strata::parquet
