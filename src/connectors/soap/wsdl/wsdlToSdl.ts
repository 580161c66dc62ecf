import { GATEWAY_NAMES } from '../../../schema/directiveTypeDefs';
import {
  qnameKey,
  type SoapOperation,
  type WsdlDefinition,
  type XsdComplexType,
  type XsdField,
  type XsdSimpleType,
  type XsdType,
  type XsdTypeRef,
} from './WsdlModel';
import { XSD_INTEGERS, XsdResolver } from './XsdResolver';

export interface WsdlSdl {
  /** SDL to review and move into `schema/`: `@source`, types, and one `@soap` field per operation. */
  readonly sdl: string;
  /** Everything that could not be mapped, or was mapped with a caveat; also atop the SDL as `# NOTE:` lines. */
  readonly notes: string[];
}

/** Operations whose names read as questions become Query fields (idempotent); all others are Mutations. */
const QUERY_OPERATION = /^(?:[Gg]et|[Ll]ist|[Ff]ind|[Ss]earch|[Qq]uery|[Cc]heck)(?![a-z])/;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const SOURCE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** The scalar for content the WSDL leaves untyped (`xsd:anyType`); without a serializer it passes decoded values through. */
const UNTYPED_SCALAR = 'JSON';
const RESERVED_TYPE_NAMES: readonly string[] = [
  'Query',
  'Mutation',
  'Subscription',
  'String',
  'Int',
  'Float',
  'Boolean',
  'ID',
  UNTYPED_SCALAR,
];

/** Built-ins whose enumerations become GraphQL enums; enumerated numbers keep their number type. */
const TEXTUAL: ReadonlySet<string> = new Set([
  'string',
  'normalizedString',
  'token',
  'NMTOKEN',
  'Name',
  'NCName',
  'language',
  'anyURI',
  'ID',
  'IDREF',
  'ENTITY',
  'QName',
]);

type ScalarName = 'String' | 'Int' | 'Float' | 'Boolean' | typeof UNTYPED_SCALAR;

/**
 * How each XSD built-in reaches GraphQL. It follows what `parseSoapEnvelope` decodes: only
 * `XSD_INTEGERS` and `XSD_FLOATS` become JSON numbers, everything else stays the text sent.
 */
const BUILTINS: Readonly<Record<string, { readonly scalar: ScalarName; readonly comment?: string }>> = {
  ...Object.fromEntries(
    [
      'string',
      'normalizedString',
      'token',
      'anyURI',
      'language',
      'Name',
      'NCName',
      'NMTOKEN',
      'NMTOKENS',
      'ID',
      'IDREF',
      'IDREFS',
      'ENTITY',
      'ENTITIES',
      'NOTATION',
    ].map((name) => [name, { scalar: 'String' }]),
  ),
  ...Object.fromEntries(['int', 'short', 'byte', 'unsignedShort', 'unsignedByte'].map((name) => [name, { scalar: 'Int' }])),
  ...Object.fromEntries(
    [
      'long',
      'integer',
      'unsignedInt',
      'unsignedLong',
      'nonNegativeInteger',
      'positiveInteger',
      'negativeInteger',
      'nonPositiveInteger',
    ].map((name) => [
      name,
      {
        scalar: 'String',
        comment: `xsd:${name}: a string, since values may exceed GraphQL Int (32-bit)${XSD_INTEGERS.has(name) ? '' : ' and stay exact beyond 2^53'}`,
      },
    ]),
  ),
  decimal: { scalar: 'String', comment: 'xsd:decimal: exact, as a string' },
  float: { scalar: 'Float' },
  double: { scalar: 'Float' },
  boolean: { scalar: 'Boolean' },
  date: { scalar: 'String', comment: 'xsd:date, e.g. 2024-03-15' },
  dateTime: { scalar: 'String', comment: 'xsd:dateTime, ISO-8601' },
  time: { scalar: 'String', comment: 'xsd:time, e.g. 13:20:00' },
  duration: { scalar: 'String', comment: 'xsd:duration, e.g. P1DT2H' },
  gYear: { scalar: 'String', comment: 'xsd:gYear' },
  gYearMonth: { scalar: 'String', comment: 'xsd:gYearMonth' },
  gMonth: { scalar: 'String', comment: 'xsd:gMonth' },
  gMonthDay: { scalar: 'String', comment: 'xsd:gMonthDay' },
  gDay: { scalar: 'String', comment: 'xsd:gDay' },
  base64Binary: { scalar: 'String', comment: 'xsd:base64Binary: base64 text' },
  hexBinary: { scalar: 'String', comment: 'xsd:hexBinary: hex text' },
  QName: { scalar: 'String', comment: 'xsd:QName: prefix:local as sent; the prefix is not resolved' },
  anyType: { scalar: UNTYPED_SCALAR, comment: 'xsd:anyType: untyped, decoded as JSON' },
  anySimpleType: { scalar: 'String' },
};

