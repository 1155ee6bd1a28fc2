#pragma once

#include <cstddef>

// The migrations' SQL, one string per schema version, in two files by era so that no file holds the
// whole history; storage/Schema.h runs them.
namespace cd::schema::steps {

struct Era
{
    const char* const* sql;
    std::size_t count;
};

Era first();  // schema 1 to 10: Migrations1to10.cpp
Era second(); // schema 11 on: Migrations11on.cpp

} // namespace cd::schema::steps
