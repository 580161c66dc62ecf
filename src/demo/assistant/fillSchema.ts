import { isRecord } from '../../schema/readArgs';
import type { Classification } from './classifyIntent';

/** What the demo model knows about a message when it fills in an answer's schema. */
export interface Facts {
  readonly classification: Classification;
  /** The templated answer for the message's intent. */
  readonly answer: string;
  /** A one-line summary of the prompt. */
  readonly summary: string;
}

/**
 * Produces a value valid for a JSON schema (the subset structured outputs use), choosing each
 * property's content by its name: an `intent`-like enum gets the classified intent, `answer` the
 * templated answer, `confidence` the classifier's confidence, `summary` the summary. Every
 * property is filled, nullable ones with a value too. Deterministic. Pure.
 */
export function fillSchema(schema: unknown, name: string, facts: Facts): unknown {
  if (!isRecord(schema)) return null;
  if (Array.isArray(schema['anyOf'])) {
    const branch = (schema['anyOf'] as unknown[]).find((candidate: unknown) => isRecord(candidate) && candidate['type'] !== 'null');
    return fillSchema(branch, name, facts);
  }
  if (Array.isArray(schema['enum']))
    return pickEnum(
      schema['enum'].filter((value): value is string => typeof value === 'string'),
      facts,
    );
  const types: unknown[] = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  const type = types.find((candidate) => candidate !== 'null');
  const key = name.toLowerCase();
  switch (type) {
    case 'object': {
      const properties = isRecord(schema['properties']) ? schema['properties'] : {};
      return Object.fromEntries(Object.entries(properties).map(([property, inner]) => [property, fillSchema(inner, property, facts)]));
    }
    case 'array':
      return [fillSchema(schema['items'], name.replace(/s$/, ''), facts)];
    case 'number':
      return /confidence|score|probability/.test(key) ? facts.classification.confidence : 0;
    case 'integer':
      return /count|number|quantity/.test(key) ? 1 : 0;
    case 'boolean':
      return /urgent|escalat|human/.test(key) ? facts.classification.intent === 'payment_issue' : false;
    case 'string':
      if (/intent|category|topic/.test(key)) return facts.classification.intent;
      if (/summary|description|headline/.test(key)) return facts.summary;
      if (/language|locale/.test(key)) return 'en';
      return facts.answer;
    default:
      return null;
  }
}

/** The classified intent when the enum offers it (or `other`), else the first value. */
function pickEnum(values: readonly string[], facts: Facts): string | null {
  const wanted = [facts.classification.intent, 'other'];
  for (const candidate of wanted) {
    const found = values.find((value) => value.toLowerCase() === candidate);
    if (found !== undefined) return found;
  }
  return values[0] ?? null;
}
