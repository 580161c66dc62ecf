import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** The SDL of a second subgraph, as another team would write it: ratings of our products by our customers. */
export const reviewsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@shareable"])

  type Query {
    "The latest ratings, newest first."
    latestRatings: [Rating!]!
  }

  type Rating {
    id: ID!
    rating: Int!
    text: String!
    product: Product!
    author: Customer!
    "What the author paid: a value type both subgraphs resolve."
    paid: Money
  }

  scalar Decimal

  type Money @shareable {
    amount: Decimal!
    currency: String!
  }

  type Product @key(fields: "sku") {
    sku: ID!
    ratings: [Rating!]!
    name: String! @external
    "Needs the product's name, which our shop subgraph owns: the gateway fetches it first."
    headline: String! @requires(fields: "name")
  }

  type Customer @key(fields: "id") {
    id: ID!
    loyaltyPoints: Int!
  }
`);

interface RatingRow {
  readonly id: string;
  readonly rating: number;
  readonly text: string;
  readonly sku: string;
  readonly authorId: string;
}

const REVIEWS: readonly RatingRow[] = [
  { id: 'r1', rating: 5, text: 'Warm and light.', sku: 'JKT-001', authorId: '1' },
  { id: 'r2', rating: 4, text: 'Runs small.', sku: 'SWT-001', authorId: '2' },
  { id: 'r3', rating: 3, text: 'Fine for the price.', sku: 'JKT-001', authorId: '3' },
  { id: 'r4', rating: 5, text: 'Best boots I have owned.', sku: 'BOT-001', authorId: '2' },
];

const toReview = (row: RatingRow) => ({
  id: row.id,
  rating: row.rating,
  text: row.text,
  product: { __typename: 'Product', sku: row.sku },
  author: { __typename: 'Customer', id: row.authorId },
  paid: { amount: `${row.rating * 10}.00`, currency: 'EUR' },
});

export interface ReviewsSubgraph {
  readonly url: string;
  /** `_entities` calls this subgraph received, with their representations. */
  readonly entityCalls: unknown[][];
  close(): Promise<void>;
}

/** Starts the reviews subgraph with Apollo's own subgraph library, on a free loopback port. */
export async function startReviewsSubgraph(): Promise<ReviewsSubgraph> {
  const entityCalls: unknown[][] = [];
  const schema = buildSubgraphSchema({
    typeDefs: reviewsTypeDefs,
    resolvers: {
      Query: { latestRatings: () => REVIEWS.map(toReview) },
      Product: {
        __resolveReference: (reference: { sku: string; name?: string }) => reference,
        ratings: (product: { sku: string }) => REVIEWS.filter((row) => row.sku === product.sku).map(toReview),
        headline: (product: { sku: string; name: string }) => `${product.name} (${product.sku})`,
      },
      Customer: {
        __resolveReference: (reference: { id: string }) => reference,
        loyaltyPoints: (customer: { id: string }) => Number(customer.id) * 100,
      },
    },
  });
  const server = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request }) {
          const representations = request.variables?.['representations'];
          if (Array.isArray(representations)) entityCalls.push(representations);
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, entityCalls, close: () => server.stop() };
}
