#!/usr/bin/env node
// Builds a small kotsu package (format "kotsu.package" version 1) for the HTML player test:
// 3 steps with Japanese text, hostile titles, a warning, knack/safety markers and caption cues;
// tiny H.264/AAC clips for the tablet and glasses profiles made with the `ffmpeg` command
// (a referee in tests, never part of the product); thumbnails; player/html/* copied in.
//
//   node tests/player/make_fixture.mjs OUT_DIR
//
// Checksums here are NOT XXH3-128 (no xxh3 in Node): they are the first 32 hex digits of SHA-256,
// which has the same shape. The player never reads checksums; `kotsu verify` would reject them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const playerDir = path.join(repoRoot, 'player', 'html');

const FPS = 30;
const DURATION = 3; // seconds per step clip
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';

export const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_SCRIPT = '<script>window.__pwned=2</script>';

// Session timeline: step n covers [10 s * n, 10 s * n + 3 s).
const STEPS = [
  {
    slug: 'dandori', title: 'フランジ締結の段取り確認', note: 'ボルトの並びを目で追う。音が変わったら手を止める',
    warning: '手袋を着用 — 回転部に手を近づけない', tags: ['準備', 'flange'],
    knacks: [{ at: [0.5, 2.0], title: '音が変わる', note: '締まり切る直前に高い音になる' }],
    safety: [{ at: [1.0, 2.5], title: '挟まれ注意', warning: '手を離す' }],
    cues: [[0.0, 1.4, 'まず、ボルトを確認します'], [1.5, 2.9, '次に、トルクを確かめます']],
  },
  {
    slug: 'hostile-img', title: HOSTILE_IMG, note: '対角線の順に<b>少しずつ</b>締める',
    warning: '', tags: ['<i>tag</i>'], knacks: [], safety: [],
    cues: [[0.0, 0.9, '対角に締めます'], [1.0, 1.9, '<img src=x onerror="window.__pwned=3">'], [2.0, 2.9, '最後に全周を確認']],
  },
  {
    slug: 'hostile-script', title: HOSTILE_SCRIPT, note: '<script>window.__pwned=4</script>',
    warning: '<b>高温注意</b> 配管に触れない', tags: ['仕上げ'], knacks: [], safety: [],
    cues: [[0.2, 2.8, 'マーキングして完了です']],
  },
];

const PROFILES = {
  tablet: { width: 1280, height: 720, vprofile: 'high', channels: 2, bitrate: '1500k' },
  glasses: { width: 854, height: 480, vprofile: 'main', channels: 1, bitrate: '600k' },
};

function ffmpeg(args) {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}
function checksum(file) { return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 32); }
function hms(us) {
  const ms = Math.round(us / 1000);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
}
function vttTime(s) { return hms(s * 1e6); }

export function makeFixture(out) {
  fs.mkdirSync(out, { recursive: true });
  for (const d of ['clips/tablet', 'clips/glasses', 'captions', 'thumbs']) fs.mkdirSync(path.join(out, d), { recursive: true });
  const hasFont = fs.existsSync(FONT);
  const sources = ['testsrc2', 'smptehdbars', 'testsrc'];

  const steps = STEPS.map((s, i) => {
    const n = i + 1, nn = String(n).padStart(2, '0');
    const inUs = 10_000_000 * n, outUs = inUs + DURATION * 1e6;
    const clips = {};
    for (const [name, p] of Object.entries(PROFILES)) {
      const rel = `clips/${name}/${nn}-${s.slug}.mp4`;
      const label = hasFont
        ? `,drawtext=fontfile=${FONT}:text='STEP ${n}/${STEPS.length}':fontsize=${Math.round(p.height / 8)}:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=12:x=(w-tw)/2:y=h/8`
        : '';
      ffmpeg(['-f', 'lavfi', '-i', `${sources[i % sources.length]}=size=${p.width}x${p.height}:rate=${FPS}:d=${DURATION}`,
        '-f', 'lavfi', '-i', `sine=frequency=${440 + 110 * i}:d=${DURATION}`,
        '-vf', `format=yuv420p${label}`, '-c:v', 'libx264', '-profile:v', p.vprofile, '-preset', 'veryfast',
        '-b:v', p.bitrate, '-g', String(FPS), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-ac', String(p.channels),
        '-movflags', '+faststart', path.join(out, rel)]);
      clips[name] = {
        path: rel, width: p.width, height: p.height, duration_us: DURATION * 1e6,
        size: fs.statSync(path.join(out, rel)).size, checksum: checksum(path.join(out, rel)),
        loudness: { voice: { integrated: -16.0, true_peak: -2.0 } },
      };
    }
    const thumb = `thumbs/${nn}.jpg`;
    ffmpeg(['-ss', '1', '-i', path.join(out, clips.tablet.path), '-frames:v', '1', '-vf', 'scale=320:-2', '-q:v', '4', path.join(out, thumb)]);
    const capPath = `captions/${nn}.ja.vtt`;
    fs.writeFileSync(path.join(out, capPath),
      'WEBVTT\n\n' + s.cues.map(([a, b, t]) => `${vttTime(a)} --> ${vttTime(b)}\n${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}\n`).join('\n'));
    let id = 100 * n;
    return {
      index: n, id,
      title: s.title, note: s.note, warning: s.warning, tags: s.tags,
      in: hms(inUs), out: hms(outUs), in_us: inUs, out_us: outUs, duration_us: outUs - inUs,
      thumbnail: thumb,
      knacks: s.knacks.map((k) => ({ id: ++id, in_us: inUs + k.at[0] * 1e6, out_us: inUs + k.at[1] * 1e6, title: k.title, note: k.note })),
      safety: s.safety.map((k) => ({ id: ++id, in_us: inUs + k.at[0] * 1e6, out_us: inUs + k.at[1] * 1e6, title: k.title, warning: k.warning })),
      captions: { ja: { path: capPath, cues: s.cues.map(([start, end, text]) => ({ start, end, text })) } },
      clips,
    };
  });

  for (const f of fs.readdirSync(playerDir)) fs.copyFileSync(path.join(playerDir, f), path.join(out, f));

  const files = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(path.join(out, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (rel !== 'manifest.json' && rel !== 'manifest.js') {
        files.push({ path: rel, size: fs.statSync(path.join(out, rel)).size, checksum: checksum(path.join(out, rel)) });
      }
    }
  })('');
  files.sort((a, b) => a.path.localeCompare(b.path));

  const manifest = {
    format: 'kotsu.package', version: 1, generator: 'kotsu test fixture (tests/player/make_fixture.mjs)',
    created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    session: { id: 1, title: 'フランジ締結 (テスト)', worker: '佐藤 <b>veteran</b>', task: 'Flange assembly', site: 'Plant 2', recorded_at: '', language: 'ja' },
    profiles: [
      { name: 'tablet', width: 1280, height: 720, captions: 'soft', audio_tracks: [{ index: 0, label: 'voice' }] },
      { name: 'glasses', width: 854, height: 480, captions: 'burned', audio_tracks: [{ index: 0, label: 'voice' }] },
    ],
    languages: ['ja'],
    steps,
    files,
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  fs.writeFileSync(path.join(out, 'manifest.js'), 'window.KOTSU_MANIFEST = ' + JSON.stringify(manifest) + ';\n');
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) { console.error('usage: node make_fixture.mjs OUT_DIR'); process.exit(2); }
  makeFixture(path.resolve(out));
  console.log(`fixture package written to ${path.resolve(out)}`);
}
