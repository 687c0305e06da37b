#pragma once
// One root exception type with a subclass per kind of failure. Only main() turns
// these into messages and exit codes (docs/exit-codes in README); nothing calls exit().
#include <stdexcept>
#include <string>

namespace hotspot {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    virtual int exit_code() const noexcept { return 1; }
};

// Bad options, config files or parameters: exit 2.
class ConfigError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return 2; }
};

// An input file that cannot be read or has the wrong shape as a whole: exit 3.
// (Single bad rows are not errors: they go to the rejects table.)
class InputError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return 3; }
};

// A CRS that cannot be used (unknown, geographic where metres are needed): exit 4.
class CrsError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return 4; }
};

// Geometry that cannot be repaired or used: exit 5.
class GeometryError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return 5; }
};

// An output that cannot be written: exit 6.
class OutputError : public Error {
public:
    using Error::Error;
    int exit_code() const noexcept override { return 6; }
};

}  // namespace hotspot
