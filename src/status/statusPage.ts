import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The page: a table of sources and a small live chart per source, drawn by uPlot (served from here, no CDN). */
export const STATUS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tributary status</title>
<link rel="stylesheet" href="/status/uPlot.min.css">
<style>
  body { font: 14px system-ui, sans-serif; margin: 24px; color: #1d2733; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  p.note { color: #5b6b7c; margin: 0 0 16px; }
  table { border-collapse: collapse; margin-bottom: 24px; }
  th, td { padding: 6px 12px; text-align: right; border-bottom: 1px solid #e3e8ee; }
  th:first-child, td:first-child { text-align: left; }
  .closed { color: #1a7f37; } .half-open { color: #9a6700; } .open { color: #cf222e; font-weight: 600; }
  .charts { display: flex; flex-wrap: wrap; gap: 24px; }
  .chart h2 { font-size: 14px; margin: 0 0 4px; }
</style>
</head>
<body>
<h1>Tributary status</h1>
<p class="note">Every upstream source, summed over the gateway's workers; refreshed every 2 s. Rates, error ratios and latencies are over the last interval.</p>
<table id="sources">
  <thead><tr><th>source</th><th>circuit</th><th>calls/s</th><th>errors</th><th>p50</th><th>p99</th><th>cache hits</th></tr></thead>
  <tbody></tbody>
</table>
<div class="charts" id="charts"></div>
<script src="/status/uPlot.iife.min.js"></script>
<script src="/status/page.js"></script>
</body>
</html>
`;

/** Polls /status.json, turns successive counters into rates and percentiles, and draws them. */
const PAGE_SCRIPT = `(function () {
  var previous = null;
  var history = {};
  var charts = {};
  var CIRCUIT = ['closed', 'half-open', 'open'];
  function total(calls) { var sum = 0; for (var k in calls) sum += calls[k]; return sum; }
  function failures(calls) { var sum = 0; for (var k in calls) if (k !== 'success' && k !== 'client_error') sum += calls[k]; return sum; }
  function quantile(q, now, before) {
    var buckets = now.map(function (b, i) { return [b[0] === null ? Infinity : b[0], b[1] - (before && before[i] ? before[i][1] : 0)]; });
    var count = buckets.length ? buckets[buckets.length - 1][1] : 0;
    if (count <= 0) return null;
    var rank = q * count, lower = 0, below = 0;
    for (var i = 0; i < buckets.length; i++) {
      var upper = buckets[i][0], cumulative = buckets[i][1];
      if (cumulative >= rank) {
        if (upper === Infinity) return lower * 1000;
        var inBucket = cumulative - below;
        return (lower + (upper - lower) * (inBucket > 0 ? (rank - below) / inBucket : 0)) * 1000;
      }
      lower = upper; below = cumulative;
    }
    return null;
  }
  function fmt(value, unit) { return value === null || value === undefined || isNaN(value) ? '–' : (Math.round(value * 10) / 10) + unit; }
  function render(report) {
    var rows = [];
    report.sources.forEach(function (source) {
      var before = previous && previous.sources.filter(function (s) { return s.name === source.name; })[0];
      var seconds = previous ? (report.time - previous.time) / 1000 : 0;
      var calls = total(source.calls) - (before ? total(before.calls) : 0);
      var errors = failures(source.calls) - (before ? failures(before.calls) : 0);
      var rate = seconds > 0 ? calls / seconds : null;
      var p50 = quantile(0.5, source.latency, before && before.latency);
      var p99 = quantile(0.99, source.latency, before && before.latency);
      var hits = source.cache.hit - (before ? before.cache.hit : 0), misses = source.cache.miss - (before ? before.cache.miss : 0);
      var circuit = CIRCUIT[source.circuit] || 'closed';
      rows.push('<tr data-source="' + source.name + '"><td>' + source.name + '</td><td class="' + circuit + '">' + circuit + '</td><td>' + fmt(rate, '') +
        '</td><td>' + (calls > 0 ? fmt(100 * errors / calls, ' %') : '–') + '</td><td>' + fmt(p50, ' ms') + '</td><td>' + fmt(p99, ' ms') +
        '</td><td>' + (hits + misses > 0 ? fmt(100 * hits / (hits + misses), ' %') : '–') + '</td></tr>');
      var series = history[source.name] || (history[source.name] = [[], [], [], []]);
      series[0].push(report.time / 1000); series[1].push(rate); series[2].push(p50); series[3].push(p99);
      if (series[0].length > 90) series.forEach(function (s) { s.shift(); });
      if (!charts[source.name]) {
        var box = document.createElement('div'); box.className = 'chart'; box.setAttribute('data-source', source.name);
        box.innerHTML = '<h2>' + source.name + '</h2>';
        document.getElementById('charts').appendChild(box);
        charts[source.name] = new uPlot({
          width: 420, height: 180,
          series: [{}, { label: 'calls/s', stroke: '#0969da' }, { label: 'p50 ms', stroke: '#1a7f37', scale: 'ms' }, { label: 'p99 ms', stroke: '#cf222e', scale: 'ms' }],
          axes: [{}, { label: 'calls/s' }, { side: 1, scale: 'ms', label: 'ms', grid: { show: false } }]
        }, series, box);
      } else {
        charts[source.name].setData(series);
      }
    });
    document.querySelector('#sources tbody').innerHTML = rows.join('');
    previous = report;
  }
  function poll() {
    fetch('/status.json', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(render).catch(function () {}).then(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
`;

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const ASSETS: Record<string, { readonly contentType: string; readonly load: () => Buffer }> = {
  'uPlot.iife.min.js': {
    contentType: 'text/javascript; charset=utf-8',
    load: () => readFileSync(packageFile('uplot', 'dist/uPlot.iife.min.js')),
  },
  'uPlot.min.css': { contentType: 'text/css; charset=utf-8', load: () => readFileSync(packageFile('uplot', 'dist/uPlot.min.css')) },
  'page.js': { contentType: 'text/javascript; charset=utf-8', load: () => Buffer.from(PAGE_SCRIPT) },
};

const loaded = new Map<string, Buffer>();

/** A status-page asset by file name (read once); undefined for any other name. */
export function statusAsset(name: string): { readonly contentType: string; readonly body: Buffer } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (asset === undefined) return undefined;
  let body = loaded.get(name);
  if (body === undefined) loaded.set(name, (body = asset.load()));
  return { contentType: asset.contentType, body };
}
