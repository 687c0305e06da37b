#pragma once
// A streaming CSV record reader for plain or gzip-compressed files (RFC 4180 quoting:
// quoted fields may hold separators, doubled quotes and line breaks). It strips a UTF-8
// BOM, takes LF, CRLF and a lone CR as line ends, and reports the physical line on which
// each record starts.
//
// A quote problem costs one line, never the rest of the file. With RecordSpan::line
// (police.uk, whose rows never span lines) a record is always one physical line. With
// RecordSpan::quoted_lines a record whose quotes are unbalanced at the end of its first line
// continues over the next lines until they balance; when the text so joined is not a valid
// record (broken quoting, or a field count other than the header's, or more than
// max_record_bytes), only the first line is returned, as malformed, and reading starts
// again on the next line. Physical lines are counted from the bytes, apart from the
// records, and at the end of the file lines = records + blank lines + continuation lines
// (lines inside accepted multi-line records) is checked.
#include "hotspot/base/incidents.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// Bytes that grow without being cleared first (std::string clears each new part before it is
// overwritten: one more pass over all 2.3 GB of text at 10 million police.uk rows).
class ByteBuffer {
public:
    ByteBuffer() = default;
    ByteBuffer(ByteBuffer&& other) noexcept;  // leaves other empty
    ByteBuffer& operator=(ByteBuffer&& other) noexcept;
    char* data() { return data_.get(); }
    const char* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }
    std::string_view view() const { return {data_.get(), size_}; }
    // Room for at least n more bytes after size() (the buffer may move); returns where they go.
    char* reserve_tail(std::size_t n);
    void commit(std::size_t n) { size_ += n; }  // n bytes written after size() become content
    void drop_front(std::size_t n);             // removes the first n bytes
    void clear() { size_ = 0; }                 // keeps the memory

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0, capacity_ = 0;
};

// Reads a file's bytes, inflating gzip (libdeflate for a whole file, zlib streaming otherwise;
// see gzip_reader.cpp); plain files pass through as they are.
class ByteReader {
public:
    explicit ByteReader(const std::string& path);
    ~ByteReader();
    ByteReader(const ByteReader&) = delete;
    ByteReader& operator=(const ByteReader&) = delete;
    // Fills up to n bytes; returns 0 at the end. Throws InputError on a corrupt, truncated
    // gzip file or one with something appended.
    std::size_t read(char* buffer, std::size_t n);
    // A gzip file inflated whole hands its content over in one piece, before any read(), so it
    // is parsed where it was inflated; false (nothing taken) otherwise. read() then returns 0.
    bool take_content(ByteBuffer& into);
    // Keeps a spent buffer for this thread's next whole-file inflate: writing into memory
    // already mapped costs no page faults (a fresh 25 MB buffer is ~6,000 of them).
    static void recycle(ByteBuffer&& spent);
    bool compressed() const;
    // CRC-32 and length of the content (decompressed, or a plain file's bytes) once read() has
    // returned 0 or take_content() has taken it.
    ContentFingerprint content_fingerprint() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
};

// SHA-256 of a file's content: decompressed for gzip, else its bytes (so the same as
// sha256_file for a plain file). Reads the file again: for the rare pair of files whose
// fingerprints agree, and for small tables whose checksum is reported.
std::string content_sha256(const std::string& path);

struct CsvRecord {
    std::vector<std::string_view> fields;  // valid until the next call to next()
    std::string_view raw;                  // the record's text without its line ending
    std::uint64_t line = 0;                // 1-based physical line where it starts
    std::string malformed;                 // non-empty when quoting was broken: why
    // Every byte of raw is 0x20-0x7F (printable ASCII, as police.uk rows are), so no field can
    // hold invalid text; false when unknown (only the one-scan path looks).
    bool printable_ascii = false;
};

enum class RecordSpan { line, quoted_lines };

class CsvReader {
public:
    static constexpr std::size_t max_record_bytes = 1 << 20;

    explicit CsvReader(const std::string& path, char separator = ',', RecordSpan span = RecordSpan::quoted_lines);
    ~CsvReader();  // hands its buffer back for the thread's next whole-file inflate
    // Returns false at the end of the file. Physically empty lines are skipped and counted.
    // The first record (the header) sets the field count a multi-line record must have.
    // Throws Error (an internal error) if the line accounting does not add up.
    bool next(CsvRecord& record);
    const std::string& path() const { return path_; }
    std::uint64_t blank_lines() const { return blank_lines_; }
    std::uint64_t records() const { return records_; }
    std::uint64_t physical_lines() const { return physical_lines_; }
    std::uint64_t continuation_lines() const { return continuation_lines_; }
    // The content's fingerprint once next() has returned false.
    ContentFingerprint content_fingerprint() const { return bytes_.content_fingerprint(); }

private:
    struct LineEnd {
        std::size_t text_end;  // relative to pos_, without the line ending
        std::size_t next;      // where the following line starts
        bool terminated;       // false for a last line without a line ending
    };
    bool fill();  // reads more bytes; false when the file is exhausted
    LineEnd find_line_end(std::size_t from);
    void count_lines(std::string_view bytes);
    void check_line_accounting() const;
    void split(std::string_view text, CsvRecord& record);
    bool take_plain_line(CsvRecord& record);
    void split_unquoted(std::string_view text, CsvRecord& record) const;
    void split_quoted(std::string_view text, CsvRecord& record);

    std::string path_;
    char separator_;
    RecordSpan span_;
    ByteReader bytes_;
    ByteBuffer buffer_;
    std::size_t pos_ = 0;
    bool eof_ = false;
    bool at_start_ = true;
    std::uint64_t next_line_ = 1;
    std::uint64_t blank_lines_ = 0;
    std::uint64_t records_ = 0;
    std::uint64_t continuation_lines_ = 0;
    std::uint64_t physical_lines_ = 0;  // counted from the bytes as they arrive
    char last_byte_ = '\n';              // of the bytes counted so far
    bool finished_ = false;
    std::size_t expected_fields_ = 0;   // the header's; 0 before it
    std::string unescaped_;  // storage for fields that held doubled quotes
};

}  // namespace hotspot
