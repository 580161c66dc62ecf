// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, and self time
// grouped by where the code lives (our src/, each npm package, Node internals, GC, idle).
// Usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [N=25]
import { readFileSync } from 'node:fs';

const [file, countText] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [N]');
  process.exit(2);
}
const top = Number(countText ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

// Self time per node: each sample's time delta goes to the node it hit.
const selfUs = new Map();
profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node-internal';
  const ours = url.match(/\/bench\/dist\/(src|bench)\//);
  if (ours) return `ours:${ours[1]}`;
  return url;
}

const byFunction = new Map();
const byGroup = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const name = callFrame.functionName || '(anonymous)';
  const group = name.startsWith('(') && !callFrame.url ? name : where(callFrame.url) || '(native)';
  const short = callFrame.url ? `${callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/bench\/dist\//, '').replace(/^file:\/\//, '')}:${callFrame.lineNumber + 1}` : '';
  const key = `${name} ${short}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byGroup.set(group, (byGroup.get(group) ?? 0) + us);
}

const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)}ms`;
console.log(`${file}: ${(totalUs / 1e6).toFixed(2)} s sampled, ${profile.samples.length} samples`);
console.log('\nself time by location:');
for (const [group, us] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(us)} ${ms(us)}  ${group}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${key}`);
