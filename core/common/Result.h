#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace cd {

// What went wrong, in words a receptionist or manager can act on.
struct Error
{
    enum class Kind {
        Failed,      // generic: the message says it all
        NotFound,    // no such vault, account, client ...
        WrongSecret, // wrong passphrase or recovery key
        Damaged,     // a file is corrupt or was tampered with
        Invalid,     // input that does not validate
        Conflict,    // already exists, clash
        Permission,  // the signed-in role may not do this
        Io           // disk full, read-only folder, I/O error
    };
    Kind kind = Kind::Failed;
    QString message;
};

inline Error makeError(Error::Kind kind, QString message)
{
    return Error{kind, std::move(message)};
}

// A value or an Error. Failures a user can cause travel as values; exceptions stay exceptional.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    // By value, not T&&: `for (auto& x : f().value())` must not iterate a destroyed temporary.
    T value() && { return std::get<0>(std::move(m_v)); }
    const T& value() const& { return std::get<0>(m_v); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(m_v); }
    const QString& message() const { return error().message; }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }
    const QString& message() const { return m_error->message; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace cd
