// The Debian package as a clinic gets it: unpacked into a scratch root, its programs run against
// the system's libraries only (no LD_LIBRARY_PATH, no build tree), its desktop files checked by
// the validators the desktop uses. The package is built by the fixture test `package_deb`.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args, const QMap<QString, QString>& extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LD_LIBRARY_PATH"));
    env.remove(QStringLiteral("CLINICDESK_PASSPHRASE"));
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(120000))
        qFatal("%s did not finish", qPrintable(program));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString tool(const char* name, const char* package)
{
    const QString path = QStandardPaths::findExecutable(QString::fromLatin1(name));
    if (path.isEmpty())
        qFatal("%s is needed (Debian package %s): run packaging/install-deps", name, package);
    return path;
}

const QString kId = QStringLiteral("org.clinicdesk.Clinicdesk");

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_deb;
    QString m_root;

    QString installed(const QString& path) const { return m_root + QStringLiteral("/usr/") + path; }

private Q_SLOTS:
    void initTestCase()
    {
        const QDir dir(qEnvironmentVariable("CLINICDESK_DEB_DIR"));
        const QStringList debs = dir.entryList({QStringLiteral("clinicdesk_*.deb")}, QDir::Files);
        QVERIFY2(debs.size() == 1, qPrintable(QStringLiteral("expected one .deb in %1, found %2")
                                                  .arg(dir.path(), debs.join(QLatin1Char(' ')))));
        m_deb = dir.filePath(debs.first());
        m_root = m_tmp.filePath(QStringLiteral("root"));
        const Run x = run(tool("dpkg-deb", "dpkg"), {QStringLiteral("-x"), m_deb, m_root});
        QVERIFY2(x.code == 0, qPrintable(x.err));
    }

    void dependenciesComeFromTheBinaries()
    {
        const Run f =
            run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
        QCOMPARE(f.code, 0);
        // dpkg-shlibdeps found these in the ELF files; nobody listed them by hand.
        for (const char* lib :
             {"libsqlcipher0", "libsodium23", "libqt6widgets6", "libqt6gui6", "libheif1", "libc6"})
            QVERIFY2(
                f.out.contains(QLatin1String(lib)),
                qPrintable(QStringLiteral("%1 missing from Depends: %2").arg(QLatin1String(lib), f.out)));
        QVERIFY2(f.out.contains(QLatin1String("qt6-image-formats-plugins")), qPrintable(f.out));
        QVERIFY2(!f.out.contains(QLatin1String("libsqlite3")), qPrintable(f.out));
    }

    void lintianFindsNoErrors()
    {
        // Warnings and pedantic notes are reported (README, packaging notes); errors fail the package.
        const Run l =
            run(tool("lintian", "lintian"), {QStringLiteral("--fail-on"), QStringLiteral("error"), m_deb});
        QVERIFY2(l.code == 0 && !l.out.contains(QLatin1String("E: ")), qPrintable(l.out + l.err));
    }

    void everythingIsInstalled()
    {
        for (const QString& program :
             {QStringLiteral("bin/clinicdesk"), QStringLiteral("bin/clinicdesk-cli")}) {
            QFileInfo info(installed(program));
            QVERIFY2(info.isExecutable(), qPrintable(program));
        }
        QStringList files = {QStringLiteral("share/applications/%1.desktop").arg(kId),
                             QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kId),
                             QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kId),
                             QStringLiteral("share/doc/clinicdesk/copyright"),
                             QStringLiteral("share/doc/clinicdesk/changelog.gz"),
                             QStringLiteral("share/man/man1/clinicdesk.1.gz"),
                             QStringLiteral("share/man/man1/clinicdesk-cli.1.gz")};
        for (const QString& f : files)
            QVERIFY2(QFile::exists(installed(f)), qPrintable(f));
        // Each PNG is really the size its folder says, or the desktop shows a blurred or cut icon.
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
            const QString path =
                installed(QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kId));
            const QImage icon(path);
            QVERIFY2(!icon.isNull(), qPrintable(path));
            QCOMPARE(icon.size(), QSize(size, size));
        }
    }

    void programsRunOnTheSystemLibrariesAlone()
    {
        for (const QString& program :
             {QStringLiteral("bin/clinicdesk"), QStringLiteral("bin/clinicdesk-cli")}) {
            const Run d = run(tool("readelf", "binutils"), {QStringLiteral("-d"), installed(program)});
            QCOMPARE(d.code, 0);
            QVERIFY2(!d.out.contains(QLatin1String("RPATH")) && !d.out.contains(QLatin1String("RUNPATH")),
                     qPrintable(d.out));
        }
        const Run version = run(installed(QStringLiteral("bin/clinicdesk")), {QStringLiteral("--version")},
                                {{QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")}});
        QVERIFY2(version.code == 0, qPrintable(version.err));
        QCOMPARE(version.out.trimmed(),
                 QStringLiteral("clinicdesk %1").arg(QStringLiteral(CLINICDESK_VERSION)));
    }

    void installedCliCreatesAndVerifiesAVault()
    {
        const QString cli = installed(QStringLiteral("bin/clinicdesk-cli"));
        const QString vault = m_tmp.filePath(QStringLiteral("vault"));
        const QMap<QString, QString> env = {
            {QStringLiteral("CLINICDESK_PASSPHRASE"), QStringLiteral("package test passphrase 7")}};
        const Run init = run(cli, {QStringLiteral("init"), QStringLiteral("--vault"), vault}, env);
        QVERIFY2(init.code == 0, qPrintable(init.err));
        QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-F]{4}-){15}[0-9A-F]{4}$"))
                     .match(init.out.trimmed())
                     .hasMatch(),
                 qPrintable(init.out));
        const Run verify = run(cli, {QStringLiteral("verify"), QStringLiteral("--vault"), vault}, env);
        QVERIFY2(verify.code == 0, qPrintable(verify.err));
        QVERIFY2(verify.out.contains(QLatin1String("SQLCipher")), qPrintable(verify.out));
        const Run wrong =
            run(cli, {QStringLiteral("verify"), QStringLiteral("--vault"), vault},
                {{QStringLiteral("CLINICDESK_PASSPHRASE"), QStringLiteral("not the passphrase")}});
        QVERIFY(wrong.code != 0);
    }

    void desktopFilePassesTheValidator()
    {
        const QString desktop = installed(QStringLiteral("share/applications/%1.desktop").arg(kId));
        const Run v = run(tool("desktop-file-validate", "desktop-file-utils"), {desktop});
        QVERIFY2(v.code == 0 && v.out.trimmed().isEmpty(), qPrintable(v.out + v.err));
        QFile f(desktop);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        // The menu entry starts the installed program and shows the installed icon.
        QVERIFY(text.contains(QLatin1String("\nExec=clinicdesk\n")));
        QVERIFY(text.contains(QStringLiteral("\nIcon=%1\n").arg(kId)));
    }

    void metainfoPassesTheValidator()
    {
        const QString metainfo = installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kId));
        const Run v = run(tool("appstreamcli", "appstream"),
                          {QStringLiteral("validate"), QStringLiteral("--no-net"), metainfo});
        QVERIFY2(v.code == 0, qPrintable(v.out + v.err));
        QFile f(metainfo);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(
            QStringLiteral("<launchable type=\"desktop-id\">%1.desktop</launchable>").arg(kId)));
        QVERIFY(
            text.contains(QStringLiteral("<release version=\"%1\"").arg(QStringLiteral(CLINICDESK_VERSION))));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
