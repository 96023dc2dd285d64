/* kotsu offline player — a classic script: no modules, no network, no build step.
 * Data comes from manifest.js (window.KOTSU_MANIFEST, format "kotsu.package" version 1) and
 * keymap.js (window.KOTSU_KEYMAP, the package's copy of keymap.json), because pages opened from
 * file:// may not fetch() local files. Captions are added through
 * the TextTrack API and drawn in our own overlay. Every text from the manifest is set with
 * textContent: it is data, never HTML. */
(function () {
  'use strict';

  var doc = document;
  function $(id) { return doc.getElementById(id); }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function str(v) { return typeof v === 'string' ? v : (v == null ? '' : String(v)); }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : {}; }
  function num(v, d) { return typeof v === 'number' && isFinite(v) ? v : d; }

  function fatal(title, detail, code) {
    var f = $('fatal');
    f.replaceChildren(el('strong', null, title), el('p', null, detail));
    if (code) f.append(el('code', null, code));
    f.hidden = false;
    doc.body.classList.remove('loading');
  }

  var M = window.KOTSU_MANIFEST;
  if (!M || typeof M !== 'object' || !Array.isArray(M.steps)) {
    fatal('Package data not found — パッケージのデータを読み込めません',
      'manifest.js is missing or damaged. Open index.html inside the unpacked package folder, next to manifest.js and clips/. ' +
      'manifest.js が見つからないか壊れています。パッケージのフォルダーを展開して、その中の index.html を開いてください。',
      'window.KOTSU_MANIFEST');
    return;
  }
  if (M.format !== 'kotsu.package' || M.version !== 1) {
    fatal('Unsupported package — 対応していないパッケージです',
      'This player reads format "kotsu.package" version 1. The package says: ' +
      JSON.stringify(str(M.format)) + ' version ' + JSON.stringify(M.version) + '.');
    return;
  }
  if (!M.steps.length) { fatal('This package has no steps — 手順がありません', 'Export the session again with at least one step.'); return; }

  /* A path from the manifest must stay inside the package: relative, no scheme, no "..". */
  function safePath(p) {
    if (typeof p !== 'string' || !p || /^[a-z][a-z0-9+.-]*:/i.test(p) || /^[\/\\]/.test(p) || p.indexOf('\\') >= 0) return null;
    var parts = p.split('/');
    if (parts.indexOf('..') >= 0) return null;
    return parts.map(encodeURIComponent).join('/');
  }

  /* Search folding: NFKC (full/half width), lower case, katakana → hiragana. */
  function fold(s) {
    return str(s).normalize('NFKC').toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    });
  }

  var session = obj(M.session);
  var profiles = {};
  arr(M.profiles).forEach(function (p) { if (p && typeof p.name === 'string') profiles[p.name] = p; });
  var languages = arr(M.languages).filter(function (l) { return typeof l === 'string' && l; });
  var N = M.steps.length;

  var steps = M.steps.map(function (raw, pos) {
    var s = obj(raw);
    var st = {
      pos: pos, index: num(s.index, pos + 1), id: str(s.id != null ? s.id : pos + 1),
      title: str(s.title), note: str(s.note), warning: str(s.warning),
      tags: arr(s.tags).map(str).filter(Boolean),
      knacks: arr(s.knacks).map(obj), safety: arr(s.safety).map(obj),
      inUs: num(s.in_us, 0), durationUs: num(s.duration_us, 0),
      captions: obj(s.captions), clips: obj(s.clips), thumb: safePath(s.thumbnail), parts: []
    };
    function part(kind, text) { text = str(text); if (text) st.parts.push({ kind: kind, text: text, folded: fold(text) }); }
    part('', st.title); part('コツ', st.note); part('⚠', st.warning);
    st.tags.forEach(function (t) { part('#', t); });
    st.knacks.forEach(function (k) { part('コツ', k.title); part('コツ', k.note); });
    st.safety.forEach(function (k) { part('⚠', k.title); part('⚠', k.warning); });
    Object.keys(st.captions).forEach(function (lang) {
      arr(obj(st.captions[lang]).cues).forEach(function (c) { part('字幕', obj(c).text); });
    });
    return st;
  });

  /* ---------- persistent state (localStorage can throw on file://) ---------- */
  var storeKey = 'kotsu.player.v1:' + str(session.id) + ':' + str(session.title);
  function load() {
    try { var raw = window.localStorage.getItem(storeKey); return raw ? obj(JSON.parse(raw)) : {}; } catch (e) { return {}; }
  }
  var saved = load();

  var params = new URLSearchParams(location.search);
  var mqSmall = window.matchMedia('(max-width: 854px), (max-height: 480px)');
  var mqGlasses = window.matchMedia('(max-width: 854px) and (max-height: 480px)');
  var SPEEDS = [0.25, 0.5, 0.75, 1];
  var LOOPS = [0, 2, 3, 5, Infinity];
  var CAP_SIZES = [{ n: 'S', f: 0.05, min: 18 }, { n: 'M', f: 0.065, min: 24 }, { n: 'L', f: 0.085, min: 30 }, { n: 'XL', f: 0.11, min: 38 }];

  var S = {
    cur: -1, clip: null, failed: {}, profile: 'tablet', speed: 1, loop: 0, plays: 0, lastT: 0,
    lang: languages.indexOf(saved.lang) >= 0 ? saved.lang : (languages.indexOf(session.language) >= 0 ? session.language : languages[0] || str(session.language) || 'ja'),
    capOn: saved.capOn !== false, capOnBurned: saved.capOnBurned === true,
    capSize: num(saved.capSize, 1), viewed: {}, fps: 30, query: '', capKey: null, warnKey: null, pendingTime: null
  };
  S.capSize = Math.max(0, Math.min(CAP_SIZES.length - 1, Math.round(S.capSize)));
  arr(saved.viewed).forEach(function (id) { S.viewed[str(id)] = true; });

  function save() {
    var cur = steps[S.cur];
    try {
      window.localStorage.setItem(storeKey, JSON.stringify({
        last: cur ? cur.id : null, viewed: Object.keys(S.viewed), lang: S.lang,
        capOn: S.capOn, capOnBurned: S.capOnBurned, capSize: S.capSize
      }));
    } catch (e) { /* private mode or file:// without storage: keep going */ }
  }

  /* ---------- viewing records (records.js) ---------- */
  var KR = window.KotsuRecords;
  var roster = arr(M.trainees).map(obj).filter(function (t) { return typeof t.id === 'string' && t.id; });
  var rec = KR && typeof M.package_id === 'string' ? KR.create({
    manifest: M, language: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(str(session.language)) ? str(session.language) : 'ja',
    profile: function () { return S.clip ? S.clip.profile : S.profile; },
    onChange: function () { updateWho(); }
  }) : null;

  /* ---------- elements ---------- */
  var video = $('video'), stage = $('stage'), capBox = $('captions'), list = $('step-list');
  var search = $('search'), toastEl = $('toast'), warnEl = $('warn');
  var btnPlay = $('btn-play'), btnSlow = $('btn-slow'), btnLoopG = $('btn-loopg');
  video.preservesPitch = true;
  if ('webkitPreservesPitch' in video) video.webkitPreservesPitch = true;
  if ('mozPreservesPitch' in video) video.mozPreservesPitch = true;

  /* ---------- header ---------- */
  var lang = str(session.language);
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) doc.documentElement.lang = lang;
  doc.title = (str(session.title) || 'kotsu') + ' — kotsu';
  $('session-title').textContent = str(session.title) || 'kotsu';
  $('session-meta').textContent = [session.worker, session.task, session.site].map(str).filter(Boolean)
    .concat([N + ' steps 手順']).join(' · ');

  /* ---------- step list ---------- */
  function fmtTime(t) {
    t = Math.max(0, t || 0);
    var m = Math.floor(t / 60), s = t - m * 60;
    return m + ':' + (s < 10 ? '0' : '') + s.toFixed(1);
  }
  steps.forEach(function (st) {
    var li = el('li'), b = el('button', 'step');
    b.type = 'button';
    b.dataset.pos = String(st.pos);
    var tb = el('span', 'thumbbox');
    if (st.thumb) {
      var img = el('img');
      img.alt = '';
      img.decoding = 'async';
      img.addEventListener('error', function () { img.remove(); });
      img.src = st.thumb;
      tb.append(img);
    }
    tb.append(el('span', 'num', st.index));
    b.append(tb, el('span', 'ttl', st.title || 'Step ' + st.index));
    var meta = el('span', 'meta');
    if (st.warning || st.safety.length) meta.append(el('span', 'badge-warn', '⚠ 注意'));
    if (st.durationUs) meta.append(el('span', null, fmtTime(st.durationUs / 1e6)));
    st.seenEl = el('span', 'badge-seen', '✓');
    st.seenEl.title = 'Viewed 視聴済み';
    st.seenEl.hidden = !S.viewed[st.id];
    meta.append(st.seenEl);
    st.snipEl = el('span', 'snippet');
    st.snipEl.hidden = true;
    b.append(meta, st.snipEl);
    b.addEventListener('click', function () { loadStep(st.pos, { play: true }); stage.scrollIntoView({ block: 'nearest' }); });
    li.append(b);
    list.append(li);
    st.li = li;
    st.btn = b;
  });

  /* Glasses: the steps as chips whose visible text is their voice command ("ステップ 3" / "Step 3",
     keymap.json "select-step"), since WearHF speaks only what is written on screen. A window of chips
     around the current step, as many as fit beside the title. */
  var KEYMAP = arr(window.KOTSU_KEYMAP);
  var selectStep = obj(KEYMAP.filter(function (k) { return obj(k).command === 'select-step'; })[0]);
  var uiLang = /^ja(-|$)/.test(doc.documentElement.lang) ? 'ja' : 'en';
  function stepWords(tpl, n) { return str(tpl).replace('{n}', String(n)); }
  var chipLabel = str(obj(selectStep.label)[uiLang]) || (uiLang === 'ja' ? 'ステップ {n}' : 'Step {n}');
  var gsteps = $('gsteps');
  steps.forEach(function (st) {
    var words = stepWords(chipLabel, st.pos + 1);
    var c = el('button', 'gstep', words);
    c.type = 'button';
    c.setAttribute('aria-label', words);
    c.setAttribute('data-wml-speech-command', words);
    c.addEventListener('click', function () { loadStep(st.pos, { play: true }); });
    gsteps.append(c);
    st.chip = c;
  });
  gsteps.append(el('span', 'gcount', '/ ' + N));
  function chipWindow() {
    if (!mqGlasses.matches || S.cur < 0) return;
    var room = gsteps.parentNode.clientWidth * 0.62;
    for (var k = 3; k >= 0; k--) {
      steps.forEach(function (s) { s.chip.hidden = Math.abs(s.pos - S.cur) > k; });
      if (gsteps.scrollWidth <= room) break;
    }
  }

  function filterSteps() {
    var terms = fold(S.query).trim().split(/\s+/).filter(Boolean);
    var shown = 0;
    steps.forEach(function (st) {
      var hit = null, ok = terms.every(function (t) {
        for (var i = 0; i < st.parts.length; i++) {
          var j = st.parts[i].folded.indexOf(t);
          if (j >= 0) { if (!hit) hit = { p: st.parts[i], at: j, len: t.length }; return true; }
        }
        return false;
      });
      st.li.hidden = !ok;
      if (ok) shown++;
      st.snipEl.replaceChildren();
      st.snipEl.hidden = !(ok && hit && hit.p.kind);
      if (ok && hit && hit.p.kind) {
        var text = hit.p.text;
        st.snipEl.append(el('span', 'kind', hit.p.kind + ' '));
        if (hit.p.folded.length === text.length) {
          var from = Math.max(0, hit.at - 12);
          st.snipEl.append((from ? '…' : '') + text.slice(from, hit.at), el('mark', null, text.substr(hit.at, hit.len)),
            text.slice(hit.at + hit.len));
        } else {
          st.snipEl.append(text);
        }
      }
    });
    $('step-count').textContent = terms.length ? shown + ' / ' + N : String(N);
    $('no-match').hidden = shown > 0;
  }

  /* ---------- captions: one TextTrack per language, cues replaced per step ---------- */
  var tracks = {};
  function trackFor(l) {
    if (!tracks[l]) {
      var t = video.addTextTrack('captions', l, l);
      t.mode = 'hidden';
      t.addEventListener('cuechange', renderCues);
      tracks[l] = t;
    }
    return tracks[l];
  }
  function setCues(st) {
    Object.keys(tracks).forEach(function (l) { tracks[l].mode = l === S.lang ? 'hidden' : 'disabled'; });
    if (typeof window.VTTCue !== 'function' || !video.addTextTrack) return;
    var t = trackFor(S.lang);
    t.mode = 'hidden';
    while (t.cues && t.cues.length) t.removeCue(t.cues[t.cues.length - 1]);
    arr(obj(st.captions[S.lang]).cues).forEach(function (c) {
      c = obj(c);
      var a = num(c.start, NaN), b = num(c.end, NaN);
      if (a >= 0 && b > a) t.addCue(new window.VTTCue(a, b, str(c.text)));
    });
    S.capKey = null;
    S.capSplit = {};
    renderCues();
  }
  /* A cue too long for the overlay (more than two lines on glasses, more than three on a phone) is
     split over time, as burned-in captions are (burnin.cpp fitCaption): the browser lays the text out
     at the overlay's font size and width (line-break: strict, auto-phrase: no line starts with 、。）」ー
     or a small kana, none ends with （「, Latin words whole), the line boxes are read back, and the
     lines are shown two by two, each pair for its share of the cue's time by characters. */
  function splitting() { return mqGlasses.matches || mqSmall.matches; }
  function cueEl(x) {
    var c = el('div', 'cue', x);
    if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(S.lang)) c.lang = S.lang; /* line breaks by the caption's language */
    return c;
  }
  /* The cue's text as the browser breaks it into lines in the overlay (a hidden copy, same class). */
  function cueLines(text) {
    var m = cueEl(text);
    m.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
    capBox.appendChild(m);
    var node = m.firstChild, lines = [], cur = '', top = null;
    var lh = parseFloat(getComputedStyle(m).fontSize) * 0.5 || 8, r = doc.createRange();
    for (var i = 0; node && i < text.length;) {
      var n = /[\uD800-\uDBFF]/.test(text[i]) && i + 1 < text.length ? 2 : 1;
      r.setStart(node, i); r.setEnd(node, i + n);
      var rects = r.getClientRects(), ch = text.substr(i, n);
      if (ch !== '\n' && rects.length && rects[0].width > 0) {
        var y = rects[rects.length - 1].top;
        if (top !== null && y > top + lh) { lines.push(cur); cur = ''; }
        top = y;
      }
      cur += ch; i += n;
    }
    lines.push(cur);
    m.remove();
    return lines.map(function (l) { return l.replace(/^\s+|\s+$/g, ''); }).filter(function (l) { return l; });
  }
  /* The groups of lines of a cue with the cue-relative fraction of time each starts at. */
  function cueGroups(text) {
    var key = text + '\u0000' + capBox.clientWidth + '\u0000' + capBox.style.getPropertyValue('--cap-size');
    S.capSplit = S.capSplit || {};
    if (S.capSplit[key]) return S.capSplit[key];
    var lines = cueLines(text), per = 2;
    if (!mqGlasses.matches && lines.length <= 3) return (S.capSplit[key] = [{ text: text, from: 0 }]);
    var groups = [], total = 0;
    for (var i = 0; i < lines.length; i += per) {
      var g = lines.slice(i, i + per), w = Math.max(1, g.join('').replace(/\s/g, '').length);
      groups.push({ text: g.join('\n'), w: w });
      total += w;
    }
    var done = 0;
    groups.forEach(function (g) { g.from = done / total; done += g.w; });
    return (S.capSplit[key] = groups);
  }
  function groupAt(groups, cue, t) {
    var f = (t - cue.startTime) / Math.max(1e-6, cue.endTime - cue.startTime), k = 0;
    while (k + 1 < groups.length && f >= groups[k + 1].from) k++;
    return k;
  }
  function renderCues() {
    var t = tracks[S.lang], cues = [];
    var ac = t && t.activeCues;
    if (ac) for (var i = 0; i < ac.length; i++) cues.push(ac[i]);
    var split = splitting() && !capBox.classList.contains('off'), now = video.currentTime;
    if (split) sizeCaptions();
    var texts = cues.map(function (c) {
      if (!split) return c.text;
      var g = cueGroups(c.text);
      return g[groupAt(g, c, now)].text;
    });
    S.capMulti = split && cues.some(function (c) { return cueGroups(c.text).length > 1; });
    capRun();
    var key = texts.join('\u0000') + '\u0000' + split;
    if (key === S.capKey) return;
    S.capKey = key;
    capBox.replaceChildren.apply(capBox, texts.map(cueEl));
    capBox.classList.toggle('split', split);
    if (!split) shrinkCaptions();
  }
  /* While a split cue plays, its groups switch on the frame their time comes (timeupdate is ~4 Hz). */
  function capTick() {
    S.capRaf = 0;
    if (video.paused || video.ended || !S.capMulti) return;
    renderCues();
    S.capRaf = requestAnimationFrame(capTick);
  }
  function capRun() { if (!S.capRaf && S.capMulti && !video.paused) S.capRaf = requestAnimationFrame(capTick); }
  /* The chosen size follows the picture's height. */
  function sizeCaptions() {
    var size = CAP_SIZES[S.capSize], h = stage.clientHeight || 400;
    var px = Math.round(Math.max(size.min, size.f * h));
    capBox.style.setProperty('--cap-size', px + 'px');
    return px;
  }
  /* Unsplit (tablets), a caption too long for the room between the top (5 %, or under the glasses'
     overlays) and the bottom margin is drawn smaller until it fits, never cut. */
  function shrinkCaptions() {
    var px = sizeCaptions(), h = stage.clientHeight || 400;
    if (!capBox.firstChild || capBox.classList.contains('off')) return;
    var top = h * 0.05;
    if (mqGlasses.matches) {
      var bar = doc.querySelector('.stepbar').getBoundingClientRect(), sr = stage.getBoundingClientRect();
      top = Math.max(top, bar.bottom - sr.top + (parseFloat(getComputedStyle(doc.documentElement).getPropertyValue('--gwarn')) || 0));
    }
    var room = h * 0.95 - top;
    while (capBox.offsetHeight > room && px > 12) {
      px = Math.max(12, Math.floor(px * 0.9));
      capBox.style.setProperty('--cap-size', px + 'px');
    }
  }
  function burned() { return !!(S.clip && obj(profiles[S.clip.profile]).captions === 'burned'); }
  function capShown() { return burned() ? S.capOnBurned : S.capOn; }
  function applyCaptions() {
    var on = capShown();
    capBox.classList.toggle('off', !on);
    $('cc-label').textContent = on ? '字幕 On' : '字幕 Off';
    $('btn-cc').setAttribute('aria-pressed', String(on));
    $('cc-size').textContent = CAP_SIZES[S.capSize].n;
    S.capKey = null;
    renderCues();
  }

  /* ---------- playing a step ---------- */
  function pickClip(st) {
    var want = S.profile, order = [want, want === 'glasses' ? 'tablet' : 'glasses'].concat(Object.keys(st.clips));
    for (var i = 0; i < order.length; i++) {
      var c = obj(st.clips[order[i]]), url = safePath(c.path);
      if (url && !S.failed[url]) return { profile: order[i], clip: c, url: url, path: str(c.path) };
    }
    return null;
  }
  function clipError(title, detail, path) {
    var box = $('clip-error');
    box.replaceChildren(el('strong', null, title), el('span', null, detail));
    if (path) box.append(el('code', null, path));
    box.hidden = false;
  }
  function play() {
    var p = video.play();
    if (p && p.catch) p.catch(function (e) { if (e && e.name === 'NotAllowedError') toast('Tap ▶ to play 再生'); });
  }
  function loadStep(pos, opts) {
    opts = opts || {};
    if (pos < 0 || pos >= N) { toast(pos < 0 ? 'First step 最初の手順' : 'Last step 最後の手順'); return; }
    var st = steps[pos];
    S.cur = pos;
    S.plays = 0;
    S.lastT = 0;
    S.segs = [];
    S.seekFrom = null;
    S.warnKey = null;
    $('clip-error').hidden = true;
    var pick = pickClip(st);
    S.clip = pick;
    if (!pick) {
      video.removeAttribute('src');
      video.load();
      clipError('No clip for this step — この手順の動画がありません', 'The package lists no playable clip for step ' + st.index + '.');
    } else {
      S.pendingTime = opts.time || null;
      video.defaultPlaybackRate = S.speed;
      if (video.getAttribute('src') !== pick.url) video.src = pick.url;
      else { video.currentTime = opts.time || 0; S.pendingTime = null; }
      video.playbackRate = S.speed;
      video.preservesPitch = true;
      video.loop = S.loop === Infinity;
    }
    setCues(st);
    renderStep(st);
    applyCaptions();
    if (rec) rec.begin(st, { length: st.durationUs / 1e6, speed: S.speed, captions: capShown(), lang: S.lang });
    updateStatus();
    warnEl.classList.remove('fresh');
    void warnEl.offsetWidth; /* restart the pulse */
    warnEl.classList.add('fresh');
    save();
    if (opts.play && pick) play(); else if (!opts.keepState) video.pause();
  }
  function renderStep(st) {
    $('step-no').textContent = 'STEP ' + (st.pos + 1) + '/' + N;
    $('step-title').textContent = st.title;
    steps.forEach(function (s) {
      if (s === st) { s.btn.setAttribute('aria-current', 'step'); s.chip.setAttribute('aria-current', 'step'); }
      else { s.btn.removeAttribute('aria-current'); s.chip.removeAttribute('aria-current'); }
    });
    chipWindow();
    var lr = list.getBoundingClientRect(), br = st.btn.getBoundingClientRect(); /* scroll the list only, never the page */
    if (br.top < lr.top) list.scrollTop -= lr.top - br.top + 8;
    else if (br.bottom > lr.bottom) list.scrollTop += br.bottom - lr.bottom + 8;

    $('step-note').textContent = st.note;
    $('step-note').hidden = !st.note;
    var kl = $('knack-list'), sl = $('safety-list');
    kl.replaceChildren.apply(kl, st.knacks.map(function (k) { return markerItem(st, k, k.note); }));
    sl.replaceChildren.apply(sl, st.safety.map(function (k) { return markerItem(st, k, k.warning); }));
    $('knack-card').hidden = !st.note && !st.knacks.length;
    $('safety-card').hidden = !st.safety.length;
    var tags = $('step-tags');
    tags.replaceChildren.apply(tags, st.tags.map(function (t) { return el('span', 'tag', '#' + t); }));
    tags.hidden = !st.tags.length;
    $('details').hidden = $('knack-card').hidden && $('safety-card').hidden && tags.hidden;
    $('knack-line-text').textContent = st.note || (st.knacks[0] ? str(st.knacks[0].title) : '');
    $('knack-line').hidden = !$('knack-line-text').textContent;
    updateWarning();
  }
  function rel(st, us) { return Math.max(0, (num(us, 0) - st.inUs) / 1e6); }
  function markerItem(st, m, detail) {
    var li = el('li'), b = el('button');
    b.type = 'button';
    b.append(el('span', 't', fmtTime(rel(st, m.in_us))), el('span', null, str(m.title)));
    if (str(detail)) b.append(el('span', 'n', str(detail)));
    b.addEventListener('click', function () { video.currentTime = rel(st, m.in_us); play(); });
    li.append(b);
    return li;
  }
  function active(st, list) {
    var t = video.currentTime;
    return list.filter(function (m) { return t >= rel(st, m.in_us) && t < rel(st, m.out_us); });
  }

  /* The step's warning is shown when the step starts: for the whole step on a tablet, over the
     video for its first 5 s on glasses. Safety markers show while their range plays. */
  function updateWarning() {
    var st = steps[S.cur];
    if (!st) return;
    var lines = [];
    if (st.warning && (!mqGlasses.matches || video.currentTime < 5)) lines.push(st.warning);
    active(st, st.safety).forEach(function (m) {
      lines.push([str(m.title), str(m.warning)].filter(Boolean).join(' — '));
    });
    var key = lines.join('\n');
    if (key !== S.warnKey) {
      S.warnKey = key;
      $('warn-text').textContent = key;
      warnEl.hidden = !key;
    }
    var k = active(st, st.knacks)[0];
    $('knack-pop').hidden = !k;
    if (k) $('knack-pop-text').textContent = [str(k.title), str(k.note)].filter(Boolean).join(' — ');
  }

  function updateStatus() {
    var d = video.duration, mode = [];
    $('step-time').textContent = fmtTime(video.currentTime) + (isFinite(d) ? ' / ' + fmtTime(d) : '');
    if (S.speed !== 1) mode.push(S.speed + '×');
    if (S.loop) mode.push('⟲ ' + (S.loop === Infinity ? '∞' : Math.min(S.plays + 1, S.loop) + '/' + S.loop));
    $('step-mode').textContent = mode.join(' · ');
    $('step-mode').hidden = !mode.length;
  }

  /* Watched = the parts that actually played cover 90 % of the step, whatever the seeks. */
  function addPlayed(a, b) { if (b > a && b - a < 2) S.segs.push([a, b]); }
  function checkWatched(st) {
    var d = video.duration;
    if (!st || !isFinite(d) || d <= 0) return;
    S.segs = KR.union(S.segs);
    if (KR.covered(S.segs, d) >= KR.THRESHOLD * d) markViewed(st);
  }
  function markViewed(st) {
    if (!st || S.viewed[st.id]) return;
    S.viewed[st.id] = true;
    st.seenEl.hidden = false;
    save();
  }

  /* ---------- commands (names shared with the editor's keymap) ---------- */
  var toastTimer = 0;
  function toast(text) {
    toastEl.textContent = text;
    toastEl.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastEl.hidden = true; }, 1400);
  }
  function setSpeed(r) {
    S.speed = r;
    video.defaultPlaybackRate = r;
    video.playbackRate = r;
    video.preservesPitch = true;
    toast(r + '×');
    applySpeed();
  }
  function applySpeed() {
    doc.querySelectorAll('[data-cmd="speed"]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(Number(b.dataset.rate) === S.speed));
    });
    setLabel(btnSlow, S.speed < 1 ? 'Normal speed' : 'Slow motion', S.speed < 1);
    updateStatus();
  }
  function setLoop(n) {
    S.loop = n;
    S.plays = 0;
    video.loop = n === Infinity;
    $('loop-label').textContent = n === 0 ? 'Loop off ループ' : n === Infinity ? 'Loop ∞ ループ' : 'Loop ×' + n + ' ループ';
    $('btn-loop').setAttribute('aria-pressed', String(n !== 0));
    setLabel(btnLoopG, n === Infinity ? 'Stop looping' : 'Loop step', n === Infinity);
    updateStatus();
  }
  /* A voice button's visible label and its data-wml-speech-command stay equal. */
  function setLabel(btn, label, pressed) {
    btn.querySelector('.lbl').textContent = label;
    btn.setAttribute('data-wml-speech-command', label);
    if (pressed != null) btn.setAttribute('aria-pressed', String(pressed));
  }
  function frame(dir) {
    if (!video.paused) video.pause();
    var fps = S.fps, d = video.duration;
    var idx = Math.max(0, Math.floor(video.currentTime * fps + 1e-3) + dir);
    var t = (idx + 0.5) / fps;
    if (isFinite(d)) t = Math.min(t, Math.max(0, d - 0.5 / fps));
    video.currentTime = t;
    toast('Frame ' + idx + ' コマ');
  }
  function seek(dt) { video.currentTime = Math.max(0, Math.min(video.currentTime + dt, (video.duration || 0))); }

  var COMMANDS = {
    'play-pause': function () { if (video.paused || video.ended) play(); else video.pause(); },
    'next-step': function () { loadStep(S.cur + 1, { play: true }); },
    'prev-step': function () { loadStep(S.cur - 1, { play: true }); },
    'repeat-step': function () { S.plays = 0; video.currentTime = 0; S.warnKey = null; play(); },
    'seek-back': function () { seek(-2); },
    'seek-forward': function () { seek(2); },
    'frame-back': function () { frame(-1); },
    'frame-forward': function () { frame(1); },
    'loop': function () { var n = LOOPS[(LOOPS.indexOf(S.loop) + 1) % LOOPS.length]; setLoop(n); toast(n ? (n === Infinity ? 'Loop ∞' : 'Loop ×' + n) : 'Loop off'); },
    'loop-forever': function () { setLoop(S.loop === Infinity ? 0 : Infinity); toast(S.loop ? 'Loop ∞' : 'Loop off'); },
    'speed-down': function () { setSpeed(SPEEDS[Math.max(0, SPEEDS.indexOf(S.speed) - 1)]); },
    'speed-up': function () { setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(S.speed) + 1)]); },
    'speed-0.25': function () { setSpeed(0.25); }, 'speed-0.5': function () { setSpeed(0.5); },
    'speed-0.75': function () { setSpeed(0.75); }, 'speed-1': function () { setSpeed(1); },
    'slow-motion': function () { setSpeed(S.speed < 1 ? 1 : 0.5); },
    'captions-toggle': function () {
      if (burned()) S.capOnBurned = !S.capOnBurned; else S.capOn = !S.capOn;
      applyCaptions(); save(); toast(capShown() ? '字幕 On' : '字幕 Off');
    },
    'caption-size-up': function () { S.capSize = Math.min(CAP_SIZES.length - 1, S.capSize + 1); applyCaptions(); save(); toast('字幕 ' + CAP_SIZES[S.capSize].n); },
    'caption-size-down': function () { S.capSize = Math.max(0, S.capSize - 1); applyCaptions(); save(); toast('字幕 ' + CAP_SIZES[S.capSize].n); },
    'search-focus': function () { if (!mqGlasses.matches) { search.focus(); search.select(); } },
    'fullscreen': function () {
      if (doc.fullscreenElement) doc.exitFullscreen(); else if (stage.requestFullscreen) stage.requestFullscreen().catch(function () {});
    },
    'help': function () { $('help').hidden = !$('help').hidden; },
    'who': function () { askWho(); },
    'export-records': function () { exportRecords(); }
  };
  function run(cmd) { if (COMMANDS[cmd]) COMMANDS[cmd](); }

  /* The key bindings are data: keymap.json, which the package carries as keymap.js (file:// pages
     cannot fetch). Each: command (named as in the editor's assets/keymap.conf where it does the
     same), keys (KeyboardEvent.key, "Shift+" for non-printing keys), shown (as the help overlay
     lists them), en, ja. */
  var keyToCmd = {};
  KEYMAP.forEach(function (k) { arr(k.keys).forEach(function (key) { keyToCmd[key] = k.command; }); });

  doc.addEventListener('keydown', function (e) {
    if (!e.key || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var tgt = e.target, tag = tgt && tgt.tagName;
    if (e.key === 'Escape') {
      if (!$('help').hidden) { $('help').hidden = true; return; }
      if (tgt === search) { search.value = ''; S.query = ''; filterSteps(); search.blur(); }
      return;
    }
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
      if (tgt === search && e.key === 'Enter') {
        var first = steps.filter(function (s) { return !s.li.hidden; })[0];
        if (first) { search.blur(); loadStep(first.pos, { play: true }); }
      }
      return;
    }
    var key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toLowerCase() : (e.shiftKey ? 'Shift+' : '') + e.key;
    var cmd = keyToCmd[key];
    if (!cmd) return;
    if ((key === 'Space' || e.key === 'Enter') && tag === 'BUTTON') return; /* let the focused button act */
    if (!$('help').hidden && cmd !== 'help') return;
    if (!$('who').hidden) return;
    e.preventDefault();
    run(cmd);
  });

  /* Buttons carry data-cmd; a pointer click drops focus so Space keeps meaning play/pause. */
  doc.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-cmd]');
    if (b) {
      if (b.dataset.cmd === 'speed') setSpeed(Number(b.dataset.rate)); else run(b.dataset.cmd);
      if (e.detail > 0 && b.blur) b.blur();
    }
  });
  video.addEventListener('click', function () { run('play-pause'); });
  $('help').addEventListener('click', function (e) { if (e.target === $('help')) $('help').hidden = true; });
  warnEl.addEventListener('click', function () { if (mqGlasses.matches) warnEl.hidden = true; });
  search.addEventListener('input', function () { S.query = search.value; filterSteps(); });

  /* ---------- video events ---------- */
  video.addEventListener('loadedmetadata', function () {
    if (S.pendingTime) { video.currentTime = Math.min(S.pendingTime, video.duration || S.pendingTime); S.pendingTime = null; }
    video.playbackRate = S.speed;
    if (rec) rec.length(video.duration);
    updateStatus();
    updateAudioTracks();
  });
  video.addEventListener('play', function () { capRun(); if (rec) rec.played(video.currentTime); doc.body.classList.add('playing'); setLabel(btnPlay, 'Pause video'); setPlayIcon(true); });
  video.addEventListener('pause', function () { if (rec && !video.ended) rec.paused(video.currentTime); doc.body.classList.remove('playing'); setLabel(btnPlay, 'Play video'); setPlayIcon(false); });
  function setPlayIcon(playing) {
    btnPlay.querySelector('use').setAttribute('href', playing ? '#i-pause' : '#i-play');
    btnPlay.querySelector('.ja').textContent = playing ? '一時停止' : '再生';
    $('bigplay').setAttribute('aria-label', playing ? 'Pause video' : 'Play video');
  }
  video.addEventListener('timeupdate', function () {
    var st = steps[S.cur], t = video.currentTime, d = video.duration;
    if (video.loop && t + 0.5 < S.lastT) S.plays++; /* native loop wrapped */
    if (!video.paused && !video.seeking && S.seekFrom == null && t >= S.lastT) addPlayed(S.lastT, t);
    if (!video.seeking) S.lastT = t;
    checkWatched(st);
    if (rec && !video.seeking && S.seekFrom == null) rec.tick(t, video.playbackRate);
    updateStatus();
    updateWarning();
  });
  video.addEventListener('seeking', function () { if (S.seekFrom == null) S.seekFrom = S.lastT; });
  video.addEventListener('seeked', function () {
    var from = S.seekFrom == null ? S.lastT : S.seekFrom, to = video.currentTime, d = video.duration;
    S.seekFrom = null;
    S.lastT = to;
    /* A loop going round (native loop, or the counted loop restarting) is not a seek back. */
    if (S.loop && isFinite(d) && from >= d - 0.75 && to < 0.5) { if (rec) rec.wrapped(d, to); }
    else if (rec && Math.abs(to - from) > 0.05) rec.seeked(from, to);
    updateWarning(); renderCues(); updateStatus();
  });
  video.addEventListener('ended', function () {
    var st = steps[S.cur], d = video.duration;
    if (isFinite(d)) { addPlayed(S.lastT, d); S.lastT = d; }
    checkWatched(st);
    if (rec && isFinite(d)) rec.ended(d);
    S.plays++;
    if (S.loop > 1 && S.plays < S.loop) { video.currentTime = 0; play(); return; }
    updateStatus();
    if (S.cur + 1 < N) toast('Next step ▶ 次へ'); else toast('Last step done 完了');
  });
  video.addEventListener('ratechange', function () {
    if (video.playbackRate !== S.speed && SPEEDS.indexOf(video.playbackRate) >= 0) { S.speed = video.playbackRate; applySpeed(); }
  });
  video.addEventListener('error', function () {
    if (!video.getAttribute('src') || !S.clip) return;
    var failed = S.clip, t = video.currentTime || 0, wasPlaying = !video.paused;
    S.failed[failed.url] = true;
    var again = pickClip(steps[S.cur]);
    if (again) { loadStep(S.cur, { time: t, play: wasPlaying }); toast('Using ' + again.profile + ' clip'); return; }
    var codes = { 1: 'aborted', 2: 'network or file read error', 3: 'decoding failed', 4: 'file missing or format not supported (H.264/AAC MP4 expected)' };
    var code = video.error ? video.error.code : 0;
    clipError('Cannot play this clip — 動画を再生できません', 'Reason: ' + (codes[code] || 'unknown') + '. Check that the package folder is complete.', failed.path);
  });

  /* Frame rate for frame stepping: measured from presented frames when the browser can, else 30. */
  if (video.requestVideoFrameCallback) {
    var lastMd = null;
    var onFrame = function (now, md) {
      if (lastMd && md.presentedFrames === lastMd.presentedFrames + 1) {
        var dt = md.mediaTime - lastMd.mediaTime;
        if (dt > 0.004 && dt < 0.2) {
          var f = 1 / dt, common = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60];
          for (var i = 0; i < common.length; i++) if (Math.abs(f - common[i]) / common[i] < 0.02) { S.fps = common[i]; break; }
        }
      }
      lastMd = md;
      video.requestVideoFrameCallback(onFrame);
    };
    video.addEventListener('emptied', function () { lastMd = null; });
    video.requestVideoFrameCallback(onFrame);
  }

  /* ---------- audio tracks (tablet; only where the browser exposes audioTracks) ---------- */
  var audioSel = $('audio-track');
  function updateAudioTracks() {
    var at = video.audioTracks;
    var ok = !!(at && at.length > 1 && !mqGlasses.matches);
    $('audio-group').hidden = !ok;
    if (!ok) return;
    var labels = arr(obj(profiles[S.clip && S.clip.profile]).audio_tracks);
    audioSel.replaceChildren();
    for (var i = 0; i < at.length; i++) {
      var o = el('option', null, str(obj(labels[i]).label) || at[i].label || 'Track ' + (i + 1));
      o.value = String(i);
      o.selected = at[i].enabled;
      audioSel.append(o);
    }
  }
  audioSel.addEventListener('change', function () {
    var at = video.audioTracks, k = Number(audioSel.value);
    for (var i = 0; at && i < at.length; i++) at[i].enabled = i === k;
  });

  /* ---------- caption language ---------- */
  var langSel = $('cc-lang');
  if (languages.length > 1) {
    languages.forEach(function (l) { var o = el('option', null, l); o.value = l; o.selected = l === S.lang; langSel.append(o); });
    langSel.hidden = false;
    langSel.addEventListener('change', function () { S.lang = langSel.value; setCues(steps[S.cur]); save(); });
  }

  /* ---------- layout and profile ---------- */
  function wantedProfile() {
    var forced = params.get('profile');
    if (forced && /^[a-z][a-z0-9_-]{0,31}$/.test(forced)) return forced;
    return mqSmall.matches ? 'glasses' : 'tablet';
  }
  function onLayout() {
    doc.body.classList.toggle('glasses', mqGlasses.matches);
    var p = wantedProfile();
    if (p !== S.profile) {
      S.profile = p;
      if (S.cur >= 0) loadStep(S.cur, { time: video.currentTime, play: !video.paused, keepState: true });
    }
    S.warnKey = null;
    updateWarning();
    applyCaptions();
    updateAudioTracks();
    chipWindow();
  }
  function listen(mq, fn) { if (mq.addEventListener) mq.addEventListener('change', fn); else mq.addListener(fn); }
  listen(mqSmall, onLayout);
  listen(mqGlasses, onLayout);
  if (window.ResizeObserver) new ResizeObserver(function () { applyCaptions(); }).observe(stage);

  /* ---------- help overlay ---------- */
  var helpKeys = $('help-keys');
  KEYMAP.forEach(function (k) {
    if (!arr(k.keys).length) return; /* voice only */
    var row = el('div', 'key'), keys = el('span', 'k'), what = el('span', 'w', k.en);
    arr(k.shown).forEach(function (x) { keys.append(el('kbd', null, x)); });
    if (k.ja) what.append(el('span', 'ja', k.ja));
    row.append(keys, what);
    helpKeys.append(row);
  });
  /* The voice commands are data too (keymap.json "voice"): the buttons' visible labels, and the step
     chips' "{n}" templates. */
  KEYMAP.forEach(function (k) {
    arr(k.voice).forEach(function (v) { $('help-voice').append(el('span', null, stepWords(v, 'N'))); });
  });

  /* Extra voice commands when the page runs with RealWear's wearML engine present. */
  if (window.wearML && typeof window.wearML.addCallbackCommand === 'function') {
    [['Show captions', function () { if (!capShown()) run('captions-toggle'); }],
     ['Hide captions', function () { if (capShown()) run('captions-toggle'); }],
     ['Frame forward', function () { frame(1); }], ['Frame back', function () { frame(-1); }]]
      .concat([].concat.apply([], arr(selectStep.voice).map(function (tpl) {
        return steps.map(function (st) { return [stepWords(tpl, st.pos + 1), function () { loadStep(st.pos, { play: true }); }]; });
      })))
      .forEach(function (c) { try { window.wearML.addCallbackCommand(c[0], null, c[1]); } catch (e) { /* ignore */ } });
  }

  /* ---------- trainee (once per device) and export ---------- */
  var WHO_KEY = 'kotsu.trainee.v1';
  function updateWho() {
    var t = rec && rec.trainee;
    $('who-label').textContent = t ? (t.name || t.id) : 'Sign in';
    $('btn-who').hidden = !rec || M.trainee_fixed === true;
    $('btn-export').hidden = !rec;
  }
  function setWho(t) {
    if (!rec) return;
    rec.setTrainee(t);
    try { localStorage.setItem(WHO_KEY, JSON.stringify(t)); } catch (e) { /* storage off: ask again next time */ }
    updateWho();
  }
  function askWho() {
    if (!rec || M.trainee_fixed === true) return;
    var pick = $('who-pick');
    pick.replaceChildren();
    var none = el('option', null, '—');
    none.value = '';
    pick.append(none);
    roster.forEach(function (t) {
      var o = el('option', null, t.name ? t.name + ' (' + t.id + ')' : t.id);
      o.value = t.id;
      o.selected = !!(rec.trainee && rec.trainee.id === t.id);
      pick.append(o);
    });
    $('who-pick-row').hidden = !roster.length;
    $('who-id').value = '';
    $('who-error').hidden = true;
    $('who').hidden = false;
    (roster.length ? pick : $('who-id')).focus();
  }
  $('who-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var typed = $('who-id').value.trim(), picked = $('who-pick').value;
    var id = typed || picked;
    var err = !id ? 'Choose or type an ID. ID を選ぶか入力してください。'
      : id.length > 128 || /[\u0000-\u001f",]/.test(id) ? 'This ID cannot be used. この ID は使えません。' : '';
    if (err) { $('who-error').textContent = err; $('who-error').hidden = false; return; }
    var known = roster.filter(function (t) { return t.id === id; })[0];
    setWho({ id: id, name: known ? str(known.name) : '' });
    $('who').hidden = true;
  });
  function exportRecords() {
    if (!rec) return;
    if (S.cur >= 0 && rec.trainee) { rec.end(video.currentTime); rec.begin(steps[S.cur], { length: video.duration || steps[S.cur].durationUs / 1e6, speed: S.speed, captions: capShown(), lang: S.lang }); }
    var f = rec.exportFile();
    var url = URL.createObjectURL(new Blob([f.text], { type: 'application/json' }));
    var a = el('a');
    a.href = url;
    a.download = f.name;
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    toast('記録を書き出しました Records exported');
  }
  window.addEventListener('pagehide', function () { if (rec) rec.end(video.currentTime); });

  /* ---------- start ---------- */
  S.profile = wantedProfile();
  doc.body.classList.toggle('glasses', mqGlasses.matches);
  filterSteps();
  applySpeed();
  setLoop(0);
  var start = 0, qs = Number(params.get('step'));
  if (qs >= 1 && qs <= N) start = qs - 1;
  else if (saved.last != null) steps.forEach(function (s) { if (s.id === str(saved.last)) start = s.pos; });
  if (rec) {
    var savedWho = null;
    try { savedWho = obj(JSON.parse(localStorage.getItem(WHO_KEY) || 'null')); } catch (e) { savedWho = null; }
    if (M.trainee_fixed === true && roster.length) rec.setTrainee(roster[0]);
    else if (savedWho && typeof savedWho.id === 'string' && savedWho.id &&
             (!roster.length || roster.some(function (t) { return t.id === savedWho.id; }))) rec.setTrainee(savedWho);
  }
  updateWho();
  loadStep(start, { play: params.get('autoplay') === '1' });
  if (rec && !rec.trainee) askWho();
  doc.body.classList.remove('loading');

  /* A small read-only handle for tests and for the native shell. */
  window.kotsuPlayer = {
    video: video,
    run: run,
    get state() {
      return { step: S.cur, stepId: steps[S.cur] && steps[S.cur].id, profile: S.profile, clipProfile: S.clip && S.clip.profile,
        speed: S.speed, loop: S.loop, plays: S.plays, lang: S.lang, captions: capShown(), captionSize: CAP_SIZES[S.capSize].n,
        fps: S.fps, glasses: mqGlasses.matches, viewed: Object.keys(S.viewed),
        trainee: rec && rec.trainee ? rec.trainee.id : null, statements: rec ? rec.statements().length : 0,
        pending: rec ? rec.pending() : 0, site: !!(rec && rec.site) };
    },
    get records() { return rec ? rec.statements() : [];
    }
  };
})();
