import type { FieldContext } from '../../schema/FieldContext';
import type { FieldResolver } from '../../execution/FieldResolver';
import type { ManyResolver } from '../../execution/createLoadingResolver';
import { LoaderRegistry } from '../../execution/LoaderRegistry';
import { RequestAudit } from '../../execution/RequestAudit';
import type { CompiledSubscription } from '../SubscriptionField';
import { PollerGroup } from './PollerGroup';
import { PollFailure } from './PollFailure';

/** Shortest interval accepted: a subscription must not turn into a load test of its upstream. */
export const MIN_POLL_INTERVAL_MS = 100;
/** Deadline of one poll's upstream call (its source's own timeout still applies within it). */
const POLL_DEADLINE_MS = 60_000;

/**
 * Compiles `@poll(intervalMs:)` on a Subscription field bound to `@rest` or `@soap`: the field's
 * upstream call, repeated by a shared poller per argument set (and per caller, when the source's
 * answers depend on the caller), with an event each time its answer changes.
 */
export function compilePolledField(
  context: FieldContext,
  args: Record<string, unknown>,
  boundToUpstream: boolean,
  callerDependent: boolean,
): CompiledSubscription | undefined {
  const intervalMs = Number(args['intervalMs']);
  let ok = true;
  if (!boundToUpstream) {
    context.problems.add(context.coordinate, '@poll needs the upstream call to repeat: add @rest or @soap to the field');
    ok = false;
  }
  if (!Number.isInteger(intervalMs) || intervalMs < MIN_POLL_INTERVAL_MS) {
    context.problems.add(context.coordinate, `@poll intervalMs must be an integer of at least ${MIN_POLL_INTERVAL_MS}`);
    ok = false;
  }
  if (!ok) return undefined;
  const resolve: FieldResolver = (payload) => {
    if (payload instanceof PollFailure) throw payload.error;
    return payload;
  };
  const link: CompiledSubscription['link'] = (runtime) => {
    const upstream = runtime.upstreamOf(context.coordinate);
    if (upstream === undefined)
      throw new Error(`${context.coordinate}: @poll needs a field whose upstream call resolves many parents (@rest or @soap)`);
    return { subscribe: subscribeTo(upstream, new PollerGroup(intervalMs)), resolve };
  };
  const subscribeTo =
    (upstream: ManyResolver, pollers: PollerGroup): FieldResolver =>
    (_parent, fieldArgs, requestContext) => {
      const { caller, clientAddress } = requestContext;
      const key = JSON.stringify([callerDependent ? (caller.subject ?? '') : '', sortedEntries(fieldArgs)]);
      return pollers.subscribe(key, async () => {
        const pollContext = {
          caller,
          clientAddress,
          loaders: new LoaderRegistry(),
          audit: new RequestAudit(),
          deadline: Date.now() + POLL_DEADLINE_MS,
        };
        const [answer] = await upstream([undefined], fieldArgs, pollContext);
        if (answer instanceof Error) throw answer;
        return answer;
      });
    };
  return { link };
}

function sortedEntries(args: Record<string, unknown>): [string, unknown][] {
  return Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
