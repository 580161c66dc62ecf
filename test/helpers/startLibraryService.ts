import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/fastify';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';

/** What the library service received in one call. */
export interface ReceivedOperation {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
}

export interface LibraryService extends DemoUpstream {
  /** Every operation sent to `/graphql`, in order. */
  readonly operations: ReceivedOperation[];
  /** Makes `/graphql` answer HTTP 503 while true. */
  down: boolean;
  /** Makes `/graphql` answer HTTP 503 this many times more. */
  failNext: number;
}

const typeDefs = /* GraphQL */ `
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
    "Fails for author a2, with code SECRET_SEALED."
    secret: String
  }
  type Book implements Media {
    id: ID!
    title: String!
    pages: Int!
    author: Author
    blurb(format: Format = SHORT): String
  }
  type Film implements Media {
    id: ID!
    title: String!
    minutes: Int!
  }
  type Query {
    book(id: ID!): Book
    search(term: String!): [Media!]!
    "Always fails, with code SHELF_CLOSED."
    closed: Book
    "Answers after 300 ms."
    slowBook(id: ID!): Book
  }
  type Mutation {
    rate(id: ID!, stars: Int!): Book
  }
`;

const authors = { a1: { id: 'a1', name: 'Ursula' }, a2: { id: 'a2', name: 'Stanisław' } };
const books = [
  { id: '1', title: 'The Dispossessed', pages: 387, authorId: 'a1' },
  { id: '2', title: 'Solaris', pages: 204, authorId: 'a2' },
  { id: '3', title: 'The Lathe of Heaven', pages: 184, authorId: 'a1' },
];
const films = [{ id: 'f1', title: 'Solaris (1972)', minutes: 167 }];

/**
 * A GraphQL service written for the tests (graphql-js through graphql-http, the GraphQL over HTTP
 * reference server) that records the operations it receives; `/graphql`, and `/broken` which
 * always answers 503.
 */
export async function startLibraryService(): Promise<LibraryService> {
  const operations: ReceivedOperation[] = [];
  const schema = makeExecutableSchema({
    typeDefs,
    resolvers: {
      Media: { __resolveType: (media: { pages?: number }) => (media.pages === undefined ? 'Film' : 'Book') },
      Book: {
        author: (book: { authorId: keyof typeof authors }) => authors[book.authorId],
        blurb: (book: { title: string }, args: { format: 'SHORT' | 'LONG' }) =>
          args.format === 'LONG' ? `${book.title}: a novel, reviewed at length.` : book.title,
      },
      Author: {
        secret: (author: { id: string }) => {
          if (author.id === 'a2') throw new GraphQLError('the vault at /srv/secrets is sealed', { extensions: { code: 'SECRET_SEALED' } });
          return `secret of ${author.id}`;
        },
      },
      Query: {
        book: (_: unknown, args: { id: string }) => books.find((book) => book.id === args.id) ?? null,
        search: (_: unknown, args: { term: string }) =>
          [...books, ...films].filter((media) => media.title.toLowerCase().includes(args.term.toLowerCase())),
        slowBook: async (_: unknown, args: { id: string }) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          return books.find((book) => book.id === args.id) ?? null;
        },
        closed: () => {
          throw new GraphQLError('connection to db-internal:5432 refused', { extensions: { code: 'SHELF_CLOSED' } });
        },
      },
      Mutation: {
        rate: (_: unknown, args: { id: string }) => books.find((book) => book.id === args.id) ?? null,
      },
    },
  });
  const handler = createHandler({ schema });
  const service = { down: false, failNext: 0 };
  const upstream = await startDemoUpstream('library', (app) => {
    app.addHook('preHandler', async (request) => {
      const body = request.body as { query?: string; variables?: Record<string, unknown> } | undefined;
      if (request.url === '/graphql' && typeof body?.query === 'string') operations.push({ query: body.query, variables: body.variables });
    });
    app.all('/graphql', async (request, reply) => {
      if (service.down || service.failNext > 0) {
        service.failNext = Math.max(0, service.failNext - 1);
        return reply.code(503).send({ message: 'maintenance' });
      }
      return handler.call(app, request, reply);
    });
    app.all('/broken', async (_request, reply) => reply.code(503).send({ message: 'down' }));
  });
  return {
    ...upstream,
    operations,
    get down() {
      return service.down;
    },
    set down(value: boolean) {
      service.down = value;
    },
    get failNext() {
      return service.failNext;
    },
    set failNext(value: number) {
      service.failNext = value;
    },
  };
}
