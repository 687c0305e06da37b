#pragma once
// Database connection strings as GDAL takes them ("PG:dbname=gis host=/run/postgresql"): they
// name a database, not a file, so they are never resolved against a folder or checksummed, and
// their password is never printed.
#include <string>
#include <string_view>

namespace hotspot {

// True for a GDAL PostgreSQL connection string: "PG:" in any case.
bool is_connection_string(std::string_view s);
// s with the value of password=... (and the password of a postgresql:// URI) shown as ***,
// for messages, the console and the run report.
std::string without_password(std::string_view s);
// The value of `key` in a "PG:key=value key='quoted value'" string; empty when absent.
std::string connection_parameter(std::string_view s, std::string_view key);

}  // namespace hotspot
