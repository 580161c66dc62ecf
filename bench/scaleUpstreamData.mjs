// Rewrites the bench upstream's data set (served from disk by the nginx that ../shared/bench/peers.sh
// starts) at SCALE times its size: 100×SCALE posts by 10×SCALE users, in the same jsonplaceholder
// shape as the harness's own generator. peers.sh start writes the original size back.
// Usage: node bench/scaleUpstreamData.mjs <data dir> <scale>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, scaleText] = process.argv.slice(2);
const scale = Number(scaleText);
if (!out || !Number.isInteger(scale) || scale < 1) {
  console.error('usage: node bench/scaleUpstreamData.mjs <data dir> <scale ≥ 1>');
  process.exit(2);
}
const postCount = 100 * scale;
const userCount = 10 * scale;
mkdirSync(join(out, 'users'), { recursive: true });
const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon'.split(' ');
const text = (seed, n) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ');
const posts = Array.from({ length: postCount }, (_, i) => ({ userId: Math.floor(i / 10) + 1, id: i + 1, title: text(i, 6), body: text(i + 3, 30) }));
const users = Array.from({ length: userCount }, (_, i) => ({
  id: i + 1, name: `User ${i + 1}`, username: `user${i + 1}`, email: `user${i + 1}@example.org`,
  address: { street: `${i + 1} Main St`, suite: `Apt ${i}`, city: 'Springfield', zipcode: `0000${i}`, geo: { lat: `${i}.5`, lng: `-${i}.5` } },
  phone: `555-010${i}`, website: `user${i + 1}.example.org`, company: { name: `Company ${i + 1}`, catchPhrase: text(i, 4), bs: text(i + 1, 3) },
}));
writeFileSync(join(out, 'posts.json'), JSON.stringify(posts));
writeFileSync(join(out, 'users.json'), JSON.stringify(users));
for (const user of users) writeFileSync(join(out, 'users', `${user.id}.json`), JSON.stringify(user));
console.log(`bench upstream data: ${postCount} posts, ${userCount} users`);
