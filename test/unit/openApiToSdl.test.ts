import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, isObjectType, isUnionType, printType } from 'graphql';
import { directiveTypeDefs } from '../../src/link/directiveTypeDefs';
import { openApiToSdl, type OpenApiSdl } from '../../src/importers/openapi/openApiToSdl';
import { OpenApiReadError, readOpenApi } from '../../src/importers/openapi/readOpenApi';
import { toApiDocument } from '../../src/importers/openapi/toApiDocument';

const dir = mkdtempSync(join(tmpdir(), 'openapi-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

async function importObject(document: object, sourceName = 'api'): Promise<OpenApiSdl> {
  const file = join(dir, `doc${++counter}.json`);
  writeFileSync(file, JSON.stringify(document));
  const parsed = await readOpenApi(file);
  return openApiToSdl(toApiDocument(parsed), { sourceName, validationProblems: parsed.validationProblems });
}

/** The imported SDL as a schema (directive definitions added), to read types back. */
function typeOf(result: OpenApiSdl, name: string): string {
  const schema = buildSchema(`${directiveTypeDefs}\n${result.sdl}`);
  const type = schema.getType(name);
  if (!type) throw new Error(`no type ${name} in\n${result.sdl}`);
  return printType(type);
}

const ok = (schema: object) => ({ description: 'ok', content: { 'application/json': { schema } } });
const openapi30 = (paths: object, schemas: object = {}, extra: object = {}) => ({
  openapi: '3.0.3',
  info: { title: 'Test', version: '1' },
  paths,
  components: { schemas },
  ...extra,
});

describe('openApiToSdl', () => {
  it('merges allOf into one object type with the required properties of every member', async () => {
    const result = await importObject(
      openapi30(
        {
          '/dogs/{id}': {
            get: {
              operationId: 'getDog',
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              responses: { 200: ok({ $ref: '#/components/schemas/Dog' }) },
            },
          },
        },
        {
          Animal: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer' } } },
          Dog: {
            allOf: [
              { $ref: '#/components/schemas/Animal' },
              { type: 'object', required: ['barks'], properties: { barks: { type: 'boolean' } } },
            ],
          },
        },
      ),
    );
    expect(typeOf(result, 'Dog')).toBe('type Dog {\n  name: String!\n  age: Int\n  barks: Boolean!\n}');
    expect(result.sdl).toContain('getDog(id: String!): Dog @rest(source: "api", path: "/dogs/{args.id}")');
  });

  it('makes a union of object alternatives, a scalar of alternatives that are all that scalar, and JSON with a note of anything else', async () => {
    const result = await importObject(
      openapi30(
        {
          '/pets': {
            get: {
              operationId: 'listPets',
              responses: {
                200: ok({ type: 'array', items: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }] } }),
              },
            },
          },
          '/ids': { get: { operationId: 'anyId', responses: { 200: ok({ oneOf: [{ type: 'string' }, { type: 'integer' }] }) } } },
          '/model': {
            get: {
              operationId: 'model',
              responses: { 200: ok({ anyOf: [{ type: 'string' }, { type: 'string', enum: ['gpt-4o', 'o1'] }] }) },
            },
          },
          '/maybe': {
            get: { operationId: 'maybeCat', responses: { 200: ok({ anyOf: [{ $ref: '#/components/schemas/Cat' }, { type: 'null' }] }) } },
          },
        },
        {
          Cat: { type: 'object', properties: { meows: { type: 'boolean' } } },
          Dog: { type: 'object', properties: { barks: { type: 'boolean' } } },
        },
      ),
    );
    const schema = buildSchema(`${directiveTypeDefs}\n${result.sdl}`);
    const union = schema.getType('ListPetsResponseItem');
    expect(isUnionType(union) && union.getTypes().map(String)).toEqual(['Cat', 'Dog']);
    expect(result.sdl).toContain('anyId: JSON');
    expect(result.sdl).toContain('maybeCat: Cat');
    expect(result.sdl).toContain('model: String');
    expect(result.notes).toContain('GET /ids answer: oneOf/anyOf of values that are not all objects has no GraphQL union; typed as JSON');
  });

  it('types additionalProperties maps as JSON, int64 as Float, and keeps nullability and required', async () => {
    const result = await importObject({
      openapi: '3.1.0',
      info: { title: 'Test', version: '1' },
      paths: { '/things': { get: { operationId: 'thing', responses: { 200: ok({ $ref: '#/components/schemas/Thing' }) } } } },
      components: {
        schemas: {
          Thing: {
            type: 'object',
            required: ['id', 'label', 'counts'],
            properties: {
              id: { type: 'integer', format: 'int64' },
              label: { type: ['string', 'null'] },
              counts: { type: 'object', additionalProperties: { type: 'integer' } },
              'first-name': { type: 'string' },
              tags: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    });
    expect(typeOf(result, 'Thing')).toBe(
      'type Thing {\n  id: Float!\n  label: String\n  counts: JSON!\n  firstName: String\n  tags: [String!]\n}',
    );
    expect(result.sdl).toContain('firstName: String @map(from: "first-name")');
  });

  it('names operations without operationId from method and path, and resolves name collisions with a note', async () => {
    const result = await importObject(
      openapi30({
        '/users/{userId}/posts': {
          get: {
            parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: { 200: ok({ type: 'string' }) },
          },
        },
        '/a': { get: { operationId: 'fetch', responses: { 200: ok({ type: 'string' }) } } },
        '/b': { get: { operationId: 'fetch', responses: { 200: ok({ type: 'string' }) } } },
      }),
    );
    expect(result.sdl).toContain('getUsersByUserIdPosts(userId: Int!): String');
    expect(result.sdl).toContain('fetch2: String @rest(source: "api", path: "/b")');
    expect(result.notes).toContain('GET /b: the field name fetch is taken on Query; named fetch2');
  });

  it('maps a Swagger 2.0 body parameter to an input, formData to a note, and the server from host and basePath', async () => {
    const result = await importObject({
      swagger: '2.0',
      info: { title: 'Old', version: '1' },
      host: 'old.example.com',
      basePath: '/api',
      schemes: ['https'],
      paths: {
        '/items': {
          post: {
            operationId: 'createItem',
            parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Item' } }],
            responses: { 201: { description: 'created', schema: { $ref: '#/definitions/Item' } } },
          },
        },
        '/upload': {
          post: {
            operationId: 'upload',
            consumes: ['multipart/form-data'],
            parameters: [{ name: 'file', in: 'formData', type: 'file' }],
            responses: { 200: { description: 'ok', schema: { type: 'string' } } },
          },
        },
      },
      definitions: {
        Item: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, status: { type: 'string', enum: ['new', 'old'] } },
        },
      },
    });
    expect(result.sdl).toContain(
      'createItem(input: ItemInput!): Item @rest(source: "api", method: POST, path: "/items", body: "{args.input}")',
    );
    expect(typeOf(result, 'ItemInput')).toBe('input ItemInput {\n  name: String!\n  status: ItemStatus\n}');
    expect(typeOf(result, 'ItemStatus')).toBe('enum ItemStatus {\n  new\n  old\n}');
    expect(result.notes).toContain('POST /upload formData parameter "file": form fields cannot be sent by @rest; left out');
    expect(result.envVariables[0]).toEqual({ name: 'API_URL', description: "the API's base URL, e.g. https://old.example.com/api" });
  });

  it('turns security schemes into @source headers and OAuth client credentials read from env variables', async () => {
    const result = await importObject(
      openapi30(
        { '/me': { get: { operationId: 'me', responses: { 200: ok({ type: 'string' }) } } } },
        {},
        {
          security: [{ bearer: [], cc: [] }],
          components: {
            schemas: {},
            securitySchemes: {
              bearer: { type: 'http', scheme: 'bearer' },
              cc: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} } } },
              cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
            },
          },
        },
      ),
      'crm',
    );
    expect(result.sdl).toContain(
      'extend schema @source(name: "crm", rest: {baseURL: "{env.CRM_URL}", headers: [{name: "authorization", value: "Bearer {env.CRM_BEARER_TOKEN}"}]}, auth: {oauth2: {tokenURL: "https://auth.example.com/token", clientId: "{env.CRM_CC_CLIENT_ID}", clientSecret: "{env.CRM_CC_CLIENT_SECRET}"}})',
    );
    expect(result.envVariables.map((variable) => variable.name)).toEqual([
      'CRM_URL',
      'CRM_BEARER_TOKEN',
      'CRM_CC_CLIENT_ID',
      'CRM_CC_CLIENT_SECRET',
    ]);
    expect(result.notes).toContain('security scheme "cookie": not configured: the @source uses "bearer" and "cc"');
  });

  it('writes every note atop the SDL', async () => {
    const result = await importObject(
      openapi30({ '/report': { get: { operationId: 'report', responses: { 200: { description: 'csv', content: { 'text/csv': {} } } } } } }),
    );
    expect(result.notes).toContain('GET /report: answers text/csv, not JSON; @rest reads JSON, so the operation is left out');
    for (const note of result.notes) expect(result.sdl).toContain(`# NOTE: ${note}`);
    expect(isObjectType(buildSchema(`${directiveTypeDefs}\n${result.sdl}`).getQueryType())).toBe(true);
  });

  it('reports what fails validation as notes, and maps the document all the same', async () => {
    const result = await importObject(
      openapi30({
        '/a': {
          get: {
            operationId: 'a',
            parameters: [{ name: 'q', in: 'query', required: 'yes', schema: { type: 'string' } }],
            responses: { 200: ok({ type: 'string' }) },
          },
        },
      }),
    );
    expect(result.notes.some((note) => note.startsWith('validation: '))).toBe(true);
    expect(result.sdl).toContain('a(q: String): String');
  });

  it('refuses a document it cannot read with a clear error', async () => {
    await expect(readOpenApi(join(dir, 'missing.yaml'))).rejects.toThrow(OpenApiReadError);
    const file = join(dir, 'not-openapi.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    await expect(readOpenApi(file)).rejects.toThrow(OpenApiReadError);
    const dangling = join(dir, 'dangling.json');
    writeFileSync(
      dangling,
      JSON.stringify(
        openapi30({ '/a': { get: { parameters: [{ $ref: '#/components/parameters/Missing' }], responses: { 200: ok({}) } } } }),
      ),
    );
    await expect(readOpenApi(dangling)).rejects.toThrow('Missing $ref pointer "#/components/parameters/Missing"');
  });
});

describe('npm run import:openapi', () => {
  const run = promisify(execFile);
  const root = join(__dirname, '..', '..');

  it('prints the SDL on stdout and the notes on stderr', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/importOpenApi.ts', 'test/fixtures/openapi/redocly-museum-3.1.yaml', '--source', 'museum'],
      { cwd: root },
    );
    expect(stdout).toContain('extend schema @source(name: "museum", rest: {baseURL: "{env.MUSEUM_URL}"');
    expect(stderr).toContain('note: GET /tickets/{ticketId}/qr: answers image/png, not JSON');
  });

  it('exits with status 2 and the usage without --source', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', 'src/cli/importOpenApi.ts', 'x.yaml'], { cwd: root })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--source <name> is required'),
    });
  });
});
