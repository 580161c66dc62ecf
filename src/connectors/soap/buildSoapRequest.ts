import type { PlannedCall } from '../../execution/createLoadingResolver';
import type { UpstreamRequest } from '../../http/UpstreamRequest';
import { renderJsonTemplate } from '../../templates/JsonTemplate';
import { renderTemplate, stringifyScalar, type TemplateScope } from '../../templates/renderTemplate';
import { buildSoapEnvelope } from './buildSoapEnvelope';
import type { SoapFieldPlan } from './SoapFieldPlan';

/** Plans the SOAP call of one resolution: the envelope, or for a batched field the shared input and this parent's keys. Pure. */
export function buildSoapRequest(plan: SoapFieldPlan, scope: TemplateScope): PlannedCall {
  const input = plan.input ? renderJsonTemplate(plan.input, scope) : {};
  const request = envelopeRequest(plan, input);
  if (!plan.batch) return { request };
  const key = renderTemplate(plan.batch.key, scope);
  const keys = key === undefined || key === null || key === '' ? [] : (Array.isArray(key) ? key : [key]).map(stringifyScalar);
  return { request, batchKeys: keys, batchPayload: input };
}

/** The batched call: the shared input with the keys placed at the batch's `into` path. */
export function withSoapBatchKeys(plan: SoapFieldPlan, call: PlannedCall, keys: readonly string[]): UpstreamRequest {
  const into = plan.batch?.into ?? [];
  const input = structuredClone((call.batchPayload ?? {}) as Record<string, unknown>);
  let target = input;
  into.slice(0, -1).forEach((step) => {
    const next = target[step];
    target[step] = next !== null && typeof next === 'object' ? next : {};
    target = target[step] as Record<string, unknown>;
  });
  const last = into.at(-1);
  if (last !== undefined) target[last] = [...keys];
  return envelopeRequest(plan, input);
}

function envelopeRequest(plan: SoapFieldPlan, input: unknown): UpstreamRequest {
  const { source, codec } = plan;
  const envelope = buildSoapEnvelope(codec, input, source.security);
  return {
    source: source.name,
    method: 'POST',
    url: source.endpoint,
    headers: { ...source.headers, ...envelope.headers },
    body: envelope.body,
    timeoutMs: source.timeoutMs,
    maxResponseBytes: source.maxResponseBytes,
    idempotent: plan.idempotent,
    kind: 'soap',
    route: codec.operation,
  };
}
