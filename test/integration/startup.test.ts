import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnMain } from '../helpers/spawnMain';

describe('npm start', () => {
  it('starts the demo upstreams and the gateway, serves queries, and exits 0 on SIGTERM', async () => {
    const main = spawnMain({ PORT: '0' });
    try {
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/);
      const response = await fetch(url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ product(sku: "JKT-001") { name stock } }' }),
      });
      expect(await response.json()).toEqual({ data: { product: { name: 'Alpine Down Jacket', stock: 0 } } });
      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
    } finally {
      main.child.kill('SIGKILL');
    }
  });

  it('refuses a bad schema with every problem and its coordinate, before listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-schema-'));
    try {
      writeFileSync(
        join(dir, 'broken.graphql'),
        `extend schema @source(name: "shop", rest: { baseURL: "{env.MISSING_URL}" })
         type Thing { id: ID! owner: Thing @rest(source: "shp", path: "/owners/{parent.ownerId}") }
         type Query { thing(id: ID!): Thing @rest(source: "shop", path: "/things/{args.nope}") }`,
      );
      const main = spawnMain({ PORT: '0', SCHEMA_DIR: dir, SHOP_URL: 'http://127.0.0.1:9' });
      expect(await main.exited()).toBe(1);
      expect(main.stdout()).not.toContain('serving');
      expect(main.stderr()).toContain('The schema has 3 problems:');
      expect(main.stderr()).toContain('@source(shop) baseURL: environment variable MISSING_URL is not set');
      expect(main.stderr()).toContain('Thing.owner: @rest source "shp" is not declared with @source');
      expect(main.stderr()).toContain('Query.thing: @rest path: {args.nope} names an argument the field does not have');
      // The demo's hand-written resolvers belong to the demo schema: another folder is served without them.
      expect(main.stderr()).not.toContain('hand-written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serves a schema folder of its own with one REST source, without the demo's resolvers", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-schema-'));
    const paths: string[] = [];
    const upstream: Server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: 7, title: 'Own schema', done: false }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    writeFileSync(
      join(dir, 'todos.graphql'),
      `extend schema @source(name: "todos", rest: { baseURL: "{env.TODOS_URL}" })
       type Todo { id: ID! title: String! done: Boolean! }
       type Query { todo(id: ID!): Todo @rest(source: "todos", path: "/todos/{args.id}") }`,
    );
    const main = spawnMain({ PORT: '0', SCHEMA_DIR: dir, TODOS_URL: `http://127.0.0.1:${port}` });
    try {
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/);
      const response = await fetch(url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ todo(id: "7") { id title done } }' }),
      });
      expect(await response.json()).toEqual({ data: { todo: { id: '7', title: 'Own schema', done: false } } });
      expect(paths).toEqual(['/todos/7']);
      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
    } finally {
      main.child.kill('SIGKILL');
      upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses invalid settings', async () => {
    const main = spawnMain({ PORT: 'eighty' });
    expect(await main.exited()).toBe(1);
    expect(main.stderr()).toContain('PORT must be a non-negative integer, got "eighty"');
  });
});
