#pragma once

#include "common/Result.h"

#include <QList>
#include <QStringList>

namespace cd::csv {

struct Row
{
    int line = 0; // 1-based line where the row starts in the file
    QStringList fields;
};

enum class Encoding { Utf8, Windows1252 };

struct Table
{
    QStringList header;
    QList<Row> rows;
    // How the bytes were read: UTF-8 when they are valid UTF-8, else Windows-1252, which is what
    // Excel on Windows writes for "CSV (Comma delimited)" (a "Zoë" or a "£" there is not UTF-8).
    Encoding encoding = Encoding::Utf8;
};

// RFC 4180 CSV as spreadsheets and website forms write it: UTF-8 with or without BOM (or
// Windows-1252, see Table::encoding), CRLF or LF, quoted fields holding commas, quotes ("") and
// newlines. The delimiter is ',' unless the header line has more ';' or tabs. Fails on an empty file,
// binary data (a NUL byte) or an unterminated quote, naming the line.
Result<Table> parse(const QByteArray& bytes);
// Windows-1252 (Latin-1 with printable characters in 0x80-0x9F: € ‘ ’ “ ” – — …); the five
// bytes it leaves undefined become U+FFFD.
QString fromWindows1252(const QByteArray& bytes);

// Writing: one field quoted as RFC 4180 needs (commas, quotes, line breaks), and a cell that a
// spreadsheet would run as a formula (=, @, or + and - before anything but a plain number) made text
// with a leading apostrophe.
QString field(const QString& value);
// One CRLF-terminated line of fields, UTF-8.
QByteArray line(const QStringList& fields);
// Writes the lines (header first) to `path` atomically (QSaveFile, synced): the file is complete or
// not there. For exports the user asked for; the caller audits.
Status writeFile(const QString& path, const QList<QStringList>& rows);

} // namespace cd::csv
