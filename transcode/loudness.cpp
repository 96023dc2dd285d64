#include "transcode/loudness.hpp"

#include <optional>

#include "core/av/filter_graph.hpp"
#include "core/cancel.hpp"
#include "transcode/audio_io.hpp"

namespace kotsu::transcode {

namespace {

Status runOver(const std::string& file, AudioPick pick, std::optional<Micros> origin, LoudnessMeter& run,
               const CancelToken& cancel) {
    KOTSU_TRY(decodeAudio(
        file, pick, origin, [&](av::Frame& f, AVRational tb) { return run.push(f, tb); }, cancel));
    if (cancel.cancelled()) return Error::av(AVERROR_EXIT, file, "cancelled");
    return run.finish();
}

}  // namespace

LoudnessMeter::LoudnessMeter(std::string path)
    : LoudnessMeter("[in]ebur128=peak=true:metadata=1[out]", {"out"}, std::move(path)) {}

LoudnessMeter::LoudnessMeter(std::string spec, std::vector<std::string> outputs, std::string path)
    : spec_(std::move(spec)), labels_(std::move(outputs)), path_(std::move(path)), readings_(labels_.size()) {}

Status LoudnessMeter::push(av::Frame& frame, AVRational tb) {
    if (!graph_) {
        std::vector<av::FilterPad> outs;
        for (const auto& l : labels_) outs.push_back({l, "", true});
        auto g = av::FilterGraph::create(spec_, {av::audioInput("in", frame.get(), tb)}, outs, 1);
        if (!g) return Error::av(g.error().code, path_, "loudness meter: " + g.error().message);
        graph_.emplace(std::move(g).value());
    }
    if (auto st = graph_->push(0, &frame); !st) return Error::av(st.error().code, path_, "loudness meter failed");
    return drain();
}

Status LoudnessMeter::finish() {
    if (!graph_) return {};
    if (auto st = graph_->push(0, nullptr); !st) return Error::av(st.error().code, path_, "loudness meter failed");
    return drain();
}

Status LoudnessMeter::drain() {
    for (size_t i = 0; i < labels_.size(); ++i) {
        while (true) {
            auto f = graph_->pull(i, out_);
            if (f == av::Flow::Failed) return Error::av(graph_->error().code, path_, "loudness meter failed");
            if (f != av::Flow::Got) break;
            readMeter(out_.get(), readings_[i]);
        }
    }
    return {};
}

Result<Loudness> measureLoudness(const std::string& file, int audioStreamIndex, const CancelToken& cancel) {
    LoudnessMeter run(file);
    // Loudness does not depend on where the timeline starts: no need to look for the first picture.
    KOTSU_TRY(runOver(file, AudioPick{audioStreamIndex}, Micros(0), run, cancel));
    return toLoudness(run.readings()[0]);
}

Result<std::vector<Loudness>> measureTracks(const std::string& file, AudioPick pick, std::optional<Micros> origin,
                                            AudioGraphPlan plan, const CancelToken& cancel) {
    plan.measure = true;
    plan.peaks = false;
    std::vector<std::string> labels;
    std::string spec = audioGraphSpec(plan, &labels);
    std::vector<Loudness> result(plan.tracks.size(), toLoudness(MeterReading{}));
    if (labels.empty()) return result;
    LoudnessMeter run(spec, labels, file);
    KOTSU_TRY(runOver(file, pick, origin, run, cancel));
    for (size_t i = 0; i < labels.size(); ++i) {
        size_t track = std::stoul(labels[i].substr(1));  // "t<index>"
        result[track] = toLoudness(run.readings()[i]);
    }
    return result;
}

double normalisationGain(const Loudness& measured, double targetLufs) {
    if (measured.integrated < -60) return 0;
    return targetLufs - measured.integrated;
}

}  // namespace kotsu::transcode
