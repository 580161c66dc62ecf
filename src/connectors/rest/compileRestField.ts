import type { RestSourceConfig } from './RestSourceConfig';
import { getNullableType, isListType } from 'graphql';
import type { HttpMethod } from '../../http/UpstreamRequest';
import { checkExpressions, parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { isRecord, optionalBoolean, optionalString, splitPath } from '../../schema/readArgs';
import type { HeaderTemplate } from '../../schema/SourceConfig';
import { jsonTemplateExpressions, parseJsonTemplate, type JsonTemplate } from '../../templates/JsonTemplate';
import { templateExpressions, TemplateSyntaxError, type Template } from '../../templates/parseTemplate';
import { compileCachePolicy } from '../../cache/compileCachePolicy';
import type { RestFieldPlan } from './RestFieldPlan';
import { lookupSource } from '../lookupSource';

/** Compiles `@rest(...)` arguments into a plan, recording every problem with the field's coordinate. */
export function compileRestField(context: FieldContext, args: Record<string, unknown>): RestFieldPlan | undefined {
  const { coordinate, problems } = context;
  const before = problems.size;
  const sourceName = optionalString(args, 'source') ?? '';
  const source = lookupSource<RestSourceConfig>(context, 'rest', sourceName, 'rest');

  const method = (optionalString(args, 'method') ?? 'GET') as HttpMethod;
  const pathText = optionalString(args, 'path') ?? '';
  const path: Template[] = [];
  for (const segmentText of pathText.split('/').filter((part) => part.length > 0)) {
    if (/[?#]/.test(segmentText)) {
      problems.add(coordinate, `@rest path "${pathText}" must not contain "?" or "#"; declare query parameters with query:`);
      continue;
    }
    const segment = parseFieldTemplate(context, segmentText, `@rest path`);
    if (segment) path.push(segment);
  }

  const query: (readonly [string, Template])[] = [];
  const queryArg = args['query'];
  if (queryArg !== undefined && queryArg !== null) {
    if (!isRecord(queryArg)) problems.add(coordinate, '@rest query must be an object of templates, e.g. { id: "{args.id}" }');
    else {
      for (const [name, value] of Object.entries(queryArg)) {
        if (typeof value !== 'string') {
          problems.add(coordinate, `@rest query.${name} must be a template string`);
          continue;
        }
        const template = parseFieldTemplate(context, value, `@rest query.${name}`);
        if (template) query.push([name, template]);
      }
    }
  }

  let body: JsonTemplate | undefined;
  if (args['body'] !== undefined && args['body'] !== null) {
    if (method === 'GET' || method === 'DELETE') problems.add(coordinate, `@rest body is not sent with ${method}`);
    try {
      body = parseJsonTemplate(args['body']);
      checkExpressions(context, { source: '', segments: jsonTemplateExpressions(body) }, '@rest body');
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      problems.add(coordinate, `@rest body: ${error.message}`);
    }
  }

  const headers: HeaderTemplate[] = [];
  for (const header of Array.isArray(args['headers']) ? args['headers'] : []) {
    if (!isRecord(header)) continue;
    const name = String(header['name']).toLowerCase();
    const value = parseFieldTemplate(context, String(header['value']), `@rest header ${name}`);
    if (value) headers.push({ name, value });
  }

  const batchKey = optionalString(args, 'batchKey');
  if (batchKey !== undefined) {
    if (!query.some(([name]) => name === batchKey)) {
      problems.add(
        coordinate,
        `@rest batchKey "${batchKey}" must name a query parameter, e.g. query: { ${batchKey}: "{parent.${batchKey}}" }`,
      );
    }
    if (method !== 'GET') problems.add(coordinate, `@rest batchKey needs method GET, got ${method}`);
    if (context.isRootType) problems.add(coordinate, '@rest batchKey batches across parents; a root field has none');
  }

  if (problems.size > before || !source) return undefined;
  const idempotent = optionalBoolean(args, 'idempotent') ?? method === 'GET';
  const templates = [...path, ...query.map(([, template]) => template), ...headers.map((header) => header.value)];
  const readsClaims =
    templates.some((template) => templateExpressions(template).some((expression) => expression.root === 'claims')) ||
    (body !== undefined && jsonTemplateExpressions(body).some((expression) => expression.root === 'claims'));
  return Object.freeze({
    kind: 'rest',
    coordinate,
    source,
    method,
    path,
    route: pathText,
    query,
    body,
    headers,
    batch: batchKey === undefined ? undefined : { param: batchKey, field: splitPath(optionalString(args, 'batchKeyField') ?? batchKey) },
    resultPath: splitPath(optionalString(args, 'resultPath')),
    select: splitPath(optionalString(args, 'select')),
    idempotent,
    cache: compileCachePolicy({
      context,
      idempotent,
      readsClaims,
      source,
    }),
    returnsList: isListType(getNullableType(context.field.type)),
    notFoundIsNull: method === 'GET',
  });
}
