// qpdf 11: use std::shared_ptr everywhere, no PointerHolder compatibility shims.
#define POINTERHOLDER_TRANSITION 4
#include "export/ZipWriter.h"

#include <QFile>
#include <QObject>
#include <cstdlib>
#include <memory>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <zip.h>

namespace cd {

Status writeZip(const QString& path, const QList<ZipEntry>& entries, const QByteArray& password)
{
    QFile::remove(path);
    int err = 0;
    zip_t* za = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za)
        return makeError(
            Error::Kind::Io,
            QObject::tr("Cannot create %1: check the folder exists and can be written to.").arg(path));
    for (const ZipEntry& e : entries) {
        // libzip reads the buffer at close time; keep a copy it owns and frees.
        void* copy = std::malloc(std::size_t(std::max<qsizetype>(1, e.bytes.size())));
        std::memcpy(copy, e.bytes.constData(), std::size_t(e.bytes.size()));
        zip_source_t* src = zip_source_buffer(za, copy, zip_uint64_t(e.bytes.size()), 1);
        if (!src) {
            std::free(copy);
            zip_discard(za);
            return makeError(Error::Kind::Failed, QObject::tr("Cannot add %1 to the ZIP.").arg(e.name));
        }
        const zip_int64_t idx =
            zip_file_add(za, e.name.toUtf8().constData(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(src);
            zip_discard(za);
            return makeError(Error::Kind::Failed, QObject::tr("Cannot add %1 to the ZIP.").arg(e.name));
        }
        if (e.stored && zip_set_file_compression(za, zip_uint64_t(idx), ZIP_CM_STORE, 0) < 0) {
            zip_discard(za);
            return makeError(Error::Kind::Failed, QObject::tr("Cannot add %1 to the ZIP.").arg(e.name));
        }
        if (!password.isEmpty() &&
            zip_file_set_encryption(za, zip_uint64_t(idx), ZIP_EM_AES_256, password.constData()) < 0) {
            zip_discard(za);
            return makeError(Error::Kind::Failed, QObject::tr("This libzip cannot encrypt with AES-256."));
        }
    }
    if (zip_close(za) < 0) {
        const QString why = QString::fromUtf8(zip_strerror(za));
        zip_discard(za);
        QFile::remove(path);
        return makeError(
            Error::Kind::Io,
            QObject::tr("Writing %1 failed (%2). Nothing was written: free some space and try again.")
                .arg(path, why));
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

Result<QByteArray> protectPdf(const QByteArray& pdf, const QByteArray& password)
{
    if (password.size() < 8)
        return makeError(Error::Kind::Invalid, QObject::tr("Use a password of at least 8 characters."));
    try {
        QPDF in;
        in.processMemoryFile("report.pdf", pdf.constData(), std::size_t(pdf.size()));
        QPDFWriter w(in);
        w.setOutputMemory();
        w.setR6EncryptionParameters(password.constData(), password.constData(), true, true, true, true, true,
                                    true, qpdf_r3p_full, true);
        w.write();
        std::unique_ptr<Buffer> out(w.getBuffer());
        return QByteArray(reinterpret_cast<const char*>(out->getBuffer()), qsizetype(out->getSize()));
    } catch (const std::exception& e) {
        return makeError(Error::Kind::Failed,
                         QObject::tr("Cannot protect the PDF: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace cd
