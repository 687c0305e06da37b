// The police.uk reader on any file: every data row is accepted or rejected, once.
#include "fuzz_support.hpp"
#include "hotspot/read/inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hotspot;
    const std::string path = fuzz::write_input(data, size, ".csv");
    InputSpec spec;
    spec.name = "police";
    fuzz::refusals_allowed([&] { fuzz::check_rows_accounted(read_police_uk_file(path, spec)); });
    return 0;
}
