#!/usr/bin/env node
// The player's layout on phones and glasses, in Debian's Chromium from file://: at 360×640 and 390×844
// every control is inside the screen with its label whole; at 854×480 and 640×360 the picture takes
// the screen's full height or width and the six voice buttons are on screen, their visible labels
// equal to their voice commands. Screenshots go to KOTSU_SHOT_DIR (look at them).
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
const url = pathToFileURL(path.join(pkg, 'index.html')).href;

let passed = 0, failed = 0, n = 0;
console.log('TAP version 13');
async function t(name, fn) {
  n++;
  try { await fn(); console.log(`ok ${n} - ${name}`); passed++; } catch (e) {
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(e && e.message ? e.message : e).split('\n').slice(0, 12)) console.log(`  # ${line}`);
    failed++;
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }

const browser = await chromium.launch({
  executablePath: process.env.KOTSU_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});

// Every visible control: its box, its label's box and whether the label is cut.
const measure = () => {
  const vw = innerWidth, vh = innerHeight;
  const seen = (e) => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e); return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'; };
  const controls = [...document.querySelectorAll('.top button, .top input, .controls button, .controls select')].filter(seen);
  return {
    vw, vh,
    controls: controls.map((e) => {
      const r = e.getBoundingClientRect();
      const lbl = e.querySelector('.lbl');
      // The text itself (a Range covers all of it, clipped or not) must lie inside the button.
      const texts = [...e.querySelectorAll('.lbl, .ja')].filter((x) => getComputedStyle(x).display !== 'none' && x.textContent.trim());
      const cut = texts.some((x) => {
        const range = document.createRange();
        range.selectNodeContents(x);
        const q = range.getBoundingClientRect();
        return q.width > 0 && (q.left < r.left - 0.5 || q.right > r.right + 0.5 || q.top < r.top - 0.5 || q.bottom > r.bottom + 0.5);
      });
      return {
        name: (lbl ? lbl.textContent : e.getAttribute('aria-label') || e.textContent || e.id).trim(),
        voice: e.getAttribute('data-wml-speech-command'), transport: !!e.closest('.transport'),
        l: r.left, t: r.top, r: r.right, b: r.bottom, labelInside: true, cut,
      };
    }),
    picture: (() => {
      const v = document.getElementById('video'), r = v.getBoundingClientRect();
      if (!v.videoWidth) return null;
      const s = Math.min(r.width / v.videoWidth, r.height / v.videoHeight);
      return { w: v.videoWidth * s, h: v.videoHeight * s };
    })(),
  };
};

async function open(w, h) {
  const c = await browser.newContext({ viewport: { width: w, height: h } });
  await c.addInitScript(() => {
    localStorage.setItem('kotsu.trainee.v1', JSON.stringify({ id: 'T001', name: '山田 太郎' }));
    // RealWear's wearML engine as the page sees it: voice commands registered by name.
    window.wearML = { commands: {}, addCallbackCommand(name, _, fn) { this.commands[name] = fn; } };
  });
  const p = await c.newPage();
  await p.goto(url + '?step=3');
  await p.waitForFunction(() => window.kotsuPlayer && document.getElementById('video').videoWidth > 0, null, { timeout: 15000 });
  await p.evaluate(() => { const v = document.getElementById('video'); v.currentTime = 1.2; });
  await p.waitForTimeout(400);
  return { c, p };
}

try {
  for (const [w, h] of [[360, 640], [390, 844]]) {
    await t(`phone ${w}×${h}: every control inside the screen, labels whole, transport on the first screen`, async () => {
      const { c, p } = await open(w, h);
      const m = await p.evaluate(measure);
      await p.screenshot({ path: path.join(shots, `layout-phone-${w}x${h}.png`) });
      const bad = [];
      for (const k of m.controls) {
        if (k.l < -0.5 || k.r > m.vw + 0.5) bad.push(`${k.name}: x ${k.l.toFixed(0)}…${k.r.toFixed(0)} outside 0…${m.vw}`);
        if (k.cut || !k.labelInside) bad.push(`${k.name}: label cut`);
        if (k.transport && (k.t < 0 || k.b > m.vh)) bad.push(`${k.name}: y ${k.t.toFixed(0)}…${k.b.toFixed(0)} below the first screen (${m.vh})`);
      }
      expect(m.controls.filter((k) => k.transport).length === 6, 'six transport buttons on a phone');
      expect(!bad.length, bad.join('\n'));
      await c.close();
    });
  }
  for (const [w, h] of [[854, 480], [640, 360]]) {
    await t(`glasses ${w}×${h}: the picture takes the full height or width, six voice buttons on screen with their labels`, async () => {
      const { c, p } = await open(w, h);
      const m = await p.evaluate(measure);
      await p.screenshot({ path: path.join(shots, `layout-glasses-${w}x${h}.png`) });
      const bad = [];
      const voice = m.controls.filter((k) => k.transport);
      if (voice.length !== 6) bad.push(`${voice.length} voice buttons: ${voice.map((k) => k.name).join(', ')}`);
      for (const k of voice) {
        if (k.l < -0.5 || k.r > m.vw + 0.5 || k.t < -0.5 || k.b > m.vh + 0.5) bad.push(`${k.name}: outside the screen`);
        if (k.cut || !k.labelInside) bad.push(`${k.name}: label cut`);
        if (k.voice !== k.name) bad.push(`${k.name}: voice command "${k.voice}" is not its visible label`);
      }
      expect(m.picture, 'no picture');
      if (!(m.picture.w >= m.vw * 0.98 || m.picture.h >= m.vh * 0.98))
        bad.push(`picture ${m.picture.w.toFixed(0)}×${m.picture.h.toFixed(0)} on a ${m.vw}×${m.vh} screen`);
      expect(!bad.length, bad.join('\n'));
      // "Select step N" / "ステップ N" by voice
      await p.evaluate(() => window.wearML.commands['Select step 2']());
      await p.waitForFunction(() => window.kotsuPlayer.state.step === 1);
      await p.evaluate(() => window.wearML.commands['ステップ 1']());
      await p.waitForFunction(() => window.kotsuPlayer.state.step === 0);
      await c.close();
    });
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
