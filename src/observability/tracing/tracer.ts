import { trace } from '@opentelemetry/api';

/** The gateway's tracer: a no-op until `startTracing` registers a provider. */
export const tracer = trace.getTracer('tributary');
