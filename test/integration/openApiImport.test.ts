import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { openApiToSdl, type OpenApiSdl } from '../../src/importers/openapi/openApiToSdl';
import { readOpenApi } from '../../src/importers/openapi/readOpenApi';
import { toApiDocument } from '../../src/importers/openapi/toApiDocument';
import { callsDuring } from '../helpers/callCounter';
import { spawnMain, type MainProcess } from '../helpers/spawnMain';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

/** Imports a document the way `npm run import:openapi` does. */
async function importDocument(location: string, sourceName: string): Promise<OpenApiSdl> {
  const parsed = await readOpenApi(location);
  return openApiToSdl(toApiDocument(parsed), { sourceName, validationProblems: parsed.validationProblems });
}

interface Pet {
  id: number;
  name: string;
  photoUrls: string[];
  status: string;
  category?: { id: number; name: string };
  tags?: { id: number; name: string }[];
}

const PETSTORE = join(__dirname, '..', '..', 'test', 'fixtures', 'openapi', 'swagger-petstore-3.0.yaml');

/** A loopback upstream serving the Petstore operations the tests call, under the document's /api/v3. */
function startPetstore(pets: Pet[]): Promise<DemoUpstream> {
  return startDemoUpstream('petstore', (app) => {
    app.get<{ Querystring: { status?: string } }>('/api/v3/pet/findByStatus', async (request) =>
      pets.filter((pet) => pet.status === (request.query.status ?? 'available')),
    );
    app.get<{ Params: { petId: string } }>('/api/v3/pet/:petId', async (request, reply) => {
      const pet = pets.find((candidate) => String(candidate.id) === request.params.petId);
      return pet ?? reply.code(404).send({ message: 'Pet not found' });
    });
    app.post<{ Body: Pet }>('/api/v3/pet', async (request) => ({ ...request.body, id: 3 }));
    app.delete('/api/v3/pet/:petId', async (_request, reply) => reply.code(200).send());
  });
}

describe('a gateway on SDL imported from the Swagger Petstore (OpenAPI 3.0, by SmartBear)', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  const pets: Pet[] = [
    { id: 1, name: 'Rex', photoUrls: ['rex.jpg'], status: 'available', category: { id: 1, name: 'Dogs' }, tags: [{ id: 7, name: 'good' }] },
    { id: 2, name: 'Tom', photoUrls: [], status: 'sold', tags: [] },
  ];

  beforeAll(async () => {
    upstream = await startPetstore(pets);
    const imported = await importDocument(PETSTORE, 'petstore');
    expect(imported.envVariables.map((variable) => variable.name)).toEqual(['PETSTORE_URL']);
    gateway = await startTestGateway({ typeDefs: [imported.sdl], env: { PETSTORE_URL: `${upstream.url}/api/v3` } });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('answers a query parameter that is an enum, with nested lists and objects', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query(
        '{ findPetsByStatus(status: available) { id name status photoUrls category { name } tags { name } } }',
      );
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        findPetsByStatus: [
          { id: 1, name: 'Rex', status: 'available', photoUrls: ['rex.jpg'], category: { name: 'Dogs' }, tags: [{ name: 'good' }] },
        ],
      });
    });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET /api/v3/pet/findByStatus?status=available']);
  });

  it('puts a path parameter in the path, and answers null for a pet the upstream does not have', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query('{ tom: getPetById(petId: 2) { name status } missing: getPetById(petId: 99) { name } }');
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ tom: { name: 'Tom', status: 'sold' }, missing: null });
    });
    expect(calls.map((call) => call.url).sort()).toEqual(['/api/v3/pet/2', '/api/v3/pet/99']);
  });

  it('sends the request body of a mutation as JSON and reads the created pet back', async () => {
    const { body } = await gateway.query(
      'mutation { addPet(input: { name: "Kitty", photoUrls: ["k.png"], status: pending, tags: [{ id: 4, name: "new" }] }) { id name status tags { name } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ addPet: { id: 3, name: 'Kitty', status: 'pending', tags: [{ name: 'new' }] } });
  });

  it('sends a header parameter as a header', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query('mutation { deletePet(petId: 2, api_key: "secret-key") }');
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ deletePet: null });
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('DELETE');
    expect(calls[0]?.headers['api_key']).toBe('secret-key');
  });

  it('refuses an enum value the document does not declare before calling the upstream', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query('{ findPetsByStatus(status: lost) { id } }');
      expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });
    expect(calls).toHaveLength(0);
  });
});

