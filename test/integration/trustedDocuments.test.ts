import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { documentId } from '../../src/trustedDocuments/TrustedDocuments';
import { LineCapture } from '../helpers/LineCapture';
import { startTestGateway, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

const CATALOG = 'query Catalog {\n  products {\n    sku\n    name\n  }\n}';
const STATUS = 'query Status($id: ID!) {\n  orderStatus(id: $id)\n}';
const UNLISTED = '{ products { sku description } }';

/** A manifest as @apollo/generate-persisted-query-manifest writes it: sha256 ids of each operation's body. */
function apolloManifest(dir: string): string {
  const path = join(dir, 'persisted-query-manifest.json');
  const operations = [
    { id: documentId(CATALOG), name: 'Catalog', type: 'query', body: CATALOG },
    { id: documentId(STATUS), name: 'Status', type: 'query', body: STATUS },
  ];
  writeFileSync(path, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
  return path;
}

/** A manifest as GraphQL Code Generator's client preset writes it (persistedDocuments: true): id → document. */
function codegenManifest(dir: string): string {
  const path = join(dir, 'persisted-documents.json');
  writeFileSync(path, JSON.stringify({ [documentId(CATALOG)]: CATALOG }));
  return path;
}

interface Sent {
  status: number;
  body: GraphQLResponse;
  shopCalls: number;
}

describe('trusted documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-trusted-'));
  const send = async (gateway: TestGateway, payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Sent> => {
    const before = gateway.shop?.requests.length ?? 0;
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });
    return {
      status: response.status,
      body: (await response.json()) as GraphQLResponse,
      shopCalls: (gateway.shop?.requests.length ?? 0) - before,
    };
  };
  const byId = (id: string, variables?: Record<string, unknown>) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: id } },
    ...(variables ? { variables } : {}),
  });
  const codeOf = (sent: Sent) => sent.body.errors?.[0]?.extensions?.['code'];

  describe('safelist, with staff exempt', () => {
    let gateway: TestGateway;
    const audit = new LineCapture();
    beforeAll(async () => {
      gateway = await startTestGateway({
        logger: pino({ level: 'info' }, audit),
        configEnv: {
          TRUSTED_DOCUMENTS: 'safelist',
          TRUSTED_DOCUMENTS_MANIFEST: apolloManifest(dir),
          TRUSTED_DOCUMENTS_EXEMPT_SCOPES: 'graph:freeform',
        },
      });
    });
    afterAll(() => gateway.close());

    it('runs a listed operation sent by id, as Apollo Client sends it', async () => {
      const sent = await send(gateway, byId(documentId(CATALOG)));
      expect(sent.status).toBe(200);
      expect(sent.body.errors).toBeUndefined();
      expect((sent.body.data?.['products'] as unknown[]).length).toBeGreaterThan(0);
      expect(sent.shopCalls).toBe(1);
    });

    it('runs a listed operation with variables, for a partner', async () => {
      const partner = { authorization: `Bearer ${await testToken('partner-acme', ['orders:status'])}` };
      const sent = await send(gateway, byId(documentId(STATUS), { id: '1001' }), partner);
      expect(sent.body).toEqual({ data: { orderStatus: 'PLACED' } });
    });

    it('refuses an id the manifest does not list with PERSISTED_QUERY_NOT_IN_LIST, calling nothing', async () => {
      const sent = await send(gateway, byId(documentId(UNLISTED)));
      expect(sent.status).toBe(400);
      expect(codeOf(sent)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      expect(sent.shopCalls).toBe(0);
    });

    it('runs a listed document sent in full, whatever its whitespace and comments', async () => {
      const sent = await send(gateway, { query: 'query Catalog { products { sku name } } # the catalog' });
      expect(sent.status).toBe(200);
      expect(sent.body.errors).toBeUndefined();
    });

    it('refuses an unlisted document with QUERY_NOT_IN_SAFELIST, and records the refusal in the audit log', async () => {
      const sent = await send(gateway, { query: UNLISTED, operationName: null });
      expect(sent.status).toBe(400);
      expect(codeOf(sent)).toBe('QUERY_NOT_IN_SAFELIST');
      expect(sent.shopCalls).toBe(0);
      expect(audit.records().at(-1)).toEqual(
        expect.objectContaining({ audit: true, via: 'anonymous', outcome: 'error', upstreamCalls: {} }),
      );
    });

    it('refuses to register an unlisted document through automatic persisted queries', async () => {
      const sent = await send(gateway, { query: UNLISTED, ...byId(documentId(UNLISTED)) });
      expect(codeOf(sent)).toBe('QUERY_NOT_IN_SAFELIST');
      const again = await send(gateway, byId(documentId(UNLISTED)));
      expect(codeOf(again)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    });

    it('lets a caller with an exempt scope send any operation', async () => {
      const staff = { authorization: `Bearer ${await testToken('agent-7', ['graph:freeform'])}` };
      const sent = await send(gateway, { query: UNLISTED }, staff);
      expect(sent.status).toBe(200);
      expect(sent.body.errors).toBeUndefined();
      expect((sent.body.data?.['products'] as { description: string }[])[0]?.description).toEqual(expect.any(String));
    });
  });

  describe('ids only, from a GraphQL Code Generator manifest', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ configEnv: { TRUSTED_DOCUMENTS: 'ids', TRUSTED_DOCUMENTS_MANIFEST: codegenManifest(dir) } });
    });
    afterAll(() => gateway.close());

    it('runs operations by id and refuses documents, even listed ones, with PERSISTED_QUERY_ID_REQUIRED', async () => {
      expect((await send(gateway, byId(documentId(CATALOG)))).body.errors).toBeUndefined();
      const full = await send(gateway, { query: CATALOG });
      expect(full.status).toBe(400);
      expect(codeOf(full)).toBe('PERSISTED_QUERY_ID_REQUIRED');
      expect(full.shopCalls).toBe(0);
    });
  });

  describe('log unknown operations', () => {
    let gateway: TestGateway;
    const logs = new LineCapture();
    beforeAll(async () => {
      gateway = await startTestGateway({
        logger: pino({ level: 'info' }, logs),
        configEnv: { TRUSTED_DOCUMENTS: 'log', TRUSTED_DOCUMENTS_MANIFEST: apolloManifest(dir) },
      });
    });
    afterAll(() => gateway.close());

    it('runs an unlisted operation and logs it by name and id, without its text', async () => {
      const sent = await send(gateway, { query: 'query Secretive { products { sku description } }' });
      expect(sent.status).toBe(200);
      expect(sent.body.errors).toBeUndefined();
      const warning = logs.records().find((record) => record['msg'] === 'operation not in the trusted documents');
      expect(warning).toEqual(
        expect.objectContaining({ operationName: null, documentId: documentId('query Secretive { products { sku description } }') }),
      );
      expect(JSON.stringify(warning)).not.toContain('description');
    });

    it('does not log listed operations', async () => {
      const before = logs.lines.length;
      await send(gateway, { query: CATALOG });
      expect(
        logs
          .records()
          .slice(before)
          .filter((record) => record['msg'] === 'operation not in the trusted documents'),
      ).toEqual([]);
    });
  });
});
