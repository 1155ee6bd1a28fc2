// CSV from spreadsheets and website forms: parsing edge cases, column guessing, per-row
// rejections with line numbers, one transaction, and the source file left untouched.
#include "Files.h"
#include "TestVault.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "importing/ClientImport.h"
#include "search/ClientSearch.h"
#include "storage/Sql.h"

#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {
QString fixture(const char* name)
{
    return qEnvironmentVariable("CLINICDESK_FIXTURES") + QLatin1Char('/') + QLatin1String(name);
}
} // namespace

class TestImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesCsv_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::addColumn<QList<int>>("lines");
        QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n3,4\n") << QStringList{"a", "b"}
                                  << QList<QStringList>{{"1", "2"}, {"3", "4"}} << QList<int>{2, 3};
        QTest::newRow("CRLF and BOM")
            << QByteArray("\xef\xbb\xbf"
                          "a,b\r\n1,2\r\n")
            << QStringList{"a", "b"} << QList<QStringList>{{"1", "2"}} << QList<int>{2};
        QTest::newRow("quoted comma") << QByteArray("a,b\n\"x, y\",2\n") << QStringList{"a", "b"}
                                      << QList<QStringList>{{"x, y", "2"}} << QList<int>{2};
        QTest::newRow("quoted newline keeps line numbers")
            << QByteArray("a,b\n\"line1\nline2\",2\n3,4\n") << QStringList{"a", "b"}
            << QList<QStringList>{{"line1\nline2", "2"}, {"3", "4"}} << QList<int>{2, 4};
        QTest::newRow("doubled quotes") << QByteArray("a\n\"say \"\"hi\"\"\"\n") << QStringList{"a"}
                                        << QList<QStringList>{{"say \"hi\""}} << QList<int>{2};
        QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << QStringList{"a", "b"}
                                          << QList<QStringList>{{"1", "2"}} << QList<int>{2};
        QTest::newRow("blank lines skipped")
            << QByteArray("a\n\n1\n\n") << QStringList{"a"} << QList<QStringList>{{"1"}} << QList<int>{3};
        QTest::newRow("semicolons (European Excel)") << QByteArray("a;b\n1,5;2\n") << QStringList{"a", "b"}
                                                     << QList<QStringList>{{"1,5", "2"}} << QList<int>{2};
        QTest::newRow("empty fields") << QByteArray("a,b,c\n,,3\n") << QStringList{"a", "b", "c"}
                                      << QList<QStringList>{{"", "", "3"}} << QList<int>{2};
    }
    void parsesCsv()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, header);
        QFETCH(QList<QStringList>, rows);
        QFETCH(QList<int>, lines);
        auto t = csv::parse(bytes);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.message()));
        QCOMPARE(t->header, header);
        QCOMPARE(t->rows.size(), rows.size());
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(t->rows.at(i).fields, rows.at(i));
            QCOMPARE(t->rows.at(i).line, lines.at(i));
        }
    }

    void rejectsBrokenFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unterminated quote") << QByteArray("a,b\n1,2\n\"open,3\n4,5\n") << "Line 3";
        QTest::newRow("binary") << QByteArray("a\nZo\0\xeb\n", 7) << "not text";
        QTest::newRow("empty") << QByteArray("") << "empty";
    }
    void rejectsBrokenFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, messagePart);
        auto t = csv::parse(bytes);
        QVERIFY(!t.ok());
        QVERIFY2(t.message().contains(messagePart), qPrintable(t.message()));
    }

    // Excel on Windows saves "CSV (Comma delimited)" in Windows-1252: read as such, not refused, and
    // a UTF-8 file is never mistaken for it.
    void readsWindows1252AsExcelWritesIt()
    {
        const QByteArray excel("First name,Last name,Note\r\nZo\xeb,O\x92"
                               "Brien,\x80"
                               "50 deposit \x96 paid\r\n");
        auto t = csv::parse(excel);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.message()));
        QCOMPARE(t->encoding, csv::Encoding::Windows1252);
        QCOMPARE(t->rows.at(0).fields, (QStringList{QStringLiteral("Zoë"), QStringLiteral("O’Brien"),
                                                    QStringLiteral("€50 deposit – paid")}));
        // A file marked UTF-8 with one bad byte is damaged, not Windows-1252: refused, naming the line.
        auto damaged = csv::parse("\xEF\xBB\xBF"
                                  "First name\nZo\xC3\xAB\nBad\xFF\n");
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.message().contains(QStringLiteral("line 3")), qPrintable(damaged.message()));
        // Excel's "Unicode text": UTF-16 with its byte-order mark.
        QByteArray utf16("\xFF\xFE");
        const QString unicode = QStringLiteral("First name\r\nZoë\r\n");
        utf16.append(reinterpret_cast<const char*>(unicode.utf16()), unicode.size() * 2);
        auto wide = csv::parse(utf16);
        QVERIFY2(wide.ok(), qPrintable(wide.ok() ? QString() : wide.message()));
        QCOMPARE(wide->rows.at(0).fields.at(0), QStringLiteral("Zoë"));
        auto utf8 = csv::parse(QStringLiteral("First name\nZoë O’Brien\n").toUtf8());
        QVERIFY(utf8.ok());
        QCOMPARE(utf8->encoding, csv::Encoding::Utf8);
        QCOMPARE(utf8->rows.at(0).fields.at(0), QStringLiteral("Zoë O’Brien"));
    }

    // The CSV import meets the same limits as the desk, row by row, naming the field.
    void overLongFieldsAreRejectedRowByRow()
    {
        TestVault t;
        const QByteArray bytes = "First name,Last name,Email\n" + QByteArray(101, 'A') +
                                 ",Long,long@example.com\nAmara,Okafor,amara@example.com\n";
        auto table = csv::parse(bytes);
        QVERIFY(table.ok());
        auto report = ClientImport::run(t.db(), table.value(), ClientImport::guessMapping(table->header), 0);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.message()));
        QCOMPARE(report->imported, 1);
        QCOMPARE(report->rejected.size(), 1);
        QCOMPARE(report->rejected.first().line, 2);
        QVERIFY2(
            report->rejected.first().reason.contains(QStringLiteral("The first name is 101 characters long")),
            qPrintable(report->rejected.first().reason));
    }

    void guessesColumns()
    {
        const auto m = ClientImport::guessMapping(
            {QStringLiteral("Surname"), QStringLiteral("Forename"), QStringLiteral("E-mail"),
             QStringLiteral("Tel"), QStringLiteral("Favourite colour"), QStringLiteral("DOB")});
        QCOMPARE(m, (QList<ImportField>{ImportField::LastName, ImportField::FirstName, ImportField::Email,
                                        ImportField::Phone, ImportField::Ignore, ImportField::DateOfBirth}));
    }

    void importsWebsiteExportReportingEachRejectedRow()
    {
        TestVault t;
        const qint64 existing =
            t.addClient(QStringLiteral("Existing"), QStringLiteral("Person"), QStringLiteral("07700 900999"));
        const QString path = fixture("website-form-export.csv");
        const QByteArray original = readAll(path);
        auto table = csv::parse(original);
        QVERIFY(table.ok());
        const auto mapping = ClientImport::guessMapping(table->header);

        auto dry = ClientImport::run(t.db(), table.value(), mapping, 1, true);
        QVERIFY(dry.ok());
        QCOMPARE(dry->imported, 3);
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(1)); // a dry run writes nothing

        auto report = ClientImport::run(t.db(), table.value(), mapping, 1);
        QVERIFY(report.ok());
        QCOMPARE(report->imported, 3);
        QMap<int, QString> rejected;
        for (const ImportIssue& i : report->rejected)
            rejected.insert(i.line, i.reason);
        QCOMPARE(rejected.keys(), (QList<int>{5, 6, 7, 9}));
        QVERIFY(rejected.value(5).contains(QStringLiteral("not an email address")));
        QVERIFY(rejected.value(6).contains(QStringLiteral("phone number")));
        QVERIFY(rejected.value(7).contains(QStringLiteral("not a date")));
        QVERIFY(rejected.value(9).contains(QStringLiteral("duplicate of client %1").arg(existing)));
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(4));

        auto amara = ClientSearch(t.db()).search(QStringLiteral("amara okafor"));
        QCOMPARE(amara->size(), 1);
        auto full = ClientStore(t.db()).get(amara->first().client.id);
        QCOMPARE(full->dateOfBirth, QDate(1990, 2, 28));
        QCOMPARE(full->phones.first().e164, QStringLiteral("+447700900123"));
        QCOMPARE(full->source, QStringLiteral("instagram"));
        auto notes = InteractionStore(t.db()).timeline(full->id);
        QCOMPARE(notes->size(), 1);
        QCOMPARE(notes->first().kind, InteractionKind::Enquiry);
        QVERIFY(notes->first().body.contains(QStringLiteral("lip filler.\nI have attached")));
        QCOMPARE(ClientSearch(t.db()).search(QStringLiteral("Zoë O'Brien"))->size(), 1);
        QCOMPARE(readAll(path), original); // the source file is only read
        // The import's larger page cache (storage/Sql.h BulkWrite) is the usual one again afterwards,
        // after a dry run as after a real one.
        QCOMPARE(t.db().pragma("cache_size"), QString::number(-Database::kCacheKiB));

        // Importing the same file again adds nobody: every row is now a duplicate or invalid.
        auto again = ClientImport::run(t.db(), table.value(), mapping, 1);
        QCOMPARE(again->imported, 0);
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(4));
    }

    void duplicateRowsWithinOneFile()
    {
        TestVault t;
        auto table = csv::parse("Name,Phone\nAmara Okafor,07700 900123\nA Okafor,+447700900123\n");
        auto report = ClientImport::run(t.db(), table.value(), ClientImport::guessMapping(table->header), 1);
        QCOMPARE(report->imported, 1);
        QCOMPARE(report->rejected.size(), 1);
        QCOMPARE(report->rejected.first().line, 3);
        QVERIFY(report->rejected.first().reason.contains(QStringLiteral("earlier row")));
    }

    void needsANameColumn()
    {
        TestVault t;
        auto table = csv::parse("Phone\n07700 900123\n");
        auto report = ClientImport::run(t.db(), table.value(), ClientImport::guessMapping(table->header), 1);
        QVERIFY(!report.ok());
        QVERIFY(report.message().contains(QStringLiteral("No column holds a name")));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
