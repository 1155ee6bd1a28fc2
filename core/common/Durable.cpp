#include "common/Durable.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace cd::files {

bool commit(QSaveFile& f, QString* why)
{
    const auto failed = [&](const QString& reason) {
        *why = reason.isEmpty() ? QStringLiteral("write error") : reason;
        f.cancelWriting(); // the temporary file is removed with f, never renamed
        return false;
    };
    if (!f.isOpen())
        return failed(f.errorString());
    if (!f.flush())
        return failed(f.errorString());
    // EINVAL/EROFS: a file system that cannot sync at all; there is nothing to wait for.
    if (const int fd = f.handle(); fd >= 0 && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        return failed(QString::fromLocal8Bit(std::strerror(errno)));
    if (!f.commit()) {
        *why = f.errorString();
        return false;
    }
    syncFolderOf(f.fileName());
    return true;
}

void syncFolderOf(const QString& filePath)
{
    const QByteArray folder = QFile::encodeName(QFileInfo(filePath).absolutePath());
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)::fsync(fd);
    ::close(fd);
}

} // namespace cd::files
