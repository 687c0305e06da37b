#include "hotspot/read/csv.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/read/read_profile.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace hotspot {

namespace {
constexpr std::size_t chunk_size = 1 << 20;
}

CsvReader::CsvReader(const std::string& path, char separator, RecordSpan span)
    : path_(path), separator_(separator), span_(span), bytes_(path) {}

ByteBuffer::ByteBuffer(ByteBuffer&& other) noexcept
    : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)), capacity_(std::exchange(other.capacity_, 0)) {}

ByteBuffer& ByteBuffer::operator=(ByteBuffer&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
}

char* ByteBuffer::reserve_tail(std::size_t n) {
    if (size_ + n > capacity_) {
        const std::size_t capacity = std::max(size_ + n, 2 * capacity_);
        std::unique_ptr<char[]> bigger(new char[capacity]);  // not value-initialised: no clearing
        if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        capacity_ = capacity;
    }
    return data_.get() + size_;
}

void ByteBuffer::drop_front(std::size_t n) {
    n = std::min(n, size_);
    if (n < size_) std::memmove(data_.get(), data_.get() + n, size_ - n);
    size_ -= n;
}

CsvReader::~CsvReader() { ByteReader::recycle(std::move(buffer_)); }

bool CsvReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {  // drop consumed bytes so the buffer stays one chunk or so
        buffer_.drop_front(pos_);
        pos_ = 0;
    }
    std::size_t old_size = buffer_.size();
    std::size_t got = 0;
    if (old_size == 0 && bytes_.take_content(buffer_)) {  // a gzip file inflated whole: parsed in place
        got = buffer_.size();
    } else {
        char* tail = buffer_.reserve_tail(chunk_size);
        got = bytes_.read(tail, chunk_size);
        buffer_.commit(got);
    }
    detail::add_read_counter(detail::ReadCounter::text_bytes, got);
    if (got == 0) eof_ = true;
    if (at_start_ && (buffer_.size() >= 3 || eof_)) {
        if (buffer_.view().substr(0, 3) == "\xEF\xBB\xBF") {
            buffer_.drop_front(3);
            old_size = 0;
        }
        at_start_ = false;
    }
    count_lines(buffer_.view().substr(old_size));
    if (eof_ && last_byte_ != '\n' && last_byte_ != '\r') {
        ++physical_lines_;  // a last line without a line ending
        last_byte_ = '\n';
    }
    return got > 0;
}

namespace {
// How often `c` occurs in `bytes`: 16 bytes a step (std::count is not vectorised here, and
// counting every LF was 6% of the CPU of reading 10 million rows). Matches are summed in
// 16 byte-wide counters, emptied every 255 steps before they can wrap: a popcount a step
// was a call into libgcc (the portable build has no POPCNT instruction), 2% of the CPU.
std::uint64_t count_byte(std::string_view bytes, char c) {
    std::uint64_t n = 0;
    std::size_t i = 0;
#ifdef __SSE2__
    const __m128i wanted = _mm_set1_epi8(c);
    while (i + 16 <= bytes.size()) {
        __m128i counts = _mm_setzero_si128();
        for (int step = 0; step < 255 && i + 16 <= bytes.size(); ++step, i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
            counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, wanted));  // a match is -1
        }
        const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());  // two 64-bit sums of 8 bytes
        n += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) + static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    }
#endif
    for (; i < bytes.size(); ++i) n += bytes[i] == c ? 1 : 0;
    return n;
}
}  // namespace

// LF, CRLF and a lone CR each end one line; a CRLF split between two reads is one.
void CsvReader::count_lines(std::string_view bytes) {
    if (bytes.empty()) return;
    const std::uint64_t lf = count_byte(bytes, '\n');
    std::uint64_t cr = 0, crlf = last_byte_ == '\r' && bytes.front() == '\n' ? 1 : 0;
    for (std::size_t at = bytes.find('\r'); at != std::string_view::npos; at = bytes.find('\r', at + 1)) {
        ++cr;
        crlf += at + 1 < bytes.size() && bytes[at + 1] == '\n' ? 1 : 0;
    }
    physical_lines_ += lf + cr - crlf;
    last_byte_ = bytes.back();
}

CsvReader::LineEnd CsvReader::find_line_end(std::size_t from) {
    std::size_t scan = from;
    while (true) {
        const std::string_view data(buffer_.data() + pos_, buffer_.size() - pos_);
        const std::size_t lf = data.find('\n', scan);
        const std::size_t limit = lf == std::string_view::npos ? data.size() : lf;
        const std::size_t cr = data.substr(0, limit).find('\r', scan);
        if (cr != std::string_view::npos && cr + 1 < data.size()) {
            return {cr, cr + 1 + (cr + 1 == lf ? 1 : 0), true};  // CRLF or a lone CR
        }
        if (cr == std::string_view::npos && lf != std::string_view::npos) return {lf, lf + 1, true};
        // Either no line end yet, or a CR as the last byte read (a CRLF may be cut in two).
        scan = cr == std::string_view::npos ? data.size() : cr;
        if (!fill()) {
            const std::size_t size = buffer_.size() - pos_;
            if (cr != std::string_view::npos) return {cr, cr + 1, true};
            return {size, size, false};
        }
    }
}

namespace {

bool odd_quotes(std::string_view text) { return std::count(text.begin(), text.end(), '"') % 2 != 0; }

}  // namespace

void CsvReader::split(std::string_view text, CsvRecord& record) {
    record.fields.clear();
    record.malformed.clear();
    if (text.find('"') != std::string_view::npos)
        split_quoted(text, record);
    else
        split_unquoted(text, record);
}

