import { defaultFieldResolver } from 'graphql';
import { BadUserInputError } from '../../errors/BadUserInputError';
import type { FieldResolver } from '../../execution/FieldResolver';
import { renderTemplate, type TemplateScope } from '../../templates/renderTemplate';
import type { ConnectorRuntime } from '../Connector';
import { createEmbeddingLoader } from './createEmbeddingLoader';
import { rankBySimilarity } from './rankBySimilarity';
import { renderText } from './renderText';
import type { SimilarityFieldPlan } from './SimilarityFieldPlan';

/**
 * The resolver of a `@similarity` field: resolves the candidates field (with its own resolver, so
 * its upstream call, batching and access rule apply as if it had been queried), embeds the query
 * and every candidate's document in one batched call — the same loader `@embedding` fields use,
 * so texts embedded before come from the cache — and returns the candidates most similar first.
 */
export function createSimilarityResolver(plan: SimilarityFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const embed = createEmbeddingLoader(plan, runtime);
  return async (parent, args, context, info) => {
    context.audit.inference.asked();
    const scope: TemplateScope = { args, parent, claims: context.caller.claims };
    const first = readFirst(plan, scope);
    const query = renderText(plan.query, scope);
    if (query.trim() === '') throw new BadUserInputError(`${plan.coordinate}: the text to rank by is empty`);
    const field = info.parentType.getFields()[plan.candidates];
    if (field === undefined) throw new Error(`${plan.coordinate}: candidates field ${plan.candidates} is missing from the served schema`);
    const candidates: unknown = await (field.resolve ?? defaultFieldResolver)(parent, { ...plan.candidateArgs }, context, info);
    if (!Array.isArray(candidates) || candidates.length === 0 || first === 0) return [];
    const documents = candidates.map((candidate: unknown) =>
      renderText(plan.document, { args, parent: candidate, claims: context.caller.claims }),
    );
    // Query and documents are asked for in the same tick: one call for all of them.
    const [queryVector, ...vectors] = await Promise.all([embed(query, context), ...documents.map((document) => embed(document, context))]);
    const items = candidates.map((item: unknown, index) => ({ item, vector: vectors[index] ?? undefined }));
    return rankBySimilarity(queryVector ?? [], items, first).map((ranked) => ranked.item);
  };
}

/** `first` as rendered: undefined for "all", or a non-negative integer. */
function readFirst(plan: SimilarityFieldPlan, scope: TemplateScope): number | undefined {
  if (plan.first === undefined) return undefined;
  const value = renderTemplate(plan.first, scope);
  if (value === undefined || value === null || value === '') return undefined;
  const count = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(count) || count < 0) throw new BadUserInputError(`${plan.coordinate}: first must be a non-negative integer`);
  return count;
}
