/**
 * Load test: a mixed demo workload against the real gateway (compiled, with its embedded demo
 * upstreams), 100 concurrent clients for 60 s by default. Prints requests/s, latency percentiles,
 * errors, and resident memory after warm-up and after the run (a leak shows as growth).
 *
 *   npm run build && npx tsx bench/load.ts            # DURATION=60 CONNECTIONS=100 WARMUP=10 PORT=4300
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signToken } from '../src/auth/signToken';

const root = join(__dirname, '..');
const port = Number(process.env['PORT'] ?? 4300);
const duration = Number(process.env['DURATION'] ?? 60);
const connections = Number(process.env['CONNECTIONS'] ?? 100);
const warmup = Number(process.env['WARMUP'] ?? 10);
const secret = 'load-test-secret-that-is-long-enough-32';
const url = `http://127.0.0.1:${port}`;

/** One request of the mix: public catalog reads dominate, as on a shop's API. */
interface Operation {
  readonly weight: number;
  readonly query: string;
  readonly token?: string;
}

async function operations(): Promise<Operation[]> {
  const token = (subject: string, scopes: string[]) => signToken({ secret, subject, scopes, ttl: '1h' });
  const agent = await token('agent-7', ['customers:read', 'orders:read', 'payments:read']);
  const customer = await token('1', []);
  const partner = await token('partner-acme', ['orders:status']);
  return [
    { weight: 5, query: '{ products { sku name price { amount currency } stock } }' },
    {
      weight: 2,
      query: '{ orders(first: 20) { id status placedAt total { amount currency } customer { name } payment { status } } }',
      token: agent,
    },
    { weight: 2, query: '{ me { name orders { id status total { amount currency } } } }', token: customer },
    { weight: 1, query: '{ orderStatus(id: "1007") }', token: partner },
  ];
}

async function residentMemoryMb(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^tributary_process_resident_memory_bytes (\d+)/m.exec(text);
  return match ? Math.round(Number(match[1]) / 1024 / 1024) : NaN;
}

function run(seconds: number, mix: Operation[]): Promise<autocannon.Result> {
  const requests = mix.flatMap((operation) =>
    Array.from({ length: operation.weight }, () => ({
      method: 'POST' as const,
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...(operation.token ? { authorization: `Bearer ${operation.token}` } : {}) },
      body: JSON.stringify({ query: operation.query }),
    })),
  );
  return autocannon({ url, connections, duration: seconds, requests });
}

async function main(): Promise<void> {
  const gateway = spawn(process.execPath, [join(root, 'dist', 'main.js')], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'error', JWT_SECRET: secret, RATE_LIMIT_POINTS: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      gateway.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('serving') && resolve());
      gateway.on('exit', (code) => reject(new Error(`gateway exited with ${code}; run npm run build first`)));
    });
    const mix = await operations();
    await run(warmup, mix);
    const afterWarmup = await residentMemoryMb();
    const result = await run(duration, mix);
    const afterRun = await residentMemoryMb();
    const lines = [
      `duration ${duration} s, ${connections} connections, mixed workload (catalog 50%, agent orders+payments 20%, customer me 20%, partner status 10%)`,
      `requests/s  mean ${result.requests.average}  total ${result.requests.total}`,
      `latency ms  p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`,
      `errors ${result.errors}  timeouts ${result.timeouts}  non-2xx ${result.non2xx}`,
      `resident memory MB  after warm-up ${afterWarmup}  after run ${afterRun}  growth ${Math.round(((afterRun - afterWarmup) / afterWarmup) * 100)} %`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    gateway.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
