#!/usr/bin/env node
// The player's layout on phones, glasses and a tablet, in Debian's Chromium from file://, on a copy of
// a kotsu-built package whose step 2 is a safety step (a warning and a safety marker) with a long
// Japanese caption (120 characters):
//  - phones 360×640 and 390×844, Japanese and English UI (the session's language): every control inside
//    the screen, no label cut (scrollWidth <= clientWidth, and the text's box inside its button), the
//    six transport buttons on the first screen;
//  - glasses 854×480 and 640×360: the video box and the picture take the screen's full height or width;
//    the six voice buttons on screen with their labels whole, each label a voice command of keymap.json;
//    the controls away from the bottom of the picture, where the burned-in captions are; visible step
//    chips "ステップ n" / "Step n" whose aria-label and voice command are their text, registered with
//    wearML and working; the safety banner one line, at most 15 % of the height, yellow with ⚠ and 危険;
//    the caption overlay inside the title-safe area and clear of every control; the 120-character caption
//    split over time in groups of at most two lines (Japanese line breaks, at the glasses' size, nothing lost);
//  - a tablet 1280×800: every control inside the screen.
// Screenshots of each go to KOTSU_SHOT_DIR (look at them).
//
//   node tests/player/layout.test.mjs PACKAGE_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = process.argv[2];
if (!pkg) { console.error('usage: layout.test.mjs PACKAGE_DIR'); process.exit(2); }
let chromium;
try { ({ chromium } = await import('playwright-core')); } catch { console.log('# SKIP: playwright-core missing'); process.exit(77); }
const shots = process.env.KOTSU_SHOT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'kotsu-layout-'));
const keymap = JSON.parse(fs.readFileSync(path.join(pkg, 'keymap.js'), 'utf8').replace(/^window\.KOTSU_KEYMAP = /, '').replace(/;\s*$/, ''));
const voiceWords = new Set(keymap.flatMap((k) => k.voice || []));

// 120 characters of Japanese (with a Latin word and a number) for step 2's caption.
const LONG = 'フランジのボルトは対角線の順に少しずつ締めていきます。一度に強く締めると面が傾き、漏れの原因になります。' +
  'トルクレンチを使うときは、カチッと音がするまでゆっくり力をかけてください。最後に全周を目で確かめ、合いマークを付けて完了です。';
const WARNING = '回転部に手を近づけない — 手袋を外してから確認';

// A copy of the package (manifest.js rewritten) for one UI language.
function variant(lang) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kotsu-layout-${lang}-`));
  fs.cpSync(pkg, dir, { recursive: true });
  const file = path.join(dir, 'manifest.js');
  const m = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^window\.KOTSU_MANIFEST = /, '').replace(/;\s*$/, ''));
  m.session.language = lang;
  const s = m.steps[1];
  s.title = '仮締め — 対角の順に少しずつ';
  s.warning = WARNING;
  s.safety = [{ id: 9001, in_us: s.in_us, out_us: s.in_us + s.duration_us, title: '挟まれ注意', warning: '手を離す' }];
  if (!Array.isArray(m.languages) || !m.languages.length) m.languages = ['ja'];
  const lang0 = m.languages[0];
  s.captions = { [lang0]: { ...((s.captions || {})[lang0] || {}), cues: [{ start: 0, end: s.duration_us / 1e6, text: LONG }] } };
  fs.writeFileSync(file, 'window.KOTSU_MANIFEST = ' + JSON.stringify(m) + ';\n');
  return { dir, url: pathToFileURL(path.join(dir, 'index.html')).href, steps: m.steps.length };
}
const ja = variant('ja'), en = variant('en');

let passed = 0, failed = 0, n = 0;
console.log('TAP version 13');
async function t(name, fn) {
  n++;
  try { await fn(); console.log(`ok ${n} - ${name}`); passed++; } catch (e) {
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(e && e.message ? e.message : e).split('\n').slice(0, 16)) console.log(`  # ${line}`);
    failed++;
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }

const browser = await chromium.launch({
  executablePath: process.env.KOTSU_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});

