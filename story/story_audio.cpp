#include "story/story_audio.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/av/filter_graph.hpp"
#include "core/av/media_reader.hpp"
#include "core/progress.hpp"
#include "transcode/loudness.hpp"
#include "transcode/speech_chain.hpp"

namespace kotsu::story {

namespace {

constexpr int kChunk = 1024;

AVChannelLayout stereo() {
    AVChannelLayout l{};
    av_channel_layout_default(&l, 2);
    return l;
}

std::int64_t samplesAt(std::int64_t frames, Rational fps) {
    return rescale(frames, Rational{fps.den, fps.num}, Rational{1, kFilmRate});
}

// Decodes the audio of `file` from session time `in` to `out` into float stereo at 48 kHz; calls
// put(offset from `in` in samples, left, right, count) for each piece.
template <class Put>
Status decodeRange(const std::filesystem::path& file, std::optional<Micros> origin, Micros in, Micros out,
                   const CancelToken& cancel, Put put) {
    av::ReaderOptions ro;
    ro.video = false;
    ro.origin = origin;
    auto reader = av::MediaReader::open(file.string(), std::move(ro));
    if (!reader) return reader.error();
    if (reader->audioIndex() < 0) return {};  // no sound: silence
    if (in > 0) KOTSU_TRY(reader->seek(in));
    const AVStream* st = reader->stream(reader->audioIndex());
    std::optional<av::FilterGraph> g;
    av::Frame frame, outFrame;
    av::MediaKind kind;
    const std::int64_t want = rescale(out - in, kMicrosBase, Rational{1, kFilmRate});
    bool done = false;
    auto pull = [&]() -> Status {
        for (;;) {
            auto flow = g->pull(0, outFrame);
            if (flow == av::Flow::Failed) return g->error();
            if (flow != av::Flow::Got) return {};
            AVRational tb = g->outputTimeBase(0);
            Micros at = rescale(outFrame->pts, Rational{tb.num, tb.den}, kMicrosBase);
            std::int64_t offset = rescale(at - in, kMicrosBase, Rational{1, kFilmRate});
            if (offset >= want) done = true;
            const float* l = reinterpret_cast<const float*>(outFrame->extended_data[0]);
            const float* r = reinterpret_cast<const float*>(outFrame->extended_data[1]);
            put(offset, l, r, outFrame->nb_samples);
            outFrame.unref();
        }
    };
    while (!done) {
        auto flow = reader->readFrame(frame, kind);
        if (flow == av::Flow::Failed) return reader->error();
        if (flow == av::Flow::End) break;
        if (flow != av::Flow::Got || kind != av::MediaKind::Audio) continue;
        if (!g) {
            auto made = av::FilterGraph::create("[in]aresample=" + std::to_string(kFilmRate) +
                                                    ",aformat=sample_fmts=fltp:channel_layouts=stereo[out]",
                                                {av::audioInput("in", frame.get(), st->time_base)}, {{"out", "", true}}, 1);
            if (!made) return made.error();
            g.emplace(std::move(made).value());
        }
        KOTSU_TRY(g->push(0, &frame));
        KOTSU_TRY(pull());
        if (cancel.cancelled()) return Error::make(file.string(), "cancelled");
    }
    if (g && !done) {
        KOTSU_TRY(g->push(0, nullptr));
        KOTSU_TRY(pull());
    }
    return {};
}

// Runs the whole buffer through `graph` (input 0, output 0), in 1024-sample frames; returns what comes out.
Result<FilmAudio> throughGraph(const FilmAudio& in, av::FilterGraph& graph, std::int64_t expect) {
    FilmAudio out;
    out.left.reserve(static_cast<size_t>(expect));
    out.right.reserve(static_cast<size_t>(expect));
    av::Frame got;
    auto pull = [&]() -> Status {
        for (;;) {
            auto flow = graph.pull(0, got);
            if (flow == av::Flow::Failed) return graph.error();
            if (flow != av::Flow::Got) return {};
            const float* l = reinterpret_cast<const float*>(got->extended_data[0]);
            const float* r = got->ch_layout.nb_channels > 1 ? reinterpret_cast<const float*>(got->extended_data[1]) : l;
            out.left.insert(out.left.end(), l, l + got->nb_samples);
            out.right.insert(out.right.end(), r, r + got->nb_samples);
            got.unref();
        }
    };
    for (std::int64_t at = 0; at < in.samples(); at += kChunk) {
        auto f = in.frame(at, static_cast<int>(std::min<std::int64_t>(kChunk, in.samples() - at)));
        if (!f) return f.error();
        KOTSU_TRY(graph.push(0, &*f));
        KOTSU_TRY(pull());
    }
    KOTSU_TRY(graph.push(0, nullptr));
    KOTSU_TRY(pull());
    out.left.resize(static_cast<size_t>(expect), 0.f);
    out.right.resize(static_cast<size_t>(expect), 0.f);
    return out;
}

}  // namespace

Result<av::Frame> FilmAudio::frame(std::int64_t start, int n) const {
    av::Frame f = av::Frame::audio(AV_SAMPLE_FMT_FLTP, stereo(), kFilmRate, n);
    f->pts = start;
    f->time_base = {1, kFilmRate};
    const int have = static_cast<int>(std::max<std::int64_t>(0, std::min<std::int64_t>(n, samples() - start)));
    if (have > 0) {
        std::memcpy(f->extended_data[0], left.data() + start, sizeof(float) * static_cast<size_t>(have));
        std::memcpy(f->extended_data[1], right.data() + start, sizeof(float) * static_cast<size_t>(have));
    }
    return f;
}

Result<FilmAudio> assembleFilmAudio(const StoryDoc& doc, const std::vector<std::int64_t>& fades, const std::string& music,
                                     const CancelToken& cancel) {
    const Rational fps = doc.story.fps;
    std::int64_t filmFrames = 0;
    for (const auto& p : doc.placed) filmFrames += p.frames;
    for (auto x : fades) filmFrames -= x;
    const std::int64_t total = samplesAt(filmFrames, fps);
    FilmAudio raw;
    raw.left.assign(static_cast<size_t>(total), 0.f);
    raw.right.assign(static_cast<size_t>(total), 0.f);

    std::int64_t startFrame = 0;
    for (size_t i = 0; i < doc.placed.size(); ++i) {
        const Placed& p = doc.placed[i];
        const std::int64_t start = samplesAt(startFrame, fps);
        const std::int64_t length = samplesAt(startFrame + p.frames, fps) - start;
        const std::int64_t fadeIn = i > 0 ? samplesAt(fades[i - 1], fps) : 0;
        const std::int64_t fadeOut = i < fades.size() ? samplesAt(fades[i], fps) : 0;
        startFrame += p.frames - (i < fades.size() ? fades[i] : 0);
        if (p.item.kind != StoryItemKind::Clip) continue;
        auto gain = [&](std::int64_t s) {
            double g = 1;
            if (s < fadeIn) g = double(s + 1) / double(fadeIn + 1);
            if (s >= length - fadeOut) g = std::min(g, double(length - s) / double(fadeOut + 1));
            return static_cast<float>(g);
        };
        const auto& src = doc.sources[i];
        auto s = decodeRange(src.soundFile, src.soundOrigin, p.item.in, p.item.out, cancel,
                             [&](std::int64_t offset, const float* l, const float* r, int n) {
                                 for (int k = 0; k < n; ++k) {
                                     std::int64_t at = offset + k;
                                     if (at < 0 || at >= length || start + at >= total) continue;
                                     float g = gain(at);
                                     raw.left[static_cast<size_t>(start + at)] += l[k] * g;
                                     raw.right[static_cast<size_t>(start + at)] += r[k] * g;
                                 }
                             });
        if (!s) return Error::make(itemName(p.item), "its sound: " + s.error().what());
    }

    // The speech chain, measured (pass 1), then normalised and limited (pass 2).
    transcode::AudioTrackPlan voice;
    voice.kind = transcode::TrackKind::Voice;
    voice.channels = 2;
    voice.targetLufs = kFilmLufs;
    voice.maxTruePeak = kFilmTruePeak;
    transcode::AudioGraphPlan plan{.tracks = {voice}, .measure = true};
    std::vector<std::string> outs;
    std::string spec = transcode::audioGraphSpec(plan, &outs);
    transcode::LoudnessMeter meter(spec, outs, "story sound");
    for (std::int64_t at = 0; at < raw.samples(); at += kChunk) {
        auto f = raw.frame(at, static_cast<int>(std::min<std::int64_t>(kChunk, raw.samples() - at)));
        if (!f) return f.error();
        KOTSU_TRY(meter.push(*f, AVRational{1, kFilmRate}));
    }
    KOTSU_TRY(meter.finish());
    plan.measure = false;
    plan.tracks[0].gainDb = transcode::normalisationGain(meter.loudness(0), kFilmLufs);
    outs.clear();
    spec = transcode::audioGraphSpec(plan, &outs);
    auto chain = av::FilterGraph::create(spec, {av::audioInput("in", kFilmRate, AV_SAMPLE_FMT_FLTP, stereo(), {1, kFilmRate})},
                                         {{outs.at(0), "", true}}, 1);
    if (!chain) return chain.error();
    auto film = throughGraph(raw, *chain, total);
    if (!film) return film.error();

    if (!music.empty()) {
        // Music at about −26 LUFS-ish under speech and −18 between: 20 ms envelope of the speech, 300 ms release.
        FilmAudio m;
        m.left.assign(static_cast<size_t>(total), 0.f);
        m.right.assign(static_cast<size_t>(total), 0.f);
        auto s = decodeRange(music, std::nullopt, 0, fromFrames(filmFrames, fps), cancel,
                             [&](std::int64_t offset, const float* l, const float* r, int n) {
                                 for (int k = 0; k < n; ++k) {
                                     std::int64_t at = offset + k;
                                     if (at < 0 || at >= total) continue;
                                     m.left[static_cast<size_t>(at)] = l[k];
                                     m.right[static_cast<size_t>(at)] = r[k];
                                 }
                             });
        if (!s) return Error::make(music, "the music does not decode: " + s.error().what());
        transcode::LoudnessMeter mm("music");
        for (std::int64_t at = 0; at < m.samples(); at += kChunk) {
            auto f = m.frame(at, static_cast<int>(std::min<std::int64_t>(kChunk, m.samples() - at)));
            if (!f) return f.error();
            KOTSU_TRY(mm.push(*f, AVRational{1, kFilmRate}));
        }
        KOTSU_TRY(mm.finish());
        const double musicLufs = mm.loudness(0).integrated;
        if (musicLufs < -60) return Error::make(music, "the music is silent");
        const double open = std::pow(10.0, (-22 - musicLufs) / 20), ducked = std::pow(10.0, (-34 - musicLufs) / 20);
        const double attack = 1.0 / (0.05 * kFilmRate), release = 1.0 / (0.4 * kFilmRate);
        double env = 0, g = open;
        for (std::int64_t k = 0; k < total; ++k) {
            const double x = std::max(std::fabs(film->left[k]), std::fabs(film->right[k]));
            env = x > env ? x : env * (1 - 1.0 / (0.02 * kFilmRate));
            const double target = env > 0.03 ? ducked : open;  // speech above about −30 dBFS
            g += (target - g) * (target < g ? attack : release);
            film->left[k] = static_cast<float>(film->left[k] + m.left[k] * g);
            film->right[k] = static_cast<float>(film->right[k] + m.right[k] * g);
        }
        // Held under the ceiling again.
        auto limiter = av::FilterGraph::create(
            "[in]alimiter=limit=" + std::to_string(std::pow(10.0, (kFilmTruePeak - 2) / 20)) +
                ":attack=5:release=50:level=0:latency=1[out]",
            {av::audioInput("in", kFilmRate, AV_SAMPLE_FMT_FLTP, stereo(), {1, kFilmRate})}, {{"out", "", true}}, 1);
        if (!limiter) return limiter.error();
        film = throughGraph(*film, *limiter, total);
        if (!film) return film.error();
    }

    transcode::LoudnessMeter check("story sound");
    for (std::int64_t at = 0; at < film->samples(); at += kChunk) {
        auto f = film->frame(at, static_cast<int>(std::min<std::int64_t>(kChunk, film->samples() - at)));
        if (!f) return f.error();
        KOTSU_TRY(check.push(*f, AVRational{1, kFilmRate}));
    }
    KOTSU_TRY(check.finish());
    film->measured = check.loudness(0);
    film->gainDb = plan.tracks[0].gainDb;
    return film;
}

double motionCentre(const std::filesystem::path& file, std::optional<Micros> origin, Micros at) {
    av::ReaderOptions ro;
    ro.audio = av::AudioStreams::None;
    ro.origin = origin;
    ro.fastVideoDecode = true;
    auto reader = av::MediaReader::open(file.string(), std::move(ro));
    if (!reader || !reader->seekExact(at)) return 0.5;
    const AVStream* st = reader->stream(reader->videoIndex());
    std::optional<av::FilterGraph> g;
    constexpr int kW = 64, kH = 36;
    std::vector<std::uint8_t> prev;
    std::vector<double> columns(kW, 0.0);
    av::Frame frame, small;
    av::MediaKind kind;
    for (int n = 0; n < 30;) {
        auto flow = reader->readFrame(frame, kind);
        if (flow == av::Flow::End || flow == av::Flow::Failed) break;
        if (flow != av::Flow::Got || kind != av::MediaKind::Video) continue;
        if (!g) {
            auto made = av::FilterGraph::create("[in]scale=" + std::to_string(kW) + ":" + std::to_string(kH) + ",format=gray[out]",
                                                {av::videoInput("in", frame->width, frame->height, frame->format, st->time_base)},
                                                {{"out", "", false}}, 1);
            if (!made) return 0.5;
            g.emplace(std::move(made).value());
        }
        if (!g->push(0, &frame)) return 0.5;
        while (g->pull(0, small) == av::Flow::Got) {
            std::vector<std::uint8_t> cur(kW * kH);
            for (int y = 0; y < kH; ++y) std::memcpy(&cur[y * kW], small->data[0] + y * small->linesize[0], kW);
            if (!prev.empty())
                for (int i = 0; i < kW * kH; ++i) columns[i % kW] += std::abs(int(cur[i]) - int(prev[i]));
            prev = std::move(cur);
            small.unref();
            ++n;
        }
    }
    double mass = 0, moment = 0;
    for (int x = 0; x < kW; ++x) {
        mass += columns[x];
        moment += columns[x] * (x + 0.5);
    }
    if (mass < kW * kH * 0.5) return 0.5;  // next to nothing moves
    return moment / mass / kW;
}

}  // namespace kotsu::story
