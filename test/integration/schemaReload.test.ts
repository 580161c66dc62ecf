import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { spawnMain, type MainProcess } from '../helpers/spawnMain';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const V1 = `
  extend schema @source(name: "inventory", rest: { baseURL: "{env.INVENTORY_URL}" })
  type Query { items: [Item] @rest(source: "inventory", path: "/items") }
  type Item { id: ID! }
`;
const V2 = V1.replace('type Item { id: ID! }', 'type Item { id: ID! label: String @map(from: "name") }');
const BROKEN = V2.replace('path: "/items"', 'path: "/items/{args.nope}"');

async function startInventory(): Promise<DemoUpstream> {
  return startDemoUpstream('inventory', (app) => {
    app.get('/items', async () => [
      { id: 'i1', name: 'Tent' },
      { id: 'i2', name: 'Stove' },
    ]);
  });
}

function schemaFolder(sdl: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-reload-'));
  writeFileSync(join(dir, 'inventory.graphql'), sdl);
  return dir;
}

const ask = async (url: string, query: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string }[] } };
};

describe('live schema reload', () => {
  let inventory: DemoUpstream;
  beforeAll(async () => {
    inventory = await startInventory();
  });
  afterAll(() => inventory.close());

  describe('in one gateway, under load', () => {
    let gateway: TestGateway;
    let dir: string;
    beforeAll(async () => {
      dir = schemaFolder(V1);
      gateway = await startTestGateway({ env: { INVENTORY_URL: inventory.url }, configEnv: { SCHEMA_DIR: dir } });
    });
    afterAll(() => gateway.close());

    it('serves a valid new schema from the next request on, with no request failed or dropped', async () => {
      const url = `${gateway.url}/graphql`;
      let loading = true;
      const answers: { status: number; errors: boolean }[] = [];
      const client = async () => {
        while (loading) {
          const { status, body } = await ask(url, '{ items { id } }');
          answers.push({ status, errors: body.errors !== undefined });
        }
      };
      const clients = Array.from({ length: 8 }, client);
      await new Promise((resolve) => setTimeout(resolve, 200));
      writeFileSync(join(dir, 'inventory.graphql'), V2);
      expect(await gateway.gateway.reload()).toEqual({ reloaded: true });
      const withLabel = await ask(url, '{ items { id label } }');
      await new Promise((resolve) => setTimeout(resolve, 200));
      loading = false;
      await Promise.all(clients);
      expect(withLabel.body).toEqual({
        data: {
          items: [
            { id: 'i1', label: 'Tent' },
            { id: 'i2', label: 'Stove' },
          ],
        },
      });
      expect(answers.length).toBeGreaterThan(20);
      expect(answers.filter((answer) => answer.status !== 200 || answer.errors)).toEqual([]);
      expect(await gateway.metric('tributary_schema_reloads_total', { outcome: 'reloaded' })).toBe(1);
    });

    it('refuses an invalid schema with its problems and goes on serving the previous one', async () => {
      writeFileSync(join(dir, 'inventory.graphql'), BROKEN);
      const outcome = await gateway.gateway.reload();
      expect(outcome).toEqual({ reloaded: false, problems: [expect.objectContaining({ coordinate: 'Query.items' })] });
      expect((await ask(`${gateway.url}/graphql`, '{ items { id label } }')).body).toEqual({
        data: {
          items: [
            { id: 'i1', label: 'Tent' },
            { id: 'i2', label: 'Stove' },
          ],
        },
      });
      expect(await gateway.metric('tributary_schema_reloads_total', { outcome: 'refused' })).toBe(1);
    });
  });

  describe('npm start', () => {
    let main: MainProcess | undefined;
    afterEach(async () => {
      main?.child.kill('SIGTERM');
      await main?.exited();
      main = undefined;
    });

    const labelsServed = async (url: string) => (await ask(url, '{ items { label } }')).body.errors === undefined;

    it('reloads every worker on SIGHUP', async () => {
      const dir = schemaFolder(V1);
      // The primary hands each new connection to the next worker, so the six answers below come from both.
      main = spawnMain({ PORT: '0', WORKERS: '2', CONNECTION_BALANCING: 'round-robin', SCHEMA_DIR: dir, INVENTORY_URL: inventory.url });
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 30_000);
      expect(await labelsServed(url as string)).toBe(false);
      writeFileSync(join(dir, 'inventory.graphql'), V2);
      main.child.kill('SIGHUP');
      // Each worker reloads on its own; ask until both answer.
      let served: boolean[] = [];
      for (let attempt = 0; attempt < 50 && !(served.length >= 6 && served.slice(-6).every(Boolean)); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        served.push(await labelsServed(url as string));
      }
      served = served.slice(-6);
      expect(served).toEqual([true, true, true, true, true, true]);
    }, 60_000);

    it('reloads on a file change with SCHEMA_WATCH=true', async () => {
      const dir = schemaFolder(V1);
      main = spawnMain({ PORT: '0', WORKERS: '1', SCHEMA_DIR: dir, INVENTORY_URL: inventory.url, SCHEMA_WATCH: 'true' });
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 30_000);
      writeFileSync(join(dir, 'inventory.graphql'), V2);
      let served = false;
      for (let attempt = 0; attempt < 40 && !served; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        served = await labelsServed(url as string);
      }
      expect(served).toBe(true);
    }, 60_000);
  });
});
