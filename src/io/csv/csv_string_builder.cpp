#include "io/csv/csv_string_builder.hpp"

#include "io/csv/utf8_validation.hpp"
#include "strata/core/builder.hpp"

namespace strata::csv {

StringColumnBuilder::StringColumnBuilder(DataType type, const ColumnParseContext& context)
    : type_(std::move(type)), context_(context), check_utf8_(type_.id() != TypeId::Binary) {}

namespace {

// StringView::make_inline without library calls: fixed-size copies the
// compiler turns into moves (two overlapping ones cover 4..12 bytes).
StringView inline_view(std::string_view text) {
  StringView view;
  std::memset(&view, 0, sizeof view);
  const size_t size = text.size();
  view.size = static_cast<uint32_t>(size);
  const char* source = text.data();
  if (size >= 8) {
    std::memcpy(view.inlined, source, 8);
    std::memcpy(view.inlined + size - 4, source + size - 4, 4);
  } else if (size >= 4) {
    std::memcpy(view.inlined, source, 4);
    std::memcpy(view.inlined + size - 4, source + size - 4, 4);
  } else {
    for (size_t i = 0; i < size; ++i) view.inlined[i] = source[i];
  }
  return view;
}

}  // namespace

StringView StringColumnBuilder::store(std::string_view text) {
  if (text.size() <= StringView::kInlineSize) return inline_view(text);
  const auto size = static_cast<int64_t>(text.size());
  if (buffers_.empty() || buffers_.back()->size() + size > buffers_.back()->capacity()) {
    buffers_.push_back(Buffer::allocate(0));
    buffers_.back()->reserve(std::max(kDataBufferSize, size));
  }
  Buffer& buffer = *buffers_.back();
  const int64_t offset = buffer.size();
  buffer.resize(offset + size);
  std::memcpy(buffer.data() + offset, text.data(), text.size());
  return StringView::make_ref(text, static_cast<uint32_t>(buffers_.size() - 1), static_cast<uint32_t>(offset));
}

int64_t StringColumnBuilder::append(const FieldSpan* fields, int64_t begin, int64_t end,
                                    std::vector<int64_t>* failures) {
  views_.reserve(end - begin);
  for (int64_t row = begin; row < end; ++row) {
    const FieldSpan& field = fields[row];
    if (context_.nulls.is_null(field)) {
      views_.push_reserved(StringView::make_inline({}));
      nulls_.append_null();
      continue;
    }
    std::string_view text = field_text(field, context_.dialect, scratch_);
    if (check_utf8_ && !is_valid_utf8(text)) {
      if (context_.encoding == CsvEncoding::Utf8Lossy) {
        lossy_.clear();
        append_utf8_lossy(text, lossy_);
        text = lossy_;
      } else {
        if (!failures) return row;
        failures->push_back(row);
        views_.push_reserved(StringView::make_inline({}));
        nulls_.append_null();
        continue;
      }
    }
    views_.push_reserved(store(text));
    nulls_.append_valid();
  }
  return end;
}

void StringColumnBuilder::append_nulls(int64_t count) {
  views_.reserve(count);
  for (int64_t i = 0; i < count; ++i) views_.push_reserved(StringView::make_inline({}));
  nulls_.append_nulls(count);
}

void StringColumnBuilder::remove_rows(int64_t first_row, std::span<const int64_t> offsets) {
  StringView* views = views_.data();
  nulls_.remove_rows(first_row, offsets, [&](int64_t from, int64_t to) { views[to] = views[from]; });
  views_.truncate(nulls_.length());
}

Array StringColumnBuilder::finish() {
  auto data = std::make_shared<ArrayData>();
  data->type = type_.id() == TypeId::Categorical ? DataType::string() : type_;
  data->length = nulls_.length();
  data->values = views_.finish();
  data->string_data = std::move(buffers_);
  buffers_.clear();
  nulls_.finish_into(*data);
  Array strings(std::move(data));
  if (type_.id() == TypeId::Categorical) return make_categorical(strings);
  return strings;
}

}  // namespace strata::csv
