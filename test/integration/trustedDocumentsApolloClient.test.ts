import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePersistedQueryIdsFromManifest, type PersistedQueryManifestForVerification } from '@apollo/persisted-query-lists';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

// Apollo Client's entry points are typed as ES modules: loaded the way a CommonJS module may.
const loadApolloClient = async () => ({
  ...(await import('@apollo/client/core')),
  ...(await import('@apollo/client/link/persisted-queries')),
});

/**
 * Trusted documents end to end with Apollo's own tooling: the manifest is written by
 * `generate-persisted-query-manifest` from the app's documents, and the operations are sent by
 * Apollo Client's persisted-query link, which sends ids only.
 */
const CATALOG = 'query Catalog {\n  products {\n    sku\n    name\n  }\n}\n';
const STATUS = 'query Status($id: ID!) {\n  orderStatus(id: $id)\n}\n';

describe("trusted documents with Apollo Client and Apollo's manifest generator", () => {
  const app = mkdtempSync(join(tmpdir(), 'tributary-app-'));
  let manifest: PersistedQueryManifestForVerification;
  let gateway: TestGateway;
  const sent: unknown[] = [];

  beforeAll(async () => {
    mkdirSync(join(app, 'src'));
    writeFileSync(join(app, 'src', 'catalog.graphql'), CATALOG);
    writeFileSync(join(app, 'src', 'status.graphql'), STATUS);
    writeFileSync(
      join(app, 'persisted-query-manifest.config.json'),
      JSON.stringify({ documents: ['src/**/*.graphql'], output: 'manifest.json' }),
    );
    execFileSync(join(__dirname, '..', '..', 'node_modules', '.bin', 'generate-persisted-query-manifest'), [], { cwd: app, stdio: 'pipe' });
    manifest = JSON.parse(readFileSync(join(app, 'manifest.json'), 'utf8')) as PersistedQueryManifestForVerification;
    gateway = await startTestGateway({ configEnv: { TRUSTED_DOCUMENTS: 'ids', TRUSTED_DOCUMENTS_MANIFEST: join(app, 'manifest.json') } });
  });
  afterAll(() => gateway.close());

  const client = async () => {
    const { ApolloClient, HttpLink, InMemoryCache, createPersistedQueryLink } = await loadApolloClient();
    const partner = await testToken('partner-acme', ['orders:status']);
    const recordingFetch: typeof fetch = async (input, init) => {
      sent.push(JSON.parse(typeof init?.body === 'string' ? init.body : '{}'));
      return fetch(input, init);
    };
    return new ApolloClient({
      link: createPersistedQueryLink(generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest })).concat(
        new HttpLink({ uri: `${gateway.url}/graphql`, fetch: recordingFetch, headers: { authorization: `Bearer ${partner}` } }),
      ),
      cache: new InMemoryCache(),
    });
  };

  it('serves the listed operations that Apollo Client sends by id only', async () => {
    expect(manifest.operations.map((operation) => operation.name).sort()).toEqual(['Catalog', 'Status']);
    const { gql } = await loadApolloClient();
    const apollo = await client();
    const catalog = await apollo.query<{ products: { sku: string; name: string }[] }>({ query: gql(CATALOG) });
    expect(catalog.data.products.length).toBeGreaterThan(0);
    expect(catalog.data.products[0]).toEqual(expect.objectContaining({ sku: expect.any(String), name: expect.any(String) }));
    const status = await apollo.query<{ orderStatus: string }>({ query: gql(STATUS), variables: { id: '1001' } });
    expect(status.data.orderStatus).toBe('PLACED');
    // Ids only: no document text ever went over the wire.
    expect(sent.length).toBe(2);
    for (const body of sent) expect(body).not.toHaveProperty('query');
  });

  it('refuses an operation the app did not register, even one Apollo Client sends with its text', async () => {
    const { gql } = await loadApolloClient();
    const apollo = await client();
    await expect(apollo.query({ query: gql('query Unregistered { products { sku description } }') })).rejects.toThrow();
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Unregistered { products { sku description } }' }),
    });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'PERSISTED_QUERY_ID_REQUIRED',
    );
  });
});
