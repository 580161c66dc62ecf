import type { TokenUsage } from '../../execution/InferenceUsage';
import { isRecord } from '../../schema/readArgs';

function count(usage: Record<string, unknown>, name: string): number {
  const value = usage[name];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/**
 * The tokens an answer says it used (`usage`), read from the untyped reply. A reply without usage
 * counts as none: the call is still counted, and the budget is the provider's bill, not ours to
 * guess. Pure.
 */
export function readTokenUsage(reply: unknown, kind: 'chat' | 'embedding'): TokenUsage {
  const usage = isRecord(reply) && isRecord(reply['usage']) ? reply['usage'] : {};
  if (kind === 'embedding') return { prompt: 0, completion: 0, embedding: count(usage, 'prompt_tokens') || count(usage, 'total_tokens') };
  return { prompt: count(usage, 'prompt_tokens'), completion: count(usage, 'completion_tokens'), embedding: 0 };
}
