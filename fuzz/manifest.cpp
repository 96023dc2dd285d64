// player/package/manifest: readManifest on any manifest.json — a one-line error or the typed lists.
#include "fuzz/fuzz_check.hpp"
#include "player/package/manifest_reader.hpp"
#include "player/package/package_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kotsu;
    auto read = package::readManifest(fuzz::asText(data, size), "manifest.json");
    if (!read) {
        const auto& message = read.error().message;
        KOTSU_FUZZ_CHECK(!message.empty() && message.find('\n') == std::string::npos);
        return 0;
    }
    for (const auto& f : read->files) {
        KOTSU_FUZZ_CHECK(f.size >= 0);
        (void)package::safeRelativeName(f.path);
    }
    (void)read->json.dump();
    return 0;
}
