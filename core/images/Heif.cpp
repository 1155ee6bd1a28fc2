#include "images/Heif.h"

#include <QMap>
#include <QObject>
#include <libheif/heif.h>
#include <memory>
#include <optional>

namespace cd::heif {

namespace {

template <typename T, void (*Free)(T*)> struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using Context = std::unique_ptr<heif_context, Deleter<heif_context, heif_context_free>>;
using Handle =
    std::unique_ptr<heif_image_handle, Deleter<const heif_image_handle, heif_image_handle_release>>;
using Image = std::unique_ptr<heif_image, Deleter<const heif_image, heif_image_release>>;

Error damaged(const QString& fileName, const char* why)
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("%1 is a damaged or incomplete HEIC picture (%2). Ask for the photo again.")
                         .arg(fileName, QString::fromUtf8(why)));
}

// libheif 1.15 checks the size an image declares (its 'ispe' box) but not the output size of a grid
// ('grid' item: tiles pasted into a canvas of the grid's own width and height), and iPhones store
// every photo as a grid. A file can declare 64 × 48 and bring a 16384 × 12288 grid, which libheif
// allocates and colour-converts (found by tests/fuzz/fuzz_image_import). This reads the grid's
// output size from the file's boxes before anything is decoded.
struct Boxes
{
    const QByteArray& b;
    quint64 u(qint64 at, int bytes) const
    {
        quint64 v = 0;
        for (int i = 0; i < bytes; ++i)
            v = (v << 8) | static_cast<unsigned char>(b.at(at + i));
        return v;
    }
    bool has(qint64 at, qint64 n) const { return at >= 0 && n >= 0 && at <= b.size() && n <= b.size() - at; }
    // Calls fn(type, bodyStart, bodyEnd) for each box in [from, to); false if a box runs past `to`.
    template <typename Fn> bool each(qint64 from, qint64 to, Fn fn) const
    {
        for (qint64 at = from; at + 8 <= to;) {
            qint64 size = qint64(u(at, 4));
            qint64 head = 8;
            if (size == 1) {
                if (!has(at, 16))
                    return false;
                const quint64 large = u(at + 8, 8);
                if (large > quint64(b.size()))
                    return false;
                size = qint64(large);
                head = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < head || size > to - at)
                return false;
            if (!fn(b.mid(at + 4, 4), at + head, at + size))
                return true; // fn asked to stop
            at += size;
        }
        return true;
    }
};

