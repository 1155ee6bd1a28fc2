#include "importing/Csv.h"

#include "common/Durable.h"

#include <QObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringDecoder>

namespace cd::csv {

namespace {

QChar detectDelimiter(const QString& text)
{
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    const QString first = text.left(end < 0 ? text.size() : end);
    const qsizetype commas = first.count(QLatin1Char(','));
    const qsizetype semis = first.count(QLatin1Char(';'));
    const qsizetype tabs = first.count(QLatin1Char('\t'));
    if (tabs > commas && tabs > semis)
        return QLatin1Char('\t');
    if (semis > commas)
        return QLatin1Char(';');
    return QLatin1Char(',');
}

} // namespace

namespace {

// The line (1-based) holding the first byte that is not UTF-8.
int firstBadUtf8Line(const QByteArray& bytes)
{
    int line = 1;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= bytes.size(); ++i)
        if (i == bytes.size() || bytes.at(i) == '\n') {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded =
                decoder.decode(QByteArrayView(bytes).sliced(start, i - start)); // decodes when made a QString
            Q_UNUSED(decoded);
            if (decoder.hasError())
                return line;
            ++line;
            start = i + 1;
        }
    return line;
}

} // namespace

QString fromWindows1252(const QByteArray& bytes)
{
    // 0x80-0x9F; 0xFFFD where Windows-1252 defines nothing.
    static const char16_t high[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                      0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    QString out(bytes.size(), Qt::Uninitialized);
    QChar* p = out.data();
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        *p++ = b >= 0x80 && b < 0xA0 ? QChar(high[b - 0x80]) : QChar(char16_t(b));
    }
    return out;
}

Result<Table> parse(const QByteArray& bytes)
{
    QString text;
    Encoding encoding = Encoding::Utf8;
    const bool utf16le = bytes.startsWith("\xFF\xFE"), utf16be = bytes.startsWith("\xFE\xFF");
    if (utf16le || utf16be) { // "Unicode text" from Excel: UTF-16 with its byte-order mark
        QStringDecoder decoder(utf16le ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE,
                               QStringDecoder::Flag::Stateless);
        text = decoder.decode(bytes.mid(2));
        if (decoder.hasError())
            return makeError(Error::Kind::Invalid,
                             QObject::tr("The file is damaged UTF-16 text. Save it from "
                                         "the spreadsheet as \"CSV UTF-8\" and try again."));
    } else {
        if (bytes.contains('\0'))
            return makeError(Error::Kind::Invalid,
                             QObject::tr("The file is not text (it holds binary data). Save it from the "
                                         "spreadsheet as CSV and try again."));
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        text = decoder.decode(bytes);
        if (decoder.hasError()) {
            // A file that says it is UTF-8 (its byte-order mark) is damaged, not another encoding:
            // reading it as Windows-1252 would garble every accented name to save one bad byte.
            if (bytes.startsWith("\xEF\xBB\xBF"))
                return makeError(
                    Error::Kind::Invalid,
                    QObject::tr("The file is marked as UTF-8 but holds bytes that are not UTF-8 "
                                "(line %1). Save it again from the spreadsheet as \"CSV UTF-8\".")
                        .arg(firstBadUtf8Line(bytes)));
            text = fromWindows1252(bytes);
            encoding = Encoding::Windows1252;
        }
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QChar delim = detectDelimiter(text);

    QList<Row> rows;
    Row row;
    QString field;
    bool inQuotes = false, fieldQuoted = false, rowHasContent = false;
    int line = 1, quoteLine = 0;
    row.line = 1;
    auto endField = [&] {
        rowHasContent = rowHasContent || fieldQuoted;
        row.fields << (fieldQuoted ? field : field.trimmed());
        field.clear();
        fieldQuoted = false;
    };
    auto endRow = [&] {
        endField();
        if (rowHasContent)
            rows.append(row);
        row = Row{};
        rowHasContent = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                if (!(c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')))
                    field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.trimmed().isEmpty()) {
            inQuotes = fieldQuoted = rowHasContent = true;
            field.clear();
            quoteLine = line;
        } else if (c == delim) {
            endField(); // a row of nothing but delimiters (",,,,") is a blank line
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            endRow();
            ++line;
            row.line = line;
        } else {
            field += c;
            if (!c.isSpace())
                rowHasContent = true;
        }
    }
    if (inQuotes)
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("Line %1: a quoted field is never closed (a \" is missing).").arg(quoteLine));
    endRow();
    Table t;
    if (rows.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("The file is empty: it has no header line."));
    t.header = rows.takeFirst().fields;
    t.encoding = encoding;
    t.rows = std::move(rows);
    return t;
}

QString field(const QString& value)
{
    QString v = value;
    // A plain number ("-50.00", "+44 7700 900123") stays a number; anything else that starts like a
    // formula is made text.
    static const QRegularExpression number(QStringLiteral("^[+-]?[0-9][0-9 .,]*$"));
    const bool formula =
        v.startsWith(QLatin1Char('=')) || v.startsWith(QLatin1Char('@')) ||
        ((v.startsWith(QLatin1Char('+')) || v.startsWith(QLatin1Char('-'))) && !number.match(v).hasMatch());
    if (formula)
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')) ||
        v.contains(QLatin1Char('\r')) || v.contains(QLatin1Char(';')))
        return QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return v;
}

QByteArray line(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& f : fields)
        out << field(f);
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

Status writeFile(const QString& path, const QList<QStringList>& rows)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the CSV file."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    for (const QStringList& r : rows)
        file.write(line(r));
    if (QString why; !files::commit(file, &why))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, why));
    return {};
}

} // namespace cd::csv
