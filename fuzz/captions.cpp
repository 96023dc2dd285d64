// core/captions_io: WebVTT and SRT from subtitle tools; what is accepted writes back in both formats and
// reads again to the same cues.
#include "core/captions_io.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kotsu;
    auto decoded = decodeText(fuzz::asText(data, size), "fuzz.vtt", "");
    if (!decoded) return 0;
    // The name gives the format when there is no WEBVTT header: read the text both ways.
    for (const char* name : {"fuzz.vtt", "fuzz.srt"}) {
    auto cues = parseCaptions(decoded->text, name);
    if (!cues) continue;
    for (auto format : {CaptionFormat::Vtt, CaptionFormat::Srt}) {
        auto again = parseCaptions(writeCaptions(*cues, format), format == CaptionFormat::Vtt ? "a.vtt" : "a.srt");
        KOTSU_FUZZ_CHECK(again.ok());
        KOTSU_FUZZ_CHECK(again->size() == cues->size());
        for (size_t i = 0; i < cues->size(); ++i) {
            if (std::getenv("KOTSU_FUZZ_VERBOSE"))
                std::fprintf(stderr, "%s cue %zu: [%s] / [%s]\n", name, i, fuzz::escaped((*cues)[i].text).c_str(),
                             fuzz::escaped((*again)[i].text).c_str());
            KOTSU_FUZZ_CHECK((*again)[i].start / 1000 == (*cues)[i].start / 1000);
            KOTSU_FUZZ_CHECK((*again)[i].text == (*cues)[i].text);
        }
    }
    (void)cuesWithin(*cues, 1'000'000, 5'000'000);
    }
    return 0;
}
