#include "annotate/suggest/detectors.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace kotsu::annotate::suggest {

namespace {

// Timestamps rescaled to microseconds may be a microsecond short of the nominal spacing: a minimum
// length of exactly N frames must still be met by N frames.
constexpr Micros kSlack = 1000;

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

// A threshold crossed by `score`: 0.5 at the threshold, towards 1 well above it.
double aboveScore(double score, double threshold) {
    return threshold > 0 && score > 0 ? clamp01(1.0 - 0.5 * threshold / score) : 0.5;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    auto k = static_cast<size_t>(std::clamp(p, 0.0, 1.0) * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

int rank(const std::string& reason) {
    if (reason == "cut") return 3;
    if (reason == "fade") return 2;
    if (reason == "activity") return 1;
    return 0;
}

}  // namespace

std::vector<Candidate> detectContentCuts(const std::vector<FrameFeatures>& frames, double threshold,
                                         Micros minLength) {
    std::vector<Candidate> out;
    if (frames.empty()) return out;
    Micros lastAbove = frames.front().time;
    double lastAboveScore = 0;
    bool mergeEnabled = false, mergeTriggered = false;
    Micros mergeStart = 0;
    for (size_t i = 0; i < frames.size(); ++i) {
        const auto& f = frames[i];
        double score = i == 0 ? 0.0 : f.content;
        bool above = score >= threshold;
        bool lengthMet = minLength <= 0 || f.time - lastAbove >= minLength - kSlack;
        if (above) {
            lastAbove = f.time;
            lastAboveScore = score;
        }
        if (mergeTriggered) {
            if (lengthMet && !above && lastAbove - mergeStart >= minLength - kSlack) {
                mergeTriggered = false;
                out.push_back({lastAbove, aboveScore(lastAboveScore, threshold), "cut"});
            }
            continue;
        }
        if (!above) continue;
        if (lengthMet) {
            mergeEnabled = true;
            out.push_back({f.time, aboveScore(score, threshold), "cut"});
            continue;
        }
        if (mergeEnabled) {
            mergeTriggered = true;
            mergeStart = f.time;
        }
    }
    return out;
}

std::vector<Candidate> detectAdaptiveCuts(const std::vector<FrameFeatures>& frames, double ratio, int window,
                                          double minContent, Micros minLength) {
    std::vector<Candidate> out;
    if (frames.empty() || window < 1) return out;
    const size_t need = 1 + 2 * static_cast<size_t>(window);
    Micros lastCut = frames.front().time;
    std::deque<std::pair<Micros, double>> buf;
    for (size_t i = 0; i < frames.size(); ++i) {
        buf.emplace_back(frames[i].time, i == 0 ? 0.0 : frames[i].content);
        if (buf.size() < need) continue;
        while (buf.size() > need) buf.pop_front();
        auto [targetTime, target] = buf[static_cast<size_t>(window)];
        double sum = 0;
        for (size_t k = 0; k < buf.size(); ++k)
            if (k != static_cast<size_t>(window)) sum += buf[k].second;
        double average = sum / (2.0 * window);
        double r = 0;
        if (std::abs(average) >= 1e-5)
            r = std::min(target / average, 255.0);
        else if (target >= minContent)
            r = 255.0;
        bool met = r >= ratio && target >= minContent;
        bool lengthMet = frames[i].time - lastCut >= minLength - kSlack;
        if (met && lengthMet) {
            lastCut = targetTime;
            out.push_back({targetTime, aboveScore(r, ratio), "cut"});
        }
    }
    return out;
}

std::vector<Candidate> detectFades(const std::vector<FrameFeatures>& frames, const std::vector<Micros>& frameTimes,
                                   double threshold, Micros minLength, double jump, Micros longBlack) {
    std::vector<Candidate> out;
    if (frames.empty()) return out;
    auto hard = [&](size_t from, size_t to) {
        return jump > 0 && std::abs(frames[to].intensity - frames[from].intensity) >= jump;
    };
    Micros lastCut = frames.front().time;
    auto add = [&](Micros t) {
        if (t - lastCut < minLength - kSlack) return;
        lastCut = t;
        out.push_back({t, 0.8, "fade"});
    };
    size_t i = 1;
    // A recording that starts dark fades in: not a boundary.
    while (i < frames.size() && frames[i - 1].intensity < threshold) ++i;
    for (; i < frames.size(); ++i) {
        if (frames[i].intensity >= threshold) continue;
        const size_t first = i;  // first dark picture
        while (i < frames.size() && frames[i].intensity < threshold) ++i;
        if (i == frames.size()) break;  // dark to the end: a fade-out ends the recording
        const size_t back = i;          // first lit picture again
        const bool hardIn = hard(first - 1, first), hardOut = hard(back - 1, back);
        if (frames[back].time - frames[first].time < longBlack) {
            if (hardIn || hardOut) continue;
            Micros middle = frames[first].time + (frames[back].time - frames[first].time) / 2;
            // The frame at or before the middle (PySceneDetect rounds the frame number down).
            Micros split = middle;
            auto it = std::upper_bound(frameTimes.begin(), frameTimes.end(), middle);
            if (it != frameTimes.begin()) split = std::max(frames[first].time, *std::prev(it));
            add(split);
        } else {
            if (!hardIn) add(frames[first].time);
            if (!hardOut) add(frames[back].time);
        }
    }
    return out;
}

namespace {

// Pearson correlation of two signatures; 1 when either is flat (nothing to tell them apart).
double correlation(const Signature& a, const Signature& b) {
    const double n = double(a.size());
    double ma = 0, mb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        ma += a[i];
        mb += b[i];
    }
    ma /= n;
    mb /= n;
    double cov = 0, va = 0, vb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        cov += (a[i] - ma) * (b[i] - mb);
        va += (a[i] - ma) * (a[i] - ma);
        vb += (b[i] - mb) * (b[i] - mb);
    }
    if (va < n || vb < n) return 1.0;
    return cov / std::sqrt(va * vb);
}

size_t indexAt(const std::vector<FrameFeatures>& frames, Micros t) {
    return static_cast<size_t>(std::lower_bound(frames.begin(), frames.end(), t,
                                                [](const FrameFeatures& f, Micros x) { return f.time < x; }) -
                               frames.begin());
}

}  // namespace

