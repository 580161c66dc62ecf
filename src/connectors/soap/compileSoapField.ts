import type { SoapSourceConfig } from './SoapSourceConfig';
import { getNullableType, isListType } from 'graphql';
import { checkExpressions, parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { isRecord, optionalBoolean, optionalString, splitPath } from '../../schema/readArgs';
import { jsonTemplateExpressions, parseJsonTemplate, type JsonTemplate } from '../../templates/JsonTemplate';
import { templateExpressions, TemplateSyntaxError } from '../../templates/parseTemplate';
import { compileCachePolicy } from '../../cache/compileCachePolicy';
import type { SoapBatch, SoapFieldPlan } from './SoapFieldPlan';
import { lookupSource } from '../lookupSource';
import type { BodyCodec, ComplexCodec, ElementCodec } from './codec/SoapCodec';
import { XSI_TYPE_KEY } from './wsdl/XsdResolver';

/** Compiles `@soap(...)` arguments into a plan, checking the operation and its input against the WSDL. */
export function compileSoapField(context: FieldContext, args: Record<string, unknown>): SoapFieldPlan | undefined {
  const { coordinate, problems } = context;
  const before = problems.size;
  const sourceName = optionalString(args, 'source') ?? '';
  const source = lookupSource<SoapSourceConfig>(context, 'soap', sourceName, 'soap');
  if (!source) return undefined;

  const operationName = optionalString(args, 'operation') ?? '';
  const codec = source.codecs.get(operationName);
  if (!codec) {
    problems.add(
      coordinate,
      `@soap operation "${operationName}" is not in the WSDL of "${sourceName}" (it has ${[...source.wsdl.operations.keys()].join(', ') || 'none'})`,
    );
    return undefined;
  }
  const inputMembers = bodyMembers(codec.input);

  let input: JsonTemplate | undefined;
  if (args['input'] !== undefined && args['input'] !== null) {
    try {
      input = parseJsonTemplate(args['input']);
      checkExpressions(context, { source: '', segments: jsonTemplateExpressions(input) }, '@soap input');
      checkInputShape(input, inputMembers, `${operationName}`, (message) => problems.add(coordinate, `@soap input: ${message}`));
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
    const target = elementAt(inputMembers, into);
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
      readsClaims,
      source,
    }),
    returnsList: isListType(getNullableType(context.field.type)),
  });
}

/** What an input object may hold at one place: child elements, and the other keys of a complex type. */
interface InputMembers {
  readonly elements: readonly ElementCodec[];
  readonly otherKeys: readonly string[];
}

function bodyMembers(body: BodyCodec): InputMembers {
  if (body.kind === 'rpc') return { elements: body.parts, otherKeys: [] };
  if (body.kind === 'document' && body.element.content.kind === 'complex') return complexMembers(body.element.content);
  return { elements: [], otherKeys: [] };
}

/** A complex type's members, with those of the derived types an `xsiType` may name. */
function complexMembers(codec: ComplexCodec): InputMembers {
  const all = [codec, ...codec.substitutes.values()];
  const elements = new Map<string, ElementCodec>();
  for (const type of all) for (const element of type.elements) if (!elements.has(element.key)) elements.set(element.key, element);
  const otherKeys = all.flatMap((type) => [
    ...type.attributes.map((attribute) => attribute.key),
    ...(type.text ? [type.text.key] : []),
    ...(type.anyKey ? [type.anyKey] : []),
  ]);
  return { elements: [...elements.values()], otherKeys: [...new Set([...otherKeys, ...(all.length > 1 ? [XSI_TYPE_KEY] : [])])] };
}

function elementAt(members: InputMembers, path: readonly string[]): ElementCodec | undefined {
  let current = members;
  let found: ElementCodec | undefined;
  for (const step of path) {
    found = current.elements.find((element) => element.key === step);
    if (!found) return undefined;
    current = found.content.kind === 'complex' ? complexMembers(found.content) : { elements: [], otherKeys: [] };
  }
  return found;
}

/** Every key of an object template must be a member of the XSD type at that place. */
function checkInputShape(template: JsonTemplate, members: InputMembers, path: string, report: (message: string) => void): void {
  if (template.kind !== 'object') return;
  for (const [key, value] of template.entries) {
    if (members.otherKeys.includes(key)) continue;
    const element = members.elements.find((candidate) => candidate.key === key);
    if (!element) {
      const known = [...members.elements.map((candidate) => candidate.key), ...members.otherKeys];
      report(`${path} has no element "${key}" (it has ${known.join(', ') || 'none'})`);
      continue;
    }
    if (value.kind === 'object' && element.content.kind === 'complex')
      checkInputShape(value, complexMembers(element.content), `${path}.${key}`, report);
  }
}
