#pragma once
// Error and Result: every fallible operation in kotsu returns one of these.
// An Error keeps the libav (AVERROR) or errno code it came from and names the file it is about,
// so the command line can print one honest line: "<file>: <problem>".
#include <string>
#include <utility>
#include <variant>

namespace kotsu {

struct Error {
    int code = 0;          // AVERROR(...) / negative errno / 0 when the error is ours
    std::string path;      // the file (or entry) the error is about; may be empty
    std::string message;   // what went wrong, in words

    // "path: message (libav reason)" — one line, for humans.
    [[nodiscard]] std::string what() const;

    static Error make(std::string path, std::string message, int code = 0) {
        return Error{code, std::move(path), std::move(message)};
    }
    // Wraps a libav return code; the text of av_strerror is appended by what().
    static Error av(int code, std::string path, std::string message) {
        return Error{code, std::move(path), std::move(message)};
    }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit on purpose
    Result(Error error) : v_(std::move(error)) {}      // NOLINT

    [[nodiscard]] bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }  // also on a temporary, within its full expression

    [[nodiscard]] const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : err_(std::move(error)), failed_(true) {}  // NOLINT
    [[nodiscard]] bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { return err_; }

private:
    Error err_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace kotsu

// Propagate an error from an expression returning Result/Status.
#define KOTSU_TRY(expr)                                  \
    do {                                                 \
        auto kotsu_try_r_ = (expr);                      \
        if (!kotsu_try_r_.ok()) return kotsu_try_r_.error(); \
    } while (0)
