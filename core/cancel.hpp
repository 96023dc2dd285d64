#pragma once
// Cancellation: one token per job. A token is a shared flag; a child token is cancelled when it or
// any of its ancestors is. The process token is the root of every job's token and is set by
// SIGINT/SIGTERM (installCancelHandlers), so Ctrl-C stops every pipeline while the editor's
// "cancel packaging" stops only the packaging job's child token and leaves the proxy running.
// Pipelines poll `cancelled()` (a few relaxed atomic loads: cheap enough per frame).
#include <atomic>
#include <memory>

namespace kotsu {

class CancelToken {
public:
    // A fresh token, a child of the process token (cancelled by Ctrl-C/SIGTERM too).
    CancelToken();
    // The root, set by the signal handlers. Copies share its flag.
    [[nodiscard]] static CancelToken process();
    // A token that is cancelled when this one is, and can be cancelled on its own.
    [[nodiscard]] CancelToken child() const;
    // A token with no parent: only cancel() on it (or a copy) sets it. For tests.
    [[nodiscard]] static CancelToken detached();

    void cancel() const;
    [[nodiscard]] bool cancelled() const;

    struct State;  // the shared flag and the parent's (cancel.cpp)

private:
    explicit CancelToken(std::shared_ptr<State> s) : s_(std::move(s)) {}
    std::shared_ptr<State> s_;
};

// Installs SIGINT/SIGTERM handlers (once per process): the first signal cancels the process token
// (every job winds down, removes its partial outputs and the command exits 130); a second one exits
// at once with 130.
void installCancelHandlers();
// The process token's state: for code that has no token of its own to poll (and for branches written
// against the old process-wide flag).
[[nodiscard]] bool cancelRequested();
// Set and lower the process token as a signal would (tests of whole commands).
void requestCancel();
void clearCancel();
// Exit status for a run that ended because of a signal: 128 + the signal number (130 for Ctrl-C).
[[nodiscard]] int cancelExitCode();

}  // namespace kotsu
