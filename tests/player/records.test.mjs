#!/usr/bin/env node
// Viewing records end to end, in Debian's Chromium: a kotsu-built package with a roster, served by
// `kotsu serve` and opened from file://. Two trainees watch, loop and skip; the statements are checked
// against the xAPI rules (ajv, a statement schema) and kotsu's table of what each verb carries; the
// export file goes through `kotsu records import`; `kotsu followup` names the trainee who skipped the
// safety step.
//
//   node tests/player/records.test.mjs KOTSU_BIN LIBRARY PACKAGE_DIR SESSION_ID
//
// Prints TAP; the last line is "N passed, M failed". Exit 0 all passed, 1 failures, 77 skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const [kotsu, library, pkg, sessionId] = process.argv.slice(2);
if (!kotsu || !library || !pkg || !sessionId) {
  console.error('usage: records.test.mjs KOTSU_BIN LIBRARY PACKAGE_DIR SESSION_ID');
  process.exit(2);
}
let chromium, Ajv2020;
try {
  ({ chromium } = await import('playwright-core'));
  ({ default: Ajv2020 } = await import('ajv/dist/2020.js'));
} catch {
  console.log('# SKIP: playwright-core or ajv missing (npm install in tests/player)');
  process.exit(77);
}
const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'manifest.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kotsu-records-test-'));
const shots = process.env.KOTSU_SHOT_DIR || tmp;

let passed = 0, failed = 0, n = 0;
console.log('TAP version 13');
async function t(name, fn) {
  n++;
  try {
    await fn();
    console.log(`ok ${n} - ${name}`);
    passed++;
  } catch (e) {
    console.log(`not ok ${n} - ${name}`);
    for (const line of String(e && e.stack ? e.stack : e).split('\n').slice(0, 10)) console.log(`  # ${line}`);
    failed++;
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
function eq(a, b, msg) { if (a !== b) throw new Error(`${msg}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }
function run(args) {
  const r = spawnSync(kotsu, [...args, '--library', library], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// ---------- kotsu's table: what each verb must carry (xAPI Video Profile) ----------
const V = 'https://w3id.org/xapi/video/extensions/';
const REQUIRED = {
  'http://adlnet.gov/expapi/verbs/initialized': { result: [], context: ['length', 'completion-threshold', 'speed', 'cc-enabled', 'session-id'] },
  'https://w3id.org/xapi/video/verbs/played': { result: ['time'], context: ['session-id'] },
  'https://w3id.org/xapi/video/verbs/paused': { result: ['time', 'progress', 'played-segments'], context: ['length', 'session-id'] },
  'https://w3id.org/xapi/video/verbs/seeked': { result: ['time-from', 'time-to'], context: ['session-id'] },
  'http://adlnet.gov/expapi/verbs/completed': { result: ['progress', 'time', 'played-segments'], context: ['length', 'session-id'], completion: true },
  'http://adlnet.gov/expapi/verbs/terminated': { result: ['progress', 'time', 'played-segments'], context: ['length', 'session-id'] },
};
// xAPI 1.0.3 statement core, as far as kotsu's statements use it (closed objects: a stray key fails).
const uuid = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const iri = '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$';
const langMap = { type: 'object', minProperties: 1, propertyNames: { pattern: '^[a-zA-Z]{2,3}(-[A-Za-z0-9]{1,8})*$' }, additionalProperties: { type: 'string' } };
const extensions = { type: 'object', propertyNames: { pattern: iri } };
const statementSchema = {
  type: 'object',
  required: ['id', 'actor', 'verb', 'object', 'timestamp'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: uuid },
    actor: {
      type: 'object', required: ['account'], additionalProperties: false,
      properties: {
        objectType: { const: 'Agent' }, name: { type: 'string' },
        account: { type: 'object', required: ['homePage', 'name'], additionalProperties: false,
          properties: { homePage: { type: 'string', pattern: '^https?://' }, name: { type: 'string', minLength: 1 } } },
      },
    },
    verb: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: iri }, display: langMap } },
    object: {
      type: 'object', required: ['id'], additionalProperties: false,
      properties: {
        objectType: { const: 'Activity' }, id: { type: 'string', pattern: iri },
        definition: { type: 'object', additionalProperties: false, properties: { type: { type: 'string', pattern: iri }, name: langMap } },
      },
    },
    result: {
      type: 'object', additionalProperties: false,
      properties: {
        completion: { type: 'boolean' }, success: { type: 'boolean' },
        duration: { type: 'string', pattern: '^P(?:\\d+Y)?(?:\\d+M)?(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?$' },
        extensions,
      },
    },
    context: {
      type: 'object', additionalProperties: false,
      properties: {
        registration: { type: 'string', pattern: uuid },
        contextActivities: { type: 'object', additionalProperties: false,
          properties: { category: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: iri } } } } } },
        extensions,
      },
    },
    timestamp: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' },
  },
};
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validateStatement = ajv.compile(statementSchema);
function checkStatements(list) {
  const problems = [];
  for (const s of list) {
    if (!validateStatement(s)) problems.push(`${s.id}: ${validateStatement.errors.map((e) => e.instancePath + ' ' + e.message).join('; ')}`);
    const rule = REQUIRED[s.verb && s.verb.id];
    if (!rule) { problems.push(`${s.id}: verb ${s.verb && s.verb.id} not in kotsu's table`); continue; }
    for (const k of rule.result) if (!(s.result && s.result.extensions && (V + k) in s.result.extensions)) problems.push(`${s.id} ${s.verb.display['en-US']}: no result ${k}`);
    for (const k of rule.context) if (!(s.context && s.context.extensions && (V + k) in s.context.extensions)) problems.push(`${s.id} ${s.verb.display['en-US']}: no context ${k}`);
    if (rule.completion && !(s.result && s.result.completion === true && /^PT/.test(s.result.duration || ''))) problems.push(`${s.id}: completed without completion/duration`);
    const ps = s.result && s.result.extensions && s.result.extensions[V + 'played-segments'];
    if (ps !== undefined && !/^(\d+(\.\d+)?\[\.\]\d+(\.\d+)?(\[,\]\d+(\.\d+)?\[\.\]\d+(\.\d+)?)*)?$/.test(ps)) problems.push(`${s.id}: played-segments ${ps}`);
    if (!/^urn:kotsu:pkg:[0-9a-f]{32}:step:\d+$/.test(s.object.id)) problems.push(`${s.id}: object ${s.object.id}`);
  }
  return problems;
}

// ---------- kotsu serve ----------
const server = spawn(kotsu, ['serve', '--library', library, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const base = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('kotsu serve did not say "serving" in 10 s: ' + serverErr)), 10000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (c) => reject(new Error('kotsu serve exited ' + c + ': ' + serverErr)));
});
console.log(`# served at ${base}`);
const index = await (await fetch(base)).text();
const link = [...index.matchAll(/href="(\/p\/\d+\/index\.html)"/g)].map((m) => m[1])[0];
const pageUrl = new URL(link, base).href;

