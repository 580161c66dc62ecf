import { filter } from '@graphql-yoga/subscription';
import { readPath } from '../../templates/readPath';
import { parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import type { FieldResolver } from '../../execution/FieldResolver';
import type { Template } from '../../templates/parseTemplate';
import { renderTemplate, stringifyScalar } from '../../templates/renderTemplate';
import type { CompiledSubscription } from '../SubscriptionField';
import { webhookTopic, type WebhookSource } from './WebhookSource';

/** One `filter` entry: the dot path into the event's data, and the template of the value it must have. */
interface FilterEntry {
  readonly path: readonly string[];
  readonly value: Template;
}

/**
 * Compiles `@webhook(source:, event:, filter:, select:)`: the field's stream is the source's
 * events of that type, kept when every filter entry matches (its template rendered once, at
 * subscribe, from the field's arguments and the caller's claims); each event delivers its data,
 * or the part `select` names.
 */
export function compileWebhookField(
  context: FieldContext,
  args: Record<string, unknown>,
  webhookSources: ReadonlyMap<string, WebhookSource>,
): CompiledSubscription | undefined {
  const { coordinate, problems } = context;
  const sourceName = String(args['source']);
  const event = String(args['event']);
  let ok = true;
  if (!webhookSources.has(sourceName)) {
    problems.add(coordinate, `@webhook source "${sourceName}" is not declared with @webhookSource`);
    ok = false;
  }
  if (event.trim() === '') {
    problems.add(coordinate, '@webhook event must not be empty');
    ok = false;
  }
  const entries: FilterEntry[] = [];
  const declaredFilter = args['filter'] ?? {};
  if (declaredFilter === null || typeof declaredFilter !== 'object' || Array.isArray(declaredFilter)) {
    problems.add(coordinate, '@webhook filter must be an object of path: "template"');
    ok = false;
  } else {
    for (const [path, text] of Object.entries(declaredFilter as Record<string, unknown>)) {
      if (typeof text !== 'string') {
        problems.add(coordinate, `@webhook filter.${path} must be a string template`);
        ok = false;
        continue;
      }
      const value = parseFieldTemplate(context, text, `@webhook filter.${path}`);
      if (value === undefined) ok = false;
      else entries.push({ path: path.split('.'), value });
    }
  }
  if (!ok) return undefined;
  const topic = webhookTopic(sourceName, event);
  const select = typeof args['select'] === 'string' && args['select'] !== '' ? args['select'].split('.') : undefined;
  const resolve: FieldResolver = select ? (data) => readPath(data, select) : (data) => data;
  const link: CompiledSubscription['link'] = ({ bus }) => ({ subscribe: subscribeOn(bus), resolve });
  const subscribeOn =
    (bus: { subscribe(topic: string): AsyncIterable<unknown> }): FieldResolver =>
    (_parent, fieldArgs, requestContext) => {
      const scope = { args: fieldArgs, claims: requestContext.caller.claims };
      const expected = entries
        .map((entry) => ({ path: entry.path, value: renderTemplate(entry.value, scope) }))
        .filter((entry) => entry.value !== undefined && entry.value !== null && entry.value !== '')
        .map((entry) => ({ path: entry.path, value: stringifyScalar(entry.value) }));
      const events = bus.subscribe(topic);
      if (expected.length === 0) return events;
      return filter((data: unknown) => expected.every((entry) => stringifyScalar(readPath(data, entry.path) ?? '') === entry.value))(
        events,
      );
    };
  return { link };
}
