import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { startLibraryService, type LibraryService } from '../helpers/startLibraryService';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const typeDefs = /* GraphQL */ `
  extend schema
    @source(name: "library", graphql: { url: "{env.LIBRARY_URL}" }, retry: { attempts: 1 }, circuitBreaker: { failureThreshold: 1000 })
    @source(
      name: "broken"
      graphql: { url: "{env.BROKEN_URL}" }
      retry: { attempts: 1 }
      circuitBreaker: { failureThreshold: 2, halfOpenAfterMs: 60000 }
    )
    @source(name: "desk", rest: { baseURL: "{env.DESK_URL}" })
    @source(name: "retrying", graphql: { url: "{env.LIBRARY_URL}" }, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 })
    @source(
      name: "localized"
      graphql: { url: "{env.LIBRARY_URL}", headers: [{ name: "x-api-key", value: "{env.LIBRARY_KEY}" }] }
      auth: { forwardHeaders: ["accept-language"] }
    )

  enum Format {
    SHORT
    LONG
  }
  interface Media {
    id: ID!
    title: String!
  }
  type Author {
    id: ID!
    name: String!
    secret: String
  }
  type Book implements Media {
    id: ID!
    title: String!
    pages: Int!
    author: Author
    blurb(format: Format): String
    "Served by the desk's REST API, not by the library."
    stock: Int @rest(source: "desk", path: "/stock/{parent.id}", select: "count")
  }
  type Film implements Media {
    id: ID!
    title: String!
    minutes: Int!
  }
  type Loan {
    id: ID!
    book: Book @graphql(source: "library", field: "book", args: { id: "{parent.bookId}" })
  }
  type Query {
    loans: [Loan!]! @rest(source: "desk", path: "/loans")
    book(id: ID!): Book @graphql(source: "library")
    cachedBook(id: ID!): Book @cacheControl(maxAge: 60) @graphql(source: "library", field: "book")
    search(term: String!): [Media!]! @graphql(source: "library")
    closed: Book @graphql(source: "library")
    staffBook(id: ID!): Book @requiresScopes(scopes: [["staff"]]) @graphql(source: "library", field: "book")
    brokenBook(id: ID!): Book @graphql(source: "broken", field: "book")
    localizedBook(id: ID!): Book @graphql(source: "localized", field: "book")
    slowBook(id: ID!): Book @graphql(source: "library")
    retriedBook(id: ID!): Book @graphql(source: "retrying", field: "book")
  }
  type Mutation {
    rate(id: ID!, stars: Int!): Book @graphql(source: "library")
  }
`;

