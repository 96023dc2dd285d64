#include "annotate/background_job.hpp"

namespace kotsu::annotate {

BackgroundJob::BackgroundJob(std::string label, Micros total, Work work) : label_(std::move(label)) {
    thread_ = std::thread([this, total, work = std::move(work)] {
        Progress p(label_, total, false);
        p.setSink([this](double fraction, double, double left) {
            fraction_.store(fraction);
            left_.store(left);
        });
        Status s = work(p, token_);
        {
            std::lock_guard lock(mu_);
            outcome_ = std::move(s);
        }
        fraction_.store(1.0);
        finished_.store(true);
    });
}

BackgroundJob::~BackgroundJob() {
    if (!finished()) cancel();
    wait();
}

std::optional<Status> BackgroundJob::outcome() const {
    std::lock_guard lock(mu_);
    return outcome_;
}

void BackgroundJob::cancel() { token_.cancel(); }

void BackgroundJob::wait() {
    if (thread_.joinable()) thread_.join();
}

std::string BackgroundJob::conclude(const std::string& done, const std::string& cancelledText) {
    wait();
    auto s = outcome();
    if (s && s->ok()) return done;
    if (cancelled()) return cancelledText;
    return s ? s->error().what() : label_ + ": did not finish";
}

}  // namespace kotsu::annotate
