#include "transcode/thumbnails.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/av/codec.hpp"
#include "core/files.hpp"
#include "transcode/jpeg_encoder.hpp"

namespace kotsu::transcode {

namespace fs = std::filesystem;

namespace {

std::string thumbName(std::int64_t second) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06lld.jpg", static_cast<long long>(second));
    return buf;
}

}  // namespace

struct ThumbnailWriter::State {
    explicit State(const fs::path& dir, VideoStreamFacts facts)
        : tmp(dir), pipe(facts, VideoTarget{kThumbWidth, kThumbHeight, {1, 1}, {}, true}, dir.string()) {}
    TempPath tmp;
    VideoPipe pipe;
    std::optional<av::Encoder> enc;
    av::Packet pkt;
    std::vector<std::string> files;
};

ThumbnailWriter::ThumbnailWriter(std::unique_ptr<State> s) : s_(std::move(s)) {}
ThumbnailWriter::~ThumbnailWriter() = default;

Result<std::unique_ptr<ThumbnailWriter>> ThumbnailWriter::open(const fs::path& dir, VideoStreamFacts facts) {
    auto s = std::make_unique<State>(dir, facts);
    std::error_code ec;
    fs::create_directories(s->tmp.temp(), ec);
    if (ec) return Error::make(dir.string(), "cannot create the thumbnails folder: " + ec.message());
    auto enc = openJpegEncoder(kThumbWidth, kThumbHeight, 4, dir.string());
    if (!enc) return enc.error();
    s->enc.emplace(std::move(enc).value());
    return std::unique_ptr<ThumbnailWriter>(new ThumbnailWriter(std::move(s)));
}

Status ThumbnailWriter::encode(av::Frame* frame) {
    if (frame) {
        frame->get()->pts = av_rescale_q(frame->get()->pts, s_->pipe.outputTimeBase(), {1, 1});
        frame->get()->pict_type = AV_PICTURE_TYPE_NONE;
    }
    if (s_->enc->send(frame) == av::Flow::Failed) return s_->enc->error();
    while (true) {
        auto f = s_->enc->receive(s_->pkt);
        if (f == av::Flow::Failed) return s_->enc->error();
        if (f != av::Flow::Got) return {};
        if (s_->pkt->pts < 0) continue;
        std::string name = thumbName(s_->pkt->pts);
        std::ofstream out(s_->tmp.temp() / name, std::ios::binary);
        out.write(reinterpret_cast<const char*>(s_->pkt->data), s_->pkt->size);
        out.close();  // a full disk may only show when the buffer is written out
        if (!out) return Error::make((s_->tmp.final() / name).string(), std::string("cannot write a thumbnail: ") + std::strerror(errno));
        // Seconds come in order; a gap (none expected) keeps its number so names stay times.
        s_->files.push_back(name);
    }
}

Status ThumbnailWriter::video(av::Frame& frame) {
    return s_->pipe.push(frame, [&](av::Frame& f) { return encode(&f); });
}

Status ThumbnailWriter::finish(std::int64_t videoEndPts) {
    KOTSU_TRY(s_->pipe.finish(videoEndPts, [&](av::Frame& f) { return encode(&f); }));
    KOTSU_TRY(encode(nullptr));
    nlohmann::json index{{"format", "kotsu.thumbnails"}, {"version", 1},         {"interval_us", 1000000},
                         {"width", kThumbWidth},         {"height", kThumbHeight}, {"count", s_->files.size()},
                         {"files", s_->files}};
    std::ofstream out(s_->tmp.temp() / "index.json");
    out << index.dump(1) << "\n";
    out.close();
    if (!out) return Error::make((s_->tmp.final() / "index.json").string(), std::string("cannot write: ") + std::strerror(errno));
    return {};
}

// An earlier thumbnails folder (its index reads) is replaced; anything else at that name is not.
Status ThumbnailWriter::commit() {
    return s_->tmp.commit([](const fs::path& dir) { return loadThumbnails(dir).ok(); });
}

Result<ThumbnailIndex> loadThumbnails(const fs::path& dir) {
    auto text = readFile(dir / "index.json");
    if (!text) return text.error();
    ThumbnailIndex idx;
    idx.dir = dir;
    try {
        auto j = nlohmann::json::parse(*text);
        if (j.value("format", "") != "kotsu.thumbnails")
            return Error::make((dir / "index.json").string(), "not a kotsu thumbnails index");
        if (j.value("version", 0) > 1)
            return Error::make((dir / "index.json").string(), "thumbnails index from a newer kotsu");
        idx.interval = j.value("interval_us", Micros{1000000});
        idx.width = j.value("width", kThumbWidth);
        idx.height = j.value("height", kThumbHeight);
        idx.files = j.value("files", std::vector<std::string>{});
    } catch (const nlohmann::json::exception& e) {
        return Error::make((dir / "index.json").string(), std::string("damaged thumbnails index: ") + e.what());
    }
    return idx;
}

std::vector<fs::path> thumbnailPaths(const fs::path& dir) {
    std::vector<fs::path> out;
    auto idx = loadThumbnails(dir);
    if (!idx) return out;
    for (const auto& f : idx->files) out.push_back(dir / f);
    return out;
}

std::optional<fs::path> thumbnailAt(const ThumbnailIndex& index, Micros t) {
    if (index.files.empty() || index.interval <= 0) return std::nullopt;
    auto i = static_cast<size_t>(std::max<Micros>(0, t) / index.interval);
    return index.dir / index.files[std::min(i, index.files.size() - 1)];
}

}  // namespace kotsu::transcode
