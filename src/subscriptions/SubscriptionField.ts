import type { ManyResolver } from '../execution/createLoadingResolver';
import type { FieldResolver } from '../execution/FieldResolver';
import type { EventBus } from './EventBus';

/**
 * A linked Subscription field: `subscribe` answers the field's source stream (an async iterator
 * of events, per graphql-js), `resolve` turns each event into the field's value.
 */
export interface SubscriptionField {
  readonly subscribe: FieldResolver;
  readonly resolve: FieldResolver;
}

/** What a Subscription field is bound to when the gateway links its schema. */
export interface SubscriptionRuntime {
  /** Where webhook events are published and subscribed to. */
  readonly bus: EventBus;
  /** The many-parents resolver of a field bound to an upstream (what `@poll` repeats). */
  upstreamOf(coordinate: string): ManyResolver | undefined;
  /** The resolvers of a field its connector streams itself (`@inference(stream: true)`). */
  streamOf(coordinate: string): SubscriptionField | undefined;
}

/** A Subscription field as the compile stage leaves it: checked, and bound by the link stage. */
export interface CompiledSubscription {
  readonly link: (runtime: SubscriptionRuntime) => SubscriptionField;
}
