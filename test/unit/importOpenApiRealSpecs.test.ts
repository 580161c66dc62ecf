import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertValidSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { HttpTransport } from '../../src/http/HttpTransport';
import { openApiToSdl, type OpenApiSdl } from '../../src/importers/openapi/openApiToSdl';
import { readOpenApi } from '../../src/importers/openapi/readOpenApi';
import { toApiDocument } from '../../src/importers/openapi/toApiDocument';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';

const FIXTURES = join(__dirname, '..', 'fixtures', 'openapi');
const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

/**
 * Public documents by different authors (see test/fixtures/openapi/README.md). For each: its
 * version, how many operations it declares, how many Query and Mutation fields the import makes,
 * and how many notes it writes. A change in these numbers is a change in the mapping: look at it.
 */
const SPECS: readonly { file: string; version: string; operations: number; query: number; mutation: number; notes: number }[] = [
  { file: 'docker-engine-2.0.yaml', version: '2.0', operations: 108, query: 37, mutation: 61, notes: 51 },
  { file: 'harbor-2.0.yaml', version: '2.0', operations: 203, query: 103, mutation: 88, notes: 16 },
  { file: 'readme-petstore-2.0.json', version: '2.0', operations: 20, query: 8, mutation: 12, notes: 17 },
  { file: 'readme-polymorphism-3.0.json', version: '3.0', operations: 13, query: 1, mutation: 13, notes: 11 },
  { file: 'readme-schema-types-3.1.yaml', version: '3.1', operations: 23, query: 1, mutation: 23, notes: 60 },
  { file: 'readme-security-3.1.json', version: '3.1', operations: 15, query: 2, mutation: 13, notes: 14 },
  { file: 'redocly-museum-3.1.yaml', version: '3.1', operations: 8, query: 3, mutation: 4, notes: 2 },
  { file: 'star-trek-3.0.yaml', version: '3.0', operations: 120, query: 80, mutation: 40, notes: 40 },
  { file: 'swagger-petstore-3.0.yaml', version: '3.0', operations: 19, query: 8, mutation: 11, notes: 3 },
  { file: 'twilio-verify-v2-3.0.json', version: '3.0', operations: 57, query: 24, mutation: 33, notes: 30 },
];

async function importSpec(file: string): Promise<{ version: string; operations: number; result: OpenApiSdl }> {
  const parsed = await readOpenApi(join(FIXTURES, file));
  const document = toApiDocument(parsed);
  const result = openApiToSdl(document, { sourceName: 'api', validationProblems: parsed.validationProblems });
  return { version: document.version, operations: document.operations.length + document.skippedOperations.length, result };
}

async function compile(result: OpenApiSdl): Promise<GraphQLSchema> {
  const env = Object.fromEntries(
    result.envVariables.map((variable) => [variable.name, variable.name.endsWith('_URL') ? 'http://127.0.0.1:9' : 'x']),
  );
  const { schema } = await compileSchema({ typeDefs: [result.sdl], env, ...runtime });
  return schema;
}

describe('import:openapi on real public documents', () => {
  it('covers every fixture', () => {
    const files = readdirSync(FIXTURES).filter((file) => /\.(json|ya?ml)$/.test(file));
    expect(SPECS.map((spec) => spec.file).sort()).toEqual(files.sort());
  });

  it.each(SPECS)('$file: imports and compiles with the gateway compiler', async (spec) => {
    const { version, operations, result } = await importSpec(spec.file);
    const schema = await compile(result);
    expect(() => assertValidSchema(schema)).not.toThrow();
    const queryType = schema.getQueryType();
    const mutationType = schema.getMutationType();
    const counts = {
      file: spec.file,
      version,
      operations,
      query: queryType ? Object.keys(queryType.getFields()).length : 0,
      mutation: mutationType && isObjectType(mutationType) ? Object.keys(mutationType.getFields()).length : 0,
      notes: result.notes.length,
    };
    expect(counts).toEqual(spec);
    // Every operation is a field, or a note says it is left out and why.
    const placeholder = schema.getQueryType()?.getFields()['_empty'] ? 1 : 0;
    const leftOut = result.notes.filter(
      (note) => note.endsWith('so the operation is left out') || note.endsWith('the operation is left out'),
    );
    expect(counts.query - placeholder + counts.mutation + leftOut.length).toBe(operations);
    expect(result.sdl).toContain('# NOTE: ');
  });
});