/** A small orders API in YAML, Swagger 2.0 style lists aside: a list endpoint that filters by repeated ids. */
const ORDERS_SPEC = `
openapi: 3.1.0
info: { title: Orders, version: '1' }
servers: [{ url: 'https://orders.example.com/v1' }]
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: x-api-key }
  schemas:
    Customer:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }
        tier: { type: [string, 'null'], enum: [gold, silver, null] }
    Order:
      type: object
      required: [id, customer_id]
      properties:
        id: { type: string }
        customer_id: { type: string }
        lines:
          type: array
          items:
            type: object
            required: [sku]
            properties: { sku: { type: string }, quantity: { type: integer } }
    Card:
      type: object
      required: [last4]
      properties: { last4: { type: string }, brand: { type: string } }
    Transfer:
      type: object
      required: [iban]
      properties: { iban: { type: string } }
security: [{ key: [] }]
paths:
  /payments:
    get:
      operationId: listPayments
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { oneOf: [{ $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Transfer' }] } }
  /orders:
    get:
      operationId: listOrders
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Order' } } } } }
  /customers:
    get:
      operationId: listCustomers
      parameters:
        - { name: id, in: query, explode: true, schema: { type: array, items: { type: string } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Customer' } } } } }
`;

describe('a gateway on SDL imported from a YAML OpenAPI 3.1 document, with the suggested batchKey', () => {
  let upstream: DemoUpstream;
  let gateway: TestGateway;
  let dir: string;
  let imported: OpenApiSdl;
  const customers = [
    { id: 'c1', name: 'Ada', tier: 'gold' },
    { id: 'c2', name: 'Grace', tier: null },
  ];

  beforeAll(async () => {
    upstream = await startDemoUpstream('orders', (app) => {
      app.get('/v1/orders', async () => [
        { id: 'o1', customer_id: 'c1', lines: [{ sku: 'A', quantity: 2 }] },
        { id: 'o2', customer_id: 'c2', lines: [] },
        { id: 'o3', customer_id: 'c1', lines: [{ sku: 'B', quantity: 1 }, { sku: 'C' }] },
      ]);
      app.get('/v1/payments', async () => [{ iban: 'DE89 3704' }, { last4: '4242', brand: 'visa' }]);
      app.get<{ Querystring: { id?: string | string[] } }>('/v1/customers', async (request) => {
        const ids = ([] as string[]).concat(request.query.id ?? []);
        return customers.filter((customer) => ids.includes(customer.id));
      });
    });
    dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'orders.yaml');
    writeFileSync(file, ORDERS_SPEC);
    imported = await importDocument(file, 'orders');
    const [suggestion] = imported.batchKeySuggestions;
    expect(suggestion).toMatchObject({ field: 'listCustomers', itemType: 'Customer', parameter: 'id', keyField: 'id' });
    // The suggestion names the parent's key as {parent.id}; an order holds its customer's in customer_id.
    const link = `extend type Order { customer: Customer ${suggestion?.directive.replace('{parent.id}', '{parent.customer_id}')} }`;
    gateway = await startTestGateway({
      typeDefs: [imported.sdl, link],
      env: { ORDERS_URL: `${upstream.url}/v1`, ORDERS_KEY: 'orders-key-123' },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a oneOf of objects as a union, each item as the member whose fields it has', async () => {
    const { body } = await gateway.query('{ listPayments { __typename ... on Card { last4 brand } ... on Transfer { iban } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      listPayments: [
        { __typename: 'Transfer', iban: 'DE89 3704' },
        { __typename: 'Card', last4: '4242', brand: 'visa' },
      ],
    });
  });

  it('suggests the batchKey in a note', () => {
    expect(imported.notes.some((note) => note.startsWith('Query.listCustomers: filters by a list of ids'))).toBe(true);
    expect(imported.sdl).toContain('# NOTE: Query.listCustomers: filters by a list of ids');
  });

  it('loads the customers of many orders with one call, sending the API key from the env variable', async () => {
    const calls = await callsDuring(upstream, async () => {
      const { body } = await gateway.query('{ listOrders { id lines { sku quantity } customer { name tier } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        listOrders: [
          { id: 'o1', lines: [{ sku: 'A', quantity: 2 }], customer: { name: 'Ada', tier: 'gold' } },
          { id: 'o2', lines: [], customer: { name: 'Grace', tier: null } },
          {
            id: 'o3',
            lines: [
              { sku: 'B', quantity: 1 },
              { sku: 'C', quantity: null },
            ],
            customer: { name: 'Ada', tier: 'gold' },
          },
        ],
      });
    });
    expect(calls.map((call) => call.url)).toEqual(['/v1/orders', '/v1/customers?id=c1&id=c2']);
    expect(calls.every((call) => call.headers['x-api-key'] === 'orders-key-123')).toBe(true);
  });
});

