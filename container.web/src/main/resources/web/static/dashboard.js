// Baton dashboard: polls /baton/api/live once a second and draws what it answers.
// Nothing here computes a verdict: readings, limits and states come from the container.
'use strict';
(function () {
  const MARK_COLORS = { swap: '#1f6feb', commit: '#2da44e', rollback: '#d1242f', 'rollback-failed': '#8250df', aborted: '#bf8700' };
  const PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf3989', '#9a6700', '#0a3069', '#57606a'];
  const KEEP_MILLIS = 10 * 60 * 1000;
  const $ = (id) => document.getElementById(id);

  let clockOffset = 0;      // server clock minus this browser's clock
  let serverNow = 0;        // the server's clock at its last answer: the charts' right edge
  let lastSample = 0;       // newest series point received
  let historyVersion = -1;  // changes whenever a swap, commit or rollback happened
  let trial = null;
  let pending = null;       // the action the confirm box would run
  const points = {};        // series key -> [[t, calls/s, errors/s, p99 ms]]

  async function call(path, options) {
    const response = await fetch('api/' + path, Object.assign({ credentials: 'same-origin', headers: { Accept: 'application/json' } }, options));
    if (response.status === 401) {
      location.reload(); // the guard answers with the login form
      throw new Error('logged out');
    }
    const body = await response.json().catch(() => ({ error: 'HTTP ' + response.status, status: response.status }));
    if (!response.ok) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return body;
  }
  const post = (path, body) => call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body || {}) });

  function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (cls) td.className = cls;
    return td;
  }
  function fill(tableId, items, rowFn) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    items.forEach((item) => rowFn(body.insertRow(), item));
  }
  const targets = (list) => (list || []).map((t) => t.symbolicName + ': ' + t.fromVersion + ' \u2192 ' + t.toVersion).join('; ');
  const time = (ms) => (ms ? new Date(ms).toLocaleTimeString() : '');
  const micros = (us) => (us >= 1000 ? (us / 1000).toFixed(2) + ' ms' : us + ' \u00b5s');

  // ---- charts ----
  function chart(canvasId) {
    return new Chart($(canvasId), {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false, parsing: false, normalized: true, maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false },
        elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
        scales: {
          x: { type: 'linear', ticks: { callback: (v) => new Date(v).toLocaleTimeString(), maxTicksLimit: 6 } },
          y: { beginAtZero: true }
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 10 } } }, annotation: { annotations: {} } }
      }
    });
  }
  const charts = { calls: chart('chart-calls'), errors: chart('chart-errors'), latency: chart('chart-latency') };

  function addPoints(series) {
    Object.entries(series).forEach(([key, list]) => {
      const kept = points[key] || (points[key] = []);
      list.forEach((p) => { if (!kept.length || p[0] > kept[kept.length - 1][0]) kept.push(p); });
      lastSample = Math.max(lastSample, kept[kept.length - 1][0]);
    });
    const oldest = lastSample - KEEP_MILLIS;
    Object.values(points).forEach((kept) => { while (kept.length && kept[0][0] < oldest) kept.shift(); });
  }

  function drawCharts(markers) {
    const keys = Object.keys(points);
    const first = Math.min(...keys.map((k) => (points[k].length ? points[k][0][0] : serverNow)), serverNow);
    [['calls', 1], ['errors', 2], ['latency', 3]].forEach(([name, column]) => {
      const c = charts[name];
      c.data.datasets = keys.map((key, i) => ({
        label: key, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
        data: points[key].filter((p) => p[column] !== null).map((p) => ({ x: p[0], y: p[column] }))
      }));
      const annotations = {};
      markers.filter((m) => m.at >= lastSample - KEEP_MILLIS).forEach((m, i) => {
        annotations['m' + i] = {
          type: 'line', xMin: m.at, xMax: m.at, borderColor: MARK_COLORS[m.kind] || '#57606a', borderWidth: 2,
          borderDash: m.kind === 'swap' ? [] : [6, 4],
          label: { display: name === 'calls', content: m.label, position: m.kind === 'swap' ? 'start' : 'center', font: { size: 10 }, backgroundColor: MARK_COLORS[m.kind] || '#57606a' }
        };
      });
      c.options.plugins.annotation.annotations = annotations;
      // the same time range on every chart, even one without data yet (the latency needs enough samples)
      c.options.scales.x.min = first;
      c.options.scales.x.max = Math.max(lastSample, serverNow);
      c.update('none');
    });
  }

  // ---- panels ----
  function render(live) {
    clockOffset = live.now - Date.now();
    serverNow = live.now;
    $('connection').textContent = 'live';
    $('connection').className = 'pill';
    const status = live.status;
    $('framework').textContent = status.status.framework + ' ' + status.status.frameworkVersion + ', ' + status.status.bundles.length + ' bundles';
    fill('managed', status.managed, (row, b) => { cell(row, b.symbolicName); cell(row, b.version); cell(row, b.id); cell(row, b.state); });
    $('last-checkpoint').textContent = 'Last checkpoint: ' + (status.lastCheckpoint ? status.lastCheckpoint.id + ' (' + status.lastCheckpoint.swapId + ')' : 'none');
    renderTrial(live.trial);
    fill('calls', live.calls, (row, c) => {
      cell(row, c.identity); cell(row, c.operation); cell(row, c.version); cell(row, c.callsPerSecond.toFixed(1)); cell(row, c.failuresPerSecond.toFixed(1));
      cell(row, (c.errorRate * 100).toFixed(1) + '%', c.errorRate > 0 ? 'state-over' : ''); cell(row, c.p50Micros); cell(row, c.p90Micros); cell(row, c.p99Micros);
      cell(row, c.calls); cell(row, c.failures);
    });
    addPoints(live.series);
    drawCharts(live.markers);
    if (live.historyVersion !== historyVersion) {
      historyVersion = live.historyVersion;
      loadHistory();
    }
  }

  function renderTrial(view) {
    trial = view.trial;
    $('trial-id').textContent = trial ? trial.swapId : 'none';
    $('trial-targets').textContent = trial ? targets(trial.targets) + ' (checkpoint ' + trial.checkpointId + ')' : '';
    $('countdown-line').hidden = !trial;
    fill('detectors', trial ? view.detectors : [], (row, d) => {
      cell(row, d.detector + (d.enabled ? '' : ' (off)')); cell(row, d.subject); cell(row, d.reading); cell(row, d.limit);
      cell(row, d.state, 'state-' + d.state.replace(/ /g, '-'));
    });
    $('missing').textContent = trial && view.missing ? 'Estimated here: ' + view.missing : '';
    tick();
  }

  function tick() {
    if (!trial) return;
    const left = Math.max(0, trial.probationEndsAt - (Date.now() + clockOffset));
    $('countdown').textContent = (left / 1000).toFixed(0) + ' s';
  }

  async function loadHistory() {
    try {
      const records = await call('history?n=20');
      fill('history', records, (row, r) => {
        row.className = 'kind-' + r.kind;
        cell(row, r.seq); cell(row, r.kind); cell(row, r.state); cell(row, r.swapId); cell(row, r.checkpointId); cell(row, targets(r.targets));
        cell(row, r.pauseMicros ? micros(r.pauseMicros) : '');
        cell(row, Object.entries(r.phaseMicros || {}).map(([p, us]) => p + ' ' + micros(us)).join(', '));
        cell(row, r.detector); cell(row, r.failure || r.evidence); cell(row, time(r.endedAt));
      });
    } catch (e) {
      showResult(e.message, true);
    }
  }

  // ---- actions: each one shows what it would do and waits for Confirm ----
  function askedTargets() {
    return $('targets').value.split('\n').map((t) => t.trim()).filter((t) => t);
  }
  function showResult(text, error) {
    $('result').textContent = text;
    $('result').className = error ? 'error' : '';
  }
  function ask(title, body, action) {
    $('confirm-title').textContent = title;
    $('confirm-body').textContent = body;
    $('confirm-go').hidden = !action;
    pending = action;
    $('confirm').hidden = false;
  }
  function closeConfirm() {
    $('confirm').hidden = true;
    pending = null;
  }
  function describePlan(report) {
    const lines = [report.id + ': ' + report.status + (report.failure ? ' - ' + report.failure : '')];
    (report.targets || []).forEach((t) => lines.push('bundle   ' + t.symbolicName + ' ' + t.fromVersion + ' \u2192 ' + t.toVersion));
    (report.services || []).forEach((s) => lines.push('service  ' + s.identity + ' ' + s.change));
    (report.migrations || []).forEach((m) => lines.push('state    ' + m.stateType + ' v' + m.fromVersion + ' \u2192 v' + m.toVersion + ' via ' + ((m.chain || []).join(' ') || 'same schema')));
    if ((report.refreshClosure || []).length) lines.push('refresh  ' + report.refreshClosure.join(', '));
    (report.notes || []).forEach((n) => lines.push('note     ' + n));
    return lines.join('\n');
  }
  async function run(what, promise) {
    closeConfirm();
    showResult(what + '...', false);
    try {
      const answer = await promise;
      showResult(what + ': ' + (answer.status || answer.state || 'done') + (answer.failure ? ' - ' + answer.failure : ''), !!answer.failure);
      historyVersion = -1;
    } catch (e) {
      showResult(what + ' refused: ' + e.message, true);
    }
  }

  $('btn-plan').addEventListener('click', async () => {
    try {
      ask('Plan (a dry run: nothing changes)', describePlan(await post('plan', { targets: askedTargets() })), null);
    } catch (e) { showResult('Plan refused: ' + e.message, true); }
  });
  $('btn-swap').addEventListener('click', async () => {
    const request = { targets: askedTargets() };
    if ($('probation').value !== '') request.probationMillis = Math.round(Number($('probation').value) * 1000);
    try {
      const plan = await post('plan', { targets: request.targets });
      ask('Swap? This is its plan:', describePlan(plan), plan.status === 'PLANNED' ? () => run('Swap', post('swap', request)) : null);
    } catch (e) { showResult('Plan refused: ' + e.message, true); }
  });
  $('btn-commit').addEventListener('click', () => {
    if (!trial) { showResult('Nothing is in TRIAL to commit', true); return; }
    ask('Commit ' + trial.swapId + '?', targets(trial.targets) + '\nThe old bundles are uninstalled; checkpoint ' + trial.checkpointId + ' stays for a rollback by id.',
      () => run('Commit', post('commit')));
  });
  $('btn-rollback').addEventListener('click', () => {
    if (!trial) { showResult('Nothing is in TRIAL to roll back', true); return; }
    const back = (trial.targets || []).map((t) => t.symbolicName + ': ' + t.toVersion + ' \u2192 ' + t.fromVersion).join('; ');
    ask('Roll back ' + trial.swapId + ' to ' + trial.checkpointId + '?', back + '\nThe previous set serves again, its state from the checkpoint or migrated down.',
      () => run('Rollback', post('rollback', {})));
  });
  $('confirm-go').addEventListener('click', () => { if (pending) pending(); });
  $('confirm-cancel').addEventListener('click', closeConfirm);

  async function refresh() {
    try {
      render(await call('live?since=' + lastSample));
    } catch (e) {
      $('connection').textContent = 'no answer: ' + e.message;
      $('connection').className = 'pill down';
    }
  }
  // ---- the fleet (only in a container started with --fleet: the API answers 404 otherwise) ----
  const FLEET_TIMELINE = 12;
  const pairs = (map) => Object.entries(map || {}).map(([k, v]) => k + '=' + v).join(', ');
  const versions = (map) => Object.entries(map || {}).map(([k, v]) => k + ' ' + v).join('; ');
  function renderFleet(view) {
    $('fleet-panel').hidden = false;
    $('fleet-where').textContent = view.fleetPath + ' · this node ' + view.node + (view.leading ? ' (coordinator, epoch ' + view.epoch + ')' : '')
      + (view.connected ? '' : ' · ZooKeeper not reachable');
    $('fleet-error').textContent = view.error || '';
    const status = view.rollout;
    const r = status ? status.rollout : null;
    $('rollout-id').textContent = r ? 'Rollout ' + r.id + ' of ' + r.targets.join(', ') : 'no rollout yet';
    $('rollout-state').textContent = r ? r.state : '';
    $('rollout-state').className = r ? 'rollout-' + r.state : '';
    $('rollout-detail').textContent = r ? (r.reason ? r.reason + ' · ' : '') + 'step ' + Math.min(r.currentStep + 1, r.steps.length) + ' of ' + r.steps.length
      + ', max unavailable ' + r.strategy.maxUnavailable + ', failures ' + r.failures : '';
    fill('fleet-steps', r ? r.steps : [], (row, st) => {
      cell(row, st.index + 1); cell(row, st.kind); cell(row, st.nodes.join(', ')); cell(row, st.state, 'step-' + st.state); cell(row, st.analysis);
    });
    const leases = status ? status.leaseHolders : [];
    const ids = Object.keys(view.nodes).concat(r ? r.nodes.filter((n) => !(n in view.nodes)) : []);
    fill('fleet-nodes', ids, (row, id) => {
      const info = view.nodes[id];
      const progress = status ? status.progress[id] : null;
      cell(row, id + (id === view.node ? ' (this)' : ''));
      cell(row, info ? pairs(info.labels) : '');
      cell(row, info ? versions(info.managed) : 'not registered');
      cell(row, info ? info.health : 'gone', info && info.health === 'SERVING' ? 'state-ok' : 'state-over');
      cell(row, progress ? progress.phase : (r && r.nodes.includes(id) ? 'waiting' : ''));
      cell(row, leases.includes(id) ? 'held' : '');
      cell(row, info ? info.trial : '');
      cell(row, info ? info.lastVerdict : '');
    });
    fill('fleet-timeline', r ? r.timeline.slice(-FLEET_TIMELINE).reverse() : [], (row, e) => {
      cell(row, time(e.at)); cell(row, e.event); cell(row, e.node); cell(row, e.detail);
    });
  }
  let fleetPresent = true; // until the API says this container has no fleet agent
  async function refreshFleet() {
    if (!fleetPresent) return;
    try {
      const response = await fetch('api/fleet', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.status === 404) { fleetPresent = false; return; }
      if (response.status === 401) { location.reload(); return; }
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
      renderFleet(body);
    } catch (e) {
      $('fleet-error').textContent = 'fleet view: ' + e.message;
    }
  }

  refresh();
  refreshFleet();
  setInterval(refresh, 1000);
  setInterval(refreshFleet, 2000);
  setInterval(tick, 250);
})();
