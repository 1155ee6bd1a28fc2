#include "imaging/Heif.h"

#include <QObject>

#include <libheif/heif.h>

#include <memory>

namespace cd::heif {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using Context = std::unique_ptr<heif_context, Deleter<heif_context, heif_context_free>>;
using Handle = std::unique_ptr<heif_image_handle, Deleter<const heif_image_handle, heif_image_handle_release>>;
using Image = std::unique_ptr<heif_image, Deleter<const heif_image, heif_image_release>>;

Error damaged(const QString& fileName, const char* why)
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("%1 is a damaged or incomplete HEIC picture (%2). Ask for the photo again.")
                         .arg(fileName, QString::fromUtf8(why)));
}

} // namespace

bool looksLikeHeif(const QByteArray& bytes)
{
    if (bytes.size() < 12)
        return false;
    const heif_filetype_result r = heif_check_filetype(reinterpret_cast<const uint8_t*>(bytes.constData()), int(bytes.size()));
    return r == heif_filetype_yes_supported || r == heif_filetype_yes_unsupported || r == heif_filetype_maybe;
}

Result<QImage> decode(const QByteArray& bytes, const QString& fileName, qint64 maxPixels)
{
    Context ctx(heif_context_alloc());
    heif_error err = heif_context_read_from_memory_without_copy(ctx.get(), bytes.constData(), size_t(bytes.size()), nullptr);
    if (err.code != heif_error_Ok)
        return damaged(fileName, err.message);
    heif_image_handle* rawHandle = nullptr;
    err = heif_context_get_primary_image_handle(ctx.get(), &rawHandle);
    Handle handle(rawHandle);
    if (err.code != heif_error_Ok)
        return damaged(fileName, err.message);
    const qint64 w = heif_image_handle_get_width(handle.get());
    const qint64 h = heif_image_handle_get_height(handle.get());
    if (w <= 0 || h <= 0)
        return damaged(fileName, "no image size");
    if (w * h > maxPixels)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is %2 × %3 pixels (%4 megapixels); the limit is %5 megapixels. "
                                     "Export a smaller copy and add that.")
                             .arg(fileName).arg(w).arg(h).arg(w * h / 1000000).arg(maxPixels / 1000000));
    const bool alpha = heif_image_handle_has_alpha_channel(handle.get());
    heif_image* rawImage = nullptr;
    err = heif_decode_image(handle.get(), &rawImage, heif_colorspace_RGB,
                            alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, nullptr);
    Image img(rawImage);
    if (err.code != heif_error_Ok)
        return damaged(fileName, err.message);
    int stride = 0;
    const uint8_t* data = heif_image_get_plane_readonly(img.get(), heif_channel_interleaved, &stride);
    const int dw = heif_image_get_width(img.get(), heif_channel_interleaved);
    const int dh = heif_image_get_height(img.get(), heif_channel_interleaved);
    if (!data || dw <= 0 || dh <= 0)
        return damaged(fileName, "no pixels");
    // Wraps libheif's buffer, then copies: the QImage must outlive the heif_image.
    const QImage view(data, dw, dh, stride, alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    QImage out = view.copy();
    if (out.isNull())
        return makeError(Error::Kind::Failed, QObject::tr("Not enough memory to open %1.").arg(fileName));
    return out;
}

} // namespace cd::heif