bool CsvReader::next(CsvRecord& record) {
    while (true) {
        record.fields.clear();
        record.malformed.clear();
        record.printable_ascii = false;
        if (pos_ == buffer_.size() && !fill()) {
            if (!finished_) check_line_accounting();
            finished_ = true;
            return false;
        }
        if (take_plain_line(record)) return true;
        // Offsets are relative to pos_ because fill() compacts the buffer.
        const LineEnd first = find_line_end(0);
        if (first.text_end == 0) {
            ++blank_lines_;
            ++next_line_;
            pos_ += first.next;
            continue;
        }
        LineEnd last = first;
        std::uint64_t extra_lines = 0;
        bool open_quote = odd_quotes(buffer_.view().substr(pos_, first.text_end));
        if (span_ == RecordSpan::quoted_lines) {
            while (open_quote && last.terminated && last.next <= max_record_bytes) {
                const LineEnd more = find_line_end(last.next);
                if (!more.terminated && more.text_end == last.next) break;  // the end of the file
                open_quote ^= odd_quotes(buffer_.view().substr(pos_ + last.next, more.text_end - last.next));
                last = more;
                ++extra_lines;
            }
        }
        split(buffer_.view().substr(pos_, last.text_end), record);
        if (open_quote && record.malformed.empty()) record.malformed = "a quoted field is not closed";
        if (extra_lines > 0 && (!record.malformed.empty() || (expected_fields_ > 0 && record.fields.size() != expected_fields_))) {
            // The lines joined by an unbalanced quote are no record: keep only the first.
            const std::string why = !record.malformed.empty() ? record.malformed
                                                              : std::to_string(record.fields.size()) + " fields where the header has " +
                                                                    std::to_string(expected_fields_);
            const std::string lines_joined = std::to_string(extra_lines + 1);
            last = first;
            extra_lines = 0;
            split(buffer_.view().substr(pos_, first.text_end), record);
            record.malformed = "a quote on this line is not closed on it, and joining the " + lines_joined +
                               " lines up to where quotes balance gives no valid row (" + why + ")";
        }
        record.raw = buffer_.view().substr(pos_, last.text_end);
        record.line = next_line_;
        ++records_;
        if (records_ == 1) expected_fields_ = record.fields.size();
        continuation_lines_ += extra_lines;
        next_line_ += 1 + extra_lines;
        pos_ += last.next;
        return true;
    }
}

// The common record, in one pass: a non-empty line ended by LF, already in the buffer, with no
// quote and no CR. Its fields are the separators' gaps, exactly as find_line_end + split_unquoted
// would give them (a record like this is one line under either RecordSpan). Anything else
// returns false with nothing consumed, for the general path. One scan replaces five (line end,
// CR, quote parity, quote test, a memchr per field): a third of the parse at 10 million rows.
bool CsvReader::take_plain_line(CsvRecord& record) {
    const char* const begin = buffer_.data() + pos_;
    const char* const end = buffer_.data() + buffer_.size();
    const char* field = begin;
    const char* p = begin;
    bool unprintable = false;  // a byte below 0x20 or above 0x7F before the LF
    const auto separator_at = [&](const char* at) {
        record.fields.emplace_back(field, static_cast<std::size_t>(at - field));
        field = at + 1;
    };
    const auto line_end_at = [&](const char* at) {
        if (at == begin) return false;  // a blank line: counted by the general path
        record.fields.emplace_back(field, static_cast<std::size_t>(at - field));
        record.raw = std::string_view(begin, static_cast<std::size_t>(at - begin));
        record.printable_ascii = !unprintable;
        record.line = next_line_++;
        if (++records_ == 1) expected_fields_ = record.fields.size();
        pos_ += static_cast<std::size_t>(at - begin) + 1;
        return true;
    };
#ifdef __SSE2__
    const __m128i sep = _mm_set1_epi8(separator_), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"'),
                  space = _mm_set1_epi8(0x20);
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const auto lfs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
        const auto odd = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote))));
        auto seps = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, sep)));
        const unsigned before = lfs ? (lfs & (0u - lfs)) - 1 : 0xFFFFu;  // the bytes before the first LF
        if (odd & before) break;
        // Signed bytes below 0x20: the control characters and every byte with its high bit set.
        unprintable = unprintable || (static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, space))) & before) != 0;
        for (seps &= before; seps; seps &= seps - 1) separator_at(p + __builtin_ctz(seps));
        if (lfs) {
            if (line_end_at(p + __builtin_ctz(lfs))) return true;
            break;
        }
    }
    if (end - p >= 16) {  // left the loop at a CR, a quote or a blank line
        record.fields.clear();
        return false;
    }
#endif
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '\n') {
            if (line_end_at(p)) return true;
            break;
        }
        if (c == '\r' || c == '"') break;
        unprintable = unprintable || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7F;
        if (c == separator_) separator_at(p);
    }
    record.fields.clear();
    return false;
}

void CsvReader::check_line_accounting() const {
    if (physical_lines_ != records_ + blank_lines_ + continuation_lines_)
        throw Error("internal error: " + path_ + " has " + std::to_string(physical_lines_) + " physical lines but the CSV reader accounted for " +
                    std::to_string(records_) + " records + " + std::to_string(blank_lines_) + " blank lines + " +
                    std::to_string(continuation_lines_) + " lines inside multi-line records");
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
                record.malformed = "a quoted field is not closed";
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

}  // namespace hotspot
