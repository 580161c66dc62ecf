import type { RestFieldPlan } from '../../src/connectors/rest/RestFieldPlan';
import type { RestSourceConfig } from '../../src/connectors/rest/RestSourceConfig';
import { RESILIENCE_DEFAULTS } from '../../src/schema/ResilienceSettings';
import { parseTemplate } from '../../src/templates/parseTemplate';

/** A GET plan for `Query.customer` on source "shop"; `path` and `query` are template texts. */
export function restPlan(
  options: Partial<Omit<RestFieldPlan, 'path' | 'query' | 'source'>> & {
    path?: string[];
    query?: Record<string, string>;
    source?: Partial<RestSourceConfig>;
  } = {},
): RestFieldPlan {
  const { path = [], query = {}, source = {}, ...rest } = options;
  return {
    kind: 'rest',
    coordinate: 'Query.customer',
    source: {
      kind: 'rest',
      name: 'shop',
      baseURL: 'https://shop.example.com',
      headers: {},
      auth: undefined,
      timeoutMs: 2000,
      maxResponseBytes: 4096,
      maxBatchSize: 50,
      cacheMaxAgeSeconds: 0,
      resilience: RESILIENCE_DEFAULTS,
      ...source,
    },
    method: 'GET',
    path: path.map((segment) => parseTemplate(segment)),
    query: Object.entries(query).map(([name, text]) => [name, parseTemplate(text)] as const),
    body: undefined,
    cache: undefined,
    headers: [],
    batch: undefined,
    resultPath: [],
    select: [],
    idempotent: true,
    returnsList: false,
    notFoundIsNull: true,
    ...rest,
  };
}
