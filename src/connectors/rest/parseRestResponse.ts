import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { errorForStatus } from '../../errors/errorForStatus';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { matchBatch as matchBatchItems } from '../../execution/matchBatch';
import { readPath } from '../../templates/readPath';
import type { RestFieldPlan } from './RestFieldPlan';

/**
 * Turns a REST answer into the field's data (before `select`), or throws the typed error its
 * status means. Upstream bodies never go into error messages.
 */
export function parseRestResponse(plan: RestFieldPlan, response: UpstreamResponse): unknown {
  const { status, source } = response;
  // A 404 on a batch endpoint means none of the keys exist: every key resolves to null.
  if (status === 404 && plan.notFoundIsNull) return plan.batch ? [] : null;
  const failure = errorForStatus(source, status);
  if (failure) throw failure;
  const data = readPath(response.json(), plan.resultPath);
  if (plan.batch && !Array.isArray(data)) {
    throw new UpstreamBadResponseError(source, `Upstream "${source}" answered a batched call with something other than a list`, { status });
  }
  return data;
}

/** Applies `select` to one item, or to every item of a list. */
export function selectResult(plan: RestFieldPlan, data: unknown): unknown {
  if (plan.select.length === 0 || data === null || data === undefined) return data ?? null;
  if (Array.isArray(data)) return data.map((item) => readPath(item, plan.select) ?? null);
  return readPath(data, plan.select) ?? null;
}

/** Aligns a batch answer with the keys asked for, by the plan's batch field. */
export function matchBatch(plan: RestFieldPlan, items: readonly unknown[], keys: readonly string[]): unknown[] {
  return matchBatchItems(items, keys, plan.batch?.field ?? [], plan.returnsList);
}
