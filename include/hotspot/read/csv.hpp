#pragma once
// A streaming CSV record reader for plain or gzip-compressed files (RFC 4180 quoting:
// quoted fields may hold separators, doubled quotes and line breaks). It strips a UTF-8
// BOM and CR of CRLF endings, and reports the physical line on which each record starts.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hotspot {

// Reads bytes from a file through zlib, which passes uncompressed files through as-is.
class ByteReader {
public:
    explicit ByteReader(const std::string& path);
    ~ByteReader();
    ByteReader(const ByteReader&) = delete;
    ByteReader& operator=(const ByteReader&) = delete;
    // Fills up to n bytes; returns 0 at the end. Throws InputError on a corrupt file.
    std::size_t read(char* buffer, std::size_t n);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_;
};

struct CsvRecord {
    std::vector<std::string_view> fields;  // valid until the next call to next()
    std::string_view raw;                  // the record's text without its line ending
    std::uint64_t line = 0;                // 1-based physical line where it starts
    std::string malformed;                 // non-empty when quoting was broken: why
};

class CsvReader {
public:
    explicit CsvReader(const std::string& path, char separator = ',');
    // Returns false at the end of the file. Physically empty lines are skipped and counted.
    bool next(CsvRecord& record);
    const std::string& path() const { return path_; }
    std::uint64_t blank_lines() const { return blank_lines_; }

private:
    bool fill();  // reads more bytes; false when the file is exhausted
    void split_unquoted(std::string_view text, CsvRecord& record) const;
    void split_quoted(std::string_view text, CsvRecord& record);

    std::string path_;
    char separator_;
    ByteReader bytes_;
    std::string buffer_;
    std::size_t pos_ = 0;
    bool eof_ = false;
    bool at_start_ = true;
    std::uint64_t next_line_ = 1;
    std::uint64_t blank_lines_ = 0;
    std::string unescaped_;  // storage for fields that held doubled quotes
};

}  // namespace hotspot
