#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace cd::bench {

// How much of everything to measure. The full run is what the README reports; --quick keeps the
// same code paths at sizes that finish in seconds, so CTest runs it on every build.
struct Options
{
    bool quick = false;
    QString outDir = QStringLiteral("bench-report");
    QList<int> sizes{1000, 10000, 100000, 1000000};
    int interactionsPerClient = 10;
    int searchRounds = 5; // passes over every keystroke of every query
    int addRounds = 300;  // interactions added per database
    int importRounds = 5; // 12-megapixel imports per database
    int importWidth = 4000;
    int importHeight = 3000;
    int thumbnailRounds = 10; // sets of 100 thumbnails
    int exportRounds = 3;     // subject export + erasure pairs
    int subjectInteractions = 50;
    int subjectImages = 30;
    int subjectImageWidth = 1600; // photos as clients email them
    int subjectImageHeight = 1200;
    int csvRows = 10000;
    int csvRounds = 2;
    int kdfRounds = 5;
    int openRounds = 7;
    QStringList only; // first words of the steps to run (for profiling one operation); empty: all

    static Options quickOptions()
    {
        Options o;
        o.quick = true;
        o.sizes = {300};
        o.interactionsPerClient = 3;
        o.searchRounds = 1;
        o.addRounds = 10;
        o.importRounds = 1;
        o.importWidth = 800;
        o.importHeight = 600;
        o.thumbnailRounds = 2;
        o.exportRounds = 1;
        o.subjectInteractions = 5;
        o.subjectImages = 3;
        o.subjectImageWidth = 320;
        o.subjectImageHeight = 240;
        o.csvRows = 100;
        o.csvRounds = 1;
        o.kdfRounds = 1;
        o.openRounds = 2;
        return o;
    }
};

} // namespace cd::bench
