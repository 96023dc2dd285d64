#include "annotate/ui/i18n.hpp"
#include "annotate/ui/translations.hpp"

#include <string_view>

#include "core/asset_file.hpp"

namespace kotsu::annotate::ui {

namespace {

constexpr std::string_view kJapanese = "strings/ja.conf";

Status add(Translations& t, const std::vector<assets::ConfFile>& files) {
    for (const auto& f : files)
        for (const auto& s : f.sections) {
            if (!s.name.empty()) return f.error(s.line, "a strings file has no sections, only 'English = translation'");
            for (const auto& e : s.entries) t[e.key] = e.value;
        }
    return {};
}

struct Table {
    Translations text;
    Status status;
};

// Loaded once, on first use; never changed afterwards. A bad user file leaves the built-in table.
const Table& japanese() {
    static const Table table = [] {
        Table t;
        auto loaded = loadTranslations();
        if (loaded) {
            t.text = std::move(loaded).value();
        } else {
            t.status = loaded.error();
            if (auto builtIn = assets::parseConf(assets::builtIn(kJapanese), std::string(kJapanese)))
                (void)add(t.text, {*builtIn});
        }
        return t;
    }();
    return table;
}

}  // namespace

const char* tr(Lang lang, const char* english) {
    if (lang == Lang::En) return english;
    const auto& t = japanese().text;
    auto it = t.find(std::string_view(english));
    return it == t.end() ? english : it->second.c_str();
}

Status translationsStatus() { return japanese().status; }

Result<Translations> loadTranslations() {
    auto files = assets::loadConf(kJapanese);
    if (!files) return files.error();
    Translations t;
    KOTSU_TRY(add(t, *files));
    return t;
}

}  // namespace kotsu::annotate::ui
