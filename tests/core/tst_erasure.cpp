// Erasure forensics: after erasing a client, none of her names, email, phone, note words or
// consent wording survive anywhere in the database file, its WAL or its shared-memory file,
// while every other client is intact. Run on a plaintext database (the test-only path of the same
// storage layer) so the raw bytes can be searched.
#include "Files.h"
#include "TestVault.h"
#include "clients/ClientMerge.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "demo/DemoGenerator.h"
#include "privacy/Erasure.h"
#include "privacy/Register.h"
#include "search/ClientSearch.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

const QList<QByteArray> kTraces{"xanthippe", "quarrington", "vole", "xqv.private", "447700900987", "07700900987",
                                "7700900987", "zymurgical", "glabellar", "pigeon", "@xanthippe_q", "zq9 9zz"};

QStringList tracesIn(const QString& dir)
{
    const QByteArray bytes = allBytes(dir).toLower();
    QStringList found;
    for (const QByteArray& t : kTraces)
        if (bytes.contains(t))
            found << QString::fromLatin1(t);
    return found;
}

qint64 addTarget(Database& db, bool openComplaint)
{
    Client c;
    c.firstName = QStringLiteral("Xanthippe");
    c.lastName = QStringLiteral("Quarrington-Vole");
    c.phones = {{QStringLiteral("mobile"), QStringLiteral("07700 900987"), {}}};
    c.emails = {{QStringLiteral("personal"), QStringLiteral("xqv.private@example.org")}};
    c.addresses = {{QStringLiteral("home"), QStringLiteral("9 Mill Lane"), {}, QStringLiteral("Leeds"), {}, QStringLiteral("ZQ9 9ZZ"), {}}};
    c.handles = {{QStringLiteral("Instagram"), QStringLiteral("@xanthippe_q")}};
    const qint64 id = ClientStore(db).create(c).value();
    for (const char* body : {"zymurgical consultation about glabellar lines", "asked about zymurgical aftercare"}) {
        Interaction i;
        i.clientId = id;
        i.kind = QStringLiteral("call");
        i.body = QString::fromLatin1(body);
        InteractionStore(db).add(i).value();
    }
    if (openComplaint) {
        Interaction i;
        i.clientId = id;
        i.kind = QStringLiteral("complaint");
        i.body = QStringLiteral("Bruising after treatment; wants a refund");
        InteractionStore(db).add(i).value();
    }
    if (!ConsentStore(db).record(id, QStringLiteral("email"), true, QStringLiteral("told us by carrier pigeon"), 1).ok())
        qFatal("consent");
    // A duplicate record merged into her: the merge snapshot holds her details too.
    Client dup;
    dup.firstName = QStringLiteral("X.");
    dup.lastName = QStringLiteral("Quarrington-Vole");
    dup.phones = {{QStringLiteral("mobile"), QStringLiteral("+447700900987"), {}}};
    const qint64 dupId = ClientStore(db).create(dup).value();
    ClientMerge(db).merge(id, dupId, 1).value();
    return id;
}

} // namespace