describe('a GraphQL service as an upstream', () => {
  let library: LibraryService;
  let desk: DemoUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    library = await startLibraryService();
    desk = await startDemoUpstream('desk', (app) => {
      app.get('/loans', async () => [
        { id: 'l1', bookId: '1' },
        { id: 'l2', bookId: '2' },
        { id: 'l3', bookId: '1' },
        { id: 'l4', bookId: '3' },
        { id: 'l5', bookId: '404' },
      ]);
      app.get('/stock/:id', async (request) => ({ count: Number((request.params as { id: string }).id) * 10 }));
    });
    gateway = await startTestGateway({
      typeDefs: [typeDefs],
      env: { LIBRARY_URL: `${library.url}/graphql`, LIBRARY_KEY: 'library-key', BROKEN_URL: `${library.url}/broken`, DESK_URL: desk.url },
      configEnv: { KEY_PREFIX: `test-${process.pid}-${Date.now()}` },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([library.close(), desk.close()]);
  });

  /** Runs `action` and returns the operations the library received meanwhile. */
  const operationsDuring = async (action: () => Promise<unknown>) => {
    const before = library.operations.length;
    await action();
    return library.operations.slice(before);
  };

  it('resolves N parents with one upstream call, one aliased field per distinct argument', async () => {
    let body: Awaited<ReturnType<TestGateway['query']>>['body'] | undefined;
    const operations = await operationsDuring(async () => {
      ({ body } = await gateway.query('{ loans { id book { title } } }'));
    });
    expect(body?.errors).toBeUndefined();
    expect(body?.data).toEqual({
      loans: [
        { id: 'l1', book: { title: 'The Dispossessed' } },
        { id: 'l2', book: { title: 'Solaris' } },
        { id: 'l3', book: { title: 'The Dispossessed' } },
        { id: 'l4', book: { title: 'The Lathe of Heaven' } },
        { id: 'l5', book: null },
      ],
    });
    expect(operations).toHaveLength(1);
    const [operation] = operations;
    // Four distinct ids, each asked once; only the selected field is sent.
    expect(operation?.query.match(/book\(id:/g)).toHaveLength(4);
    expect(operation?.query).toContain('title');
    expect(operation?.query).not.toContain('pages');
  });

  it('keeps the client’s aliases, fragments and variables', async () => {
    const query = /* GraphQL */ `
      query Shelf($id: ID!, $format: Format) {
        first: book(id: $id) {
          ...Basics
          long: blurb(format: $format)
          writer: author {
            name
          }
        }
        other: book(id: "2") {
          ... on Book {
            title
          }
        }
      }
      fragment Basics on Book {
        heading: title
        pages
      }
    `;
    let body: Awaited<ReturnType<TestGateway['query']>>['body'] | undefined;
    const operations = await operationsDuring(async () => {
      ({ body } = await gateway.query(query, { variables: { id: '1', format: 'LONG' } }));
    });
    expect(body?.errors).toBeUndefined();
    expect(body?.data).toEqual({
      first: {
        heading: 'The Dispossessed',
        pages: 387,
        long: 'The Dispossessed: a novel, reviewed at length.',
        writer: { name: 'Ursula' },
      },
      other: { title: 'Solaris' },
    });
    const withVariable = operations.find((operation) => operation.query.includes('$format'));
    expect(withVariable?.variables).toEqual({ format: 'LONG' });
    expect(withVariable?.query).toContain('blurb(format: $format)');
  });

  it('sends what a field served by another source reads from its parent, and resolves that field there', async () => {
    const { body } = await gateway.query('{ book(id: "2") { title stock } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ book: { title: 'Solaris', stock: 20 } });
  });

  it('asks for __typename under an interface and completes each member', async () => {
    const { body } = await gateway.query('{ search(term: "solaris") { title ... on Book { pages } ... on Film { minutes } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      search: [
        { title: 'Solaris', pages: 204 },
        { title: 'Solaris (1972)', minutes: 167 },
      ],
    });
  });

  it('passes partial data through, the upstream’s errors at the client’s paths, without their messages', async () => {
    const { body } = await gateway.query('{ loans { id b: book { title author { s: secret } } } }');
    const loans = body.data?.['loans'] as { id: string; b: { title: string; author: { s: string | null } } | null }[];
    expect(loans[0]?.b).toEqual({ title: 'The Dispossessed', author: { s: 'secret of a1' } });
    expect(loans[1]?.b).toEqual({ title: 'Solaris', author: { s: null } });
    expect(body.errors).toEqual([
      {
        message: 'Upstream "library" reported an error for this field',
        locations: expect.any(Array),
        path: ['loans', 1, 'b', 'author', 's'],
        extensions: { code: 'UPSTREAM_REJECTED', source: 'library', retryable: false, upstreamCode: 'SECRET_SEALED' },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('vault');
  });

  it('turns an upstream error on the field itself into an error at its path', async () => {
    const { body } = await gateway.query('{ closed { title } book(id: "3") { title } }');
    expect(body.data).toEqual({ closed: null, book: { title: 'The Lathe of Heaven' } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['closed']);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_REJECTED',
      source: 'library',
      retryable: false,
      upstreamCode: 'SHELF_CLOSED',
    });
    expect(JSON.stringify(body)).not.toContain('5432');
  });

  it('refuses the same nested field with two argument sets, without calling upstream', async () => {
    const operations = await operationsDuring(async () => {
      const { body } = await gateway.query('{ book(id: "1") { a: blurb(format: SHORT) b: blurb(format: LONG) } }');
      expect(body.data).toEqual({ book: null });
      expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    });
    expect(operations).toHaveLength(0);
  });

  it('sends a mutation as a mutation', async () => {
    const operations = await operationsDuring(async () => {
      const { body } = await gateway.query('mutation { rate(id: "3", stars: 5) { title } }');
      expect(body.data).toEqual({ rate: { title: 'The Lathe of Heaven' } });
    });
    expect(operations).toHaveLength(1);
    expect(operations[0]?.query).toMatch(/^mutation/);
    expect(operations[0]?.query).toMatch(/_0: rate\(id: "?3"?, stars: 5\)/);
  });

  it('caches a field with a cache hint per argument and selection', async () => {
    const first = await operationsDuring(() => gateway.query('{ cachedBook(id: "1") { title } }'));
    expect(first).toHaveLength(1);
    const again = await operationsDuring(async () => {
      const { body } = await gateway.query('{ cachedBook(id: "1") { title } }');
      expect(body.data).toEqual({ cachedBook: { title: 'The Dispossessed' } });
    });
    expect(again).toHaveLength(0);
    // Another selection is another call.
    expect(await operationsDuring(() => gateway.query('{ cachedBook(id: "1") { pages } }'))).toHaveLength(1);
  });

  it('does not cache an answer that carries errors', async () => {
    const query = '{ cachedBook(id: "2") { author { secret } } }';
    expect(await operationsDuring(() => gateway.query(query))).toHaveLength(1);
    expect(await operationsDuring(() => gateway.query(query))).toHaveLength(1);
  });

  it('checks access before calling the upstream', async () => {
    const operations = await operationsDuring(async () => {
      const { body } = await gateway.query('{ staffBook(id: "1") { title } }', {
        headers: { authorization: `Bearer ${await testToken('visitor')}` },
      });
      expect(body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    });
    expect(operations).toHaveLength(0);
    const { body } = await gateway.query('{ staffBook(id: "1") { title } }', {
      headers: { authorization: `Bearer ${await testToken('librarian', ['staff'])}` },
    });
    expect(body.data).toEqual({ staffBook: { title: 'The Dispossessed' } });
  });

  it('sends identical queries of concurrent requests once', async () => {
    const coalesced = () => gateway.metric('tributary_upstream_coalesced_total', { source: 'library' });
    const before = await coalesced();
    const operations = await operationsDuring(async () => {
      const answers = await Promise.all([1, 2, 3].map(() => gateway.query('{ slowBook(id: "2") { title } }')));
      for (const { body } of answers) expect(body.data).toEqual({ slowBook: { title: 'Solaris' } });
    });
    expect(operations).toHaveLength(1);
    expect((await coalesced()) - before).toBe(2);
  });

  it('retries a query that failed with 503, as an idempotent call', async () => {
    library.failNext = 1;
    const operations = await operationsDuring(async () => {
      const { body } = await gateway.query('{ retriedBook(id: "3") { title } }');
      expect(body).toEqual({ data: { retriedBook: { title: 'The Lathe of Heaven' } } });
    });
    expect(operations).toHaveLength(2);
    expect(operations[1]).toEqual(operations[0]);
  });

  it('sends the source’s headers and the client headers it forwards', async () => {
    const { body } = await gateway.query('{ localizedBook(id: "1") { title } }', { headers: { 'accept-language': 'fr' } });
    expect(body.data).toEqual({ localizedBook: { title: 'The Dispossessed' } });
    const received = library.requests.at(-1)?.headers;
    expect(received?.['accept-language']).toBe('fr');
    expect(received?.['x-api-key']).toBe('library-key');
  });

  it('maps HTTP failures to UPSTREAM_UNAVAILABLE and opens the circuit', async () => {
    library.down = true;
    try {
      const { body } = await gateway.query('{ book(id: "1") { title } }');
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'library', status: 503, retryable: true });
    } finally {
      library.down = false;
    }
    const brokenCalls = () => library.requests.filter((request) => request.url === '/broken').length;
    for (let attempt = 0; attempt < 2; attempt++) await gateway.query('{ brokenBook(id: "1") { title } }');
    const before = brokenCalls();
    const { body } = await gateway.query('{ brokenBook(id: "1") { title } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'broken', circuit: 'open' });
    expect(brokenCalls()).toBe(before);
    expect(await gateway.metric('tributary_upstream_requests_total', { source: 'library', outcome: 'success' })).toBeGreaterThan(0);
  });
});
