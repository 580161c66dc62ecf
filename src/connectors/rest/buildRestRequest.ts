import { BadUserInputError } from '../../errors/BadUserInputError';
import type { UpstreamRequest } from '../../http/UpstreamRequest';
import { renderJsonTemplate } from '../../templates/JsonTemplate';
import { renderTemplate, stringifyScalar, type TemplateScope } from '../../templates/renderTemplate';
import type { Template } from '../../templates/parseTemplate';
import type { RestFieldPlan } from './RestFieldPlan';

export interface RestRequest {
  /** The call; for a batched field, without the batch parameter. */
  readonly request: UpstreamRequest;
  /** For a batched field: this parent's key values (none when the parent has no key). */
  readonly batchKeys: readonly string[] | undefined;
}

/** Builds the upstream call for one resolution of a `@rest` field. Pure. */
export function buildRestRequest(plan: RestFieldPlan, scope: TemplateScope): RestRequest {
  const { source } = plan;
  const path = plan.path.map((segment) => renderPathSegment(segment, scope, plan.coordinate)).join('/');
  let batchKeys: string[] | undefined;
  let search = '';
  if (plan.query.length > 0) {
    const params = new URLSearchParams();
    for (const [name, template] of plan.query) {
      const values = toQueryValues(renderTemplate(template, scope));
      if (plan.batch?.param === name) batchKeys = values;
      else for (const value of values) params.append(name, value);
    }
    if (params.size > 0) search = `?${params.toString()}`;
  }
  const shared = plan.headers.length === 0 && !plan.body;
  const headers: Record<string, string> = shared ? staticHeaders(plan) : { ...source.headers };
  for (const header of plan.headers) {
    const value = renderTemplate(header.value, scope);
    if (value !== undefined && value !== null && value !== '') headers[header.name] = stringifyScalar(value);
  }
  let body: string | undefined;
  if (plan.body) {
    body = JSON.stringify(renderJsonTemplate(plan.body, scope));
    headers['content-type'] = 'application/json';
  }
  if (!shared) headers['accept'] ??= 'application/json';
  return {
    request: {
      source: source.name,
      method: plan.method,
      url: `${source.baseURL}${path ? `/${path}` : ''}${search}`,
      headers,
      ...(body === undefined ? {} : { body }),
      timeoutMs: source.timeoutMs,
      maxResponseBytes: source.maxResponseBytes,
      idempotent: plan.idempotent,
      kind: 'rest',
      ...(plan.route === undefined ? {} : { route: plan.route }),
    },
    batchKeys: plan.batch ? (batchKeys ?? []) : undefined,
  };
}

const sharedHeaders = new WeakMap<RestFieldPlan, Record<string, string>>();

/** A field whose headers never change shares one frozen header object (and so one key part). */
function staticHeaders(plan: RestFieldPlan): Record<string, string> {
  let headers = sharedHeaders.get(plan);
  if (headers === undefined) {
    headers = Object.freeze({ accept: 'application/json', ...plan.source.headers });
    sharedHeaders.set(plan, headers);
  }
  return headers;
}

/** Adds the batch parameter, once per key, to a call built by `buildRestRequest`. */
export function withBatchKeys(request: UpstreamRequest, param: string, keys: readonly string[]): UpstreamRequest {
  const params = new URLSearchParams();
  for (const key of keys) params.append(param, key);
  const separator = request.url.includes('?') ? '&' : '?';
  return { ...request, url: `${request.url}${separator}${params.toString()}` };
}

/**
 * A rendered value becomes exactly one path segment: `a/b` is encoded to `a%2Fb`, and values that
 * URL normalisation would resolve away (`.`, `..`) or that would empty the segment are refused,
 * so no argument can reach another upstream path.
 */
function renderPathSegment(template: Template, scope: TemplateScope, coordinate: string): string {
  let out = '';
  let hasValue = false;
  for (const segment of template.segments) {
    if (typeof segment === 'string') {
      out += segment;
      continue;
    }
    hasValue = true;
    const value = renderTemplate({ source: '', segments: [segment] }, scope);
    if (value === undefined || value === null || typeof value === 'object') {
      throw new BadUserInputError(`${coordinate}: {${segment.root}.${segment.path.join('.')}} has no value for the upstream path`);
    }
    out += encodeURIComponent(stringifyScalar(value));
  }
  if (hasValue && (out === '' || out === '.' || out === '..')) {
    throw new BadUserInputError(`${coordinate}: "${out}" cannot be used as a path segment`);
  }
  return out;
}

function toQueryValues(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.filter((item) => item !== undefined && item !== null).map(stringifyScalar);
  return [stringifyScalar(value)];
}
