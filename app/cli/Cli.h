#pragma once

#include "common/Result.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>
#include <initializer_list>
#include <memory>
#include <optional>

namespace cd {
class Vault;
struct StockBatch;
} // namespace cd

namespace cd::cli {

// What a command needs: its arguments, where to write, how to open the vault.
class Context final
{
public:
    Context(QStringList args, QTextStream& out, QTextStream& err)
        : m_args(std::move(args)), m_out(out), m_err(err)
    {
    }

    // Parses --vault, --user and `extra` options; prints a one-line error and returns false on bad input.
    bool parse(QCommandLineParser& parser, const QList<QCommandLineOption>& extra, bool vaultRequired = true);
    // Signs in as --user. Normally an account still holding the one-time passphrase it was given
    // is refused (with the way out: `passphrase`); that command alone opens it to change it.
    enum class Opening { Normal, ToChangePassphrase };
    Result<std::unique_ptr<Vault>> openVault(const QCommandLineParser& parser, Opening how = Opening::Normal);
    int parseExitCode() const
    {
        return m_parseExit;
    }                                 // after parse() returned false: 0 for --help, 2 for errors
    int fail(const QString& message); // one line on stderr, returns exit code 1
    int fail(const Error& e) { return fail(e.message); }
    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    const QStringList& args() const { return m_args; }
    void printJsonLine(const QJsonObject& o);
    // `command SUB …`: runs the handler named by the word after the command with the rest of the
    // arguments (as if SUB were not there); nullopt when that word names none of them.
    using Handler = int (*)(Context&);
    std::optional<int> subcommand(std::initializer_list<std::pair<const char*, Handler>> handlers);

private:
    QStringList m_args;
    QTextStream& m_out;
    QTextStream& m_err;
    int m_parseExit = 2;
};

// `clinicdesk-cli COMMAND ...`; args[0] is the program name.
int run(const QStringList& args, QTextStream& out, QTextStream& err);

// Commands, one function each.
int cmdInit(Context& ctx);
int cmdDemo(Context& ctx);
int cmdVerify(Context& ctx);
int cmdSettings(Context& ctx);
int cmdLog(Context& ctx);
int cmdKeys(Context& ctx);
int cmdSearch(Context& ctx);
int cmdImportClients(Context& ctx);
int cmdRequests(Context& ctx);
int cmdExportSar(Context& ctx);
int cmdExportAll(Context& ctx);
int cmdErase(Context& ctx);
int cmdRestrict(Context& ctx);
int cmdRetention(Context& ctx);
int cmdStaff(Context& ctx);
int cmdAddImages(Context& ctx);
int cmdImages(Context& ctx);
int cmdBackup(Context& ctx);
int cmdRestore(Context& ctx);
int cmdAppointments(Context& ctx);
int cmdBatch(Context& ctx);
int cmdPassphrase(Context& ctx);
int cmdStock(Context& ctx);
int cmdForms(Context& ctx);
int cmdTreatments(Context& ctx);
int cmdServer(Context& ctx);
// One batch as `stock` prints it (also in `batch`, the recall: what is left of it).
QJsonObject stockJson(const StockBatch& b);

} // namespace cd::cli