interface GraphQLType {
  readonly name: string;
  readonly comment: string | undefined;
}
type Mapping = { readonly ok: true; readonly type: GraphQLType } | { readonly ok: false; readonly reason: string };

interface FieldDecl {
  readonly name: string;
  readonly xsdName: string;
  readonly type: string;
  readonly comment: string | undefined;
}
type Decl =
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'type' | 'input'; readonly name: string; fields: FieldDecl[]; state: 'pending' | 'done' | 'empty' };

type Direction = 'output' | 'input';

/**
 * Writes SDL for every SOAP operation of a WSDL (as read by `readWsdl`): a `@source` for it, enums,
 * object and input types from the XSD, and one `@soap` field per operation, under `extend type
 * Query` (operations named Get…, List…, Find…, Search…, Query…, Check…: `idempotent: true`) or
 * `extend type Mutation`. What cannot be mapped is left out and named in `notes`. Pure.
 */
export function wsdlToSdl(wsdl: WsdlDefinition, sourceName: string, wsdlPath: string): WsdlSdl {
  if (!SOURCE_NAME.test(sourceName)) throw new RangeError(`source name "${sourceName}" must be an identifier (letters, digits, _ and -)`);
  const resolver = new XsdResolver(wsdl.xsd);
  const notes: string[] = [...wsdl.notes];
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  const typeNames = new Names([...RESERVED_TYPE_NAMES, ...GATEWAY_NAMES]);
  const decls: Decl[] = [];
  const enums = new Map<XsdSimpleType, Decl>();
  const objects: Record<Direction, Map<object, Decl & { kind: 'type' | 'input' }>> = { output: new Map(), input: new Map() };
  let usesUntyped = false;

  const scalar = (name: ScalarName, comment?: string): Mapping => {
    if (name === UNTYPED_SCALAR) usesUntyped = true;
    return { ok: true, type: { name, comment } };
  };

  const builtin = (name: string, where: string): Mapping => {
    const known = BUILTINS[name];
    if (known) return scalar(known.scalar, known.comment);
    note(`${where}: unknown XSD type xsd:${name}, mapped to String`);
    return scalar('String', `xsd:${name}`);
  };

  const mapEnum = (type: XsdSimpleType, preferred: string, values: readonly string[]): Mapping => {
    let decl = enums.get(type);
    if (!decl) {
      const name = typeNames.claim(pascalCase(preferred));
      const valueNames = new Names(['true', 'false', 'null']);
      const renamed: string[] = [];
      const mapped = values.map((value) => {
        const valueName = valueNames.claim(
          isGraphQLName(value) && !['true', 'false', 'null'].includes(value) ? value : enumValueName(value),
        );
        if (valueName !== value) renamed.push(`${value} → ${valueName}`);
        return valueName;
      });
      if (renamed.length > 0) {
        note(
          `enum ${name}: renamed ${renamed.join(', ')}, as GraphQL enum values must be names. The gateway passes enum values to and ` +
            `from SOAP unchanged, so an answer carrying the original value fails to serialize and the renamed value is sent upstream as is: ` +
            `use String for these fields unless the upstream accepts the new names`,
        );
      }
      decl = { kind: 'enum', name, values: mapped };
      enums.set(type, decl);
      decls.push(decl);
    }
    return { ok: true, type: { name: decl.name, comment: undefined } };
  };

  const mapType = (type: XsdType, preferred: string, direction: Direction, where: string): Mapping => {
    if (type.kind === 'simple') {
      if (!type.enumeration) return builtin(type.base, where);
      if (!TEXTUAL.has(type.base)) {
        const mapped = builtin(type.base, where);
        note(
          `${where}: an enumeration of xsd:${type.base} values (${type.enumeration.join(', ')}) is mapped to its base type, since GraphQL enum values are names`,
        );
        return mapped;
      }
      return mapEnum(type, preferred, type.enumeration);
    }
    return mapComplex(type, preferred, direction);
  };

  const mapRef = (ref: XsdTypeRef, preferred: string, direction: Direction, where: string): Mapping => {
    switch (ref.kind) {
      case 'builtin':
        return builtin(ref.name, where);
      case 'inline':
        return mapType(ref.type, preferred, direction, where);
      case 'named': {
        const type = wsdl.xsd.types.get(qnameKey(ref.name));
        if (type) return mapType(type, ref.name.local, direction, where);
        note(`${where}: type {${ref.name.ns}}${ref.name.local} is not declared in the schemas read; mapped to ${UNTYPED_SCALAR}`);
        return scalar(UNTYPED_SCALAR, `{${ref.name.ns}}${ref.name.local}, not declared`);
      }
      case 'elementRef': {
        const element = wsdl.xsd.elements.get(qnameKey(ref.name));
        if (element) return mapRef(element.type, ref.name.local, direction, where);
        return { ok: false, reason: `element {${ref.name.ns}}${ref.name.local} is not declared in the schemas read` };
      }
    }
  };

  /** A complex type as an object type (output) or input type, declared once per direction. */
  const mapComplex = (type: XsdComplexType | readonly XsdField[], preferred: string, direction: Direction): Mapping => {
    const registry = objects[direction];
    const existing = registry.get(type);
    if (existing) {
      return existing.state === 'empty'
        ? { ok: false, reason: `${existing.name} has no elements GraphQL can represent` }
        : { ok: true, type: { name: existing.name, comment: undefined } };
    }
    const base = pascalCase(preferred);
    const name = typeNames.claim(direction === 'input' ? `${base}Input` : base);
    const decl: Decl & { kind: 'type' | 'input' } = { kind: direction === 'input' ? 'input' : 'type', name, fields: [], state: 'pending' };
    registry.set(type, decl);
    decls.push(decl);
    const fields = Array.isArray(type) ? (type as readonly XsdField[]) : resolver.fieldsOf(type as XsdComplexType);
    decl.fields = mapFields(fields, base, name, direction);
    if (decl.fields.length === 0) {
      decl.state = 'empty';
      decls.splice(decls.indexOf(decl), 1);
      return { ok: false, reason: `${name} has no elements GraphQL can represent` };
    }
    decl.state = 'done';
    return { ok: true, type: { name, comment: undefined } };
  };

  const mapFields = (fields: readonly XsdField[], hint: string, typeName: string, direction: Direction): FieldDecl[] => {
    const out: FieldDecl[] = [];
    const fieldNames = new Names([]);
    for (const field of fields) {
      const where = `${typeName}.${field.name}`;
      if (out.some((candidate) => candidate.xsdName === field.name)) {
        note(`${where}: the element appears twice in the type; only the first is mapped`);
        continue;
      }
      let name = field.name;
      if (!isGraphQLName(field.name)) {
        if (direction === 'input') {
          note(
            `${where}: "${field.name}" is not a GraphQL name, so an @soap input template cannot carry it; left out${field.minOccurs > 0 ? ' (it is required: calls will fail)' : ''}`,
          );
          continue;
        }
        if (field.name.includes('.')) {
          note(`${where}: "${field.name}" contains a dot, which @map cannot read; left out`);
          continue;
        }
        name = camelCase(field.name);
        note(`${where}: "${field.name}" is not a GraphQL name; mapped to ${name} with @map(from: "${field.name}")`);
      }
      const mapping = mapRef(field.type, `${hint}${pascalCase(field.name)}`, direction, where);
      if (!mapping.ok) {
        note(`${where}: ${mapping.reason}; left out`);
        continue;
      }
      out.push({ name: fieldNames.claim(name), xsdName: field.name, type: wrap(mapping.type.name, field), comment: mapping.type.comment });
    }
    return out;
  };

  const roots = { Query: [] as string[], Mutation: [] as string[] };
  const rootNames = { Query: new Names([]), Mutation: new Names([]) };
  const addresses = new Set<string>();
  for (const operation of wsdl.operations.values()) {
    if (operation.address) addresses.add(operation.address);
    const root = QUERY_OPERATION.test(operation.name) ? 'Query' : 'Mutation';
    const field = operationField(operation, rootNames[root].claim(camelCase(operation.name)), root === 'Query');
    if (field) roots[root].push(field);
  }

  function operationField(operation: SoapOperation, fieldName: string, idempotent: boolean): string | undefined {
    const where = `operation ${operation.name}`;
    // Arguments: the input element's children (document, wrapped or not) or the parts (rpc), one level deep.
    let args: FieldDecl[];
    let input: string | undefined;
    if (operation.input.style === 'rpc') {
      args = mapFields(operation.input.parts, pascalCase(operation.input.wrapper.local), operation.name, 'input');
      input = objectTemplate(args);
    } else {
      const element = operation.input.element;
      const type = resolver.resolve(element.type);
      if (type === undefined) {
        note(`${where}: the type of its input element ${element.name.local} is not declared in the schemas read; skipped`);
        return undefined;
      }
      if (type.kind === 'complex') {
        args = mapFields(resolver.fieldsOf(type), pascalCase(element.name.local), operation.name, 'input');
        input = objectTemplate(args);
      } else {
        // Bare document/literal with a simple-typed element: the argument is the element's value.
        const mapping = mapRef(element.type, element.name.local, 'input', `${where} input`);
        if (!mapping.ok) return undefined;
        const name = camelCase(element.name.local);
        args = [{ name, xsdName: element.name.local, type: `${mapping.type.name}!`, comment: mapping.type.comment }];
        input = JSON.stringify(`{args.${name}}`);
      }
    }

    // Result: the output element's type, or a wrapper's single child with resultPath.
    const output = outputOf(operation, where);
    const directive = [
      `source: ${JSON.stringify(sourceName)}`,
      `operation: ${JSON.stringify(operation.name)}`,
      ...(input === undefined ? [] : [`input: ${input}`]),
      ...(output.resultPath === undefined ? [] : [`resultPath: ${JSON.stringify(output.resultPath)}`]),
      ...(idempotent ? ['idempotent: true'] : []),
    ].join(', ');
    const about = `  # ${operation.name}: SOAP ${operation.soapVersion} ${operation.style}/literal, ${operation.soapVersion === '1.2' ? 'action' : 'SOAPAction'} "${operation.soapAction}"`;
    const comments = [
      output.comment && `result: ${output.comment}`,
      ...args.map((arg) => arg.comment && `${arg.name}: ${arg.comment}`),
    ].filter(Boolean);
    const argList = args.length === 0 ? '' : `(${args.map((arg) => `${arg.name}: ${arg.type}`).join(', ')})`;
    return [
      about,
      ...comments.map((comment) => `  # ${comment}`),
      `  ${fieldName}${argList}: ${output.type}`,
      `    @soap(${directive})`,
    ].join('\n');
  }

  function outputOf(
    operation: SoapOperation,
    where: string,
  ): { type: string; resultPath: string | undefined; comment: string | undefined } {
    const untyped = (reason: string) => {
      note(`${where}: ${reason}; the field returns ${UNTYPED_SCALAR}`);
      usesUntyped = true;
      return { type: UNTYPED_SCALAR, resultPath: undefined, comment: undefined };
    };
    let fields: readonly XsdField[];
    let wrapperName: string;
    let whole: () => Mapping;
    if (!operation.output) return { type: 'Boolean', resultPath: undefined, comment: undefined };
    if (operation.output.style === 'rpc') {
      const { parts, wrapper } = operation.output;
      fields = parts;
      wrapperName = wrapper.local;
      whole = () => mapComplex(parts, wrapper.local, 'output');
    } else {
      const { element } = operation.output;
      const type = resolver.resolve(element.type);
      if (type === undefined) return untyped(`the type of its output element ${element.name.local} is not declared in the schemas read`);
      if (type.kind !== 'complex') {
        const mapping = mapRef(element.type, element.name.local, 'output', `${where} output`);
        return mapping.ok ? { type: mapping.type.name, resultPath: undefined, comment: mapping.type.comment } : untyped(mapping.reason);
      }
      fields = resolver.fieldsOf(type);
      wrapperName = element.name.local;
      whole = () => mapRef(element.type, element.name.local, 'output', `${where} output`);
    }
    const [only] = fields;
    if (fields.length === 1 && only) {
      const mapping = mapRef(only.type, `${wrapperName}${pascalCase(only.name)}`, 'output', `${where} output ${only.name}`);
      if (!mapping.ok) return untyped(`its result ${only.name}: ${mapping.reason}`);
      // The root field stays nullable, so a fault nulls this field only, not the whole answer.
      const type = wrap(mapping.type.name, only).replace(/!$/, '');
      return { type, resultPath: only.name, comment: mapping.type.comment };
    }
    if (fields.length === 0) return untyped('it answers with no data');
    const mapping = whole();
    return mapping.ok ? { type: mapping.type.name, resultPath: undefined, comment: undefined } : untyped(mapping.reason);
  }

  const upperSource = sourceName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
  if (addresses.size > 1)
    note(
      `operations are served at ${addresses.size} addresses (${[...addresses].join(', ')}); a source has one endpoint, so declare one source per address`,
    );
  if (wsdl.operations.size === 0) note('the WSDL has no SOAP operations that can be called');

  const lines: string[] = [
    `# Generated by npm run import:wsdl from ${wsdlPath}: review, then move into schema/.`,
    '# extend type Query / Mutation need those types declared once in schema/.',
    ...notes.map((text) => `# NOTE: ${text.replace(/\s*\n\s*/g, ' ')}`),
    `extend schema @source(name: ${JSON.stringify(sourceName)}, soap: { wsdl: ${JSON.stringify(wsdlPath)}, endpoint: ${JSON.stringify(`{env.${upperSource}_URL}`)} })`,
    ...[...addresses].map((address) => `# The WSDL's service address: ${address}`),
  ];
  if (usesUntyped) lines.push('', '"Content the WSDL leaves untyped, decoded from XML as JSON."', `scalar ${UNTYPED_SCALAR}`);
  for (const decl of decls) {
    lines.push('');
    if (decl.kind === 'enum') {
      lines.push(`enum ${decl.name} {`, ...decl.values.map((value) => `  ${value}`), '}');
      continue;
    }
    lines.push(`${decl.kind} ${decl.name} {`);
    for (const field of decl.fields) {
      const map = field.name === field.xsdName ? '' : ` @map(from: ${JSON.stringify(field.xsdName)})`;
      lines.push(`  ${field.name}: ${field.type}${map}${field.comment ? ` # ${field.comment}` : ''}`);
    }
    lines.push('}');
  }
  for (const root of ['Query', 'Mutation'] as const) {
    if (roots[root].length > 0) lines.push('', `extend type ${root} {`, roots[root].join('\n\n'), '}');
  }
  return { sdl: `${lines.join('\n')}\n`, notes };
}

/** `{ a: "{args.a}", b: "{args.b}" }` for arguments named after the elements they fill. */
function objectTemplate(args: readonly FieldDecl[]): string | undefined {
  if (args.length === 0) return undefined;
  return `{ ${args.map((arg) => `${arg.xsdName}: ${JSON.stringify(`{args.${arg.name}}`)}`).join(', ')} }`;
}

/** Lists for repeated elements; `!` for required, non-nillable ones (a nillable item may be null). */
function wrap(name: string, field: XsdField): string {
  const required = field.minOccurs >= 1 ? '!' : '';
  if (field.maxOccurs > 1) return `[${name}${field.nillable ? '' : '!'}]${required}`;
  return field.nillable ? name : `${name}${required}`;
}

function isGraphQLName(text: string): boolean {
  return GRAPHQL_NAME.test(text) && !text.startsWith('__');
}

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

/** `payment_status` → `PaymentStatus`; existing inner capitals are kept (`GetOrderResponse`). */
function pascalCase(text: string): string {
  const joined = words(text)
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
  return /^[A-Za-z]/.test(joined) ? joined : `_${joined}`;
}

/** `GetOrder` → `getOrder`, `XMLReport` → `xmlReport`, `order-id` → `orderId`. */
function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const leading = /^[A-Z]+/.exec(pascal)?.[0] ?? '';
  if (leading.length === pascal.length) return pascal.toLowerCase();
  const lower = leading.length > 1 ? leading.length - 1 : leading.length;
  return `${pascal.slice(0, lower).toLowerCase()}${pascal.slice(lower)}`;
}

/** `in-progress` → `IN_PROGRESS`, `2nd` → `_2ND`. */
function enumValueName(value: string): string {
  const name = value
    .replace(/[^_0-9A-Za-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Za-z]/.test(name) ? name : `_${name}`;
}

/** Hands out unique names: a taken name gets a numeric suffix (`Order2`). */
class Names {
  readonly #taken: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.#taken = new Set(reserved);
  }

  claim(preferred: string): string {
    let name = preferred;
    for (let suffix = 2; this.#taken.has(name); suffix += 1) name = `${preferred}${suffix}`;
    this.#taken.add(name);
    return name;
  }
}
