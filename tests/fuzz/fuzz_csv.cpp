// CSV files come from website form exports and spreadsheets: any bytes at all.
// Beyond not crashing: every row the parser returns starts on a line that exists in the input.
#include "importing/Csv.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    auto table = cd::csv::parse(bytes);
    if (!table)
        return table.message().isEmpty() ? (std::abort(), 0) : 0; // a refusal always explains itself
    const qsizetype lines = bytes.count('\n') + bytes.count('\r') + 1;
    int previous = 0;
    for (const cd::csv::Row& row : table->rows) {
        if (row.line <= previous || row.line > lines)
            std::abort();
        previous = row.line;
    }
    return 0;
}
