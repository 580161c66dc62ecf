import { forwardsIdentity } from '../../http/credentials/SourceAuth';
import { getNullableType, isListType } from 'graphql';
import { checkExpressions, parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { isRecord, optionalBoolean, optionalString, splitPath } from '../../schema/readArgs';
import { jsonTemplateExpressions, parseJsonTemplate, type JsonTemplate } from '../../templates/JsonTemplate';
import { templateExpressions, TemplateSyntaxError } from '../../templates/parseTemplate';
import { compileCachePolicy } from '../../cache/compileCachePolicy';
import type { SoapBatch, SoapFieldPlan } from './SoapFieldPlan';
import { lookupSource } from '../lookupSource';
import type { XsdField, XsdTypeRef } from './wsdl/WsdlModel';
import type { XsdResolver } from './wsdl/XsdResolver';

/** Compiles `@soap(...)` arguments into a plan, checking the operation and its input against the WSDL. */
export function compileSoapField(context: FieldContext, args: Record<string, unknown>): SoapFieldPlan | undefined {
  const { coordinate, problems } = context;
  const before = problems.size;
  const sourceName = optionalString(args, 'source') ?? '';
  const source = lookupSource(context, 'soap', sourceName, 'soap');
  if (!source) return undefined;

  const operationName = optionalString(args, 'operation') ?? '';
  const operation = source.wsdl.operations.get(operationName);
  const codec = source.codecs.get(operationName);
  if (!operation || !codec) {
    problems.add(
      coordinate,
      `@soap operation "${operationName}" is not in the WSDL of "${sourceName}" (it has ${[...source.wsdl.operations.keys()].join(', ') || 'none'})`,
    );
    return undefined;
  }
  const inputFields = messageFields(
    operation.input.style === 'document' ? operation.input.element.type : undefined,
    operation.input.style === 'rpc' ? operation.input.parts : undefined,
    source.resolver,
  );

  let input: JsonTemplate | undefined;
  if (args['input'] !== undefined && args['input'] !== null) {
    try {
      input = parseJsonTemplate(args['input']);
      checkExpressions(context, { source: '', segments: jsonTemplateExpressions(input) }, '@soap input');
      checkInputShape(input, inputFields, source.resolver, `${operationName}`, (message) =>
        problems.add(coordinate, `@soap input: ${message}`),
      );
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      problems.add(coordinate, `@soap input: ${error.message}`);
    }
  }

  let batch: SoapBatch | undefined;
  const batchArgs = args['batch'];
  if (isRecord(batchArgs)) {
    const key = parseFieldTemplate(context, String(batchArgs['key']), '@soap batch.key');
    const into = splitPath(String(batchArgs['into']));
    const target = fieldAt(inputFields, into, source.resolver);
    if (!target) problems.add(coordinate, `@soap batch.into "${into.join('.')}" is not an element of the ${operationName} input`);
    else if (target.maxOccurs <= 1)
      problems.add(coordinate, `@soap batch.into "${into.join('.')}" is not a repeated element, so it cannot carry several keys`);
    if (context.isRootType) problems.add(coordinate, '@soap batch batches across parents; a root field has none');
    if (key) batch = { key, into, matchOn: splitPath(String(batchArgs['matchOn'])) };
  }

  if (problems.size > before) return undefined;
  const idempotent = optionalBoolean(args, 'idempotent') ?? false;
  const readsClaims = [...(input ? jsonTemplateExpressions(input) : []), ...(batch ? templateExpressions(batch.key) : [])].some(
    (expression) => expression.root === 'claims',
  );
  return Object.freeze({
    kind: 'soap',
    coordinate,
    source,
    codec,
    input,
    batch,
    resultPath: splitPath(optionalString(args, 'resultPath')),
    idempotent,
    cache: compileCachePolicy({
      context,
      idempotent,
      readsClaims: readsClaims || forwardsIdentity(source.auth),
      sourceMaxAge: source.cacheMaxAgeSeconds,
    }),
    returnsList: isListType(getNullableType(context.field.type)),
  });
}

function messageFields(
  element: XsdTypeRef | undefined,
  parts: readonly XsdField[] | undefined,
  resolver: XsdResolver,
): readonly XsdField[] {
  if (parts) return parts;
  const type = element && resolver.resolve(element);
  return type?.kind === 'complex' ? resolver.fieldsOf(type) : [];
}

function fieldAt(fields: readonly XsdField[], path: readonly string[], resolver: XsdResolver): XsdField | undefined {
  let current = fields;
  let found: XsdField | undefined;
  for (const step of path) {
    found = current.find((field) => field.name === step);
    if (!found) return undefined;
    const type = resolver.resolve(found.type);
    current = type?.kind === 'complex' ? resolver.fieldsOf(type) : [];
  }
  return found;
}

/** Every key of an object template must be an element of the XSD type at that place. */
function checkInputShape(
  template: JsonTemplate,
  fields: readonly XsdField[],
  resolver: XsdResolver,
  path: string,
  report: (message: string) => void,
): void {
  if (template.kind !== 'object') return;
  for (const [key, value] of template.entries) {
    const field = fields.find((candidate) => candidate.name === key);
    if (!field) {
      report(`${path} has no element "${key}" (it has ${fields.map((candidate) => candidate.name).join(', ') || 'none'})`);
      continue;
    }
    const type = resolver.resolve(field.type);
    if (value.kind === 'object' && type?.kind === 'complex')
      checkInputShape(value, resolver.fieldsOf(type), resolver, `${path}.${key}`, report);
  }
}
