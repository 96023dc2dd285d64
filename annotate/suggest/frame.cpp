#include "annotate/suggest/frame.hpp"

#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace kotsu::annotate::suggest {

namespace {
constexpr int kMotionWidth = 64;      // motion is judged on a thumbnail: camera noise averages out
constexpr int kMotionDelta = 10;      // 8-bit grey change that counts a thumbnail pixel as moving
constexpr int kLit = 32;              // V below which hue and saturation are noise
}  // namespace

struct FrameAnalyzer::State {
    Micros motionInterval;
    cv::Mat hsv, prevHsv, diff, value, prevValue, lit, litPrev, sig;
    cv::Mat grey, small, prevSmall, smallDiff;
    Micros lastMotion = 0;
    bool haveHsv = false, haveMotion = false;
};

FrameAnalyzer::FrameAnalyzer(Micros motionInterval) : s_(std::make_unique<State>()) {
    s_->motionInterval = motionInterval;
}
FrameAnalyzer::~FrameAnalyzer() = default;
FrameAnalyzer::FrameAnalyzer(FrameAnalyzer&&) noexcept = default;
FrameAnalyzer& FrameAnalyzer::operator=(FrameAnalyzer&&) noexcept = default;

FrameFeatures FrameAnalyzer::analyze(const std::uint8_t* bgr, int width, int height, int stride, Micros time) {
    State& s = *s_;
    // A view on the libav buffer: nothing is copied until the colour conversion.
    const cv::Mat image(height, width, CV_8UC3, const_cast<std::uint8_t*>(bgr), static_cast<size_t>(stride));
    FrameFeatures f;
    f.time = time;
    cv::Scalar mean = cv::mean(image);
    f.intensity = (mean[0] + mean[1] + mean[2]) / 3.0;

    // PySceneDetect's content value: 8-bit HSV (H in 0..179), mean absolute change per channel, averaged.
    // Hue and saturation count only where either picture is lit: the first faint pictures of a fade-in
    // or the grain of a dark room changes them wholesale, a cut from or to black changes V.
    cv::cvtColor(image, s.hsv, cv::COLOR_BGR2HSV);
    cv::extractChannel(s.hsv, s.value, 2);
    if (s.haveHsv && s.prevHsv.size() == s.hsv.size()) {
        cv::absdiff(s.hsv, s.prevHsv, s.diff);
        cv::Scalar all = cv::mean(s.diff);
        cv::compare(s.value, kLit, s.lit, cv::CMP_GE);
        cv::compare(s.prevValue, kLit, s.litPrev, cv::CMP_GE);
        cv::bitwise_or(s.lit, s.litPrev, s.lit);
        const int lit = cv::countNonZero(s.lit);
        double hs = 0;
        if (lit == int(s.lit.total())) {
            hs = all[0] + all[1];
        } else if (lit > 0) {
            cv::Scalar d = cv::mean(s.diff, s.lit);
            hs = (d[0] + d[1]) * double(lit) / double(s.lit.total());
        }
        f.content = (hs + all[2]) / 3.0;
    }
    std::swap(s.hsv, s.prevHsv);
    std::swap(s.value, s.prevValue);
    cv::resize(image, s.sig, cv::Size(kSignatureWidth, kSignatureHeight), 0, 0, cv::INTER_AREA);
    for (int y = 0; y < kSignatureHeight; ++y)
        std::memcpy(f.signature.data() + size_t(y) * kSignatureWidth * 3, s.sig.ptr(y), kSignatureWidth * 3);
    s.haveHsv = true;

    if (!s.haveMotion || time - s.lastMotion >= s.motionInterval || time < s.lastMotion) {
        cv::cvtColor(image, s.grey, cv::COLOR_BGR2GRAY);
        int h = std::max(1, height * kMotionWidth / std::max(1, width));
        cv::resize(s.grey, s.small, cv::Size(kMotionWidth, h), 0, 0, cv::INTER_AREA);
        if (s.haveMotion && s.prevSmall.size() == s.small.size()) {
            cv::absdiff(s.small, s.prevSmall, s.smallDiff);
            f.activity = double(cv::countNonZero(s.smallDiff > kMotionDelta)) / double(s.small.total());
        } else {
            f.activity = 0;
        }
        std::swap(s.small, s.prevSmall);
        s.lastMotion = time;
        s.haveMotion = true;
    }
    return f;
}

}  // namespace kotsu::annotate::suggest
