#include "UiBench.h"

#include "BenchVaults.h"
#include "Fixtures.h"
#include "clients/ClientItemDelegate.h"
#include "clients/ClientListModel.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "desk/MainWindow.h"
#include "desk/TodayPanel.h"
#include "search/ClientSearch.h"
#include "storage/Sql.h"

#include <QApplication>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QProcess>
#include <QScrollBar>
#include <cstdio>
#include <iostream>
#include <iterator>

namespace cd::bench {

namespace {

// The client list as MainWindow sets it up.
struct ListWindow
{
    explicit ListWindow(Database& db) : clients(db), search(db), model(clients, search)
    {
        view.setModel(&model);
        view.setUniformItemSizes(true);
        view.setItemDelegate(new ui::ClientItemDelegate(&view));
        view.resize(480, 700);
        view.show();
        view.repaint();
    }
    ClientStore clients;
    ClientSearch search;
    ui::ClientListModel model;
    QListView view;
};

QByteArray hexKey(const SecretBytes& key)
{
    return QByteArray(reinterpret_cast<const char*>(key.data()), qsizetype(key.size())).toHex();
}

} // namespace

Row measureOpen(VaultPair& v, const Options& o)
{
    Row row{QStringLiteral("open"), QStringLiteral("open after key derivation until the list can search")};
    v.close();
    QHash<QString, Samples> phases; // encrypted only: where the time goes
    memory::resetPeak();
    for (int r = 0; r < o.openRounds; ++r) {
        const bool encFirst = r % 2 == 0;
        for (bool enc : {encFirst, !encFirst}) {
            Stopwatch t;
            auto db = openDatabase(v.path(enc), enc ? &v.key() : nullptr);
            if (!db)
                qFatal("open: %s", qPrintable(db.message()));
            const double opened = t.ms();
            {
                ListWindow window(*db.value());
                const double listed = t.ms();
                auto due = InteractionStore(*db.value())
                               .followUpsDue(Clock::today(), ui::TodayPanel::kFollowUpsShown);
                if (!due)
                    qFatal("follow-ups");
                (enc ? row.enc : row.plain).add(t.ms());
                if (enc) {
                    phases[QStringLiteral("database_open_ms")].add(opened);
                    phases[QStringLiteral("client_list_ms")].add(listed - opened);
                    phases[QStringLiteral("follow_ups_due_ms")].add(t.ms() - listed);
                    row.detail.insert(QStringLiteral("follow_ups_due"), int(due->size()));
                }
            }
        }
    }
    for (auto it = phases.cbegin(); it != phases.cend(); ++it)
        row.detail.insert(it.key(), it.value().p50());
    row.peakRssMB = memory::peakRssMB();
    row.note = QStringLiteral("warm file cache");
    if (auto st = v.reopen(); !st)
        qFatal("reopen: %s", qPrintable(st.message()));
    return row;
}

Row measureSearchModel(VaultPair& v, const Options& o)
{
    Row row{QStringLiteral("search_model"),
            QStringLiteral("search as you type through the model to a repainted list")};
    ListWindow enc(v.enc());
    ListWindow plain(v.plain());
    const QStringList keys = keystrokes(typedQueries());
    for (ListWindow* w : {&enc, &plain}) // warm-up, as for the core search
        for (const QString& k : keys)
            w->model.setSearchText(k);
    QHash<QString, Samples> byKey;
    memory::resetPeak();
    for (int r = 0; r < o.searchRounds; ++r)
        for (int k = 0; k < keys.size(); ++k) {
            const bool encFirst = (r + k) % 2 == 0;
            for (bool isEnc : {encFirst, !encFirst}) {
                ListWindow& w = isEnc ? enc : plain;
                Stopwatch t;
                const QString error = w.model.setSearchText(keys.at(k));
                w.view.repaint();
                const double ms = t.ms();
                (isEnc ? row.enc : row.plain).add(ms);
                if (isEnc)
                    byKey[keys.at(k)].add(ms);
                if (!error.isEmpty())
                    qFatal("search: %s", qPrintable(error));
            }
        }
    row.peakRssMB = memory::peakRssMB();
    row.detail.insert(QStringLiteral("slowest_keystrokes_encrypted_p50"), slowest(byKey, 10));
    row.note = QStringLiteral("offscreen QListView with the client delegate");
    return row;
}

Row measureMemory(VaultPair& v)
{
    Row row{QStringLiteral("memory_open"),
            QStringLiteral("program with the vault open: list model + view (child VmHWM)")};
    row.unit = QStringLiteral("MB");
    v.close();
    for (bool enc : {true, false}) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-memory"), v.path(enc)});
        if (!child.waitForStarted())
            qFatal("memory child did not start");
        if (enc)
            child.write(hexKey(v.key()));
        child.closeWriteChannel();
        if (!child.waitForFinished(600000) || child.exitCode() != 0)
            qFatal("memory child failed");
        const QJsonObject out = QJsonDocument::fromJson(child.readAllStandardOutput()).object();
        (enc ? row.enc : row.plain).add(out.value(QStringLiteral("vmhwm_mb")).toDouble());
        row.note = QStringLiteral("scrolled %1 rows, then every search keystroke")
                       .arg(out.value(QStringLiteral("rows_scrolled")).toInt());
    }
    if (auto st = v.reopen(); !st)
        qFatal("reopen: %s", qPrintable(st.message()));
    return row;
}

int runMemoryChild(const QString& databasePath)
{
    QByteArray hex = QByteArray::fromStdString(std::string(std::istreambuf_iterator<char>(std::cin), {}));
    std::unique_ptr<Database> db;
    {
        QByteArray raw = QByteArray::fromHex(hex.trimmed());
        wipe(hex);
        const SecretBytes key = SecretBytes::takeFrom(raw);
        auto opened = openDatabase(databasePath, key.empty() ? nullptr : &key);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.message()));
            return 1;
        }
        db = std::move(opened.value());
    }
    {
        ListWindow window(*db);
        // Someone scrolls through the first thousand clients, then searches.
        for (int i = 0; i < 5; ++i) {
            window.view.verticalScrollBar()->setValue(window.view.verticalScrollBar()->maximum());
            QCoreApplication::processEvents();
            window.view.repaint();
        }
        const int scrolled = window.model.rowCount();
        // Then the whole search-as-you-type workload, so the page cache holds what a day at the
        // desk would put there: the peak is measured in steady state, not just after opening.
        for (const QString& k : keystrokes(typedQueries())) {
            window.model.setSearchText(k);
            window.view.repaint();
        }
        const QJsonObject out{{QStringLiteral("vmhwm_mb"), memory::peakRssMB()},
                              {QStringLiteral("vmrss_mb"), memory::currentRssMB()},
                              {QStringLiteral("rows_scrolled"), scrolled}};
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
    }
    return 0;
}

} // namespace cd::bench
