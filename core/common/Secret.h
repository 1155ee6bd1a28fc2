#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <cstddef>

namespace cd {

// Key material in libsodium's guarded memory: locked in RAM, surrounded by guard pages,
// wiped when freed. Move-only.
class SecretBytes final
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    static SecretBytes random(std::size_t size);
    // Copies then wipes the source buffer.
    static SecretBytes takeFrom(QByteArray& source);
    // Another guarded copy of the same bytes (an explicit copy: the type is move-only on purpose).
    SecretBytes copy() const;

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    bool equals(const SecretBytes& other) const;
    void clear();

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

// Initialises libsodium once; false if the library cannot be used (the program must stop).
bool sodiumReady();

// Wipes a QByteArray's bytes, then empties it. A buffer shared with an implicitly shared copy is
// detached first: the copy keeps its bytes (`QByteArray sealed = otp; SecretBytes::takeFrom(sealed)`).
void wipe(QByteArray& bytes);
// Zeroes the buffer itself, the one every implicitly shared copy reads, then empties this one: for a
// secret that had to pass through Qt types (a line edit's text, a key shown on screen, a copy held by
// a worker) once no one needs any copy of it.
void wipeShared(QByteArray& bytes);
void wipeShared(QString& text);

} // namespace cd