// Every visible control with its box and whether a label is cut; the video, picture, captions, banner.
const measure = () => {
  const vw = innerWidth, vh = innerHeight;
  const seen = (e) => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e); return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'; };
  const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height }; };
  const controls = [...document.querySelectorAll('.top button, .top input, .controls button, .controls select, .stepbar button')].filter(seen);
  const cue = [...document.querySelectorAll('#captions .cue')].filter(seen);
  const warn = document.getElementById('warn');
  return {
    vw, vh,
    controls: controls.map((e) => {
      const r = e.getBoundingClientRect();
      const lbl = e.querySelector('.lbl');
      const texts = [...e.querySelectorAll('.lbl, .ja')].filter((x) => seen(x) && x.textContent.trim());
      const why = [];
      if (e.tagName === 'BUTTON' && e.scrollWidth > e.clientWidth + 0.5) why.push(`button scrollWidth ${e.scrollWidth} > ${e.clientWidth}`);
      for (const x of texts) {
        if (x.scrollWidth > x.clientWidth + 0.5 && getComputedStyle(x).display !== 'inline') why.push(`"${x.textContent}" scrollWidth ${x.scrollWidth} > ${x.clientWidth}`);
        // The text itself (a Range covers all of it, clipped or not) must lie inside the button.
        const range = document.createRange();
        range.selectNodeContents(x);
        const q = range.getBoundingClientRect();
        if (q.width > 0 && (q.left < r.left - 0.5 || q.right > r.right + 0.5 || q.top < r.top - 0.5 || q.bottom > r.bottom + 0.5))
          why.push(`"${x.textContent}" drawn outside its button`);
      }
      return {
        name: (lbl ? lbl.textContent : e.getAttribute('aria-label') || e.textContent || e.id).trim(),
        text: e.textContent.trim(), aria: e.getAttribute('aria-label'), current: e.getAttribute('aria-current'),
        voice: e.getAttribute('data-wml-speech-command'), transport: !!e.closest('.transport'), chip: e.classList.contains('gstep'),
        ...box(e), cut: why.join('; '),
      };
    }),
    video: box(document.getElementById('video')),
    picture: (() => {
      const v = document.getElementById('video'), r = v.getBoundingClientRect();
      if (!v.videoWidth) return null;
      const s = Math.min(r.width / v.videoWidth, r.height / v.videoHeight);
      return { w: v.videoWidth * s, h: v.videoHeight * s };
    })(),
    cues: cue.map(box),
    bars: [...document.querySelectorAll('.stepbar, .knack-line, .controls')].filter(seen).map(box),
    warn: seen(warn) ? { ...box(warn), text: warn.innerText, bg: getComputedStyle(warn).backgroundColor,
      lines: Math.round(document.getElementById('warn-text').getBoundingClientRect().height / parseFloat(getComputedStyle(document.getElementById('warn-text')).lineHeight)) } : null,
  };
};
const meet = (a, b) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
const fmt = (k) => `${k.l.toFixed(0)},${k.t.toFixed(0)}–${k.r.toFixed(0)},${k.b.toFixed(0)}`;

async function open(v, w, h, query = '') {
  const c = await browser.newContext({ viewport: { width: w, height: h } });
  await c.addInitScript(() => {
    localStorage.setItem('kotsu.trainee.v1', JSON.stringify({ id: 'T001', name: '山田 太郎' }));
    // RealWear's wearML engine as the page sees it: voice commands registered by name.
    window.wearML = { commands: {}, addCallbackCommand(name, _, fn) { this.commands[name] = fn; } };
  });
  const p = await c.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(v.url + '?step=2' + query);
  await p.waitForFunction(() => window.kotsuPlayer && document.getElementById('video').videoWidth > 0, null, { timeout: 15000 });
  await p.evaluate(() => { const v = document.getElementById('video'); v.currentTime = 1.2; });
  await p.waitForFunction(() => !document.getElementById('video').seeking);
  await p.waitForTimeout(300);
  return { c, p, errors };
}

// Every control inside the screen (horizontally; vertically too when `whole`), labels whole.
function controlsOnScreen(m, whole) {
  const bad = [];
  for (const k of m.controls) {
    if (k.l < -0.5 || k.r > m.vw + 0.5) bad.push(`${k.name}: x ${k.l.toFixed(0)}…${k.r.toFixed(0)} outside 0…${m.vw}`);
    if ((whole || k.transport) && (k.t < -0.5 || k.b > m.vh + 0.5)) bad.push(`${k.name}: y ${k.t.toFixed(0)}…${k.b.toFixed(0)} outside the first screen (${m.vh})`);
    if (k.cut) bad.push(`${k.name}: label cut (${k.cut})`);
  }
  return bad;
}

