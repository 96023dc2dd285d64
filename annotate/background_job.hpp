#pragma once
// Long work (making the proxy, packaging) on its own thread while the editor stays responsive:
// progress as a fraction, its own cancel token (a child of the process token: Ctrl-C/SIGTERM stop
// every job, cancel() only this one), and the outcome when done.
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"

namespace kotsu::annotate {

class BackgroundJob {
public:
    // The work gets a Progress whose updates land in fraction() and the job's token to hand to the
    // pipeline it runs; its Status is the outcome.
    using Work = std::function<Status(Progress&, const CancelToken&)>;

    BackgroundJob(std::string label, Micros total, Work work);
    ~BackgroundJob();  // cancels and joins
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    [[nodiscard]] const std::string& label() const { return label_; }
    [[nodiscard]] double fraction() const { return fraction_.load(); }
    [[nodiscard]] double secondsLeft() const { return left_.load(); }
    [[nodiscard]] bool finished() const { return finished_.load(); }
    // The outcome once finished().
    [[nodiscard]] std::optional<Status> outcome() const;
    void cancel();
    [[nodiscard]] bool cancelled() const { return token_.cancelled(); }
    [[nodiscard]] const CancelToken& token() const { return token_; }
    void wait();
    // Once finished(): joins the thread and says how it ended — `done` when it succeeded, `cancelled`
    // when it was cancelled, else the error's words (what the panels put in the status line).
    [[nodiscard]] std::string conclude(const std::string& done, const std::string& cancelled);

private:
    std::string label_;
    std::atomic<double> fraction_{0}, left_{0};
    std::atomic<bool> finished_{false};
    CancelToken token_;
    mutable std::mutex mu_;
    std::optional<Status> outcome_;
    std::thread thread_;
};

}  // namespace kotsu::annotate
