#include "demo/synth_catalog.hpp"

#include <random>
#include <string>
#include <vector>

namespace kotsu::demo {

namespace {

constexpr const char* kJapanese[] = {
    "ボルト", "締め", "締", "対角線", "トルクレンチ", "佐藤", "鈴木", "高橋", "溶接", "研磨", "仕上げ",
    "フランジ", "組立", "手袋", "保護メガネ", "火花", "注意", "確認", "カチッと", "鳴る", "角度", "面取り",
    "旋盤", "バリ", "取り", "寸法", "測定", "ノギス", "開先", "削る", "仮締め", "本締め", "順番", "音",
    "手順", "安全", "工具", "清掃", "点検", "油", "汚れ", "刃物", "交換", "固定", "位置", "合わせ",
};
constexpr const char* kEnglish[] = {
    "bolt", "tighten", "crosswise", "torque", "wrench", "click", "flange", "assembly", "weld", "grind",
    "finish", "gloves", "goggles", "sparks", "caution", "check", "angle", "chamfer", "lathe", "burr",
    "measure", "caliper", "groove", "snug", "final", "order", "sound", "step", "safety", "tool", "clean",
    "inspect", "oil", "blade", "replace", "clamp", "position", "align", "Sato", "Suzuki", "100%", "M12",
};

// A word as text in a real catalog would have it: mostly one of very many (two random kanji from the
// first 3,000 of the CJK block, or a random lower-case word), sometimes (kFixedShare) one of the fixed
// words above — the ones queries look for, each found in a fraction of a percent of the rows.
constexpr double kFixedShare = 0.04;

void appendUtf8(std::string& s, char32_t c) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
}

template <size_t N>
std::string word(std::mt19937& rng, const char* const (&fixed)[N], bool japanese) {
    std::uniform_real_distribution<double> share(0, 1);
    if (share(rng) < kFixedShare) return fixed[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
    std::string w;
    if (japanese) {
        std::uniform_int_distribution<int> kanji(0x4E00, 0x4E00 + 2999);
        appendUtf8(w, static_cast<char32_t>(kanji(rng)));
        appendUtf8(w, static_cast<char32_t>(kanji(rng)));
    } else {
        std::uniform_int_distribution<int> letter('a', 'z'), len(3, 8);
        for (int i = len(rng); i > 0; --i) w += static_cast<char>(letter(rng));
    }
    return w;
}

template <size_t N>
std::string sentence(std::mt19937& rng, const char* const (&words)[N], int n, const char* sep) {
    bool japanese = +words == +kJapanese;
    std::string s;
    for (int i = 0; i < n; ++i) {
        if (i) s += sep;
        s += word(rng, words, japanese);
    }
    return s;
}

}  // namespace

const char* const* catalogWords(bool japanese, int& count) {
    count = japanese ? static_cast<int>(std::size(kJapanese)) : static_cast<int>(std::size(kEnglish));
    return japanese ? kJapanese : kEnglish;
}

Status fillCatalog(catalog::Catalog& cat, const CatalogSpec& spec) {
    // One transaction for everything (each replace is a savepoint in it): a 100 k-row catalog is
    // written once instead of 300 times.
    catalog::Transaction tx(cat.db());
    KOTSU_TRY(tx.begun());
    std::mt19937 rng(spec.seed);
    std::uniform_int_distribution<int> len(2, 7);
    for (int si = 0; si < spec.sessions; ++si) {
        Session s;
        s.title = "synth session " + std::to_string(si + 1);
        s.worker = kJapanese[5 + si % 3];
        s.task = sentence(rng, kJapanese, 2, "");
        s.site = "第" + std::to_string(si % 4 + 1) + "工場";
        auto created = cat.createSession(s);
        if (!created) return created.error();
        std::vector<Marker> ms;
        for (int i = 0; i < spec.markersPerSession; ++i) {
            bool ja = i % 2 == 0;
            Marker m;
            m.sessionId = created->id;
            m.kind = i % 5 == 0 ? MarkerKind::Knack : MarkerKind::Step;
            m.in = Micros(i) * 10'000'000;
            m.out = m.in + 8'000'000;
            m.title = ja ? sentence(rng, kJapanese, len(rng), "") : sentence(rng, kEnglish, len(rng), " ");
            m.note = ja ? sentence(rng, kJapanese, len(rng), "、") : sentence(rng, kEnglish, len(rng), " ");
            if (i % 25 == 0) m.warning = ja ? "火花に注意" : "Mind the sparks";
            m.tags = {ja ? sentence(rng, kJapanese, 1, "") : sentence(rng, kEnglish, 1, "")};
            ms.push_back(std::move(m));
        }
        KOTSU_TRY(cat.replaceMarkers(created->id, ms));
        for (const char* lang : {"ja", "en"}) {
            bool ja = std::string(lang) == "ja";
            std::vector<Cue> cues;
            for (int i = 0; i < spec.cuesPerSession / 2; ++i) {
                Cue c;
                c.start = Micros(i) * 3'000'000;
                c.end = c.start + 2'500'000;
                c.text = ja ? sentence(rng, kJapanese, len(rng), "") + "。" : sentence(rng, kEnglish, len(rng), " ") + ".";
                cues.push_back(std::move(c));
            }
            KOTSU_TRY(cat.replaceCues(created->id, lang, cues));
        }
    }
    return tx.commit();
}

}  // namespace kotsu::demo
