#include "core/cancel.hpp"

#include <unistd.h>

#include <csignal>

namespace kotsu {

struct CancelToken::State {
    std::atomic<bool> flag{false};
    std::shared_ptr<State> parent;
};

namespace {

// Static storage: the signal handler touches only these lock-free atomics.
CancelToken::State* processState() {
    static CancelToken::State state;  // never destroyed before the handlers stop mattering
    return &state;
}
std::atomic<int> g_signal{0};

extern "C" void onCancelSignal(int sig) {
    // A second signal: the user means it. _exit is async-signal-safe; outputs under temporary
    // names are cleaned by the next run.
    if (g_signal.exchange(sig) != 0) ::_exit(128 + SIGINT);
    processState()->flag.store(true);
}

}  // namespace

CancelToken::CancelToken() : s_(std::make_shared<State>()) {
    s_->parent = std::shared_ptr<State>(std::shared_ptr<State>{}, processState());  // non-owning
}

CancelToken CancelToken::process() { return CancelToken(std::shared_ptr<State>(std::shared_ptr<State>{}, processState())); }

CancelToken CancelToken::detached() { return CancelToken(std::make_shared<State>()); }

CancelToken CancelToken::child() const {
    auto s = std::make_shared<State>();
    s->parent = s_;
    return CancelToken(std::move(s));
}

void CancelToken::cancel() const { s_->flag.store(true); }

bool CancelToken::cancelled() const {
    for (const State* s = s_.get(); s; s = s->parent.get())
        if (s->flag.load(std::memory_order_relaxed)) return true;
    return false;
}

void installCancelHandlers() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    (void)processState();
    struct sigaction sa {};
    sa.sa_handler = onCancelSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool cancelRequested() { return processState()->flag.load(); }
void requestCancel() { processState()->flag.store(true); }
void clearCancel() {
    processState()->flag.store(false);
    g_signal.store(0);
}

int cancelExitCode() {
    int sig = g_signal.load();
    return sig != 0 ? 128 + sig : 130;
}

}  // namespace kotsu