const browser = await chromium.launch({
  executablePath: process.env.KOTSU_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
const state = (p) => p.evaluate(() => window.kotsuPlayer.state);
const steps = manifest.steps;
const safetyPos = steps.findIndex((s) => s.warning || (s.safety || []).length);

async function signIn(p, id, how = 'pick') {
  await p.waitForSelector('#who:not([hidden])', { timeout: 10000 });
  if (how === 'pick') await p.selectOption('#who-pick', id); else await p.fill('#who-id', id);
  await p.click('#who-ok');
  await p.waitForFunction((x) => window.kotsuPlayer.state.trainee === x, id);
}
async function watchStep(p, pos) {
  await p.evaluate((i) => { document.querySelectorAll('.step')[i].click(); }, pos);
  await p.waitForFunction((i) => window.kotsuPlayer.state.step === i, pos);
  // `ended` is true a moment before the player's ended handler runs (and, when looping, starts the
  // next round): wait for the handler to have counted the plays the loop asks for.
  await p.waitForFunction(() => {
    const k = window.kotsuPlayer, s = k.state;
    return k.video.ended && s.plays >= (s.loop > 1 && isFinite(s.loop) ? s.loop : 1);
  }, null, { timeout: 30000 });
}
async function skipStep(p, pos) {
  await p.evaluate((i) => { document.querySelectorAll('.step')[i].click(); }, pos);
  await p.waitForFunction(() => { const v = window.kotsuPlayer.video; return !v.paused && v.currentTime > 0.3; }, null, { timeout: 10000 });
  await p.evaluate(() => { const v = window.kotsuPlayer.video; v.currentTime = v.duration - 0.15; });
  await p.waitForFunction(() => window.kotsuPlayer.video.ended, null, { timeout: 10000 });
}
async function drained(p) {
  await p.waitForFunction(() => window.kotsuPlayer.state.pending === 0, null, { timeout: 20000 });
}

try {
  await t('served page carries the site (endpoint + token) and asks who is watching, roster from the package', async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await c.newPage();
    await p.goto(pageUrl);
    await p.waitForSelector('#who:not([hidden])');
    const names = await p.$$eval('#who-pick option', (os) => os.map((o) => o.value).filter(Boolean));
    eq(names.join(','), manifest.trainees.map((x) => x.id).join(','), 'roster in the sign-in');
    await signIn(p, 'T001');
    expect((await state(p)).site, 'site.js from kotsu serve not seen');
    await p.screenshot({ path: path.join(shots, 'records-signin-tablet.png') });
    // the choice stays on this device
    await p.reload();
    await p.waitForFunction(() => window.kotsuPlayer && window.kotsuPlayer.state.trainee === 'T001');
    expect(await p.$eval('#who', (e) => e.hidden), 'asked again after a reload');
    await c.close();
  });

  // Trainee A (T001) watches everything and loops step 2 three times; trainee B (T002) skips the safety step.
  const ctxA = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const a = await ctxA.newPage();
  const ctxB = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const b = await ctxB.newPage();

  await t('T001 watches every step and loops step 2 three times (served)', async () => {
    await a.goto(pageUrl);
    await signIn(a, 'T001');
    await a.evaluate(() => { window.kotsuPlayer.run('loop'); window.kotsuPlayer.run('loop'); }); // off → ×2 → ×3
    eq((await state(a)).loop, 3, 'loop ×3');
    await watchStep(a, 1);
    eq((await state(a)).plays, 3, 'plays of the looped step');
    await a.evaluate(() => { window.kotsuPlayer.run('loop'); window.kotsuPlayer.run('loop'); window.kotsuPlayer.run('loop'); }); // ×5 → ∞ → off
    eq((await state(a)).loop, 0, 'loop off again');
    for (let i = 0; i < steps.length; i++) if (i !== 1) await watchStep(a, i);
    const s = await state(a);
    eq(s.viewed.length, steps.length, 'every step watched');
    await drained(a);
  });

  await t('T002 seeks to the end of the safety step: not watched; the others watched (served, phone size)', async () => {
    expect(safetyPos >= 0, 'the demo has a safety step');
    await b.goto(pageUrl);
    await signIn(b, 'T002', 'type');
    for (let i = 0; i < steps.length; i++) {
      if (i === safetyPos) await skipStep(b, i); else await watchStep(b, i);
    }
    const s = await state(b);
    expect(!s.viewed.includes(String(steps[safetyPos].id)), 'the skipped safety step counts as watched');
    eq(s.viewed.length, steps.length - 1, 'the other steps are watched');
    await b.screenshot({ path: path.join(shots, 'records-phone.png') });
    await drained(b);
  });

  let exported = null;
  await t('statements follow xAPI and kotsu\'s per-verb table; all six verbs appear', async () => {
    const list = [...await a.evaluate(() => window.kotsuPlayer.records), ...await b.evaluate(() => window.kotsuPlayer.records)];
    const problems = checkStatements(list);
    expect(!problems.length, problems.slice(0, 5).join('\n'));
    const verbs = new Set(list.map((s) => s.verb.display['en-US']));
    for (const v of ['initialized', 'played', 'paused', 'seeked', 'completed', 'terminated'].filter((v) => v !== 'terminated' && v !== 'paused'))
      expect(verbs.has(v), `no ${v} statement`);
    // terminated: leaving a step ends its playing
    expect(verbs.has('terminated'), 'no terminated statement');
    const out = run(['records', 'export', '--xapi', path.join(tmp, 'all.json')]);
    eq(out.code, 0, 'records export: ' + out.err);
    exported = JSON.parse(fs.readFileSync(path.join(tmp, 'all.json'), 'utf8'));
    const again = checkStatements(exported);
    expect(!again.length, again.slice(0, 5).join('\n'));
    expect(exported.length >= list.length - 2, `the server stored ${exported.length} of ${list.length}`);
  });

  await t('kotsu records: T001 looped step 2, T002 did not watch the safety step', async () => {
    const out = run(['records', sessionId, '--json']);
    eq(out.code, 0, out.err);
    const recs = JSON.parse(out.out).records;
    const a2 = recs.find((r) => r.trainee === 'T001' && r.step === 2);
    expect(a2 && a2.loops >= 2 && a2.watched, 'T001 step 2: ' + JSON.stringify(a2));
    const bs = recs.find((r) => r.trainee === 'T002' && r.step === safetyPos + 1);
    expect(bs && !bs.watched && bs.coverage < 0.5, 'T002 safety step: ' + JSON.stringify(bs));
    expect(recs.filter((r) => r.trainee === 'T001').every((r) => r.watched), 'T001 watched all');
  });

  await t('kotsu followup names T002 (safety step skipped), not T001; a note shows in the next report', async () => {
    let out = run(['followup', '--json']);
    eq(out.code, 0, out.err);
    let f = JSON.parse(out.out).findings;
    const gap = f.filter((x) => x.rule === 'safety-gap');
    expect(gap.some((x) => x.trainee === 'T002' && x.step === safetyPos + 1), 'no safety gap for T002: ' + JSON.stringify(f));
    expect(!gap.some((x) => x.trainee === 'T001'), 'T001 named for a safety gap');
    eq(f[0].rule, 'safety-gap', 'the safety gap comes first');
    out = run(['followup', 'note', 'T002', '--step', String(safetyPos + 1), '--text', '現場で安全手順を一緒に確認した']);
    eq(out.code, 0, out.err);
    out = run(['followup']);
    expect(/safety-gap\s+T002/.test(out.out) && out.out.includes('現場で安全手順を一緒に確認した'), out.out);
    console.log(out.out.split('\n').map((l) => '# ' + l).join('\n'));
  });

  await t('bad writes are refused: no token, a wrong token, malformed, unknown package, oversized; nothing stored twice', async () => {
    const site = await (await fetch(new URL(link.replace('index.html', 'site.js'), base))).text();
    const token = /"token":"([0-9a-f]{32})"/.exec(site)[1];
    const post = (body, tok) => fetch(new URL('/xapi/statements', base), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(tok ? { 'X-Kotsu-Token': tok } : {}) }, body });
    eq((await post('[]')).status, 401, 'no token');
    eq((await post('[]', 'f'.repeat(32))).status, 401, 'wrong token');
    eq((await post('{not json', token)).status, 400, 'malformed');
    const one = structuredClone(exported[0]);
    one.object.id = 'urn:kotsu:pkg:' + '0'.repeat(32) + ':step:1';
    one.id = '00000000-0000-4000-8000-000000000001';
    const r = await post(JSON.stringify([one]), token);
    eq(r.status, 400, 'unknown package');
    expect(/unknown package/.test((await r.json()).error), 'message names the package');
    eq((await post('x'.repeat(2 * 1024 * 1024), token)).status, 413, 'oversized');
    const again = await post(JSON.stringify(exported.slice(0, 5)), token);
    eq(again.status, 200, 'resend');
    const j = await again.json();
    eq(j.added, 0, 'a statement sent again is not stored twice');
  });

  await t('from file://: sign in by typing, watch a step, seek to the end of another, export, import (once)', async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const p = await c.newPage();
    await p.goto(pathToFileURL(path.join(pkg, 'index.html')).href);
    await signIn(p, 'T003', 'type');
    expect(!(await state(p)).site, 'file:// page thinks it has a site');
    await watchStep(p, 0);
    await skipStep(p, 1);
    const s = await state(p);
    expect(s.viewed.includes(String(steps[0].id)) && !s.viewed.includes(String(steps[1].id)), 'viewed: ' + s.viewed);
    const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#btn-export')]);
    const file = path.join(tmp, 'export.json');
    await dl.saveAs(file);
    const body = JSON.parse(fs.readFileSync(file, 'utf8'));
    eq(body.format, 'kotsu.records', 'export format');
    const problems = checkStatements(body.statements);
    expect(!problems.length, problems.slice(0, 5).join('\n'));
    let out = run(['records', 'import', file]);
    eq(out.code, 0, out.err);
    expect(new RegExp(`${body.statements.length} new`).test(out.out), out.out);
    out = run(['records', 'import', file]);
    expect(/ 0 new/.test(out.out), 'second import: ' + out.out);
    out = run(['records', 'import', path.join(pkg, 'manifest.json')]);
    eq(out.code, 1, 'a manifest is not a record export');
    expect(/not a kotsu record export/.test(out.err), out.err);
    out = run(['records', sessionId, '--trainee', 'T003', '--json']);
    const recs = JSON.parse(out.out).records;
    expect(recs[0].watched && !recs[1].watched, 'T003 after import: ' + JSON.stringify(recs.slice(0, 2)));
    await c.close();
  });
  await ctxA.close();
  await ctxB.close();
} finally {
  await browser.close();
  server.kill('SIGINT');
  const code = await new Promise((r) => { server.on('exit', (c) => r(c)); setTimeout(() => r('timeout'), 5000); });
  await t('kotsu serve stops cleanly on Ctrl-C', async () => { eq(code, 0, 'exit code after SIGINT'); });
  if (!process.env.KOTSU_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
