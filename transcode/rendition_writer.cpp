#include "transcode/rendition_writer.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "transcode/loudness.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace kotsu::transcode {

namespace {

// A step boundary and the output frame meant for it may differ by rounding of microseconds.
constexpr Micros kKeyframeTolerance = 1000;

const char* trackName(TrackKind k) {
    switch (k) {
        case TrackKind::Voice: return "voice";
        case TrackKind::WorkSound: return "work sound";
        case TrackKind::Original: return "sound";
    }
    return "sound";
}

}  // namespace

std::string iso639_2(const std::string& language) {
    static const std::map<std::string, std::string> two = {
        {"ja", "jpn"}, {"en", "eng"}, {"zh", "zho"}, {"ko", "kor"}, {"de", "deu"}, {"fr", "fra"},
        {"es", "spa"}, {"pt", "por"}, {"it", "ita"}, {"vi", "vie"}, {"th", "tha"}, {"id", "ind"},
        {"tl", "tgl"}, {"ne", "nep"}, {"my", "mya"}, {"hi", "hin"}, {"ru", "rus"}, {"nl", "nld"}};
    std::string l;
    for (char c : language) {
        if (c == '-' || c == '_') break;  // "ja-JP"
        l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (l.size() == 3) return l;
    auto it = two.find(l);
    return it == two.end() ? std::string() : it->second;
}

RenditionWriter::RenditionWriter(RenditionPlan plan) : plan_(std::move(plan)), tmp_(plan_.spec.path) {
    forced_ = plan_.spec.forcedKeyframes;
    std::sort(forced_.begin(), forced_.end());
}

Result<std::unique_ptr<RenditionWriter>> RenditionWriter::open(RenditionPlan plan) {
    std::error_code ec;
    std::filesystem::create_directories(plan.spec.path.parent_path(), ec);
    std::unique_ptr<RenditionWriter> w(new RenditionWriter(std::move(plan)));
    KOTSU_TRY(w->setUp());
    return w;
}

Status RenditionWriter::setUp() {
    const Profile& p = plan_.spec.profile;
    const std::string path = plan_.spec.path.string();
    auto out = av::OutputFile::create(tmp_.temp().string());
    if (!out) return Error::av(out.error().code, path, out.error().message);
    out_.emplace(std::move(out).value());
    bool globalHeader = out_->ctx()->oformat->flags & AVFMT_GLOBALHEADER;

    if (plan_.hasVideo) {
        Rational fps = plan_.fps;
        av::Dictionary o;
        o.set("preset", p.preset).set("crf", std::to_string(p.crf)).set("forced-idr", "1");
        if (!p.x264Profile.empty()) o.set("profile", p.x264Profile);
        auto enc = av::Encoder::open(
            "libx264",
            [&](AVCodecContext* c) {
                av::setBt709Picture(c, p.width, p.height, {fps.num, fps.den});
                c->thread_count = 0;  // x264's own choice (frame threads): the outputs already run side by side
                if (p.keyframeEvery > 0)
                    c->gop_size = std::max(1, static_cast<int>(std::floor(p.keyframeEvery * fps.toDouble() + 1e-6)));
                if (p.maxBitrate > 0) {
                    c->rc_max_rate = static_cast<std::int64_t>(p.maxBitrate) * 1000;
                    c->rc_buffer_size = p.maxBitrate * 2000;
                }
                if (globalHeader) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
            },
            std::move(o), path);
        if (!enc) return enc.error();
        venc_.emplace(std::move(enc).value());
        auto idx = out_->addStream(*venc_);
        if (!idx) return idx.error();
        vstream_ = *idx;
        out_->stream(vstream_)->avg_frame_rate = {fps.num, fps.den};
        VideoTarget target;
        target.width = p.width;
        target.height = p.height;
        target.fps = fps;
        target.extraFilters = plan_.spec.extraVideoFilters;
        pipe_.emplace(plan_.videoFacts, target, path);
    }

    std::string lang = iso639_2(plan_.spec.language);
    for (size_t i = 0; i < plan_.tracks.size(); ++i) {
        const auto& t = plan_.tracks[i];
        auto enc = av::Encoder::open(
            "aac",
            [&](AVCodecContext* c) {
                c->sample_rate = kAudioRate;
                c->sample_fmt = AV_SAMPLE_FMT_FLTP;
                av_channel_layout_default(&c->ch_layout, t.channels);
                c->time_base = {1, kAudioRate};
                c->bit_rate = static_cast<std::int64_t>(p.audioBitrate) * 1000;
                if (globalHeader) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
            },
            {}, path);
        if (!enc) return enc.error();
        auto idx = out_->addStream(*enc);
        if (!idx) return idx.error();
        out_->setMetadata(*idx, "handler_name", trackName(t.kind));
        out_->setMetadata(*idx, "title", trackName(t.kind));
        if (!lang.empty()) out_->setMetadata(*idx, "language", lang);
        out_->stream(*idx)->disposition = i == 0 ? AV_DISPOSITION_DEFAULT : 0;
        AudioOut a{std::move(enc).value(), *idx, std::nullopt, std::nullopt};
        if (t.normalized()) {
            auto dec = av::Decoder::open(out_->stream(*idx), path, 1);
            if (!dec) return dec.error();
            a.check.emplace(std::move(dec).value());
            a.meter.emplace(path);
        }
        audio_.push_back(std::move(a));
    }

    av::Dictionary mux;
    if (plan_.spec.faststart) mux.set("movflags", "+faststart");
    auto st = out_->writeHeader(std::move(mux));
    if (!st) return Error::av(st.error().code, path, st.error().message);
    return {};
}

Status RenditionWriter::encodeVideo(av::Frame* frame) {
    if (frame) {
        AVRational tb = pipe_->outputTimeBase();
        AVRational encTb = venc_->ctx()->time_base;
        frame->get()->pts = av_rescale_q(frame->get()->pts, tb, encTb);
        Micros t = av_rescale_q(frame->get()->pts, encTb, {1, 1000000});
        bool key = false;
        while (nextForced_ < forced_.size() && forced_[nextForced_] <= t + kKeyframeTolerance) {
            key = true;
            ++nextForced_;
        }
        // Decoders mark their frames I/P/B; only a forced keyframe may tell the encoder what to do.
        frame->get()->pict_type = key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
        videoEnd_ = std::max(videoEnd_, av_rescale_q(frame->get()->pts + 1, encTb, {1, 1000000}));
    }
    if (venc_->send(frame) == av::Flow::Failed) return venc_->error();
    while (true) {
        auto f = venc_->receive(pkt_);
        if (f == av::Flow::Failed) return venc_->error();
        if (f != av::Flow::Got) return {};
        KOTSU_TRY(out_->write(pkt_, vstream_, venc_->ctx()->time_base));
    }
}

Status RenditionWriter::encodeAudio(size_t track, av::Frame* frame) {
    auto& a = audio_[track];
    if (frame) audioEnd_ = std::max(audioEnd_, av_rescale_q(frame->get()->pts + frame->get()->nb_samples,
                                                            {1, kAudioRate}, {1, 1000000}));
    if (a.enc.send(frame) == av::Flow::Failed) return a.enc.error();
    while (true) {
        auto f = a.enc.receive(pkt_);
        if (f == av::Flow::Failed) return a.enc.error();
        if (f != av::Flow::Got) break;
        if (a.meter) KOTSU_TRY(meter(a, &pkt_));
        KOTSU_TRY(out_->write(pkt_, a.stream, a.enc.ctx()->time_base));
    }
    if (!frame && a.meter) KOTSU_TRY(meter(a, nullptr));
    return {};
}

Status RenditionWriter::meter(AudioOut& a, const av::Packet* pkt) {
    if (a.check->send(pkt) == av::Flow::Failed) return a.check->error();
    av::Frame decoded;
    while (true) {
        auto f = a.check->receive(decoded);
        if (f == av::Flow::Failed) return a.check->error();
        if (f != av::Flow::Got) break;
        KOTSU_TRY(a.meter->push(decoded, a.enc.ctx()->time_base));
    }
    if (!pkt) return a.meter->finish();
    return {};
}

Status RenditionWriter::video(av::Frame& frame) {
    if (!pipe_) return {};
    return pipe_->push(frame, [&](av::Frame& f) { return encodeVideo(&f); });
}

Status RenditionWriter::audio(int track, av::Frame& frame) {
    if (track < 0 || static_cast<size_t>(track) >= audio_.size()) return {};
    return encodeAudio(static_cast<size_t>(track), &frame);
}

Status RenditionWriter::finish(std::int64_t videoEndPts) {
    if (pipe_) {
        KOTSU_TRY(pipe_->finish(videoEndPts, [&](av::Frame& f) { return encodeVideo(&f); }));
        KOTSU_TRY(encodeVideo(nullptr));
    }
    for (size_t i = 0; i < audio_.size(); ++i) KOTSU_TRY(encodeAudio(i, nullptr));
    KOTSU_TRY(out_->finish());
    result_.path = plan_.spec.path;
    if (plan_.hasVideo) {
        result_.width = plan_.spec.profile.width;
        result_.height = plan_.spec.profile.height;
    }
    result_.duration = plan_.hasVideo ? videoEnd_ : audioEnd_;
    for (size_t i = 0; i < plan_.tracks.size(); ++i) {
        if (!audio_[i].meter) continue;
        (plan_.tracks[i].kind == TrackKind::Voice ? result_.voice : result_.workSound) = audio_[i].meter->loudness();
    }
    return {};
}

Status RenditionWriter::commit() { return tmp_.commit(); }

}  // namespace kotsu::transcode
