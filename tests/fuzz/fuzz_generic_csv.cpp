// The generic CSV reader (column mapping, British National Grid metres) on any file:
// every data row is accepted or rejected, once.
#include "fuzz_support.hpp"
#include "hotspot/read/inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hotspot;
    const std::string path = fuzz::write_input(data, size, ".csv");
    InputSpec spec;
    spec.name = "council";
    spec.format = InputFormat::csv;
    spec.s_srs = "EPSG:27700";
    spec.columns.x = "easting";
    spec.columns.y = "northing";
    spec.columns.date = "reported";
    spec.columns.category = "type";
    spec.columns.weight = "weight";
    spec.columns.id = "ref";
    spec.columns.location = "street";
    fuzz::refusals_allowed([&] { fuzz::check_rows_accounted(read_csv_file(path, spec)); });
    return 0;
}