std::vector<Candidate> dropFalseCuts(std::vector<Candidate> cuts, const std::vector<FrameFeatures>& frames,
                                     double dark, double jump, Micros flashLength) {
    std::erase_if(cuts, [&](const Candidate& c) {
        const size_t i = indexAt(frames, c.time);
        if (i == 0 || i >= frames.size()) return false;
        const FrameFeatures &before = frames[i - 1], &at = frames[i];
        if ((at.intensity < dark || before.intensity < dark) && std::abs(at.intensity - before.intensity) < jump)
            return true;
        const double step = distance(before.signature, at.signature);
        if (step < 8.0) return false;  // no signatures, or too little to tell
        for (size_t a = i; a-- > 0 && at.time - frames[a].time <= flashLength;)
            for (size_t b = i; b < frames.size() && frames[b].time - before.time <= flashLength; ++b)
                if (double d = distance(frames[a].signature, frames[b].signature); d < step / 3 && d < 6.0)
                    return true;
        return false;
    });
    return cuts;
}

std::vector<Candidate> detectDissolves(const std::vector<FrameFeatures>& frames, double minChange, Micros halfWindow,
                                       double dark) {
    std::vector<Candidate> out;
    const size_t n = frames.size();
    std::vector<double> strength(n, 0.0);
    for (size_t i = 1; i + 1 < n; ++i) {
        const Micros t = frames[i].time;
        size_t a = indexAt(frames, t - halfWindow), b = indexAt(frames, t + halfWindow);
        if (a >= i || b >= n || b <= i || frames[a].time > t - halfWindow / 2) continue;
        if (frames[a].intensity < dark || frames[b].intensity < dark) continue;
        const double change = distance(frames[a].signature, frames[b].signature);
        if (change < minChange) continue;
        double path = 0, biggest = 0;
        for (size_t k = a + 1; k <= b; ++k) {
            double d = distance(frames[k - 1].signature, frames[k].signature);
            path += d;
            biggest = std::max(biggest, d);
        }
        if (change < 0.8 * path || biggest > 0.4 * change) continue;
        // The same picture brighter or darker (an exposure change) is not a change of picture.
        if (correlation(frames[a].signature, frames[b].signature) > 0.8) continue;
        const size_t a0 = indexAt(frames, frames[a].time - halfWindow), b1 = indexAt(frames, frames[b].time + halfWindow);
        if (b1 >= n || a0 >= a) continue;
        const double steadyBefore = distance(frames[a0].signature, frames[a].signature);
        const double steadyAfter = distance(frames[b].signature, frames[b1].signature);
        if (std::max(steadyBefore, steadyAfter) > 0.5 * change) continue;
        strength[i] = change;
    }
    for (size_t i = 0; i < n;) {
        if (strength[i] <= 0) {
            ++i;
            continue;
        }
        const size_t first = i;
        size_t best = i;
        for (; i < n && strength[i] > 0; ++i)
            if (strength[i] > strength[best]) best = i;
        // The picture where the change is half done: as far from the picture before the dissolve
        // as from the one after it (steadier than the strongest picture of a flat peak).
        const size_t a = indexAt(frames, frames[first].time - halfWindow);
        const size_t b = std::min(n - 1, indexAt(frames, frames[i - 1].time + halfWindow));
        size_t middle = best;
        double balance = 1e9;
        for (size_t k = a; k <= b; ++k) {
            double d = std::abs(distance(frames[a].signature, frames[k].signature) -
                                distance(frames[k].signature, frames[b].signature));
            if (d < balance) {
                balance = d;
                middle = k;
            }
        }
        out.push_back({frames[middle].time, clamp01(0.4 + strength[best] / 200.0), "fade"});
    }
    return out;
}

