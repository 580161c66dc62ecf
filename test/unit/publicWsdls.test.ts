import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { wsdlToSdl } from '../../src/importers/wsdl/wsdlToSdl';
import { readWsdl } from '../../src/connectors/soap/wsdl/readWsdl';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';

const ROOT = join(__dirname, '..', '..');
const PUBLIC = join(ROOT, 'test', 'fixtures', 'wsdl', 'public');
const ROOT_TYPES = 'type Query { _: String } type Mutation { _: String }';
const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

/** Every WSDL vendored from public repositories (see test/fixtures/wsdl/README.md), as a path relative to the repository. */
const wsdls = (readdirSync(PUBLIC, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.wsdl'))
  .map((file) => relative(ROOT, join(PUBLIC, file)))
  .sort();

describe('importing public WSDLs', () => {
  it('has WSDLs of several authors and styles to import', () => {
    expect(wsdls.length).toBeGreaterThanOrEqual(10);
  });

  it.each(wsdls)('%s: reads, imports and compiles with the real schema compiler', async (path) => {
    const file = join(ROOT, path);
    const wsdl = readWsdl(readFileSync(file, 'utf8'), file);
    const { sdl, notes } = wsdlToSdl(wsdl, 'upstream', path, {
      queryOperations: ['get*', 'Get*', 'List*', 'read*'],
      cacheMaxAgeSeconds: 30,
    });
    for (const note of notes) expect(sdl).toContain(`# NOTE: ${note.replace(/\s*\n\s*/g, ' ')}`);
    if (wsdl.operations.size === 0) return;
    const { schema } = await compileSchema({
      typeDefs: [sdl, ROOT_TYPES],
      env: { UPSTREAM_URL: 'http://127.0.0.1:9/soap' },
      ...runtime,
      baseDir: ROOT,
    });
    const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((type) => Object.keys(type?.getFields() ?? {}));
    expect(roots.filter((name) => name !== '_').length).toBeGreaterThan(0);
  });

  it('skips SOAP-encoded operations with a note each, never silently', () => {
    const file = join(PUBLIC, 'node-soap', 'rpc-encoded.wsdl');
    const wsdl = readWsdl(readFileSync(file, 'utf8'), file);
    const { notes } = wsdlToSdl(wsdl, 'files', 'rpc-encoded.wsdl');
    expect(wsdl.operations.size).toBe(0);
    expect(notes).toContain('operation putFile: SOAP-encoded (use="encoded") is not supported, skipped');
  });
});
