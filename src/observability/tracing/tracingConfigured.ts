type Env = Readonly<Record<string, string | undefined>>;

/** Whether traces are exported: an OTLP endpoint is set in the standard variables, and the SDK is not disabled. */
export function tracingConfigured(env: Env): boolean {
  if (env['OTEL_SDK_DISABLED'] === 'true') return false;
  return Boolean(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT']);
}