class TestErasure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingSurvivesInAnyFile()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("plain.db"));
        auto opened = Database::open(path, Database::Mode::Create, nullptr);
        QVERIFY(opened.ok());
        Database& db = *opened.value();
        QVERIFY(schema::migrate(db).ok());
        db.exec("INSERT INTO staff (username, display_name, role, created_at) VALUES ('manager','Manager','manager','x')");
        QVERIFY(generateDemoData(db, DemoOptions{60, 5, 4}).ok());
        const qint64 target = addTarget(db, false);
        QVERIFY(generateDemoData(db, DemoOptions{60, 6, 4}).ok()); // her pages sit between other clients'
        QVERIFY(!tracesIn(tmp.path()).isEmpty()); // the check can see her before erasure
        const qint64 before = ClientStore(db).count().value();
        auto someoneElse = ClientStore(db).page(0, 1)->first();

        auto plan = Erasure(db).plan(target);
        QVERIFY(plan.ok());
        QVERIFY(!plan->keepsMinimalRecord);
        QVERIFY(std::any_of(plan->keep.cbegin(), plan->keep.cend(), [](const ErasureItem& i) { return i.table == QStringLiteral("privacy_requests"); }) == false);
        auto wrongName = Erasure(db).erase(target, QStringLiteral("Somebody Else"), 0, 1);
        QVERIFY(!wrongName.ok());
        QVERIFY(wrongName.message().contains(QStringLiteral("Xanthippe Quarrington-Vole")));
        auto tomb = Erasure(db).erase(target, QStringLiteral("xanthippe quarrington vole"), 0, 1);
        QVERIFY2(tomb.ok(), qPrintable(tomb.ok() ? QString() : tomb.message()));

        // While the program is still running (database open), and after it closes.
        QCOMPARE(tracesIn(tmp.path()), QStringList());
        QCOMPARE(ClientStore(db).count().value(), before - 1);
        QVERIFY(ClientSearch(db).search(QStringLiteral("xanthippe"))->isEmpty());
        QVERIFY(ClientSearch(db).search(QStringLiteral("zymurgical"))->isEmpty());
        QCOMPARE(ClientSearch(db).search(someoneElse.lastName + QLatin1Char(' ') + someoneElse.firstName)->isEmpty(), false);
        auto check = db.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QStringLiteral("ok"));
        auto t = db.prepare("SELECT erased, kept FROM erasure_tombstones WHERE id = ?");
        QVERIFY(t.bind(1, tomb.value()).step());
        QVERIFY(t.text(0).contains(QStringLiteral("interactions")));
        QVERIFY(!t.text(0).contains(QStringLiteral("Xanthippe")));
        opened.value().reset();
        QCOMPARE(tracesIn(tmp.path()), QStringList());
    }

    void anOpenComplaintIsKeptWithItsReason()
    {
        TestVault t;
        const qint64 target = addTarget(t.db(), true);
        auto request = PrivacyRegister(t.db()).add(target, QStringLiteral("erasure"), QDate::currentDate(), QStringLiteral("email from the address on file"), 1);
        QVERIFY(request.ok());
        auto plan = Erasure(t.db()).plan(target);
        QVERIFY(plan->keepsMinimalRecord);
        QStringList reasons;
        for (const ErasureItem& i : plan->keep)
            reasons << i.table + QLatin1Char(':') + i.reason;
        QVERIFY2(reasons.join(QLatin1Char('\n')).contains(QStringLiteral("interactions:an open complaint is kept")), qPrintable(reasons.join(QLatin1Char('\n'))));
        QVERIFY(reasons.join(QLatin1Char('\n')).contains(QStringLiteral("privacy_requests:")));
        QVERIFY(Erasure(t.db()).erase(target, QStringLiteral("Xanthippe Quarrington-Vole"), request->id, 1).ok());
        auto kept = ClientStore(t.db()).get(target);
        QVERIFY(kept.ok());
        QVERIFY(kept->phones.isEmpty());
        QVERIFY(kept->emails.isEmpty());
        QVERIFY(kept->handles.isEmpty());
        auto notes = InteractionStore(t.db()).timeline(target);
        QCOMPARE(notes->size(), 1);
        QCOMPARE(notes->first().kind, QStringLiteral("complaint"));
        QVERIFY(ConsentStore(t.db()).history(target)->isEmpty());
        QVERIFY(ClientSearch(t.db()).search(QStringLiteral("xanthippe"))->isEmpty());
        QCOMPARE(PrivacyRegister(t.db()).get(request->id)->status, QStringLiteral("done"));
        auto again = Erasure(t.db()).erase(target, QStringLiteral("Xanthippe Quarrington-Vole"), 0, 1);
        QVERIFY(again.message().contains(QStringLiteral("already been erased")));
    }
};

QTEST_GUILESS_MAIN(TestErasure)
#include "tst_erasure.moc"