namespace {

struct Phase {
    bool work;
    size_t first, last;  // sample indices
};

// Phases of one shot (samples [begin, end)): hysteresis between `down` and `up`, phases shorter
// than minPhase folded into their neighbours, and boundaries without a clear contrast dropped.
std::vector<Phase> shotPhases(const std::vector<Micros>& t, const std::vector<double>& med,
                              const std::vector<double>& smooth, size_t begin, size_t end, double up, double down,
                              Micros minPhase) {
    std::vector<Phase> phases;
    bool work = smooth[begin] >= (up + down) / 2;
    phases.push_back({work, begin, begin});
    for (size_t i = begin + 1; i < end; ++i) {
        if (!work && smooth[i] >= up)
            work = true;
        else if (work && smooth[i] <= down)
            work = false;
        if (work != phases.back().work)
            phases.push_back({work, i, i});
        else
            phases.back().last = i;
    }
    auto length = [&](const Phase& p) {
        Micros until = p.last + 1 < end ? t[p.last + 1] : t[p.last];
        return until - t[p.first];
    };
    auto join = [&] {
        std::vector<Phase> joined;
        for (const auto& p : phases) {
            if (!joined.empty() && joined.back().work == p.work)
                joined.back().last = p.last;
            else
                joined.push_back(p);
        }
        phases = std::move(joined);
    };
    while (phases.size() > 1) {
        size_t shortest = phases.size();
        for (size_t k = 0; k < phases.size(); ++k)
            if (length(phases[k]) < minPhase &&
                (shortest == phases.size() || length(phases[k]) < length(phases[shortest])))
                shortest = k;
        if (shortest == phases.size()) break;
        phases[shortest].work = !phases[shortest].work;
        join();
    }
    // The busy side must be clearly busier (twice) than the calm side: a steady movement
    // wobbling around the threshold is one phase.
    auto meanOf = [&](const Phase& p) {
        double sum = 0;
        for (size_t i = p.first; i <= p.last; ++i) sum += med[i];
        return sum / double(p.last - p.first + 1);
    };
    for (size_t k = 1; k < phases.size();) {
        const Phase& calm = phases[k - 1].work ? phases[k] : phases[k - 1];
        const Phase& busy = phases[k - 1].work ? phases[k - 1] : phases[k];
        if (meanOf(busy) >= 2.0 * meanOf(calm) + 0.002) {
            ++k;
            continue;
        }
        phases[k].work = phases[k - 1].work;
        join();
        k = 1;
    }
    return phases;
}

}  // namespace

