#include "story/title_card.hpp"

#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "core/av/codec.hpp"
#include "core/av/filter_graph.hpp"
#include "core/files.hpp"
#include "core/line_break.hpp"

namespace kotsu::story {

namespace {

// ASS text: override blocks and line breaks are the script's, not the user's.
std::string assText(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '{') out += "\\{";
        else if (c == '}') out += "\\}";
        else if (c == '\\') out += "\\\\";  // shown as typed (libass has no escape for \: a zero-width space would do)
        else if (c == '\n') out += "\\N";
        else if (c != '\r') out += c;
    }
    return out;
}

std::string assTime(Micros us) {
    long long cs = us / 10000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%02lld", cs / 360000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
    return buf;
}

}  // namespace

std::string assLines(const std::string& s, double maxEm) {
    std::string out;
    for (const auto& line : text::breakLines(s, maxEm, text::approxEmWidth)) {
        if (!out.empty()) out += "\\N";
        out += assText(line);
    }
    return out;
}

std::string cardScript(const StoryItem& card, int width, int height, Micros length, bool raised) {
    const int small = std::min(width, height);
    const bool title = card.kind != StoryItemKind::LowerThird;
    const int big = title ? small / 10 : small / 16;
    const int sub = title ? small / 18 : small / 26;
    const int margin = width / 20;
    std::string s = "[Script Info]\nScriptType: v4.00+\nWrapStyle: 0\nScaledBorderAndShadow: yes\nPlayResX: " +
                    std::to_string(width) + "\nPlayResY: " + std::to_string(height) +
                    "\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
                    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, "
                    "Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n";
    // Title: centred white on the card's black. Lower third: bottom left, in a translucent dark box.
    if (title)
        s += "Style: Card," + std::string(kCardFont) + "," + std::to_string(big) +
             ",&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,0,0,5," + std::to_string(margin) + "," +
             std::to_string(margin) + ",0,1\n";
    else
        s += "Style: Card," + std::string(kCardFont) + "," + std::to_string(big) +
             ",&H00FFFFFF,&H00FFFFFF,&H40101010,&H40101010,1,0,0,0,100,100,0,0,3," + std::to_string(big / 4) + ",0,1," +
             std::to_string(margin) + "," + std::to_string(margin) + "," + std::to_string(raised ? height / 4 : height / 10) + ",1\n";
    s += "\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";
    // A title spans the frame inside its margins; a lower third at most two thirds of it.
    const double room = title ? width - 2.0 * margin : width * 2.0 / 3.0;
    std::string text = assLines(card.text, room / big);
    if (!card.sub.empty()) text += "\\N{\\b0\\fs" + std::to_string(sub) + "}" + assLines(card.sub, room / sub);
    s += "Dialogue: 0," + assTime(0) + "," + assTime(length) + ",Card,,0,0,0,," + text + "\n";
    return s;
}

std::string assFilter(const std::filesystem::path& assPath, bool alpha) {
    // The filter-graph parser treats : , ; [ ] ' and \ specially: quote the path.
    std::string escaped;
    for (char c : assPath.string()) {
        if (c == '\'' || c == '\\' || c == ':') escaped += '\\';
        escaped += c;
    }
    return "ass=filename='" + escaped + "'" + (alpha ? ":alpha=1" : "");
}

Status writeCardPng(const StoryItem& card, int width, int height, const std::filesystem::path& png) {
    const bool title = card.kind != StoryItemKind::LowerThird;
    TempPath ass(std::filesystem::temp_directory_path() / ("kotsu-card-" + std::to_string(::getpid()) + ".ass"));
    {
        std::ofstream f(ass.temp(), std::ios::binary);
        f << cardScript(card, width, height, 10'000'000);
        if (!f) return Error::make(ass.temp().string(), "cannot write the card's script");
    }
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    auto graph = av::FilterGraph::create("color=c=black@" + std::string(title ? "1" : "0") + ":s=" + size +
                                             ":r=1:d=1,format=rgba," + assFilter(ass.temp(), true) + "[out]",
                                         {}, {{"out", "", false}}, 1);
    if (!graph) return Error::make(png.string(), "cannot draw the card: " + graph.error().message);
    av::Frame frame;
    if (graph->pull(0, frame) != av::Flow::Got) return Error::make(png.string(), "the card was not drawn");
    auto enc = av::Encoder::open(
        "png",
        [&](AVCodecContext* c) {
            c->width = width;
            c->height = height;
            c->pix_fmt = AV_PIX_FMT_RGBA;
            c->time_base = {1, 1};
        },
        {}, png.string());
    if (!enc) return enc.error();
    frame->pts = 0;
    av::Packet pkt;
    if (enc->send(&frame) == av::Flow::Failed) return enc->error();
    (void)enc->send(nullptr);
    if (enc->receive(pkt) != av::Flow::Got) return Error::make(png.string(), "the PNG encoder gave nothing");
    TempPath out(png);
    {
        std::ofstream f(out.temp(), std::ios::binary);
        f.write(reinterpret_cast<const char*>(pkt->data), pkt->size);
        if (!f) return Error::make(png.string(), "cannot write");
    }
    return out.commit();
}

}  // namespace kotsu::story
