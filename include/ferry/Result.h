#pragma once
// Any thread: plain value types.

#include <QString>

#include <utility>
#include <variant>

namespace ferry {

/// A failure with a stable machine-readable code and a technical message.
/// Core code returns these; only ui/ and cli/ decide how to show them.
struct Error
{
    QString code;    ///< stable identifier, e.g. "workspace.newer-version"
    QString message; ///< technical, complete sentence that names what failed and why

    static Error make(QString code, QString message) { return Error{std::move(code), std::move(message)}; }
};

/// Either a value or an Error. No exceptions cross module or thread boundaries.
template <typename T> class Result
{
public:
    Result(T value) : m_data(std::move(value)) {}     // NOLINT(google-explicit-constructor)
    Result(Error error) : m_data(std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    T *operator->() { return &std::get<T>(m_data); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// Result without a value: success, or an Error.
template <> class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace ferry
