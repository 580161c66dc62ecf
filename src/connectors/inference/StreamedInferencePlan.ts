import type { InferenceFieldPlan } from './InferenceFieldPlan';

/** A Subscription field fed by `@inference(stream: true)`, compiled once at startup. */
export interface StreamedInferencePlan {
  readonly kind: 'inference-stream';
  readonly coordinate: string;
  /** The model call, as an `@inference` field makes it; its format is the event type's `reply` field's. */
  readonly call: InferenceFieldPlan;
}
