import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { isRecord } from '../../schema/readArgs';

/**
 * The vectors of an `/embeddings` answer (untyped), aligned with the `count` inputs that were
 * sent: each item is placed by its `index`. Missing, duplicate or non-numeric items make the
 * whole answer unusable. Pure.
 */
export function parseEmbeddingReply(source: string, reply: unknown, count: number): number[][] {
  const bad = (what: string) =>
    new UpstreamBadResponseError(source, `The embeddings of "${source}" ${what}`, {
      status: 200,
      extensions: { reason: 'malformed_reply' },
    });
  const data = isRecord(reply) ? reply['data'] : undefined;
  if (!Array.isArray(data) || data.length !== count) throw bad(`do not match the ${count} texts sent`);
  const vectors: (number[] | undefined)[] = new Array<number[] | undefined>(count).fill(undefined);
  data.forEach((item: unknown, position) => {
    const index = isRecord(item) && typeof item['index'] === 'number' ? item['index'] : position;
    const embedding = isRecord(item) ? item['embedding'] : undefined;
    if (!Number.isInteger(index) || index < 0 || index >= count || vectors[index] !== undefined) throw bad('are not one per text sent');
    if (
      !Array.isArray(embedding) ||
      embedding.length === 0 ||
      !embedding.every((value) => typeof value === 'number' && Number.isFinite(value))
    ) {
      throw bad('are not lists of numbers');
    }
    vectors[index] = embedding as number[];
  });
  return vectors as number[][];
}
