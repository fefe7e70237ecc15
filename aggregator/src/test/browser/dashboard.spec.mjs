// Loads the dashboard in Debian's headless Chromium, checks every panel rendered, compares the numbers on the page
// with what the query API answers for the same windows, saves a screenshot, and prints one line
// "RESULT <json>" of what the page showed (the JUnit side asserts on it). Exit code 0 only when everything matched.
// Usage: node dashboard.spec.mjs <base-url> <screenshot.png>
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node dashboard.spec.mjs <base-url> <screenshot.png>');
  process.exit(2);
}
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const num = text => Number(String(text).replace(/,/g, ''));
const api = async path => {
  const response = await fetch(new URL(path, base));
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests = [];
  page.on('request', r => requests.push(r.url()));
  page.on('pageerror', e => failures.push('page error: ' + e.message));
  await page.goto(base, { waitUntil: 'domcontentloaded' });

  // 1. Live: the first pushed snapshot rendered, and a later one replaced it (pushed, not loaded once).
  await page.waitForSelector('body[data-snapshot]', { timeout: 20000 });
  const first = await page.getAttribute('body', 'data-snapshot');
  await page.waitForFunction(f => document.body.dataset.snapshot !== f, first, { timeout: 15000 });
  await page.waitForSelector('#top-pages li[data-page]', { timeout: 20000 });
  await page.waitForSelector('#instances [data-instance]', { timeout: 20000 });
  check(await page.getAttribute('#connection', 'data-state') === 'live', 'connection badge says live');

  // 2. Read what the page shows, all from one snapshot (the page re-renders every second).
  const shown = await page.evaluate(() => {
    const q = s => document.querySelector(s), all = s => [...document.querySelectorAll(s)];
    const n = t => Number(String(t).replace(/,/g, ''));
    return {
      snapshot: document.body.dataset.snapshot,
      panels: Object.fromEntries(all('section.panel').map(p => [p.id, p.dataset.status])),
      stages: all('[data-stage]').map(s => ({ name: s.dataset.stage, rate: s.dataset.rate, lag: s.dataset.lag })),
      pv_total: n(q('#pv-total').textContent), pv_from: q('#pv-total').dataset.from, pv_to: q('#pv-total').dataset.to,
      err_total: n(q('#err-total').textContent),
      pv_points: q('#pv-chart path[data-series=views]') ? q('#pv-chart').querySelectorAll('circle').length : 0,
      threshold_drawn: !!q('#err-chart line.threshold'),
      errors: all('#err-legend [data-status]').map(s => ({ status: n(s.dataset.status), errors: n(s.dataset.errors) })),
      top_start: q('#top-window').dataset.start,
      top: all('#top-pages li[data-page]').map(li => ({ page: li.dataset.page, views: n(li.querySelector('.value').textContent) })),
      sessions_active: n(q('#sessions-active').textContent), sessions_total: n(q('#sessions-total').textContent),
      lengths: all('#session-lengths li[data-bucket]').map(li => ({ bucket: li.dataset.bucket, count: n(li.dataset.count) })),
      segments: all('#segments tr[data-city]').map(tr => ({ city: tr.dataset.city, level: tr.dataset.level,
        events: n(tr.querySelector('.num').textContent) })),
      dlq_total: n(q('#dlq-total').textContent), late_total: n(q('#late-total').textContent),
      rejected: all('#rejected-latest li[data-kind]').map(li => ({ kind: li.dataset.kind, reason: li.dataset.reason })),
      instances: all('#instances [data-instance]').map(i => ({ instance: i.dataset.instance, state: i.dataset.state,
        stores: Object.fromEntries([...i.querySelectorAll('tr[data-store]')].map(tr => [tr.dataset.store, tr.dataset.active])) })),
      banner: q('#banner').dataset.problem || 'false',
    };
  });

  // 3. The same numbers from the query API.
  const totals = await api(`/api/v1/totals?from=${shown.pv_from}&to=${shown.pv_to}`);
  check(shown.pv_total === totals.events, `page views in history: page ${shown.pv_total}, API ${totals.events}`);
  check(shown.err_total === totals.errors, `errors in history: page ${shown.err_total}, API ${totals.errors}`);
  check(shown.pv_points === totals.windows.length, `page-view chart points ${shown.pv_points}, API windows ${totals.windows.length}`);

  const top = await api(`/api/v1/top-pages?window=5m&start=${shown.top_start}&n=10`);
  check(JSON.stringify(shown.top) === JSON.stringify(top.pages.map(p => ({ page: p.page, views: p.views }))),
    `top pages: page ${JSON.stringify(shown.top)}, API ${JSON.stringify(top.pages)}`);

  const errors = await api(`/api/v1/errors?from=${shown.pv_from}&to=${shown.pv_to}`);
  const apiErrors = {};
  errors.windows.forEach(w => { apiErrors[w.status] = (apiErrors[w.status] || 0) + w.errors; });
  const pageErrors = Object.fromEntries(shown.errors.map(e => [e.status, e.errors]));
  check(JSON.stringify(pageErrors) === JSON.stringify(apiErrors),
    `errors by status: page ${JSON.stringify(pageErrors)}, API ${JSON.stringify(apiErrors)}`);
  check(shown.threshold_drawn, 'alert threshold line drawn on the errors chart');

  const minute = 60000, to = Number(shown.snapshot);
  const segments = await api(`/api/v1/segments?from=${Math.floor(to / minute) * minute - 4 * minute}&to=${to}`);
  const apiSegments = {};
  segments.windows.forEach(w => { const k = w.city + '/' + w.level; apiSegments[k] = (apiSegments[k] || 0) + w.events; });
  const pageSegments = Object.fromEntries(shown.segments.map(s => [s.city + '/' + s.level, s.events]));
  check(JSON.stringify(Object.entries(pageSegments).sort()) === JSON.stringify(Object.entries(apiSegments).sort()),
    `segments: page ${JSON.stringify(pageSegments)}, API ${JSON.stringify(apiSegments)}`);

  const instances = await api('/api/v1/instances');
  const apiInstances = instances.instances.map(i => ({ instance: `${i.host}:${i.port}`,
    stores: Object.fromEntries(Object.entries(i.stores).map(([s, p]) => [s, p.active.join(',')])) }));
  check(JSON.stringify(shown.instances.map(i => ({ instance: i.instance, stores: i.stores }))) === JSON.stringify(apiInstances),
    `instances: page ${JSON.stringify(shown.instances)}, API ${JSON.stringify(apiInstances)}`);

  for (const [panel, status] of Object.entries(shown.panels)) {
    check(status === 'ok', `panel ${panel} is ${status}`);
  }
  check(shown.lengths.length === 6, 'session length histogram has its six buckets');
  check(!requests.some(u => !u.startsWith(base) && !u.startsWith('data:')), 'no request leaves the aggregator (works offline): '
    + requests.filter(u => !u.startsWith(base)).join(' '));

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('RESULT ' + JSON.stringify(shown));
} catch (e) {
  failures.push(String(e && e.stack || e));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('DASHBOARD CHECKS FAILED:\n - ' + failures.join('\n - '));
  process.exit(1);
}
console.log('dashboard checks passed');