describe('import:openapi from a URL', () => {
  it('reads a document split over several files, following its $refs over HTTP', async () => {
    const server = await startDemoUpstream('specs', (app) => {
      app.get('/openapi.yaml', async (_request, reply) =>
        reply.type('application/yaml').send(`
openapi: 3.0.3
info: { title: Split, version: '1' }
paths:
  /books/{isbn}:
    get:
      operationId: book
      parameters: [{ name: isbn, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: 'schemas/book.yaml#/Book' } } } }
`),
      );
      app.get('/schemas/book.yaml', async (_request, reply) =>
        reply.type('application/yaml').send(`
Book:
  type: object
  required: [title]
  properties:
    title: { type: string }
    authors: { type: array, items: { $ref: '#/Author' } }
Author:
  type: object
  properties: { name: { type: string } }
`),
      );
    });
    try {
      const imported = await importDocument(`${server.url}/openapi.yaml`, 'library');
      // Bundling brings the other file's schemas in where they are first used: they are named after that place.
      expect(imported.sdl).toContain('book(isbn: String!): BookResponse @rest(source: "library", path: "/books/{args.isbn}")');
      expect(imported.sdl).toMatch(/type BookResponse \{\n {2}title: String!\n {2}authors: \[BookResponseAuthorsItem!\]\n\}/);
      expect(imported.notes).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("the README's steps: import:openapi into a schema folder of one's own, then start", () => {
  it('serves the imported API with nothing but the folder and the env variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'my-schema-'));
    const upstream = await startPetstore([{ id: 5, name: 'Fido', photoUrls: [], status: 'available' }]);
    const run = promisify(execFile);
    const root = join(__dirname, '..', '..');
    let main: MainProcess | undefined;
    try {
      await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/importOpenApi.ts', PETSTORE, '--source', 'petstore', '--out', join(dir, 'petstore.graphql')],
        { cwd: root },
      );
      main = spawnMain({ PORT: '0', SCHEMA_DIR: dir, PETSTORE_URL: `${upstream.url}/api/v3` });
      const [, url] = await main.waitFor(/serving (http:\/\/\S+\/graphql)/, 60_000);
      const response = await fetch(url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ findPetsByStatus(status: available) { id name } }' }),
      });
      expect(await response.json()).toEqual({ data: { findPetsByStatus: [{ id: 5, name: 'Fido' }] } });
      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
    } finally {
      main?.child.kill('SIGKILL');
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // Two processes start from source (tsx): slow on a busy machine.
  }, 90_000);
});
