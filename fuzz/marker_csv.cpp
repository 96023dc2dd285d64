// core/marker_io: marker CSV (Excel, any encoding kotsu reads); what it accepts writes back as CSV and
// reads again with the same times, kinds and tags.
#include "core/marker_io.hpp"
#include "core/text_encoding.hpp"
#include "fuzz/fuzz_check.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kotsu;
    auto decoded = decodeText(fuzz::asText(data, size), "fuzz.csv", "");
    if (!decoded) return 0;
    auto markers = parseMarkersCsv(decoded->text, "fuzz.csv");
    if (!markers) return 0;
    auto csv = writeMarkersCsv(*markers);
    KOTSU_FUZZ_CHECK(csv.ok());
    auto redecoded = decodeText(*csv, "again.csv", "");
    KOTSU_FUZZ_CHECK(redecoded.ok());
    auto again = parseMarkersCsv(redecoded->text, "again.csv");
    KOTSU_FUZZ_CHECK(again.ok());
    KOTSU_FUZZ_CHECK(again->size() == markers->size());
    for (size_t i = 0; i < markers->size(); ++i) {
        if (std::getenv("KOTSU_FUZZ_VERBOSE")) {
            std::string a, b;
            for (const auto& t : (*markers)[i].tags) a += "[" + t + "]";
            for (const auto& t : (*again)[i].tags) b += "[" + t + "]";
            std::fprintf(stderr, "marker %zu kind %d/%d tags %s / %s\ncsv:\n%s\n", i, int((*markers)[i].kind),
                         int((*again)[i].kind), a.c_str(), b.c_str(), csv->c_str());
        }
        KOTSU_FUZZ_CHECK((*again)[i].in == (*markers)[i].in && (*again)[i].out == (*markers)[i].out);
        KOTSU_FUZZ_CHECK((*again)[i].kind == (*markers)[i].kind && (*again)[i].tags == (*markers)[i].tags);
    }
    return 0;
}
