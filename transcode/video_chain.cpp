#include "transcode/video_chain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

extern "C" {
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

namespace kotsu::transcode {

namespace {

std::string str(int v) { return std::to_string(v); }

double ratio(Rational r) { return r.valid() ? r.toDouble() : 0.0; }

// The rates cameras and phones mean when their timestamps say 29.83 or 30.0003.
constexpr Rational kBroadcastRates[] = {{24000, 1001}, {24, 1}, {25, 1}, {30000, 1001}, {30, 1},
                                        {50, 1},       {60000, 1001}, {60, 1}, {120, 1}};

std::optional<Rational> snap(Rational r, double tolerance) {
    if (!r.valid()) return std::nullopt;
    double v = r.toDouble();
    std::optional<Rational> best;
    double bestErr = tolerance;
    for (auto c : kBroadcastRates) {
        double err = std::abs(v / c.toDouble() - 1.0);
        if (err <= bestErr) {
            bestErr = err;
            best = c;
        }
    }
    return best;
}

bool fullRange(const VideoSource& s) {
    if (s.colorRange == AVCOL_RANGE_JPEG) return true;
    auto f = static_cast<AVPixelFormat>(s.pixelFormat);
    return f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ422P || f == AV_PIX_FMT_YUVJ444P ||
           f == AV_PIX_FMT_YUVJ440P || f == AV_PIX_FMT_YUVJ411P;
}

// swscale's name for the source's YCbCr matrix; unknown means "what the size suggests".
const char* matrixName(const VideoSource& s) {
    switch (s.colorSpace) {
        case AVCOL_SPC_BT709: return "bt709";
        case AVCOL_SPC_BT470BG:
        case AVCOL_SPC_SMPTE170M: return "bt601";
        case AVCOL_SPC_SMPTE240M: return "smpte240m";
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL: return "bt2020";
        default: return std::max(s.width, s.height) >= 1280 ? "bt709" : "bt601";
    }
}

bool hdr(const VideoSource& s) {
    return s.colorTransfer == AVCOL_TRC_SMPTE2084 || s.colorTransfer == AVCOL_TRC_ARIB_STD_B67;
}

int even(double v) { return std::max(2, static_cast<int>(std::lround(v / 2.0)) * 2); }

}  // namespace

int streamRotation(const AVStream* st) {
    const auto* matrix =
        reinterpret_cast<const int32_t*>(av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, nullptr));
    if (!matrix) return 0;
    double ccw = av_display_rotation_get(matrix);  // counter-clockwise, (-180, 180]
    if (std::isnan(ccw)) return 0;
    int cw = static_cast<int>(std::lround(-ccw));
    cw = ((cw % 360) + 360) % 360;
    return static_cast<int>(std::lround(cw / 90.0)) * 90 % 360;
}

Rational outputFrameRate(Rational nominal, Rational average, int maxFps) {
    Rational rate{30, 1};
    auto snappedNominal = snap(nominal, 0.01);
    bool averageAgrees = !average.valid() || std::abs(ratio(average) / ratio(nominal) - 1.0) < 0.1;
    if (snappedNominal && averageAgrees) {
        rate = *snappedNominal;
    } else if (average.valid()) {
        auto s = snap(average, 0.02);
        rate = s ? *s : average;
    } else if (nominal.valid() && nominal.toDouble() < 1000) {
        rate = nominal;
    }
    double cap = maxFps * 1.001;
    if (rate.toDouble() > cap) {
        Rational half = rate.num % 2 == 0 ? Rational{rate.num / 2, rate.den} : Rational{rate.num, rate.den * 2};
        rate = half.toDouble() <= cap ? half : Rational{maxFps, 1};
    }
    return rate;
}

Fit fitInto(const VideoSource& src, int frameWidth, int frameHeight) {
    double w = src.width, h = src.height;
    if (src.sampleAspect.valid()) w = w * src.sampleAspect.num / src.sampleAspect.den;
    if (src.rotation == 90 || src.rotation == 270) std::swap(w, h);
    double scale = std::min(frameWidth / w, frameHeight / h);
    Fit f;
    f.width = std::min(frameWidth, even(w * scale));
    f.height = std::min(frameHeight, even(h * scale));
    f.x = (frameWidth - f.width) / 4 * 2;
    f.y = (frameHeight - f.height) / 4 * 2;
    return f;
}

av::FilterPad videoInput(const VideoSource& s) {
    Rational sar = s.sampleAspect.valid() ? s.sampleAspect : Rational{1, 1};
    return av::videoInput("in", s.width, s.height, s.pixelFormat, {s.timeBase.num, s.timeBase.den}, {sar.num, sar.den});
}

namespace {

bool readyForEncoding(const VideoSource& s) {
    return s.pixelFormat == AV_PIX_FMT_YUV420P && !fullRange(s) && std::string(matrixName(s)) == "bt709" && !hdr(s);
}

}  // namespace

std::string videoChainSpec(const VideoSource& src, const VideoTarget& t) {
    std::vector<std::string> parts;
    if (src.interlaced)
        parts.push_back(std::string("bwdif=mode=send_frame:parity=auto:deint=") +
                        (src.flaggedPerFrame ? "interlaced" : "all"));
    if (!(src.constantRate == t.fps)) parts.push_back("fps=fps=" + str(t.fps.num) + "/" + str(t.fps.den));

    Fit fit = fitInto(src, t.width, t.height);
    bool quarter = src.rotation == 90 || src.rotation == 270;
    // Scale before rotating: transposing the small picture is cheaper than the source.
    int sw = quarter ? fit.height : fit.width;
    int sh = quarter ? fit.width : fit.height;
    std::string size = "w=" + str(sw) + ":h=" + str(sh);
    const char* outRange = t.jpeg ? "pc" : "tv";
    const char* outMatrix = t.jpeg ? "bt601" : "bt709";
    bool passThrough = !t.jpeg && sw == src.width && sh == src.height && readyForEncoding(src);
    if (passThrough) {
        // Nothing to scale or convert.
    } else if (hdr(src)) {
        // PQ/HLG: tone-map to SDR BT.709 in linear light (zimg), after the cheap resize.
        const char* tin = src.colorTransfer == AVCOL_TRC_SMPTE2084 ? "smpte2084" : "arib-std-b67";
        parts.push_back("scale=" + size);
        parts.push_back(std::string("zscale=tin=") + tin + ":pin=2020:min=2020_ncl:rin=" +
                        (fullRange(src) ? "full" : "limited") + ":t=linear:npl=100");
        parts.push_back("format=gbrpf32le");
        parts.push_back("zscale=p=bt709");
        parts.push_back("tonemap=tonemap=hable:desat=0");
        parts.push_back(std::string("zscale=t=bt709:m=") + (t.jpeg ? "470bg" : "709") + ":r=" +
                        (t.jpeg ? "full" : "limited"));
    } else {
        parts.push_back("scale=" + size + ":flags=" + (src.prefiltered ? "bilinear" : "bicubic") +
                        ":in_range=" + (fullRange(src) ? "pc" : "tv") + ":out_range=" + outRange +
                        ":in_color_matrix=" + matrixName(src) + ":out_color_matrix=" + outMatrix);
    }
    if (!passThrough)
        parts.push_back(std::string("setparams=range=") + outRange + ":colorspace=" + (t.jpeg ? "bt470bg" : "bt709") +
                        ":color_primaries=bt709:color_trc=bt709");
    if (src.rotation == 90) parts.push_back("transpose=clock");
    if (src.rotation == 270) parts.push_back("transpose=cclock");
    if (src.rotation == 180) parts.push_back("hflip,vflip");
    if (t.pad && (fit.width != t.width || fit.height != t.height))
        parts.push_back("pad=w=" + str(t.width) + ":h=" + str(t.height) + ":x=" + str(fit.x) + ":y=" + str(fit.y) +
                        ":color=black");
    parts.push_back("setsar=1");
    if (!t.extraFilters.empty()) parts.push_back("[extra_in];[extra_out]");
    parts.push_back(t.jpeg ? "format=yuvj420p" : "format=yuv420p");

    std::string spec = "[in]";
    for (size_t i = 0; i < parts.size(); ++i) {
        bool gap = parts[i].front() == '[' || (i && parts[i - 1].back() == ']');
        spec += (i && !gap ? "," : "") + parts[i];
    }
    return spec + "[out]";
}

std::vector<av::FilterInsert> videoChainInserts(const VideoTarget& t) {
    if (t.extraFilters.empty()) return {};
    return {{"extra_in", "extra_out", t.extraFilters}};
}

}  // namespace kotsu::transcode
