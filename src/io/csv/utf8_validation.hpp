#pragma once
// UTF-8 checking for text read from files. Internal to the readers.
#include <string>
#include <string_view>

namespace strata::csv {

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
/// code points above U+10FFFF). Pure ASCII is checked eight bytes at a time.
bool is_valid_utf8(std::string_view text);

/// Appends `text` to `out`, replacing each invalid sequence by U+FFFD.
void append_utf8_lossy(std::string_view text, std::string& out);

}  // namespace strata::csv
