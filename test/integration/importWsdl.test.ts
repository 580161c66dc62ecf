import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run import:wsdl -- …` as npm would, without npm: node with tsx, from the repository root. */
function importWsdl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/importWsdl.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

describe('npm run import:wsdl', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-wsdl-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the SDL on stdout and the notes on stderr', async () => {
    const run = await importWsdl('test/fixtures/wsdl/soap12-only.wsdl', '--source', 'health');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'extend schema @source(name: "health", soap: {wsdl: "test/fixtures/wsdl/soap12-only.wsdl", endpoint: "{env.HEALTH_URL}"})',
    );
    expect(run.stdout).toContain(
      ' @soap(source: "health", operation: "ResetCounter", input: {counter: "{args.counter}"}, resultPath: "previous")',
    );
    expect(run.stderr).toBe('note: binding HealthHttpGet: not a SOAP binding, skipped\n');
  });

  it('writes the SDL to --out', async () => {
    const out = join(dir, 'payments.graphql');
    const run = await importWsdl('schema/wsdl/payments.wsdl', '--source', 'payments', '--out', out);
    expect(run).toEqual({ code: 0, stdout: '', stderr: `Wrote ${out}\n` });
    expect(readFileSync(out, 'utf8')).toContain('getPaymentStatus(orderId: String!): Payment');
  });

  it('exits 2 with the usage on a usage error', async () => {
    const noSource = await importWsdl('schema/wsdl/payments.wsdl');
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain('--source <name> is required');
    expect(noSource.stderr).toContain('Usage:\n  npm run import:wsdl -- <wsdl file> --source <name>');
    expect(noSource.stdout).toBe('');
    expect((await importWsdl('--source', 'x')).code).toBe(2);
    expect((await importWsdl('a.wsdl', '--source', 'x', '--colour', 'red')).code).toBe(2);
    expect((await importWsdl('a.wsdl', '--source', 'not valid')).stderr).toContain('--source "not valid" must be an identifier');
  });

  it('exits 1 with a clear message when the WSDL cannot be read', async () => {
    const missing = await importWsdl('test/fixtures/wsdl/nope.wsdl', '--source', 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Cannot read WSDL test\/fixtures\/wsdl\/nope\.wsdl: ENOENT/);
    expect(missing.stdout).toBe('');

    const broken = join(dir, 'broken.wsdl');
    writeFileSync(broken, '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"><types>');
    const notXml = await importWsdl(broken, '--source', 'x');
    expect(notXml.code).toBe(1);
    expect(notXml.stderr).toContain(`Cannot read WSDL ${broken}: XML is not well-formed`);
  });

  it('exits 1 when the WSDL has no SOAP operation, after saying why', async () => {
    const httpOnly = join(dir, 'http-only.wsdl');
    writeFileSync(
      httpOnly,
      '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"><binding name="Get"><http:binding verb="GET"/></binding></definitions>',
    );
    const run = await importWsdl(httpOnly, '--source', 'x');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('note: binding Get: not a SOAP binding, skipped\n');
    expect(run.stderr).toContain(`WSDL ${httpOnly} has no SOAP operations that can be called.`);
  });

  it('--query makes the operations it names idempotent Query fields, and --cache-max-age caches them', async () => {
    const run = await importWsdl(
      'test/fixtures/wsdl/public/apache-cxf/hello_world.wsdl',
      '--source',
      'greeter',
      '--query',
      'greet*',
      '--cache-max-age',
      '60',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'extend type Query {\n  """\n  greetMe: SOAP 1.1 document/literal, SOAPAction ""\n  """\n' +
        '  greetMe(requestType: String!): String @cacheControl(maxAge: 60) @soap(source: "greeter", operation: "greetMe", ' +
        'input: {requestType: "{args.requestType}"}, resultPath: "responseType", idempotent: true)\n}',
    );
    expect(run.stdout).not.toContain('extend type Mutation');
  });

  it('refuses an empty --query and a --cache-max-age that is not a whole number of seconds', async () => {
    const hello = 'test/fixtures/wsdl/public/apache-cxf/hello_world.wsdl';
    const emptyQuery = await importWsdl(hello, '--source', 'g', '--query', ' , ');
    expect(emptyQuery.code).toBe(2);
    expect(emptyQuery.stderr).toContain('--query needs at least one operation name pattern');
    const badAge = await importWsdl(hello, '--source', 'g', '--cache-max-age', '1.5');
    expect(badAge.code).toBe(2);
    expect(badAge.stderr).toContain('--cache-max-age "1.5" must be a whole number of seconds above 0.');
  });
});