try {
  for (const [v, lang] of [[ja, 'Japanese'], [en, 'English']]) {
    for (const [w, h] of [[360, 640], [390, 844]]) {
      await t(`phone ${w}×${h}, ${lang} UI: every control inside the screen, labels whole, transport on the first screen`, async () => {
        const { c, p, errors } = await open(v, w, h);
        const m = await p.evaluate(measure);
        await p.screenshot({ path: path.join(shots, `layout-phone-${w}x${h}-${v === ja ? 'ja' : 'en'}.png`) });
        const bad = controlsOnScreen(m, false);
        if (m.controls.filter((k) => k.transport).length !== 6) bad.push('not six transport buttons on a phone');
        if (!m.warn) bad.push('no safety banner on the safety step');
        for (const q of m.cues) if (q.l < m.video.l - 0.5 || q.r > m.video.r + 0.5) bad.push(`caption ${fmt(q)} outside the video ${fmt(m.video)}`);
        if (errors.length) bad.push('page errors: ' + errors.join(' | '));
        await c.close();
        // The player's caption overlay (tablet clips: captions not burned in), the 120 characters whole
        // inside the picture.
        const tab = await open(v, w, h, '&profile=tablet');
        const mt = await tab.p.evaluate(measure);
        await tab.p.screenshot({ path: path.join(shots, `layout-phone-${w}x${h}-${v === ja ? 'ja' : 'en'}-caption.png`) });
        if (!mt.cues.length) bad.push('no caption overlay with the tablet clip');
        for (const q of mt.cues)
          if (q.l < mt.video.l - 0.5 || q.r > mt.video.r + 0.5 || q.t < mt.video.t - 0.5 || q.b > mt.video.b + 0.5)
            bad.push(`caption ${fmt(q)} outside the video ${fmt(mt.video)}`);
        bad.push(...controlsOnScreen(mt, false));
        await tab.c.close();
        expect(!bad.length, bad.join('\n'));
      });
    }
  }

  for (const [w, h] of [[854, 480], [640, 360]]) {
    await t(`glasses ${w}×${h}: full-height or full-width picture, six voice buttons whole and clear of the captions, one-line safety banner`, async () => {
      const { c, p, errors } = await open(ja, w, h);
      const m = await p.evaluate(measure);
      await p.screenshot({ path: path.join(shots, `layout-glasses-${w}x${h}.png`) });
      const bad = [];
      const voice = m.controls.filter((k) => k.transport);
      if (voice.length !== 6) bad.push(`${voice.length} voice buttons: ${voice.map((k) => k.name).join(', ')}`);
      bad.push(...controlsOnScreen({ ...m, controls: voice }, true));
      for (const k of voice) {
        if (k.voice !== k.name) bad.push(`${k.name}: voice command "${k.voice}" is not its visible label`);
        if (!voiceWords.has(k.name)) bad.push(`${k.name}: not a voice command of keymap.json`);
      }
      // The burned-in captions: bottom centre, at most two lines of 1/7.5 of the height above a 5 % margin.
      for (const k of m.controls) if (k.b > m.vh * 0.6) bad.push(`${k.name} ${fmt(k)} reaches the caption area (below ${(m.vh * 0.6).toFixed(0)})`);
      if (!(Math.abs(m.video.h - m.vh) < 1 || Math.abs(m.video.w - m.vw) < 1)) bad.push(`video box ${m.video.w}×${m.video.h} on a ${m.vw}×${m.vh} screen`);
      expect(m.picture, 'no picture');
      if (!(m.picture.w >= m.vw - 1.5 || m.picture.h >= m.vh - 1.5))
        bad.push(`picture ${m.picture.w.toFixed(0)}×${m.picture.h.toFixed(0)} on a ${m.vw}×${m.vh} screen`);
      if (!m.warn) bad.push('no safety banner at the start of the safety step');
      else {
        if (m.warn.h > 0.15 * m.vh) bad.push(`safety banner ${m.warn.h.toFixed(0)} px high (> 15 % of ${m.vh})`);
        if (m.warn.lines !== 1) bad.push(`safety banner text on ${m.warn.lines} lines`);
        if (!m.warn.text.includes('⚠') || !m.warn.text.includes('危険')) bad.push(`safety banner says "${m.warn.text}" (no ⚠ 危険)`);
        if (m.warn.bg !== 'rgb(255, 213, 0)') bad.push(`safety banner colour ${m.warn.bg}`);
        if (m.warn.l < -0.5 || m.warn.r > m.vw + 0.5 || m.warn.t < -0.5) bad.push(`safety banner ${fmt(m.warn)} outside the screen`);
        for (const k of m.controls) if (meet(k, m.warn)) bad.push(`safety banner covers ${k.name}`);
      }
      if (errors.length) bad.push('page errors: ' + errors.join(' | '));
      expect(!bad.length, bad.join('\n'));
      await c.close();
    });

    await t(`glasses ${w}×${h}: visible step chips are the "Select step N" / "ステップ N" voice commands`, async () => {
      const { c, p } = await open(ja, w, h);
      const m = await p.evaluate(measure);
      const chips = m.controls.filter((k) => k.chip);
      const bad = [];
      if (chips.length < 2) bad.push(`${chips.length} step chips on screen`);
      for (const k of chips) {
        if (!/^ステップ \d+$/.test(k.text)) bad.push(`chip "${k.text}" is not "ステップ n"`);
        if (k.aria !== k.text || k.voice !== k.text) bad.push(`chip "${k.text}": aria-label "${k.aria}", voice "${k.voice}"`);
        if (k.l < -0.5 || k.r > m.vw + 0.5 || k.t < -0.5 || k.b > m.vh + 0.5) bad.push(`chip "${k.text}" outside the screen`);
        if (k.cut) bad.push(`chip "${k.text}" cut: ${k.cut}`);
      }
      const cur = chips.filter((k) => k.current === 'step');
      if (cur.length !== 1 || cur[0].text !== 'ステップ 2') bad.push(`current chip: ${cur.map((k) => k.text).join(', ') || 'none'}`);
      const registered = await p.evaluate(() => Object.keys(window.wearML.commands));
      for (const k of chips) if (!registered.includes(k.text)) bad.push(`"${k.text}" is on screen but not a wearML command`);
      for (const word of ['Select step 1', 'ステップ 1', 'Step 1', `ステップ ${ja.steps}`]) if (!registered.includes(word)) bad.push(`"${word}" not registered`);
      expect(!bad.length, bad.join('\n'));
      // Saying what a chip shows selects that step; so does "Select step N"; a click on a chip too.
      await p.evaluate(() => window.wearML.commands['ステップ 1']());
      await p.waitForFunction(() => window.kotsuPlayer.state.step === 0);
      await p.evaluate(() => window.wearML.commands['Select step 2']());
      await p.waitForFunction(() => window.kotsuPlayer.state.step === 1);
      await p.click('.gstep[data-wml-speech-command="ステップ 1"]');
      await p.waitForFunction(() => window.kotsuPlayer.state.step === 0);
      const now = await p.evaluate(() => document.querySelector('.gstep[aria-current="step"]').textContent);
      expect(now === 'ステップ 1', `current chip after the click: ${now}`);
      await c.close();
    });

    await t(`glasses ${w}×${h}: a 120-character Japanese caption stays in the title-safe area, clear of every control`, async () => {
      // The tablet clip (captions not burned in): the player's overlay draws them, as on glasses without a glasses clip.
      const { c, p } = await open(ja, w, h, '&profile=tablet');
      const m = await p.evaluate(measure);
      await p.screenshot({ path: path.join(shots, `layout-glasses-${w}x${h}-caption.png`) });
      const bad = [];
      if (!m.cues.length) bad.push('no caption shown');
      const safe = { l: m.vw * 0.05, r: m.vw * 0.95, t: m.vh * 0.05, b: m.vh * 0.95 };
      for (const q of m.cues) {
        if (q.l < safe.l - 1 || q.r > safe.r + 1 || q.t < safe.t - 1 || q.b > safe.b + 1) bad.push(`caption ${fmt(q)} outside the safe area ${fmt(safe)}`);
        for (const k of [...m.controls, ...m.bars, ...(m.warn ? [{ ...m.warn, name: 'safety banner' }] : [])])
          if (meet(q, k)) bad.push(`caption ${fmt(q)} under ${k.name || 'a bar'} ${fmt(k)}`);
      }
      expect(!bad.length, bad.join('\n'));
      await c.close();
    });
  }

  // The overlay's cue as drawn: its text, its boxes and its line boxes (characters grouped by the top
  // of their glyph boxes, read from the page, not from the player's own split).
  const shownCue = () => {
    const cue = [...document.querySelectorAll('#captions .cue')].find((e) => e.getBoundingClientRect().height > 0 && getComputedStyle(e).visibility !== 'hidden');
    if (!cue) return null;
    const lines = [];
    let top = null;
    const r = document.createRange();
    const half = parseFloat(getComputedStyle(cue).fontSize) / 2;
    for (const node of [...cue.childNodes].filter((x) => x.nodeType === 3)) {
      for (let i = 0; i < node.data.length; i++) {
        r.setStart(node, i); r.setEnd(node, i + 1);
        const q = r.getClientRects()[0];
        if (!q || q.width === 0 || /\s/.test(node.data[i])) continue;
        if (top === null || q.top > top + half) lines.push('');
        top = q.top;
        lines[lines.length - 1] += node.data[i];
      }
    }
    const b = cue.getBoundingClientRect();
    return { text: cue.textContent, lines, size: parseFloat(getComputedStyle(cue).fontSize), box: { l: b.left, t: b.top, r: b.right, b: b.bottom } };
  };
  const NO_START = '、。，．,.）)」』】〕〉》！？!?ー・ゃゅょっぁぃぅぇぉァィゥェォャュョッ々';
  const NO_END = '（(「『【〔〈《';
  for (const [w, h] of [[854, 480], [640, 360]]) {
    await t(`glasses ${w}×${h}: the 120-character caption is split over time in groups of at most two lines, Japanese line breaks, nothing lost`, async () => {
      const { c, p, errors } = await open(ja, w, h, '&profile=tablet');
      await p.evaluate(() => document.getElementById('video').pause());
      const cue = await p.evaluate(() => { const t = [...document.getElementById('video').textTracks].find((x) => x.mode === 'hidden' && x.cues && x.cues.length); const q = t.cues[0]; return { a: q.startTime, e: q.endTime, b: Math.min(q.endTime, document.getElementById('video').duration) }; });
      const m = await p.evaluate(measure);
      const first = await p.evaluate(shownCue);
      const cssSize = first && first.size;
      const safe = { l: m.vw * 0.05, r: m.vw * 0.95, t: m.vh * 0.05, b: m.vh * 0.95 };
      const bad = [], groups = [], shown = [];
      const samples = 24;
      for (let i = 0; i < samples; i++) {
        const at = cue.a + (cue.b - cue.a) * (i + 0.5) / samples;
        await p.evaluate((x) => new Promise((res) => { const v = document.getElementById('video'); v.addEventListener('seeked', () => requestAnimationFrame(() => res()), { once: true }); v.currentTime = x; }), at);
        const s = await p.evaluate(shownCue);
        if (!s) { bad.push(`t=${at.toFixed(2)}: no caption`); continue; }
        if (s.lines.length > 2) bad.push(`t=${at.toFixed(2)}: ${s.lines.length} lines: ${s.lines.join(' / ')}`);
        if (s.size < cssSize - 0.5) bad.push(`t=${at.toFixed(2)}: caption drawn at ${s.size}px, smaller than ${cssSize}px`);
        const q = s.box;
        if (q.l < safe.l - 1 || q.r > safe.r + 1 || q.t < safe.t - 1 || q.b > safe.b + 1) bad.push(`t=${at.toFixed(2)}: caption ${fmt(q)} outside the safe area ${fmt(safe)}`);
        for (const k of [...m.controls, ...m.bars]) if (meet(q, k)) bad.push(`t=${at.toFixed(2)}: caption ${fmt(q)} under ${k.name || 'a bar'} ${fmt(k)}`);
        for (const line of s.lines) {
          if (NO_START.includes(line[0])) bad.push(`t=${at.toFixed(2)}: a line starts with ${line[0]}: ${line}`);
          if (NO_END.includes(line[line.length - 1])) bad.push(`t=${at.toFixed(2)}: a line ends with ${line[line.length - 1]}: ${line}`);
        }
        if (!groups.length || groups[groups.length - 1].text !== s.text) {
          groups.push({ text: s.text, at });
          if (groups.length <= 2) await p.screenshot({ path: path.join(shots, `layout-glasses-${w}x${h}-caption-split-${groups.length}.png`) });
        }
        shown.push({ at, k: groups.length - 1 });
      }
      // Each group on screen for its share of the cue's time by characters (as burned-in captions).
      const weight = groups.map((g) => g.text.replace(/\s/g, '').length), total = weight.reduce((x, y) => x + y, 0);
      const from = weight.map((_, k) => cue.a + (cue.e - cue.a) * weight.slice(0, k).reduce((x, y) => x + y, 0) / total);
      for (const { at, k } of shown) {
        let want = 0;
        while (want + 1 < from.length && at >= from[want + 1]) want++;
        if (k !== want) bad.push(`t=${at.toFixed(2)}: group ${k + 1} shown, its share of the time says group ${want + 1}`);
      }
      const all = groups.map((g) => g.text).join('').replace(/\s/g, '');
      if (all !== LONG) bad.push(`the groups shown over the cue's time do not make the caption:\n${groups.map((g) => `${g.at.toFixed(2)}s ${g.text.replace(/\n/g, ' / ')}`).join('\n')}`);
      if (groups.length < 2) bad.push(`${groups.length} group(s): not split`);
      // Playing, the groups switch as time advances (frames, not timeupdate): the text shown at each
      // frame is the one a seek to that time shows.
      await p.evaluate((x) => new Promise((res) => { const v = document.getElementById('video'); v.addEventListener('seeked', () => res(), { once: true }); v.currentTime = x; }), cue.a);
      const seen = await p.evaluate((ms) => new Promise((res) => {
        const v = document.getElementById('video'), out = [];
        const tick = () => { const e = document.querySelector('#captions .cue'); out.push(e ? e.textContent : ''); if (performance.now() - t0 < ms) requestAnimationFrame(tick); else { v.pause(); res(out); } };
        const t0 = performance.now();
        v.play().then(() => requestAnimationFrame(tick));
      }), 2500);
      const order = seen.filter((x, i) => x && x !== seen[i - 1]);
      const idx = order.map((x) => groups.findIndex((g) => g.text === x));
      if (idx.some((k) => k < 0)) bad.push(`while playing, a text no seek showed: ${order.filter((_, i) => idx[i] < 0).join(' | ')}`);
      // Forwards only; a group shorter than a stalled frame on a loaded machine may be passed between
      // two frames, so a skipped group is not a fault here (the seeks above check every group's time).
      if (!idx.every((k, i) => i === 0 || k > idx[i - 1])) bad.push(`while playing, groups in the order ${idx.join(', ')}`);
      if (idx.length < 2) bad.push(`while playing, ${idx.length} group(s) shown in 2.5 s`);
      if (errors.length) bad.push('page errors: ' + errors.join(' | '));
      expect(!bad.length, bad.join('\n'));
      await c.close();
    });
  }

  await t('tablet 1280×800: every control inside the screen, labels whole, caption clear of the controls', async () => {
    const { c, p, errors } = await open(ja, 1280, 800);
    const m = await p.evaluate(measure);
    await p.screenshot({ path: path.join(shots, 'layout-tablet-1280x800.png') });
    const bad = controlsOnScreen(m, true);
    for (const q of m.cues) for (const k of m.controls) if (meet(q, k)) bad.push(`caption ${fmt(q)} under ${k.name}`);
    if (!m.warn) bad.push('no safety banner');
    if (errors.length) bad.push('page errors: ' + errors.join(' | '));
    expect(!bad.length, bad.join('\n'));
    await c.close();
  });
} finally {
  await browser.close();
  if (!process.env.KOTSU_KEEP_FIXTURE) for (const v of [ja, en]) fs.rmSync(v.dir, { recursive: true, force: true });
}
console.log(`# screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
