import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startLibraryService, type LibraryService } from '../helpers/startLibraryService';
import { startTestGateway } from '../helpers/startTestGateway';

const ROOT = join(__dirname, '..', '..');

/** Runs `npm run import:graphql -- …` as npm would, without npm: node with tsx, from the repository root. */
function importGraphql(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/importGraphql.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

describe('npm run import:graphql', () => {
  let library: LibraryService;
  beforeAll(async () => {
    library = await startLibraryService();
  });
  afterAll(() => library.close());

  it('introspects a running service, and the printed SDL serves it through the gateway', async () => {
    const run = await importGraphql(`${library.url}/graphql`, '--source', 'library', '--header', 'x-team: books');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('note: set LIBRARY_URL to the service');
    expect(library.requests.at(-1)?.headers['x-team']).toBe('books');
    expect(run.stdout).toContain('book(id: ID!): Book @graphql(source: "library")');
    expect(run.stdout).toContain('rate(id: ID!, stars: Int!): Book @graphql(source: "library")');

    const gateway = await startTestGateway({
      typeDefs: ['type Query { ping: String } type Mutation { noop: String }', run.stdout],
      env: { LIBRARY_URL: `${library.url}/graphql` },
    });
    try {
      const { body } = await gateway.query('{ book(id: "2") { title author { name } } search(term: "lathe") { __typename title } }');
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        book: { title: 'Solaris', author: { name: 'Stanisław' } },
        search: [{ __typename: 'Book', title: 'The Lathe of Heaven' }],
      });
    } finally {
      await gateway.close();
    }
  });

  it('says why a service cannot be introspected, and refuses bad arguments', async () => {
    const down = await importGraphql(`${library.url}/broken`, '--source', 'library');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^Cannot introspect: .*\/broken answered HTTP 503 without a schema/);
    const noSource = await importGraphql(`${library.url}/graphql`);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain('--source <name> is required');
    const badFile = await importGraphql('test/fixtures/graphql/nope.graphql', '--source', 'x');
    expect(badFile.code).toBe(1);
    expect(badFile.stderr).toMatch(/^Cannot read test\/fixtures\/graphql\/nope\.graphql: ENOENT/);
  });
});
