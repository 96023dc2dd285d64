#!/usr/bin/env node
// Browser test of kotsu's offline HTML player, opened from file:// in Debian's stock Chromium
// (no --allow-file-access-from-files), the way a tablet would open a package from disk.
//
//   node tests/player/player.test.mjs [PACKAGE_DIR]        (or env KOTSU_PACKAGE_DIR)
//
// Without a package it builds its own fixture (make_fixture.mjs; needs ffmpeg).
// Env: KOTSU_SCREENSHOT (glasses 854×480, default /tmp/kotsu-player-glasses.png),
//      KOTSU_SCREENSHOT_TABLET (1280×800, default /tmp/kotsu-player-tablet.png),
//      KOTSU_CHROMIUM (default /usr/bin/chromium), KOTSU_KEEP_FIXTURE=1 keeps the fixture.
// Prints TAP; the last line is "N passed, M failed". Exit 0 all passed, 1 failures, 77 skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SKIP = 77;

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('# SKIP: playwright-core is not installed. Run:');
  console.log(`#   cd ${here} && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install`);
  console.log('0 passed, 0 failed');
  process.exit(SKIP);
}
const executablePath = process.env.KOTSU_CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.log(`# SKIP: no Chromium at ${executablePath} (apt-get install chromium, or set KOTSU_CHROMIUM)`);
  console.log('0 passed, 0 failed');
  process.exit(SKIP);
}

// ---------- the package under test ----------
let pkg = process.argv[2] || process.env.KOTSU_PACKAGE_DIR || '';
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kotsu-player-test-'));
const ownFixture = !pkg;
if (ownFixture) {
  const { makeFixture } = await import('./make_fixture.mjs');
  pkg = path.join(tmpRoot, 'package');
  try {
    makeFixture(pkg);
  } catch (e) {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    console.log(`# SKIP: could not build the fixture package (is ffmpeg installed?): ${e.message}`);
    console.log('0 passed, 0 failed');
    process.exit(SKIP);
  }
}
pkg = path.resolve(pkg);
const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'manifest.json'), 'utf8'));
const indexUrl = pathToFileURL(path.join(pkg, 'index.html')).href;
const shotGlasses = process.env.KOTSU_SCREENSHOT || '/tmp/kotsu-player-glasses.png';
const shotTablet = process.env.KOTSU_SCREENSHOT_TABLET || '/tmp/kotsu-player-tablet.png';

