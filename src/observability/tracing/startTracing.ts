import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

import { tracingConfigured } from './tracingConfigured';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Starts OpenTelemetry tracing for this process when the standard `OTEL_*` variables ask for it
 * (OTLP over HTTP to `OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT`, sampled by `OTEL_TRACES_SAMPLER`,
 * named by `OTEL_SERVICE_NAME`, default `tributary`). Registers the global tracer provider, the
 * W3C trace-context propagator and the async context manager, so spans started anywhere in a
 * request nest under its operation span. Answers a function that flushes and stops it; nothing
 * at all runs when tracing is off.
 */
export function startTracing(env: Env): (() => Promise<void>) | undefined {
  if (!tracingConfigured(env)) return undefined;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: env['OTEL_SERVICE_NAME'] || 'tributary' }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  return () => provider.shutdown();
}
