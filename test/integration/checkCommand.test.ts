import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport } from '../../src/check/CheckReport';

const ROOT = join(__dirname, '..', '..');

/** `npm run check` as CI runs it: the CLI in a child process, its exit code and its output. */
function runCheck(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'check.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      SHOP_URL: 'https://shop.example.com',
      SHOP_API_KEY: 'k',
      SHOP_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      PAYMENTS_URL: 'https://pay.example.com/soap',
      INFERENCE_URL: 'https://models.example.com/v1',
      INFERENCE_API_KEY: 'k',
      INFERENCE_MODEL: 'm',
      INFERENCE_EMBEDDING_MODEL: 'e',
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('npm run check', () => {
  it('passes the demo schema against itself at HEAD: no problem, no breaking change', () => {
    const { status, stdout } = runCheck(['schema', '--against', 'HEAD']);
    expect(stdout).toMatch(/0 error\(s\), \d+ warning\(s\); against HEAD: 0 breaking, 0 dangerous, 0 safe change\(s\)/);
    expect(status).toBe(0);
  }, 30_000);

  it('fails on a breaking change against the previous folder, and says so in JSON', () => {
    const previous = folder({ 'api.graphql': 'type Query { greeting: String farewell: String }' });
    const current = folder({ 'api.graphql': 'type Query { greeting: String }' });
    const { status, stdout } = runCheck([current, '--against', previous, '--json']);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.changes).toEqual([{ level: 'breaking', coordinate: 'Query.farewell', message: expect.stringContaining('farewell') }]);
    expect(status).toBe(1);
  }, 30_000);

  it('fails on a schema problem, naming its coordinate', () => {
    const broken = folder({ 'api.graphql': 'type Query { a: String @rest(source: "missing", path: "/a") }' });
    mkdirSync(join(broken, 'examples'));
    const { status, stdout } = runCheck([broken]);
    expect(stdout).toMatch(/^error {6}Query\.a: /m);
    expect(status).toBe(1);
  }, 30_000);
});
