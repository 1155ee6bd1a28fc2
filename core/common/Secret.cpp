#include "common/Secret.h"

#include <new>
#include <sodium.h>
#include <utility>

namespace cd {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

SecretBytes::SecretBytes(std::size_t size) : m_size(size)
{
    if (size == 0)
        return;
    sodiumReady();
    m_data = static_cast<unsigned char*>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc();
}

SecretBytes::~SecretBytes()
{
    clear();
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes SecretBytes::random(std::size_t size)
{
    SecretBytes s(size);
    randombytes_buf(s.m_data, size);
    return s;
}

SecretBytes SecretBytes::takeFrom(QByteArray& source)
{
    SecretBytes s(std::size_t(source.size()));
    if (!source.isEmpty())
        std::copy(source.cbegin(), source.cend(), reinterpret_cast<char*>(s.m_data));
    wipe(source);
    return s;
}

SecretBytes SecretBytes::copy() const
{
    SecretBytes s(m_size);
    if (m_size > 0)
        std::copy(m_data, m_data + m_size, s.m_data);
    return s;
}

bool SecretBytes::equals(const SecretBytes& other) const
{
    return m_size == other.m_size && (m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0);
}

void SecretBytes::clear()
{
    if (m_data)
        sodium_free(m_data); // wipes before freeing
    m_data = nullptr;
    m_size = 0;
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), std::size_t(bytes.size()));
    bytes.clear();
}

// Zeroed where the bytes lie, without detaching (data() would copy a shared buffer and wipe the
// copy). Static data (a literal) is read-only and holds no secret.
void wipeShared(QByteArray& bytes)
{
    if (!bytes.isEmpty() && bytes.data_ptr().isMutable())
        sodium_memzero(const_cast<char*>(bytes.constData()), std::size_t(bytes.size()));
    bytes.clear();
}

void wipeShared(QString& text)
{
    if (!text.isEmpty() && text.data_ptr().isMutable())
        sodium_memzero(const_cast<QChar*>(text.constData()), std::size_t(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace cd
