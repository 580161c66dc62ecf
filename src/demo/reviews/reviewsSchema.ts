import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { StoredReview } from './reviewsData';

export const reviewsTypeDefs = /* GraphQL */ `
  "A customer's review of a product."
  type Review {
    id: ID!
    "The product's SKU."
    sku: ID!
    "1 to 5 stars."
    rating: Int!
    text: String!
    "The name shown with the review."
    author: String!
    "The shop's customer id of the author."
    authorId: ID!
  }

  type Query {
    "Reviews of one product, best first."
    reviews(sku: ID!, first: Int): [Review!]!
    "Reviews one customer wrote."
    reviewsByAuthor(authorId: ID!): [Review!]!
    review(id: ID!): Review
  }
`;

/** The demo reviews service's schema, over its data. */
export function createReviewsSchema(reviews: readonly StoredReview[]): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: reviewsTypeDefs,
    resolvers: {
      Query: {
        reviews: (_: unknown, args: { sku: string; first?: number | null }) => {
          const found = reviews.filter((review) => review.sku === args.sku).sort((a, b) => b.rating - a.rating);
          return typeof args.first === 'number' ? found.slice(0, Math.max(0, args.first)) : found;
        },
        reviewsByAuthor: (_: unknown, args: { authorId: string }) => reviews.filter((review) => review.authorId === args.authorId),
        review: (_: unknown, args: { id: string }) => reviews.find((review) => review.id === args.id) ?? null,
      },
    },
  });
}
