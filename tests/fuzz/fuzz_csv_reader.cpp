// CsvReader on any bytes (plain or gzip): records and fields stay within the input, and
// for plain text the physical lines are all accounted for: every line is blank or part of
// exactly one record, counted independently of the reader.
#include "fuzz_support.hpp"
#include "hotspot/read/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hotspot;
    const std::string path = fuzz::write_input(data, size, ".csv");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz::refusals_allowed([&] {
        CsvReader reader(path);
        CsvRecord record;
        std::uint64_t lines_in_records = 0, last_line = 0;
        while (reader.next(record)) {
            // Only increasing: whether a lone CR starts a line is the reader's choice; the
            // total below holds either way.
            fuzz::check(record.line > last_line, "records start on increasing lines");
            fuzz::check(!record.fields.empty() && !record.raw.empty(), "a record has text and a field");
            lines_in_records += 1 + fuzz::line_breaks(record.raw);
            last_line = record.line;
            std::size_t bytes = 0;
            for (const auto f : record.fields) bytes += f.size();
            fuzz::check(bytes <= record.raw.size(), "fields are no longer than the record");
        }
        const bool gzip = text.starts_with("\x1f\x8b");
        if (!gzip) {
            const bool last_line_open = !text.empty() && text.back() != '\n' && text.back() != '\r';
            const std::uint64_t physical = fuzz::line_breaks(text) + last_line_open;
            fuzz::check(lines_in_records + reader.blank_lines() == physical, "records + blank lines = physical lines");
        }
    });
    return 0;
}
