/* kotsu viewing records — xAPI Video Profile statements for each step clip, for the trainee chosen on
 * this device. Kept in localStorage (bounded), written to a file by "Export records", and sent to
 * `kotsu serve` when the page came from it (site.js carries the endpoint and the site token), retried
 * when the network returns; the server stores each statement id once. A classic script: player.js
 * calls window.KotsuRecords.create(...). */
(function () {
  'use strict';

  var VIDEO = 'https://w3id.org/xapi/video/extensions/';
  var KOTSU = 'urn:kotsu:xapi:';
  var VERBS = {
    initialized: 'http://adlnet.gov/expapi/verbs/initialized',
    played: 'https://w3id.org/xapi/video/verbs/played',
    paused: 'https://w3id.org/xapi/video/verbs/paused',
    seeked: 'https://w3id.org/xapi/video/verbs/seeked',
    completed: 'http://adlnet.gov/expapi/verbs/completed',
    terminated: 'http://adlnet.gov/expapi/verbs/terminated'
  };
  var HOME = 'https://kotsu.invalid/trainees';
  var KEEP = 4000;          /* statements kept in the browser */
  var BATCH = 200;          /* statements per POST */
  var THRESHOLD = 0.9;      /* watched: the played parts cover 90 % of the step */

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function r3(x) { return Math.round(x * 1000) / 1000; }
  function store(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; } }
  function load(key) { try { var v = localStorage.getItem(key); return v ? JSON.parse(v) : null; } catch (e) { return null; } }

  /* Played segments: [[a, b], …] → their union; "a[.]b[,]c[.]d". */
  function union(segs) {
    var s = segs.filter(function (x) { return x[1] > x[0]; }).map(function (x) { return [x[0], x[1]]; });
    s.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    s.forEach(function (x) {
      var last = out[out.length - 1];
      if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]); else out.push(x);
    });
    return out;
  }
  function covered(segs, length) {
    return union(segs).reduce(function (sum, x) { return sum + Math.max(0, Math.min(length, x[1]) - Math.max(0, x[0])); }, 0);
  }
  function segText(segs) { return union(segs).map(function (x) { return r3(x[0]) + '[.]' + r3(x[1]); }).join('[,]'); }

  function create(opts) {
    var M = opts.manifest, pkg = typeof M.package_id === 'string' ? M.package_id : '';
    var site = window.KOTSU_SITE && typeof window.KOTSU_SITE === 'object' ? window.KOTSU_SITE : null;
    var key = 'kotsu.records.v1:' + pkg;
    var saved = load(key) || {};
    var st = { list: Array.isArray(saved.list) ? saved.list : [], sent: saved.sent || {}, rejected: saved.rejected || {} };
    var trainee = null, cur = null, timer = 0, sending = false, backoff = 2000;

    function persist() {
      /* Bounded: drop statements already sent first, then the oldest. */
      if (st.list.length > KEEP) {
        var keep = st.list.filter(function (s) { return !st.sent[s.id]; });
        if (keep.length > KEEP) keep = keep.slice(keep.length - KEEP);
        var room = KEEP - keep.length, sentOnes = st.list.filter(function (s) { return st.sent[s.id]; });
        st.list = sentOnes.slice(Math.max(0, sentOnes.length - room)).concat(keep);
        st.list.sort(function (a, b) { return a.timestamp < b.timestamp ? -1 : 1; });
        var ids = {};
        st.list.forEach(function (s) { ids[s.id] = true; });
        Object.keys(st.sent).forEach(function (id) { if (!ids[id]) delete st.sent[id]; });
      }
      if (!store(key, st) && st.list.length > 100) { st.list = st.list.slice(-100); store(key, st); }
    }

    function registration(t) {
      var k = 'kotsu.registration.v1:' + pkg + ':' + t;
      var r = load(k);
      if (typeof r !== 'string') { r = uuid(); store(k, r); }
      return r;
    }

    function emit(verb, result, ctx) {
      if (!trainee || !cur || !pkg) return null;
      var ext = {};
      ext[VIDEO + 'session-id'] = cur.sid;
      ext[KOTSU + 'loops'] = cur.loops;
      ext[KOTSU + 'slow-seconds'] = r3(cur.slow);
      ext[KOTSU + 'watch-seconds'] = r3(cur.watch);
      ext[KOTSU + 'profile'] = opts.profile();
      Object.keys(ctx || {}).forEach(function (k) { ext[VIDEO + k] = ctx[k]; });
      var name = {};
      name[opts.language || 'ja'] = cur.step.title || ('Step ' + cur.step.index);
      var s = {
        id: uuid(),
        actor: { objectType: 'Agent', account: { homePage: HOME, name: trainee.id } },
        verb: { id: VERBS[verb], display: { 'en-US': verb } },
        object: {
          objectType: 'Activity', id: 'urn:kotsu:pkg:' + pkg + ':step:' + cur.step.id,
          definition: { type: 'https://w3id.org/xapi/video/activity-type/video', name: name }
        },
        context: {
          registration: cur.reg,
          contextActivities: { category: [{ id: 'https://w3id.org/xapi/video' }] },
          extensions: ext
        },
        timestamp: new Date().toISOString()
      };
      if (trainee.name) s.actor.name = trainee.name;
      if (result) s.result = result;
      st.list.push(s);
      persist();
      schedule(400);
      if (opts.onChange) opts.onChange();
      return s;
    }

    function openSegs(t) {
      var segs = cur.segs.slice();
      if (cur.from != null && t > cur.from) segs.push([cur.from, t]);
      return segs;
    }
    function progressAt(t) { return cur.length > 0 ? Math.min(1, covered(openSegs(t), cur.length) / cur.length) : 0; }
    function resultExt(t, extra) {
      var e = {};
      e[VIDEO + 'time'] = r3(t);
      e[VIDEO + 'progress'] = r3(progressAt(t));
      e[VIDEO + 'played-segments'] = segText(openSegs(t));
      Object.keys(extra || {}).forEach(function (k) { e[VIDEO + k] = extra[k]; });
      return { extensions: e };
    }
    function close(t) {
      if (cur.from != null && t > cur.from) cur.segs.push([cur.from, t]);
      cur.from = null;
    }
    function checkComplete(t) {
      if (cur.completed || cur.length <= 0 || progressAt(t) < THRESHOLD) return;
      cur.completed = true;
      var r = resultExt(t);
      r.completion = true;
      r.duration = 'PT' + r3(cur.watch) + 'S';
      emit('completed', r, { length: r3(cur.length) });
    }

    var api = {
      get trainee() { return trainee; },
      get enabled() { return !!pkg; },
      get site() { return site; },
      setTrainee: function (t) {
        var step = cur && cur.step, info = cur && cur.info;
        if (cur) api.end(cur.last);
        trainee = t && t.id ? { id: String(t.id), name: String(t.name || '') } : null;
        if (trainee && step) api.begin(step, info);
      },
      /* A step clip starts: one Video Profile session. */
      begin: function (step, info) {
        if (cur) api.end(cur.last);
        cur = { step: step, info: info, sid: uuid(), reg: trainee ? registration(trainee.id) : '', length: info.length || 0,
                segs: [], from: null, last: 0, loops: 0, slow: 0, watch: 0, wall: 0, completed: false, playing: false };
        if (!trainee) return;
        emit('initialized', null, {
          length: r3(cur.length), 'completion-threshold': THRESHOLD, speed: info.speed + 'x',
          'cc-enabled': !!info.captions, 'cc-subtitle-lang': info.lang || ''
        });
      },
      length: function (len) { if (cur && len > 0 && isFinite(len)) cur.length = len; },
      played: function (t) {
        if (!cur) return;
        cur.from = t; cur.last = t; cur.playing = true; cur.wall = performance.now();
        emit('played', { extensions: (function () { var e = {}; e[VIDEO + 'time'] = r3(t); return e; })() });
      },
      paused: function (t) {
        if (!cur) return;
        api.tick(t, 1, true);
        close(t); cur.playing = false;
        emit('paused', resultExt(t), { length: r3(cur.length) });
        checkComplete(t);
      },
      /* Called on timeupdate: seconds of playing, at slow motion, and the completion check. */
      tick: function (t, rate, stopping) {
        if (!cur) return;
        var now = performance.now();
        if (cur.playing && cur.wall) {
          var dt = Math.min(5, (now - cur.wall) / 1000);
          cur.watch += dt;
          if (rate <= 0.5) cur.slow += dt;
        }
        cur.wall = now;
        /* A jump forward that is not yet reported as a seek is not playing. */
        if (stopping || !cur.playing || t < cur.last || t > cur.last + 2) return;
        cur.last = t;
        checkComplete(t);
      },
      seeked: function (from, to) {
        if (!cur) return;
        close(from);
        cur.last = to;
        var e = {};
        e[VIDEO + 'time-from'] = r3(from); e[VIDEO + 'time-to'] = r3(to);
        emit('seeked', { extensions: e });
        if (cur.playing) cur.from = to;
      },
      /* The clip wrapped (a loop): what played up to the end counts, and one more loop. */
      wrapped: function (endT, to) {
        if (!cur) return;
        close(endT);
        cur.loops++;
        checkComplete(endT);
        if (cur.playing) cur.from = to || 0;
        cur.last = to || 0;
      },
      ended: function (t) { if (cur) { api.tick(t, 1, true); close(t); checkComplete(t); cur.last = t; cur.playing = false; } },
      end: function (t) {
        if (!cur) return;
        if (t == null) t = cur.last;
        if (cur.playing) api.tick(t, 1, true);
        close(t);
        if (trainee) emit('terminated', resultExt(t), { length: r3(cur.length) });
        cur = null;
      },
      statements: function () { return st.list.slice(); },
      pending: function () { return st.list.filter(function (s) { return !st.sent[s.id] && !st.rejected[s.id]; }).length; },
      /* The export file that `kotsu records import` reads. */
      exportFile: function () {
        var body = { format: 'kotsu.records', version: 1, exported: new Date().toISOString(), package_id: pkg,
                     trainee: trainee ? trainee.id : '', statements: st.list };
        var day = new Date().toISOString().slice(0, 10);
        var who = (trainee ? trainee.id : 'all').replace(/[^A-Za-z0-9_.-]+/g, '_');
        return { name: 'kotsu-records-' + who + '-' + day + '.json', text: JSON.stringify(body) };
      },
      flush: function () { schedule(0); }
    };

    function schedule(ms) {
      if (!site || !site.token || !site.endpoint) return;
      clearTimeout(timer);
      timer = setTimeout(send, ms);
    }
    function send() {
      if (sending) return;
      var batch = st.list.filter(function (s) { return !st.sent[s.id] && !st.rejected[s.id]; }).slice(0, BATCH);
      if (!batch.length) return;
      sending = true;
      fetch(site.endpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kotsu-Token': site.token },
        body: JSON.stringify(batch), credentials: 'same-origin'
      }).then(function (r) {
        sending = false;
        if (r.ok) {
          batch.forEach(function (s) { st.sent[s.id] = true; });
          backoff = 2000;
          persist();
          if (opts.onChange) opts.onChange();
          schedule(50);
        } else if (r.status === 400 || r.status === 413) {
          /* refused as data: kept here for export, never sent again */
          batch.forEach(function (s) { st.rejected[s.id] = true; });
          persist();
        } else {
          retry();
        }
      }, function () { sending = false; retry(); });
    }
    function retry() { backoff = Math.min(backoff * 2, 60000); schedule(backoff); }
    window.addEventListener('online', function () { backoff = 2000; schedule(0); });
    schedule(0);
    return api;
  }

  window.KotsuRecords = { create: create, union: union, covered: covered, segText: segText, THRESHOLD: THRESHOLD };
})();
