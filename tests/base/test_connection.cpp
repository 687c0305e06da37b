// Connection strings: recognised by their PG: prefix, shown without their password in every
// form libpq takes (key=value, quoted with escapes, URI), parameters read back.
#include "hotspot/base/connection.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("a PG: prefix in any case is a connection string, a path is not", "[connection]") {
    CHECK(is_connection_string("PG:dbname=gis"));
    CHECK(is_connection_string("pg:dbname=gis"));
    CHECK_FALSE(is_connection_string("boundaries.gpkg"));
    CHECK_FALSE(is_connection_string("PG"));
    CHECK_FALSE(is_connection_string("/data/PG:x.gpkg"));
}

TEST_CASE("the password is never shown", "[connection]") {
    CHECK(without_password("PG:dbname=gis host=/run/pg user=ann password=s3cret") == "PG:dbname=gis host=/run/pg user=ann password=***");
    CHECK(without_password("PG:password = s3cret dbname=gis") == "PG:password = *** dbname=gis");
    CHECK(without_password("PG:dbname=gis password='it\\'s a \\\\ me' port=5432") == "PG:dbname=gis password=*** port=5432");
    CHECK(without_password("PG:PASSWORD=x") == "PG:PASSWORD=***");
    CHECK(without_password("PG:postgresql://ann:s3cret@db.example/gis") == "PG:postgresql://ann:***@db.example/gis");
    CHECK(without_password("PG:postgresql://ann@db.example/gis") == "PG:postgresql://ann@db.example/gis");
    CHECK(without_password("PG:dbname=gis") == "PG:dbname=gis");
    CHECK(without_password("wards.gpkg") == "wards.gpkg");
}

TEST_CASE("parameters are read as libpq reads them", "[connection]") {
    CHECK(connection_parameter("PG:dbname=gis host=/run/pg", "dbname") == "gis");
    CHECK(connection_parameter("PG:host=/run/pg dbname = 'my db'", "DBNAME") == "my db");
    CHECK(connection_parameter("PG:host=/run/pg", "dbname").empty());
}
