#include "hotspot/read/csv.hpp"

#include <algorithm>
#include <cstring>

namespace hotspot {

namespace {
constexpr std::size_t chunk_size = 1 << 20;
}

CsvReader::CsvReader(const std::string& path, char separator)
    : path_(path), separator_(separator), bytes_(path) {}

bool CsvReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {  // drop consumed bytes so the buffer stays one chunk or so
        buffer_.erase(0, pos_);
        pos_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + chunk_size);
    const std::size_t got = bytes_.read(buffer_.data() + old_size, chunk_size);
    buffer_.resize(old_size + got);
    if (got == 0) eof_ = true;
    if (at_start_ && buffer_.size() >= 3) {
        if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) buffer_.erase(0, 3);
        at_start_ = false;
    }
    return got > 0;
}

void CsvReader::split_unquoted(std::string_view text, CsvRecord& record) const {
    std::size_t start = 0;
    while (true) {
        const void* hit = std::memchr(text.data() + start, separator_, text.size() - start);
        if (!hit) {
            record.fields.push_back(text.substr(start));
            return;
        }
        const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
        record.fields.push_back(text.substr(start, at - start));
        start = at + 1;
    }
}

// Quoted fields are unescaped into one buffer, sized first so views into it stay valid.
void CsvReader::split_quoted(std::string_view text, CsvRecord& record) {
    unescaped_.clear();
    unescaped_.reserve(text.size());
    std::size_t i = 0;
    while (true) {
        if (i < text.size() && text[i] == '"') {
            const std::size_t begin = unescaped_.size();
            ++i;
            bool closed = false;
            while (i < text.size()) {
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        unescaped_ += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                unescaped_ += text[i++];
            }
            record.fields.push_back(std::string_view(unescaped_).substr(begin, unescaped_.size() - begin));
            if (!closed) {
                record.malformed = "a quoted field is not closed before the end of the file";
                return;
            }
            if (i == text.size()) return;
            if (text[i] != separator_) {
                record.malformed = "text after a closing quote in field " + std::to_string(record.fields.size());
                return;
            }
            ++i;
            if (i == text.size()) {  // a trailing separator means one more empty field
                record.fields.push_back(std::string_view());
                return;
            }
        } else {
            const std::size_t at = text.find(separator_, i);
            const std::string_view field = text.substr(i, at == std::string_view::npos ? std::string_view::npos : at - i);
            if (field.find('"') != std::string_view::npos) {
                record.malformed = "a quote inside an unquoted field " + std::to_string(record.fields.size() + 1);
            }
            record.fields.push_back(field);
            if (at == std::string_view::npos) return;
            i = at + 1;
            if (i == text.size()) {
                record.fields.push_back(std::string_view());
                return;
            }
        }
    }
}

bool CsvReader::next(CsvRecord& record) {
    while (true) {
        record.fields.clear();
        record.malformed.clear();
        // Find the end of the record: the first newline outside quotes. Offsets are kept
        // relative to pos_ because fill() compacts the buffer.
        std::size_t scan_rel = 0;
        bool in_quotes = false;
        bool has_quote = false;
        std::size_t newlines_inside = 0;
        std::size_t end_rel = 0;
        while (true) {
            const char* base = buffer_.data() + pos_;
            const std::size_t size = buffer_.size() - pos_;
            bool need_more = false;
            if (!in_quotes) {
                const void* nl = std::memchr(base + scan_rel, '\n', size - scan_rel);
                const std::size_t limit = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : size;
                const void* q = std::memchr(base + scan_rel, '"', limit - scan_rel);
                if (q) {
                    has_quote = in_quotes = true;
                    scan_rel = static_cast<std::size_t>(static_cast<const char*>(q) - base) + 1;
                    continue;
                }
                if (nl) {
                    end_rel = limit;
                    break;
                }
                need_more = true;
            } else {
                const void* q = std::memchr(base + scan_rel, '"', size - scan_rel);
                const std::size_t limit = q ? static_cast<std::size_t>(static_cast<const char*>(q) - base) : size;
                for (std::size_t k = scan_rel; k < limit; ++k) newlines_inside += base[k] == '\n';
                if (q) {
                    in_quotes = false;  // a doubled quote toggles twice, which is right
                    scan_rel = limit + 1;
                    continue;
                }
                need_more = true;
            }
            if (need_more) {
                scan_rel = size;
                if (!fill()) {  // the last record has no final newline
                    end_rel = buffer_.size() - pos_;
                    if (end_rel == 0) return false;
                    break;
                }
            }
        }
        std::string_view text(buffer_.data() + pos_, end_rel);
        const std::uint64_t line = next_line_;
        next_line_ += 1 + newlines_inside;
        pos_ = std::min(pos_ + end_rel + 1, buffer_.size());
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        if (text.empty()) {
            ++blank_lines_;
            continue;
        }
        record.raw = text;
        record.line = line;
        if (has_quote)
            split_quoted(text, record);
        else
            split_unquoted(text, record);
        if (in_quotes && record.malformed.empty())
            record.malformed = "a quoted field is not closed before the end of the file";
        return true;
    }
}

}  // namespace hotspot
