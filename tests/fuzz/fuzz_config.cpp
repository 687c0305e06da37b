// The INI reader on any file: load_config_file (which calls apply_setting for every
// key), then validate and to_ini on whatever it accepted.
#include "fuzz_support.hpp"
#include "hotspot/workflow/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace hotspot;
    const std::string path = fuzz::write_input(data, size, ".ini");
    fuzz::refusals_allowed([&] {
        const AnalysisConfig config = load_config_file(path);
        (void)to_ini(config);
        validate(config);
    });
    return 0;
}
