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

void decompress_gzip(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  z_stream stream{};
  // 15 + 32: a 32K window with automatic gzip or zlib header detection.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) fail(Codec::Gzip, "cannot be decoded: zlib failed to initialise");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  size_t in_pos = 0;
  size_t out_pos = 0;
  while (true) {
    // zlib counts in uInt; feed at most 1 GiB per call.
    const size_t in_chunk = std::min<size_t>(input_size - in_pos, size_t{1} << 30);
    const size_t out_chunk = std::min<size_t>(output_size - out_pos, size_t{1} << 30);
    stream.next_in = const_cast<Bytef*>(input + in_pos);
    stream.avail_in = static_cast<uInt>(in_chunk);
    stream.next_out = output + out_pos;
    stream.avail_out = static_cast<uInt>(out_chunk);
    const int result = inflate(&stream, Z_NO_FLUSH);
    in_pos += in_chunk - stream.avail_in;
    out_pos += out_chunk - stream.avail_out;
    if (result == Z_STREAM_END) {
      // Several gzip members may follow one another; decode them all.
      if (in_pos < input_size && out_pos < output_size) {
        if (inflateReset(&stream) != Z_OK) fail(Codec::Gzip, "cannot be decoded");
        continue;
      }
      break;
    }
    if (result != Z_OK) fail(Codec::Gzip, std::string("is corrupt (") + (stream.msg ? stream.msg : "zlib error") + ")");
    if (in_chunk - stream.avail_in == 0 && out_chunk - stream.avail_out == 0) {
      if (out_pos == output_size) fail(Codec::Gzip, "decompresses to more bytes than the page header says");
      fail(Codec::Gzip, "is truncated");
    }
  }
  if (out_pos != output_size)
    fail(Codec::Gzip, "decompresses to " + std::to_string(out_pos) + " bytes, the page header says " +
                          std::to_string(output_size));
}

void decompress_zstd(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  const size_t result = ZSTD_decompress(output, output_size, input, input_size);
  if (ZSTD_isError(result)) fail(Codec::Zstd, std::string("is corrupt (") + ZSTD_getErrorName(result) + ")");
  if (result != output_size)
    fail(Codec::Zstd, "decompresses to " + std::to_string(result) + " bytes, the page header says " +
                          std::to_string(output_size));
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

void decompress_brotli(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  size_t decoded = output_size;
  const BrotliDecoderResult result = BrotliDecoderDecompress(input_size, input, &decoded, output);
  if (result != BROTLI_DECODER_RESULT_SUCCESS) fail(Codec::Brotli, "is corrupt or larger than the page header says");
  if (decoded != output_size)
    fail(Codec::Brotli, "decompresses to " + std::to_string(decoded) + " bytes, the page header says " +
                            std::to_string(output_size));
}

struct ZstdContextDeleter {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

}  // namespace

void check_decompressed_size_plausible(Codec codec, size_t input_size, size_t output_size) {
  // The largest expansion each format can encode, with slack for headers.
  size_t max_ratio = 0;
  switch (codec) {
    case Codec::Uncompressed: max_ratio = 1; break;
    case Codec::Snappy: max_ratio = 32; break;
    case Codec::Lz4:
    case Codec::Lz4Raw: max_ratio = 256; break;
    case Codec::Gzip: max_ratio = 1100; break;
    default: max_ratio = 1 << 16; break;  // zstd and brotli: generous
  }
  const size_t slack = codec == Codec::Uncompressed ? 0 : 4096;
  if (input_size > (SIZE_MAX - slack) / max_ratio) return;
  if (output_size > input_size * max_ratio + slack)
    fail(codec, "of " + std::to_string(input_size) + " bytes cannot decompress to the " + std::to_string(output_size) +
                    " bytes the page header says");
}

void decompress(Codec codec, const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  switch (codec) {
    case Codec::Uncompressed:
      if (input_size != output_size)
        throw_corrupt("an uncompressed page has " + std::to_string(input_size) + " bytes but its header says " +
                      std::to_string(output_size));
      if (input_size > 0) std::memcpy(output, input, input_size);
      return;
    case Codec::Snappy: decompress_snappy(input, input_size, output, output_size); return;
    case Codec::Gzip: decompress_gzip(input, input_size, output, output_size); return;
    case Codec::Zstd: decompress_zstd(input, input_size, output, output_size); return;
    case Codec::Lz4Raw:
      if (!lz4_block(input, input_size, output, output_size)) fail(codec, "is corrupt or has the wrong size");
      return;
    case Codec::Lz4:
      if (lz4_hadoop(input, input_size, output, output_size)) return;
      if (lz4_block(input, input_size, output, output_size)) return;
      if (lz4_frame(input, input_size, output, output_size)) return;
      fail(codec, "is corrupt in each known LZ4 framing (Hadoop, raw block, LZ4 frame)");
    case Codec::Brotli: decompress_brotli(input, input_size, output, output_size); return;
    case Codec::Lzo: throw_unsupported("the LZO compression codec. Hint: rewrite the file with SNAPPY or ZSTD");
  }
  throw_unsupported(codec_name(codec));
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
