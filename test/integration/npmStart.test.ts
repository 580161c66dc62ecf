import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * A container runtime signals PID 1, which is `npm start` itself: the signal must reach the
 * gateway, which drains and exits, and nothing may keep answering on the port afterwards.
 */
describe('npm start under a process manager', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'passes %s on to the gateway, which drains and exits',
    async (signal) => {
      const npm = spawn('npm', ['start', '--silent'], {
        cwd: root,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? root, PORT: '0', LOG_LEVEL: 'info' },
      });
      let out = '';
      npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      npm.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`npm start did not serve in time: ${out}`)), 60_000);
          const check = () => {
            const match = out.match(/serving (http:\/\/\S+\/graphql)/);
            if (match) {
              clearTimeout(timer);
              resolve(match[1] as string);
            }
          };
          npm.stdout.on('data', check);
        });
        expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
        npm.kill(signal);
        await exited;
        // The gateway logs its drain and stop, then the port no longer answers.
        await waitUntil(() => out.includes('"msg":"stopped"'));
        expect(out).toContain(`"signal":"${signal}"`);
        await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
      } finally {
        npm.kill('SIGKILL');
      }
    },
    90_000,
  );
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
