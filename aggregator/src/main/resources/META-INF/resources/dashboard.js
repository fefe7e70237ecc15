// Eddy live dashboard: one EventSource on /api/v1/dashboard/events, one JSON snapshot per tick, plain SVG.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';
  const COLORS = ['--c1', '--c2', '--c3', '--c4', '--c5', '--c6'].map(v =>
    getComputedStyle(document.documentElement).getPropertyValue(v).trim());
  const $ = id => document.getElementById(id);
  const fmt = n => n == null ? '–' : Math.round(n).toLocaleString('en-US');
  const hhmm = t => new Date(t).toISOString().substring(11, 16);
  const hhmmss = t => new Date(t).toISOString().substring(11, 19);
  let last = null;          // the latest snapshot
  let lastAt = 0;           // when it arrived (browser clock)
  let connected = false;

  function el(tag, attrs, text) {
    const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.substring(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text != null) node.textContent = text;
    return node;
  }

  function setPanel(id, panel) {
    const section = $(id);
    const status = panel ? panel.status : 'unavailable';
    section.dataset.status = status;
    section.querySelector('.badge').textContent = status === 'ok' ? '' : status;
    const message = section.querySelector('.message');
    if (message) message.textContent = panel && panel.message ? panel.message : '';
    return panel && panel.data != null ? panel.data : null;
  }

  // ---- charts -------------------------------------------------------------------------------------------------
  /** Line chart of series [{name, color, points: [[t, y]]}] over [from, to], optional dashed threshold. */
  function lineChart(svg, series, from, to, threshold) {
    const box = svg.viewBox.baseVal, W = box.width, H = box.height, L = 44, R = 8, T = 10, B = 22;
    svg.replaceChildren();
    let max = threshold || 0;
    series.forEach(s => s.points.forEach(p => { if (p[1] > max) max = p[1]; }));
    max = niceMax(max);
    const x = t => L + (W - L - R) * (t - from) / Math.max(1, to - from);
    const y = v => H - B - (H - T - B) * v / max;
    for (let i = 0; i <= 4; i++) {
      const v = max * i / 4;
      svg.append(el('svg:line', {class: 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v)}));
      svg.append(el('svg:text', {x: L - 6, y: y(v) + 4, 'text-anchor': 'end'},
        Number.isInteger(v) ? fmt(v) : v.toFixed(1)));
    }
    const step = Math.max(60000, Math.ceil((to - from) / 6 / 60000) * 60000);
    for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
      svg.append(el('svg:text', {x: x(t), y: H - 6, 'text-anchor': 'middle'}, hhmm(t)));
    }
    if (threshold) {
      svg.append(el('svg:line', {class: 'threshold', x1: L, x2: W - R, y1: y(threshold), y2: y(threshold)}));
      svg.append(el('svg:text', {class: 'threshold-label', x: W - R - 4, y: y(threshold) - 4, 'text-anchor': 'end'},
        'alert threshold ' + fmt(threshold)));
    }
    series.forEach(s => {
      if (!s.points.length) return;
      const d = s.points.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ');
      if (s.area) {
        const first = s.points[0][0], lastT = s.points[s.points.length - 1][0];
        svg.append(el('svg:path', {d: d + ` L${x(lastT)} ${y(0)} L${x(first)} ${y(0)} Z`, fill: s.color, 'fill-opacity': .15}));
      }
      svg.append(el('svg:path', {d, fill: 'none', stroke: s.color, 'stroke-width': 2, 'data-series': s.name}));
      s.points.forEach(p => svg.append(el('svg:circle', {cx: x(p[0]), cy: y(p[1]), r: 2.5, fill: s.color})));
    });
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  function bars(list, rows) {
    const max = Math.max(1, ...rows.map(r => r.value));
    list.replaceChildren(...rows.map(r => {
      const li = el('li', r.attrs);
      const label = el('span', {class: 'label', title: r.label}, r.label);
      li.append(el('span', {class: 'bar', style: `width: calc((100% - 5.5rem) * ${r.value / max})`}), label,
        el('span', {class: 'value'}, fmt(r.value)));
      return li;
    }));
  }

  // ---- panels -------------------------------------------------------------------------------------------------
  function renderPipeline(p) {
    const section = $('panel-pipeline');
    section.dataset.status = p.error ? 'unavailable' : 'ok';
    section.querySelector('.badge').textContent = p.error ? 'unavailable' : '';
    $('stages').replaceChildren(...(p.stages || []).map(s => {
      const div = el('div', {class: 'stage' + (s.present ? '' : ' absent'), 'data-stage': s.name,
        'data-rate': s.rate == null ? '' : s.rate, 'data-lag': s.lag == null ? '' : s.lag});
      div.append(el('div', {class: 'name', title: s.topic + (s.group ? ' · group ' + s.group : '')}, s.name));
      const rate = el('div', {class: 'rate'}, !s.present ? 'no topic' : s.rate == null ? '–' : fmt(s.rate));
      rate.append(el('small', {}, s.present ? ' /s' : ''));
      div.append(rate);
      div.append(el('div', {class: 'lag' + (s.lag > 10000 ? ' high' : '')},
        s.group ? (s.lag == null ? 'no commits yet' : 'lag ' + fmt(s.lag)) : s.topic));
      return div;
    }));
    if (p.error) $('stages').append(el('p', {class: 'message'}, p.error));
  }

  function renderPageViews(panel, s) {
    const data = setPanel('panel-page-views', panel);
    if (!data) return;
    const to = s.generated_at, from = to - historyMs(s);
    const total = data.reduce((a, w) => a + w.events, 0), errors = data.reduce((a, w) => a + w.errors, 0);
    Object.assign($('pv-total').dataset, {from, to});
    $('pv-total').textContent = fmt(total);
    $('err-total').textContent = fmt(errors);
    $('pv-last').textContent = data.length ? fmt(data[data.length - 1].events) : '0';
    lineChart($('pv-chart'), [{name: 'views', color: COLORS[0], area: true,
      points: data.map(w => [w.window_start, w.events])}], from, to);
  }

  function renderTopPages(panel) {
    const data = setPanel('panel-top-pages', panel);
    if (!data) return;
    const w = $('top-window');
    w.dataset.start = data.window_start;
    w.textContent = `${data.window} window ${hhmm(data.window_start)}–${hhmm(data.window_end)}`;
    bars($('top-pages'), data.pages.map(p => ({label: p.page, value: p.views,
      attrs: {'data-page': p.page, 'data-views': p.views}})));
    if (!data.pages.length) $('top-pages').append(el('li', {class: 'empty'}, 'no views in this window yet'));
  }

  function renderErrors(panel, s) {
    const data = setPanel('panel-errors', panel);
    if (!data) return;
    const to = s.generated_at, from = to - historyMs(s);
    const byStatus = new Map();
    data.windows.forEach(w => {
      if (!byStatus.has(w.status)) byStatus.set(w.status, []);
      byStatus.get(w.status).push([w.window_start, w.errors]);
    });
    const statuses = [...byStatus.keys()].sort();
    const series = statuses.map((st, i) => ({name: String(st), color: COLORS[i % COLORS.length], points: byStatus.get(st)}));
    lineChart($('err-chart'), series, from, to, data.alert_threshold);
    $('err-legend').replaceChildren(...series.map(sr => {
      const total = sr.points.reduce((a, p) => a + p[1], 0);
      const span = el('span', {'data-status': sr.name, 'data-errors': total});
      span.append(el('i', {style: 'background:' + sr.color}), document.createTextNode(`${sr.name}: ${fmt(total)}`));
      return span;
    }));
    if (!series.length) $('err-legend').append(el('span', {}, 'no errors in history'));
  }

  function renderSessions(panel) {
    const data = setPanel('panel-sessions', panel);
    if (!data) return;
    $('sessions-active').textContent = fmt(data.active);
    $('sessions-total').textContent = fmt(data.sessions);
    bars($('session-lengths'), data.lengths.map(b => ({label: b.label, value: b.count,
      attrs: {'data-bucket': b.label, 'data-count': b.count}})));
  }

  function renderSegments(panel) {
    const data = setPanel('panel-segments', panel);
    if (!data) return;
    $('segments').replaceChildren(...data.slice(0, 12).map(r => {
      const tr = el('tr', {'data-city': r.city, 'data-level': r.level, 'data-events': r.events});
      tr.append(el('td', {}, r.city), el('td', {}, r.level), el('td', {class: 'num'}, fmt(r.events)));
      return tr;
    }));
    if (!data.length) $('segments').append(el('tr', {}, 'no activity in the last 5 minutes'));
  }

  function renderRejected(p) {
    const section = $('panel-rejected');
    section.dataset.status = p.error ? 'unavailable' : 'ok';
    section.querySelector('.badge').textContent = p.error ? 'unavailable' : '';
    const dlq = p.dead_letters, late = p.late_events;
    // "≤" when the topic was too large to count record by record: the offset span is an upper bound.
    $('dlq-total').textContent = dlq ? (dlq.exact ? '' : '≤ ') + fmt(dlq.total) : '–';
    $('late-total').textContent = late ? (late.exact ? '' : '≤ ') + fmt(late.total) : '–';
    const reasons = [];
    (dlq ? dlq.reasons : []).forEach(r => reasons.push(['dlq', r]));
    (late ? late.reasons : []).forEach(r => reasons.push(['late', r]));
    $('rejected-reasons').replaceChildren(...reasons.map(([kind, r]) => {
      const span = el('span', {class: 'chip ' + kind, 'data-kind': kind, 'data-reason': r.reason, 'data-count': r.count});
      span.textContent = `${r.reason} ${fmt(r.count)}`;
      return span;
    }));
    const rows = [];
    (dlq ? dlq.latest : []).forEach(r => rows.push(['dlq', r]));
    (late ? late.latest : []).forEach(r => rows.push(['late', r]));
    rows.sort((a, b) => b[1].timestamp - a[1].timestamp);
    $('rejected-latest').replaceChildren(...rows.slice(0, 12).map(([kind, r]) => {
      const li = el('li', {'data-kind': kind, 'data-reason': r.reason});
      li.append(el('span', {class: 'kind ' + kind}, kind), document.createTextNode(
        ` ${r.reason} · ${r.stage || ''} · p${r.partition}@${r.offset} · ${hhmmss(r.timestamp)}`));
      li.append(el('span', {class: 'detail', title: r.detail}, r.detail));
      return li;
    }));
    if (!rows.length) $('rejected-latest').append(el('li', {}, 'nothing rejected recently'));
  }

  function renderInstances(panel, states) {
    const data = setPanel('panel-instances', panel);
    const stateOf = new Map((states || []).map(s => [s.instance, s.state]));
    const instances = data ? data.instances : [];
    $('instances').replaceChildren(...instances.map(i => {
      const name = i.host + ':' + i.port, state = stateOf.get(name) || 'UNKNOWN';
      const div = el('div', {class: 'instance', 'data-instance': name, 'data-state': state});
      const head = el('div', {class: 'head'});
      head.append(el('b', {}, name + (i.self ? ' (this one)' : '')), el('span', {class: 'state ' + state}, state));
      div.append(head);
      const table = el('table');
      for (const [store, parts] of Object.entries(i.stores)) {
        const tr = el('tr', {'data-store': store, 'data-active': parts.active.join(','), 'data-standby': parts.standby.join(',')});
        tr.append(el('td', {}, store), el('td', {}, 'active ' + (parts.active.join(', ') || '–')),
          el('td', {}, 'standby ' + (parts.standby.join(', ') || '–')));
        table.append(tr);
      }
      div.append(table);
      return div;
    }));
  }

  function historyMs(s) {
    return s.history_ms;
  }

  // ---- freshness ----------------------------------------------------------------------------------------------
  function showFreshness() {
    const conn = $('connection'), banner = $('banner');
    const age = Date.now() - lastAt, interval = last ? last.interval_ms : 1000;
    let problem = null, bad = false;
    if (!last) {
      conn.dataset.state = connected ? 'live' : 'connecting';
      conn.textContent = 'connecting…';
      return;
    }
    if (!connected) {
      conn.dataset.state = 'disconnected'; conn.textContent = 'disconnected · reconnecting';
      problem = `Connection lost: figures are from ${hhmmss(last.generated_at)} UTC and not updating.`; bad = true;
    } else if (age > 3 * interval + 2000) {
      conn.dataset.state = 'stale'; conn.textContent = `stale · ${Math.round(age / 1000)} s`;
      problem = `No update for ${Math.round(age / 1000)} s: the aggregator is slow to answer.`; bad = true;
    } else {
      conn.dataset.state = 'live'; conn.textContent = 'live · ' + hhmmss(last.generated_at) + ' UTC';
    }
    const unsettled = (last.instance_states || []).filter(s => s.state !== 'RUNNING');
    if (!problem && unsettled.length) {
      problem = 'Rebalance under way: ' + unsettled.map(s => `${s.instance} is ${s.state}`).join(', ')
        + '. Panels marked STALE show standby copies; UNAVAILABLE ones will return.';
    }
    const panels = ['page_views_per_minute', 'top_pages', 'errors_per_minute', 'sessions', 'segments'];
    const stale = panels.filter(p => last[p] && last[p].status === 'stale').length;
    if (!problem && stale) problem = `${stale} panel(s) read from standby copies (may lag slightly).`;
    banner.textContent = problem || '';
    banner.classList.toggle('hidden', !problem);
    banner.classList.toggle('bad', bad);
    banner.dataset.problem = problem ? 'true' : 'false';
  }

  function render(s) {
    last = s; lastAt = Date.now();
    $('served-by').textContent = `served by ${s.served_by} · ${s.state}`;
    renderPipeline(s.pipeline);
    renderPageViews(s.page_views_per_minute, s);
    renderTopPages(s.top_pages);
    renderErrors(s.errors_per_minute, s);
    renderSessions(s.sessions);
    renderSegments(s.segments);
    renderRejected(s.pipeline);
    renderInstances(s.instances, s.instance_states);
    document.body.dataset.snapshot = String(s.generated_at);
    showFreshness();
  }

  function connect() {
    const source = new EventSource('/api/v1/dashboard/events');
    source.onopen = () => { connected = true; showFreshness(); };
    source.onmessage = e => { connected = true; render(JSON.parse(e.data)); };
    // EventSource reconnects by itself; the page says so meanwhile.
    source.onerror = () => { connected = source.readyState === EventSource.OPEN; showFreshness(); };
  }

  setInterval(showFreshness, 1000);
  connect();
})();
