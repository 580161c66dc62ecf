import type { FieldResolver } from '../schema/FieldResolver';

/**
 * A compiled Subscription field: `subscribe` answers the field's source stream (an async
 * iterator of events, per graphql-js), `resolve` turns each event into the field's value.
 */
export interface SubscriptionField {
  readonly subscribe: FieldResolver;
  readonly resolve: FieldResolver;
}
