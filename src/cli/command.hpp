#pragma once
// A subcommand: setup() parses its arguments without touching any file; run() does the
// work and returns the exit code. Only main() turns exceptions into messages.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace hotspot::cli {

namespace po = boost::program_options;

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* synopsis() const = 0;  // one line for `hotspot --help`
    virtual const char* usage() const = 0;     // "hotspot run [OPTIONS] ..." and what it does
    virtual po::options_description options() = 0;
    virtual po::positional_options_description positional() { return {}; }
    // Checks the parsed options; throws ConfigError.
    virtual void setup(const po::variables_map& vm) = 0;
    virtual int run() = 0;
};

}  // namespace hotspot::cli