std::vector<Candidate> detectActivity(const std::vector<FrameFeatures>& frames, const std::vector<Micros>& masked,
                                      Micros minPhase) {
    constexpr Micros kMask = 250'000;
    std::vector<Micros> sortedMask = masked;
    std::sort(sortedMask.begin(), sortedMask.end());
    auto maskedNear = [&](Micros at, Micros radius) {
        auto it = std::lower_bound(sortedMask.begin(), sortedMask.end(), at - radius);
        return it != sortedMask.end() && *it <= at + radius;
    };
    std::vector<Micros> t;
    std::vector<double> raw;
    std::vector<size_t> shotStart{0};  // a cut or fade starts a new shot: phases never span one
    for (const auto& f : frames) {
        if (f.activity < 0) continue;
        if (maskedNear(f.time, kMask)) continue;
        if (!t.empty()) {
            auto it = std::upper_bound(sortedMask.begin(), sortedMask.end(), t.back());
            if (it != sortedMask.end() && *it < f.time && shotStart.back() != t.size()) shotStart.push_back(t.size());
        }
        t.push_back(f.time);
        raw.push_back(f.activity);
    }
    std::vector<Candidate> out;
    const size_t n = raw.size();
    if (n < 8 || t.back() - t.front() < 2 * minPhase) return out;
    shotStart.push_back(n);

    // Per shot: median of 5 (drops single-sample flickers), then a mean over about half a second.
    std::vector<double> med(n), smooth(n);
    for (size_t s = 0; s + 1 < shotStart.size(); ++s) {
        const size_t begin = shotStart[s], end = shotStart[s + 1];
        for (size_t i = begin; i < end; ++i) {
            std::vector<double> w;
            for (size_t k = i >= begin + 2 ? i - 2 : begin; k < std::min(end, i + 3); ++k) w.push_back(raw[k]);
            std::nth_element(w.begin(), w.begin() + static_cast<long>(w.size() / 2), w.end());
            med[i] = w[w.size() / 2];
        }
        size_t a = begin, b = begin;  // the window [a, b) around sample i
        double sum = 0;
        for (size_t i = begin; i < end; ++i) {
            while (b < end && t[b] <= t[i] + 250'000) sum += med[b++];
            while (t[a] < t[i] - 250'000) sum -= med[a++];
            smooth[i] = sum / double(b - a);
        }
    }
    double lo = percentile(smooth, 0.1), hi = percentile(smooth, 0.9);
    // Too little contrast between the calm and the busy parts: one phase, no transition.
    if (hi < 0.004 || hi - lo < 0.003 || hi < 2.0 * lo) return out;
    const double up = lo + 0.6 * (hi - lo), down = lo + 0.4 * (hi - lo), mid = lo + 0.5 * (hi - lo);
    double contrast = (hi - lo) / (hi + lo + 1e-3);
    double score = std::clamp(0.4 + 0.4 * contrast, 0.3, 0.85);

    for (size_t s = 0; s + 1 < shotStart.size(); ++s) {
        const size_t begin = shotStart[s], end = shotStart[s + 1];
        if (end - begin < 4 || t[end - 1] - t[begin] < 2 * minPhase) continue;
        auto phases = shotPhases(t, med, smooth, begin, end, up, down, minPhase);
        for (size_t k = 1; k < phases.size(); ++k) {
            // The smoothed crossing lags and leads by the smoothing; the raw samples say when motion
            // really started (the first busy sample) or stopped (the sample after the last busy one).
            size_t at = phases[k].first;
            Micros from = t[at] - 750'000, to = t[at] + 750'000;
            Micros when = t[at];
            if (phases[k].work) {
                for (size_t i = begin; i < end; ++i)
                    if (t[i] >= from && t[i] <= to && raw[i] >= mid) {
                        when = t[i];
                        break;
                    }
            } else {
                for (size_t i = end; i-- > begin;)
                    if (t[i] >= from && t[i] <= to && raw[i] >= mid) {
                        when = i + 1 < end ? t[i + 1] : t[i];
                        break;
                    }
            }
            out.push_back({when, score, "activity"});
        }
    }
    return out;
}

std::vector<Candidate> detectPauses(const std::vector<AudioBlock>& blocks, Micros minPause) {
    std::vector<Candidate> out;
    if (blocks.size() < 50) return out;
    std::vector<double> db;
    db.reserve(blocks.size());
    for (const auto& b : blocks) db.push_back(b.db);
    double floor = percentile(db, 0.05), peak = percentile(db, 0.98);
    double contrast = peak - floor;
    if (contrast < 12.0 || peak < -60.0) return out;  // no speech standing out of the noise
    const double threshold = floor + 0.4 * contrast;

    // Runs of activity; holes under 150 ms are inside words, blips under 100 ms are clicks.
    struct Run {
        bool active;
        size_t first, last;
    };
    std::vector<Run> runs;
    for (size_t i = 0; i < blocks.size(); ++i) {
        bool active = blocks[i].db > threshold;
        if (runs.empty() || runs.back().active != active)
            runs.push_back({active, i, i});
        else
            runs.back().last = i;
    }
    auto span = [&](const Run& r) {
        Micros end = r.last + 1 < blocks.size() ? blocks[r.last + 1].time : blocks[r.last].time + 20'000;
        return end - blocks[r.first].time;
    };
    auto fold = [&](bool active, Micros shorter) {
        std::vector<Run> joined;
        for (size_t k = 0; k < runs.size(); ++k) {
            Run r = runs[k];
            bool inner = k > 0 && k + 1 < runs.size();
            if (inner && r.active == active && span(r) < shorter) r.active = !active;
            if (!joined.empty() && joined.back().active == r.active)
                joined.back().last = r.last;
            else
                joined.push_back(r);
        }
        runs = std::move(joined);
    };
    fold(false, 150'000);
    fold(true, 100'000);

    for (size_t k = 1; k + 1 < runs.size(); ++k) {
        const Run& r = runs[k];
        if (r.active) continue;
        Micros gap = span(r);
        if (gap < minPause) continue;
        Micros end = blocks[r.first].time + gap;
        Micros lead = std::min<Micros>(gap / 2, 300'000);
        double score = 0.35 + 0.25 * clamp01(double(gap - minPause) / 1.3e6) + 0.2 * clamp01((contrast - 12.0) / 20.0);
        out.push_back({end - lead, score, "pause"});
    }
    return out;
}

std::vector<Merged> mergeCandidates(std::vector<Candidate> candidates, Micros minSpacing, Micros preciseSpacing) {
    if (preciseSpacing < 0) preciseSpacing = minSpacing;
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (rank(a.reason) != rank(b.reason)) return rank(a.reason) > rank(b.reason);
        if (a.score != b.score) return a.score > b.score;
        return a.time < b.time;
    });
    std::vector<Merged> kept;
    for (const auto& c : candidates) {
        if (c.time <= 0) continue;  // the start of the recording is not a boundary
        Merged* near = nullptr;
        for (auto& k : kept) {
            const Micros spacing = rank(k.reason) >= 2 && rank(c.reason) >= 2 ? preciseSpacing : minSpacing;
            if (std::llabs(k.time - c.time) < spacing &&
                (!near || std::llabs(k.time - c.time) < std::llabs(near->time - c.time)))
                near = &k;
        }
        if (near) {
            // Another detector agreeing raises the score; it never moves the boundary.
            near->score = 1.0 - (1.0 - near->score) * (1.0 - 0.3 * c.score);
            continue;
        }
        kept.push_back({c.time, c.score, c.reason});
    }
    std::sort(kept.begin(), kept.end(), [](const Merged& a, const Merged& b) { return a.time < b.time; });
    for (auto& k : kept) k.score = std::round(clamp01(k.score) * 100.0) / 100.0;
    return kept;
}

}  // namespace kotsu::annotate::suggest
