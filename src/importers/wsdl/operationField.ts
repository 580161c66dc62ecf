import { Kind, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';
import type { SoapOperation, XsdField } from '../../connectors/soap/wsdl/WsdlModel';
import type { XsdResolver } from '../../connectors/soap/wsdl/XsdResolver';
import { camelCase, pascalCase } from './graphqlNames';
import { description, directive, nameNode, namedType, nonNull, nullable } from './sdlNodes';
import { UNTYPED_SCALAR } from './xsdScalars';
import { wrap, type MappedField, type XsdTypeMapper } from './XsdTypeMapper';

export interface OperationContext {
  readonly mapper: XsdTypeMapper;
  readonly resolver: XsdResolver;
  readonly sourceName: string;
  readonly note: (text: string) => void;
}

export interface OperationField {
  readonly field: FieldDefinitionNode;
  /** One-way and empty-output operations answer only that the call was accepted. */
  readonly acknowledgement: boolean;
}

interface OperationOutput {
  readonly type: TypeNode;
  readonly resultPath: string | undefined;
  readonly comment: string | undefined;
}

/**
 * The root field of one operation: arguments from the input element's children (document, wrapped
 * or bare, one level deep) or the parts (rpc), each passed as `"{args.x}"`; the output element's
 * type, or its single child's with `resultPath`; `Boolean` for a one-way or empty-output operation.
 */
export function operationField(
  operation: SoapOperation,
  fieldName: string,
  query: { readonly idempotent: boolean; readonly maxAgeSeconds: number | undefined },
  context: OperationContext,
): OperationField | undefined {
  const { mapper, resolver } = context;
  const where = `operation ${operation.name}`;
  let args: MappedField[];
  let input: unknown;
  if (operation.input.style === 'rpc') {
    args = mapper.fields(operation.input.parts, pascalCase(operation.input.wrapper.local), operation.name, 'input');
    input = objectTemplate(args);
  } else {
    const element = operation.input.element;
    const type = resolver.resolve(element.type);
    if (type === undefined) {
      context.note(`${where}: the type of its input element ${element.name.local} is not declared in the schemas read; skipped`);
      return undefined;
    }
    if (type.kind === 'complex') {
      args = mapper.members(type, pascalCase(element.name.local), operation.name, 'input');
      input = objectTemplate(args);
    } else {
      // Bare document/literal with a simple-typed element: the argument is the element's value.
      const mapping = mapper.ref(element.type, element.name.local, 'input', `${where} input`);
      if (!mapping.ok) return undefined;
      const name = camelCase(element.name.local);
      args = [{ name, key: element.name.local, type: nonNull(namedType(mapping.name)), comment: mapping.comment }];
      input = `{args.${name}}`;
    }
  }

  const output = outputOf(operation, where, context);
  const acknowledgement = output === 'acknowledgement';
  const result: OperationOutput = acknowledgement
    ? { type: namedType('Boolean'), resultPath: undefined, comment: 'true once the service accepted the call' }
    : output;
  const idempotent = query.idempotent && !acknowledgement;
  const about = `${operation.name}: SOAP ${operation.soapVersion} ${operation.style}/literal, ${operation.soapVersion === '1.2' ? 'action' : 'SOAPAction'} "${operation.soapAction}"`;
  const comments = [
    about,
    result.comment && `result: ${result.comment}`,
    ...args.map((arg) => arg.comment && `${arg.name}: ${arg.comment}`),
  ];
  const argumentNodes: InputValueDefinitionNode[] = args.map((arg) => ({
    kind: Kind.INPUT_VALUE_DEFINITION,
    name: nameNode(arg.name),
    type: arg.type,
  }));
  return {
    acknowledgement,
    field: {
      kind: Kind.FIELD_DEFINITION,
      name: nameNode(fieldName),
      description: description(comments.filter(Boolean).join('\n'), true),
      arguments: argumentNodes,
      type: result.type,
      directives: [
        ...(idempotent && query.maxAgeSeconds !== undefined ? [directive('cacheControl', { maxAge: query.maxAgeSeconds })] : []),
        directive('soap', {
          source: context.sourceName,
          operation: operation.name,
          input,
          resultPath: result.resultPath,
          idempotent: idempotent ? true : undefined,
        }),
      ],
    },
  };
}

function outputOf(operation: SoapOperation, where: string, context: OperationContext): OperationOutput | 'acknowledgement' {
  const { mapper, resolver } = context;
  const untyped = (reason: string): OperationOutput => {
    context.note(`${where}: ${reason}; the field returns ${UNTYPED_SCALAR}`);
    mapper.scalar(UNTYPED_SCALAR);
    return { type: namedType(UNTYPED_SCALAR), resultPath: undefined, comment: undefined };
  };
  const message = operation.output;
  if (!message) return 'acknowledgement';
  let fields: readonly XsdField[];
  let wrapperName: string;
  let whole: () => ReturnType<XsdTypeMapper['ref']>;
  if (message.style === 'rpc') {
    fields = message.parts;
    wrapperName = message.wrapper.local;
    whole = () => mapper.complex(message.parts, message.wrapper.local, 'output');
  } else {
    const { element } = message;
    const type = resolver.resolve(element.type);
    if (type === undefined) return untyped(`the type of its output element ${element.name.local} is not declared in the schemas read`);
    if (type.kind !== 'complex') {
      const mapping = mapper.ref(element.type, element.name.local, 'output', `${where} output`);
      return mapping.ok ? { type: namedType(mapping.name), resultPath: undefined, comment: mapping.comment } : untyped(mapping.reason);
    }
    const members = resolver.membersOf(type);
    fields = members.fields;
    wrapperName = element.name.local;
    whole = () => mapper.ref(element.type, element.name.local, 'output', `${where} output`);
    if (members.attributes.length > 0 || members.anyKey || members.text || resolver.substitutesOf(type).length > 0) {
      const mapping = whole();
      return mapping.ok ? { type: namedType(mapping.name), resultPath: undefined, comment: undefined } : untyped(mapping.reason);
    }
  }
  const [only] = fields;
  if (fields.length === 0) return 'acknowledgement';
  if (fields.length === 1 && only) {
    const mapping = mapper.ref(only.type, `${wrapperName}${pascalCase(only.name)}`, 'output', `${where} output ${only.name}`);
    if (!mapping.ok) return untyped(`its result ${only.name}: ${mapping.reason}`);
    // The root field stays nullable, so a fault nulls this field only, not the whole answer.
    return { type: nullable(wrap(mapping.name, only)), resultPath: only.name, comment: mapping.comment };
  }
  const mapping = whole();
  return mapping.ok ? { type: namedType(mapping.name), resultPath: undefined, comment: undefined } : untyped(mapping.reason);
}

/** `{ a: "{args.a}", b: "{args.b}" }` for arguments named after the elements they fill. */
function objectTemplate(args: readonly MappedField[]): Record<string, string> | undefined {
  if (args.length === 0) return undefined;
  return Object.fromEntries(args.map((arg) => [arg.key, `{args.${arg.name}}`]));
}
