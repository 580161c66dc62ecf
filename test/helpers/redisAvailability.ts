import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

/** Whether something answers at the URL's host and port (checked synchronously, for describe blocks). */
export function redisReachable(url = REDIS_URL): boolean {
  const { hostname, port } = new URL(url);
  const probe =
    `require('net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)})` +
    `.on('connect', () => process.exit(0)).on('error', () => process.exit(1)); setTimeout(() => process.exit(1), 1000);`;
  return spawnSync(process.execPath, ['-e', probe]).status === 0;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/**
 * `describe` when the requirement holds; otherwise `describe.skip` with a printed notice — except
 * under CI=true, where the suite must run (and fail loudly if Redis is missing).
 */
export function describeWhen(available: boolean, notice: string): jest.Describe {
  if (available || process.env['CI'] === 'true') return describe;
  console.warn(`skipped: ${notice}`);
  return describe.skip;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A throwaway redis-server of the test's own, so it can be stopped and started again. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (redisReachable(`redis://127.0.0.1:${port}`)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

export function stopRedisServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