// The output size of the primary image when it is a grid; nullopt when it is not one; {0, 0} when
// the boxes describing it cannot be read.
std::optional<std::pair<quint64, quint64>> primaryGridSize(const QByteArray& bytes)
{
    const Boxes x{bytes};
    qint64 metaFrom = -1, metaTo = -1;
    x.each(0, bytes.size(), [&](const QByteArray& type, qint64 from, qint64 to) {
        if (type != "meta")
            return true;
        metaFrom = from + 4; // full box: version and flags
        metaTo = to;
        return false;
    });
    if (metaFrom < 0 || metaFrom > metaTo)
        return std::nullopt;
    quint64 primary = 0;
    bool primaryFound = false;
    std::optional<std::pair<quint64, quint64>> unreadable{std::pair<quint64, quint64>{0, 0}};
    QMap<quint64, QByteArray> types;
    struct Extent
    {
        int method = 0;
        quint64 offset = 0, length = 0;
        bool found = false;
    };
    Extent grid;
    qint64 idatFrom = -1, idatTo = -1;
    quint64 gridItem = 0;
    bool ok = x.each(metaFrom, metaTo, [&](const QByteArray& type, qint64 from, qint64 to) {
        if (type == "pitm" && x.has(from, 4)) {
            const int v = int(x.u(from, 1));
            const int n = v == 0 ? 2 : 4;
            if (x.has(from + 4, n) && from + 4 + n <= to) {
                primary = x.u(from + 4, n);
                primaryFound = true;
            }
        } else if (type == "iinf" && x.has(from, 4)) {
            const int n = x.u(from, 1) == 0 ? 2 : 4;
            x.each(from + 4 + n, to, [&](const QByteArray& t, qint64 f, qint64 e) {
                if (t != "infe" || !x.has(f, 4))
                    return true;
                const int v = int(x.u(f, 1));
                if (v < 2)
                    return true;
                const int idBytes = v == 2 ? 2 : 4;
                if (f + 4 + idBytes + 2 + 4 <= e && x.has(f + 4, idBytes + 6))
                    types.insert(x.u(f + 4, idBytes), bytes.mid(f + 4 + idBytes + 2, 4));
                return true;
            });
        } else if (type == "idat") {
            idatFrom = from;
            idatTo = to;
        }
        return true;
    });
    if (!ok || !primaryFound)
        return std::nullopt; // libheif will refuse it or find no primary image
    if (types.value(primary) != "grid")
        return std::nullopt;
    gridItem = primary;
    // iloc: where the grid item's few bytes are (in idat, or at an offset in the file).
    x.each(metaFrom, metaTo, [&](const QByteArray& type, qint64 from, qint64 to) {
        if (type != "iloc" || !x.has(from, 6))
            return true;
        const int v = int(x.u(from, 1));
        qint64 at = from + 4;
        const int offSize = int(x.u(at, 1) >> 4), lenSize = int(x.u(at, 1) & 15);
        const int baseSize = int(x.u(at + 1, 1) >> 4), idxSize = v >= 1 ? int(x.u(at + 1, 1) & 15) : 0;
        at += 2;
        const int countBytes = v < 2 ? 2 : 4, idBytes = v < 2 ? 2 : 4;
        if (!x.has(at, countBytes))
            return false;
        const quint64 count = x.u(at, countBytes);
        at += countBytes;
        for (quint64 i = 0; i < count && at < to; ++i) {
            if (!x.has(at, idBytes + 2))
                return false;
            const quint64 id = x.u(at, idBytes);
            at += idBytes;
            int method = 0;
            if (v >= 1) {
                method = int(x.u(at, 2) & 15);
                at += 2;
            }
            at += 2; // data reference index
            if (!x.has(at, baseSize + 2))
                return false;
            const quint64 base = x.u(at, baseSize);
            at += baseSize;
            const quint64 extents = x.u(at, 2);
            at += 2;
            for (quint64 e = 0; e < extents; ++e) {
                if (!x.has(at, idxSize + offSize + lenSize))
                    return false;
                at += idxSize;
                const quint64 off = x.u(at, offSize);
                at += offSize;
                const quint64 len = x.u(at, lenSize);
                at += lenSize;
                if (id == gridItem && e == 0)
                    grid = Extent{method, base + off, len, true};
            }
        }
        return false;
    });
    if (!grid.found)
        return unreadable;
    qint64 start = 0;
    if (grid.method == 1 && idatFrom >= 0 && grid.offset <= quint64(idatTo - idatFrom))
        start = idatFrom + qint64(grid.offset);
    else if (grid.method == 0 && grid.offset <= quint64(bytes.size()))
        start = qint64(grid.offset);
    else
        return unreadable;
    // ImageGrid: version, flags (bit 0: 32-bit sizes), rows - 1, columns - 1, output width, height.
    if (!x.has(start, 4))
        return unreadable;
    const int n = (x.u(start + 1, 1) & 1) ? 4 : 2;
    if (!x.has(start + 4, 2 * n))
        return unreadable;
    return std::pair<quint64, quint64>{x.u(start + 4, n), x.u(start + 4 + n, n)};
}

} // namespace

bool looksLikeHeif(const QByteArray& bytes)
{
    if (bytes.size() < 12)
        return false;
    const heif_filetype_result r =
        heif_check_filetype(reinterpret_cast<const uint8_t*>(bytes.constData()), int(bytes.size()));
    return r == heif_filetype_yes_supported || r == heif_filetype_yes_unsupported || r == heif_filetype_maybe;
}

Result<QImage> decode(const QByteArray& bytes, const QString& fileName, qint64 maxPixels)
{
    Context ctx(heif_context_alloc());
    heif_error err = heif_context_read_from_memory_without_copy(ctx.get(), bytes.constData(),
                                                                size_t(bytes.size()), nullptr);
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
    const auto tooLarge = [&](qint64 tw, qint64 th) {
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is %2 × %3 pixels (%4 megapixels); the limit is %5 megapixels. "
                                     "Export a smaller copy and add that.")
                             .arg(fileName)
                             .arg(tw)
                             .arg(th)
                             .arg(tw * th / 1000000)
                             .arg(maxPixels / 1000000));
    };
    if (w * h > maxPixels)
        return tooLarge(w, h);
    if (const auto grid = primaryGridSize(bytes)) {
        const quint64 gw = grid->first, gh = grid->second;
        if (gw == 0 || gh == 0)
            return damaged(fileName, "unreadable grid");
        if (gw > quint64(maxPixels) || gh > quint64(maxPixels) || gw * gh > quint64(maxPixels))
            return tooLarge(qint64(qMin<quint64>(gw, 1u << 31)), qint64(qMin<quint64>(gh, 1u << 31)));
    }
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
    // Whatever libheif produced, nothing larger than declared and allowed is kept.
    if (qint64(dw) * dh > maxPixels || qint64(dw) * dh > w * h)
        return damaged(fileName, "the decoded size differs from the image size");
    // Wraps libheif's buffer, then copies: the QImage must outlive the heif_image.
    const QImage view(data, dw, dh, stride, alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    QImage out = view.copy();
    if (out.isNull())
        return makeError(Error::Kind::Failed, QObject::tr("Not enough memory to open %1.").arg(fileName));
    return out;
}

} // namespace cd::heif