// ---------- tiny TAP harness ----------
let passed = 0, failed = 0, n = 0;
console.log('TAP version 13');
console.log(`# package: ${pkg}${ownFixture ? ' (fixture)' : ''}`);
async function t(name, fn) {
  n++;
  try {
    const r = await fn();
    if (r === 'skip') { console.log(`ok ${n} - ${name} # SKIP`); passed++; return; }
    console.log(`ok ${n} - ${name}`);
    passed++;
  } catch (e) {
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(e && e.stack ? e.message : e).split('\n').slice(0, 8)) console.log(`  # ${line}`);
    failed++;
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
function eq(a, b, msg) { if (a !== b) throw new Error(`${msg}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }

// English syllables, roughly: vowel groups, minus a silent final e.
function syllables(phrase) {
  return phrase.toLowerCase().split(/[^a-z]+/).filter(Boolean).reduce((sum, w) => {
    let c = (w.match(/[aeiouy]+/g) || []).length;
    if (c > 1 && /[^aeiouy]e$/.test(w)) c--;
    return sum + Math.max(1, c);
  }, 0);
}

// the player's search folding: NFKC, lower case, katakana → hiragana
const fold = (x) => String(x || '').normalize('NFKC').toLowerCase().replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const steps = manifest.steps;
const N = steps.length;
const cuesOf = (i, lang) => (steps[i].captions?.[lang]?.cues || []);
const lang = (manifest.languages || [])[0] || manifest.session?.language || 'ja';
const clipPath = (i, profile) => steps[i].clips?.[profile]?.path || Object.values(steps[i].clips)[0].path;

// ---------- schema (ajv, optional) ----------
await t('manifest.json validates against docs/schema/kotsu.package.v1.schema.json', async () => {
  let Ajv2020;
  try { ({ default: Ajv2020 } = await import('ajv/dist/2020.js')); } catch { return 'skip'; }
  const schema = JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'docs', 'schema', 'kotsu.package.v1.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
  const ok = validate(manifest);
  expect(ok, (validate.errors || []).slice(0, 6).map((e) => `${e.instancePath} ${e.message}`).join('\n'));
  // and the schema is strict: a wrong format, an unknown key, an absolute path are refused
  const bad = structuredClone(manifest);
  bad.format = 'other'; bad.surprise = 1; bad.steps[0].clips[Object.keys(bad.steps[0].clips)[0]].path = '/etc/passwd';
  expect(!validate(bad) && validate.errors.length >= 3, 'schema accepted a broken manifest');
});

const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});

function watch(page) {
  const w = { errors: [], external: [], console: [] };
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') w.console.push(m.text()); });
  page.on('dialog', (d) => { w.errors.push('dialog: ' + d.message()); d.dismiss().catch(() => {}); });
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) w.external.push(r.url()); });
  return w;
}
const state = (page) => page.evaluate(() => window.kotsuPlayer && window.kotsuPlayer.state);
const vid = (page) => page.evaluate(() => {
  const v = document.getElementById('video');
  return { src: decodeURIComponent(v.currentSrc || v.src), t: v.currentTime, paused: v.paused, ended: v.ended, rate: v.playbackRate,
    pitch: v.preservesPitch, loop: v.loop, d: v.duration, err: v.error && v.error.code };
});
async function waitPlaying(page, after = 0.3) {
  await page.waitForFunction((a) => { const v = document.getElementById('video'); return !v.paused && v.currentTime > a; }, after, { timeout: 10000 });
}
const visible = (page, sel) => page.evaluate((s) => { const e = document.querySelector(s); if (!e) return false; const r = e.getBoundingClientRect(); return !!(r.width && r.height) && getComputedStyle(e).visibility !== 'hidden'; }, sel);

try {
  // ======================= tablet, 1280×800 =======================
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const w = watch(page);
  await page.goto(indexUrl);
  await page.waitForFunction(() => window.kotsuPlayer || !document.getElementById('fatal').hidden, null, { timeout: 10000 });

  await t('opens from file:// with manifest.js: no fatal error, no script errors, no network', async () => {
    expect(await page.evaluate(() => document.getElementById('fatal').hidden), 'fatal message shown: ' + await page.textContent('#fatal'));
    eq(w.errors.length, 0, 'page errors ' + w.errors.join(' | '));
    eq(w.external.length, 0, 'external requests ' + w.external.join(' '));
    const csp = w.console.filter((m) => /Content Security Policy/i.test(m));
    eq(csp.length, 0, 'CSP violations ' + csp.join(' | '));
    eq(await page.getAttribute('html', 'lang'), manifest.session.language, 'html lang');
    const ff = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(/^"?Noto Sans CJK JP"?,\s*"?Noto Sans JP"?/.test(ff), 'font stack starts with Noto Sans CJK JP: ' + ff);
  });

  await t(`step list shows ${N} steps with titles and thumbnails`, async () => {
    eq(await page.locator('#step-list > li').count(), N, 'list items');
    const titles = await page.locator('#step-list .ttl').allTextContents();
    steps.forEach((s, i) => eq(titles[i], s.title || `Step ${s.index}`, `title of step ${i + 1}`));
    await page.waitForFunction(() => [...document.querySelectorAll('#step-list img')].every((i) => i.complete), null, { timeout: 5000 });
    const thumbs = await page.evaluate(() => [...document.querySelectorAll('#step-list img')].map((i) => i.naturalWidth));
    eq(thumbs.length, steps.filter((s) => s.thumbnail).length, 'thumbnails');
    expect(thumbs.every((x) => x > 0), 'a thumbnail did not load');
  });

  await t('hostile text stays literal text and never runs', async () => {
    const pwned = await page.evaluate(() => window.__pwned);
    eq(pwned, undefined, 'window.__pwned');
    const imgX = await page.evaluate(() => [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length);
    eq(imgX, 0, 'img elements with src=x');
    const scripts = await page.evaluate(() => document.scripts.length);
    eq(scripts, 5, 'script elements (manifest.js, keymap.js, site.js, records.js, player.js)');
    const listText = await page.locator('#step-list').innerText();
    for (const s of steps) if (/[<>]/.test(s.title)) expect(listText.includes(s.title), `literal title ${s.title} not shown`);
  });

  await t('clicking a step plays it: time advances, src is that step\'s clip', async () => {
    await page.locator('#step-list > li').nth(0).locator('button').click();
    await waitPlaying(page);
    const v = await vid(page);
    expect(v.src.endsWith(clipPath(0, 'tablet')), `src ${v.src} does not end with ${clipPath(0, 'tablet')}`);
    eq((await state(page)).profile, 'tablet', 'profile');
    eq(await page.textContent('#step-no'), `STEP 1/${N}`, 'step number');
    eq(await page.textContent('#step-title'), steps[0].title, 'step title');
  });

  await t('caption cues are on the TextTrack and shown in the overlay when active', async () => {
    const cues = cuesOf(0, lang);
    const count = await page.evaluate((l) => {
      const tr = [...document.getElementById('video').textTracks].find((x) => x.language === l && x.mode !== 'disabled');
      return tr && tr.cues ? tr.cues.length : -1;
    }, lang);
    eq(count, cues.length, 'cues on the track');
    if (!cues.length) return;
    await page.evaluate(() => { const v = document.getElementById('video'); v.pause(); });
    await page.evaluate((c) => { document.getElementById('video').currentTime = (c.start + c.end) / 2; }, cues[0]);
    await page.waitForFunction((txt) => document.getElementById('captions').textContent === txt, cues[0].text, { timeout: 5000 });
    expect(await visible(page, '#captions .cue'), 'caption overlay not visible');
  });

  await t('knack note (コツ) and the safety warning banner are shown with the step', async () => {
    if (steps[0].note) eq(await page.textContent('#step-note'), steps[0].note, 'knack note');
    if (!steps[0].warning) return;
    expect(await visible(page, '#warn'), 'warning banner hidden');
    expect((await page.textContent('#warn-text')).includes(steps[0].warning), 'warning text');
    const bg = await page.evaluate(() => getComputedStyle(document.getElementById('warn')).backgroundColor);
    eq(bg, 'rgb(255, 213, 0)', 'banner colour');
  });

  await t('next / previous / repeat step', async () => {
    await page.click('.transport [data-cmd="next-step"]');
    await waitPlaying(page);
    let v = await vid(page);
    expect(v.src.endsWith(clipPath(1, 'tablet')), 'next: src ' + v.src);
    eq(await page.textContent('#step-no'), `STEP 2/${N}`, 'step number after next');
    const count = await page.evaluate(() => [...document.getElementById('video').textTracks].find((x) => x.mode !== 'disabled').cues.length);
    eq(count, cuesOf(1, lang).length, 'cues of step 2');
    await page.keyboard.press('ArrowLeft');
    await waitPlaying(page);
    v = await vid(page);
    expect(v.src.endsWith(clipPath(0, 'tablet')), 'previous: src ' + v.src);
    await page.waitForFunction(() => document.getElementById('video').currentTime > 1, null, { timeout: 5000 });
    await page.click('.transport [data-cmd="repeat-step"]');
    const t0 = (await vid(page)).t;
    expect(t0 < 0.9, 'repeat did not restart: t=' + t0);
  });

  await t('speed 0.5× sets playbackRate with pitch preserved; key 4 back to 1×', async () => {
    await page.click('[data-cmd="speed"][data-rate="0.5"]');
    let v = await vid(page);
    eq(v.rate, 0.5, 'playbackRate');
    eq(v.pitch, true, 'preservesPitch');
    eq(await page.getAttribute('[data-cmd="speed"][data-rate="0.5"]', 'aria-pressed'), 'true', 'chip pressed');
    await page.keyboard.press('4');
    eq((await vid(page)).rate, 1, 'playbackRate after key 4');
  });

  await t('frame step: "." forward and "," back by one frame', async () => {
    await page.evaluate(() => { const v = document.getElementById('video'); v.pause(); v.currentTime = 1.0; });
    await page.waitForFunction(() => !document.getElementById('video').seeking);
    const a = (await vid(page)).t;
    await page.keyboard.press('.');
    await page.waitForFunction(() => !document.getElementById('video').seeking);
    const b = (await vid(page)).t;
    await page.keyboard.press(',');
    await page.waitForFunction(() => !document.getElementById('video').seeking);
    const c = (await vid(page)).t;
    expect(b - a > 0.01 && b - a < 0.06, `forward moved ${b - a}s`);
    expect(b - c > 0.01 && b - c < 0.06, `back moved ${b - c}s`);
    expect((await vid(page)).paused, 'frame step leaves the video paused');
  });

  await t('loop forever restarts the step at its end; loop ×2 plays twice then stops', async () => {
    // L cycles off → 2 → 3 → 5 → ∞
    for (let i = 0; i < 4; i++) await page.keyboard.press('l');
    eq((await state(page)).loop, Infinity, 'loop state');
    eq((await vid(page)).loop, true, 'video.loop');
    await page.evaluate(() => { const v = document.getElementById('video'); v.currentTime = v.duration - 0.3; v.play(); });
    await page.waitForFunction(() => { const v = document.getElementById('video'); return !v.paused && v.currentTime > 0.05 && v.currentTime < 1; }, null, { timeout: 5000 });
    await page.keyboard.press('l'); // → off
    eq((await vid(page)).loop, false, 'video.loop after off');
    await page.keyboard.press('l'); // → ×2
    eq((await state(page)).loop, 2, 'loop ×2');
    await page.evaluate(() => { const v = document.getElementById('video'); v.currentTime = v.duration - 0.3; v.play(); });
    await page.waitForFunction(() => window.kotsuPlayer.state.plays === 1 && document.getElementById('video').currentTime < 1, null, { timeout: 5000 });
    await page.evaluate(() => { const v = document.getElementById('video'); v.currentTime = v.duration - 0.3; });
    // `ended` is seen a moment before the player's ended handler counts the play: wait for both.
    await page.waitForFunction(() => document.getElementById('video').ended && window.kotsuPlayer.state.plays >= 2, null, { timeout: 5000 });
    eq((await state(page)).plays, 2, 'plays');
    for (let i = 0; i < 4; i++) await page.keyboard.press('l'); // ×3, ×5, ∞, off
    eq((await state(page)).loop, 0, 'loop off again');
  });

  await t('a step played to its end gets a ✓ in the list (watched: the played parts cover 90 %)', async () => {
    await page.locator('#step-list > li').nth(0).locator('button').click();
    await page.waitForFunction(() => window.kotsuPlayer.state.step === 0);
    await page.evaluate(() => { const v = document.getElementById('video'); v.currentTime = 0; v.play(); });
    await page.waitForFunction(() => document.getElementById('video').ended, null, { timeout: 20000 });
    // The ✓ comes from the ended handler, a moment after the flag.
    const seen = await page.locator('#step-list > li').nth(0).locator('.badge-seen').waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    expect(seen, 'no ✓ on step 1');
  });

  await t('captions on/off (C) and size (+ / -)', async () => {
    const cues = cuesOf(0, lang);
    if (!cues.length) return 'skip';
    await page.evaluate((c) => { document.getElementById('video').currentTime = (c.start + c.end) / 2; }, cues[0]);
    await page.waitForFunction(() => document.querySelector('#captions .cue'));
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#captions .cue')).fontSize));
    const s0 = await size();
    await page.keyboard.press('+');
    const s1 = await size();
    expect(s1 > s0, `+ did not grow captions (${s0} → ${s1})`);
    await page.keyboard.press('-');
    eq(await size(), s0, 'size after -');
    await page.keyboard.press('c');
    expect(!(await visible(page, '#captions .cue')), 'captions still visible after C');
    await page.keyboard.press('c');
    expect(await visible(page, '#captions .cue'), 'captions not back after C');
  });

  await t('search filters steps (Japanese substring, kana-insensitive); Esc clears', async () => {
    const jaTitle = steps.map((s, i) => [s.title, i]).find(([s]) => /[\u3040-\u30ff\u4e00-\u9fff]{2,}/.test(s));
    if (!jaTitle) return 'skip';
    const word = jaTitle[0].match(/[\u3040-\u30ff\u4e00-\u9fff]{2,}/)[0].slice(0, 2);
    const expected = steps.map((s, i) => [s, i]).filter(([s]) =>
      [s.title, s.note, s.warning, ...(s.tags || []), ...Object.values(s.captions || {}).flatMap((c) => c.cues.map((q) => q.text)),
        ...(s.knacks || []).flatMap((k) => [k.title, k.note]), ...(s.safety || []).flatMap((k) => [k.title, k.warning])]
        .some((x) => fold(x).includes(fold(word)))).map(([, i]) => i);
    await page.keyboard.press('/');
    eq(await page.evaluate(() => document.activeElement.id), 'search', '/ focuses search');
    await page.keyboard.type(word);
    const shown = await page.evaluate(() => [...document.querySelectorAll('#step-list > li')].map((li, i) => (li.hidden ? -1 : i)).filter((i) => i >= 0));
    eq(JSON.stringify(shown), JSON.stringify(expected), `visible steps for "${word}"`);
    expect(shown.includes(jaTitle[1]), 'the step whose title has the word is shown');
    if (ownFixture) {
      await page.fill('#search', 'ふらんじ'); // hiragana finds フランジ
      eq(await page.locator('#step-list > li:not([hidden])').count(), 1, 'kana-insensitive match');
      await page.fill('#search', 'トルク'); // only in step 1's captions
      eq(await page.locator('#step-list > li:not([hidden])').count(), 1, 'caption text match');
      await page.fill('#search', 'zzzz-no-match');
      expect(await page.isVisible('#no-match'), 'no-match message');
    }
    await page.keyboard.press('Escape');
    eq(await page.locator('#step-list > li:not([hidden])').count(), N, 'all steps after Escape');
  });

  await t('help overlay on "?" lists the shortcuts; Escape closes it', async () => {
    await page.keyboard.press('?');
    expect(await page.isVisible('#help'), 'help not shown');
    const rows = await page.locator('#help-keys .key').count();
    expect(rows >= 15, 'help rows ' + rows);
    const text = await page.textContent('#help');
    for (const k of ['Play / pause', 'Next step', 'Frame forward', 'Captions']) expect(text.includes(k), 'help lacks ' + k);
    await page.keyboard.press('Escape');
    expect(!(await page.isVisible('#help')), 'help still shown');
  });

  await t('localStorage remembers the last step and the viewed steps after reload', async () => {
    await page.locator('#step-list > li').nth(N - 1).locator('button').click();
    await waitPlaying(page, 0.1);
    await page.reload();
    await page.waitForFunction(() => window.kotsuPlayer);
    eq(await page.textContent('#step-no'), `STEP ${N}/${N}`, 'step after reload');
    eq((await state(page)).step, N - 1, 'state.step');
    expect(await page.locator('#step-list > li').nth(0).locator('.badge-seen').isVisible(), '✓ lost after reload');
    eq(await page.evaluate(() => window.__pwned), undefined, 'window.__pwned after reload');
  });

  await t('?profile=glasses picks the glasses clips on a tablet-sized window', async () => {
    if (!steps[0].clips.glasses) return 'skip';
    await page.goto(indexUrl + '?profile=glasses&step=1');
    await page.waitForFunction(() => window.kotsuPlayer);
    const v = await vid(page);
    expect(v.src.endsWith(steps[0].clips.glasses.path), 'src ' + v.src);
  });

  await t('tablet screenshot 1280×800', async () => {
    await page.goto(indexUrl + '?step=1');
    await page.waitForFunction(() => window.kotsuPlayer);
    await page.click('#bigplay');
    await page.waitForFunction(() => { const v = document.getElementById('video'); return v.currentTime > Math.min(1.6, v.duration / 2); }, null, { timeout: 8000 });
    await page.evaluate(() => document.getElementById('video').pause());
    await page.waitForTimeout(200);
    const buf = await page.screenshot({ path: shotTablet });
    expect(buf.length > 30000, 'screenshot looks blank: ' + buf.length + ' bytes');
    console.log(`# tablet screenshot: ${shotTablet}`);
    eq(w.errors.length, 0, 'page errors ' + w.errors.join(' | '));
    eq(w.external.length, 0, 'external requests');
  });
  await ctx.close();

  // ======================= smart glasses, 854×480 =======================
  const gctx = await browser.newContext({ viewport: { width: 854, height: 480 } });
  const g = await gctx.newPage();
  const gw = watch(g);
  await g.goto(indexUrl);
  await g.waitForFunction(() => window.kotsuPlayer);

  await t('glasses layout at 854×480: big voice buttons, no step list, glasses clips', async () => {
    eq(await g.evaluate(() => document.body.classList.contains('glasses')), true, 'body.glasses');
    eq(await g.evaluate(() => getComputedStyle(document.querySelector('.steps')).display), 'none', 'step list hidden');
    eq(await g.evaluate(() => getComputedStyle(document.getElementById('search')).display === 'none' || !document.getElementById('search').offsetParent), true, 'search hidden');
    expect(await visible(g, '#video'), 'video not visible');
    const bar = await g.evaluate(() => document.querySelector('.stepbar').innerText.replace(/\s+/g, ' '));
    expect(/(ステップ|Step) 1/.test(bar) && bar.includes(`/ ${N}`) && bar.includes(steps[0].title.trim().split(/\s+/)[0]), 'step bar: ' + bar);
    const btns = await g.evaluate(() => [...document.querySelectorAll('.controls button')].filter((b) => b.offsetParent && b.getBoundingClientRect().width > 0)
      .map((b) => { const r = b.getBoundingClientRect(); return { cmd: b.getAttribute('data-wml-speech-command'), lbl: (b.querySelector('.lbl') || b).innerText.trim(), w: r.width, h: r.height, bottom: r.bottom }; }));
    expect(btns.length >= 4 && btns.length <= 6, `${btns.length} visible buttons: ${btns.map((b) => b.lbl).join(', ')}`);
    for (const b of btns) {
      expect(b.cmd, `button "${b.lbl}" has no data-wml-speech-command`);
      eq(b.cmd, b.lbl, 'speech command equals visible label');
      expect(syllables(b.cmd) >= 2, `"${b.cmd}" has fewer than 2 syllables`);
      expect(b.h >= 36 && b.w >= 100, `"${b.lbl}" is small: ${b.w}×${b.h}`);
      expect(b.bottom <= 480, `"${b.lbl}" is off screen`);
    }
    for (const c of ['Next step', 'Previous step', 'Repeat step', 'Play video']) expect(btns.some((b) => b.cmd === c), 'missing ' + c);
    if (steps[0].clips.glasses) expect((await vid(g)).src.endsWith(steps[0].clips.glasses.path), 'glasses clip');
  });

  await t('glasses: voice buttons act and relabel (Play video → Pause video, Slow motion → Normal speed)', async () => {
    await g.click('[data-wml-speech-command="Play video"]');
    await waitPlaying(g, 0.2);
    expect(await g.isVisible('[data-wml-speech-command="Pause video"]'), 'no "Pause video" after play');
    await g.click('[data-wml-speech-command="Slow motion"]');
    eq((await vid(g)).rate, 0.5, 'slow motion rate');
    eq((await vid(g)).pitch, true, 'preservesPitch');
    expect(await g.isVisible('[data-wml-speech-command="Normal speed"]'), 'no "Normal speed"');
    await g.click('[data-wml-speech-command="Normal speed"]');
    eq((await vid(g)).rate, 1, 'normal speed rate');
    await g.click('[data-wml-speech-command="Loop step"]');
    eq((await vid(g)).loop, true, 'loop step → video.loop');
    expect(await g.isVisible('[data-wml-speech-command="Stop looping"]'), 'no "Stop looping"');
    await g.click('[data-wml-speech-command="Stop looping"]');
    if (steps[0].warning) expect(await visible(g, '#warn'), 'warning not shown at step start on glasses');
  });

  await t('glasses screenshot 854×480', async () => {
    await g.evaluate(() => { const v = document.getElementById('video'); v.currentTime = 1.2; v.pause(); });
    await g.waitForFunction(() => !document.getElementById('video').seeking);
    await g.waitForTimeout(200);
    const buf = await g.screenshot({ path: shotGlasses });
    expect(buf.length > 20000, 'screenshot looks blank');
    console.log(`# glasses screenshot: ${shotGlasses}`);
    eq(gw.errors.length, 0, 'page errors ' + gw.errors.join(' | '));
    eq(gw.external.length, 0, 'external requests');
  });
  await gctx.close();

  await t('works when localStorage throws (file:// in some browsers)', async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await c.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    const p = await c.newPage();
    const pw = watch(p);
    await p.goto(indexUrl);
    await p.waitForFunction(() => window.kotsuPlayer, null, { timeout: 5000 });
    await p.click('.transport [data-cmd="next-step"]');
    await waitPlaying(p, 0.2);
    eq(await p.textContent('#step-no'), `STEP 2/${N}`, 'step after next');
    eq(pw.errors.length, 0, 'page errors ' + pw.errors.join(' | '));
    await c.close();
  });

  // ======================= error pages =======================
  await t('missing manifest.js shows a clear message', async () => {
    const dir = path.join(tmpRoot, 'no-manifest');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ['index.html', 'player.js', 'player.css', 'keymap.js']) fs.copyFileSync(path.join(pkg, f), path.join(dir, f));
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await c.newPage();
    await p.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await p.waitForSelector('#fatal:not([hidden])', { timeout: 5000 });
    expect((await p.textContent('#fatal')).includes('manifest.js'), 'message does not name manifest.js');
    await c.close();
  });

  await t('a clip that fails to load shows a clear message', async () => {
    const dir = path.join(tmpRoot, 'missing-clip');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ['index.html', 'player.js', 'player.css', 'keymap.js']) fs.copyFileSync(path.join(pkg, f), path.join(dir, f));
    const m = structuredClone(manifest);
    for (const s of m.steps) for (const c of Object.values(s.clips)) c.path = 'clips/missing/' + path.basename(c.path);
    fs.writeFileSync(path.join(dir, 'manifest.js'), 'window.KOTSU_MANIFEST = ' + JSON.stringify(m) + ';\n');
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await c.newPage();
    const pw = watch(p);
    await p.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await p.waitForSelector('#clip-error:not([hidden])', { timeout: 8000 });
    const text = await p.textContent('#clip-error');
    expect(text.includes('Cannot play') && text.includes('clips/missing/'), 'message: ' + text);
    eq(pw.errors.length, 0, 'page errors ' + pw.errors.join(' | '));
    await c.close();
  });
} catch (e) {
  n++; failed++;
  console.log(`not ok ${n} - test run aborted`);
  console.log(`  # ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n  # ')}`);
} finally {
  await browser.close();
  if (!process.env.KOTSU_KEEP_FIXTURE) fs.rmSync(tmpRoot, { recursive: true, force: true });
  else console.log(`# kept ${tmpRoot}`);
}

console.log(`1..${n}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
