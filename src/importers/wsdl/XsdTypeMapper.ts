import { Kind, type DefinitionNode, type TypeNode } from 'graphql';
import {
  qnameKey,
  type WsdlDefinition,
  type XsdComplexType,
  type XsdField,
  type XsdSimpleType,
  type XsdType,
  type XsdTypeRef,
} from '../../connectors/soap/wsdl/WsdlModel';
import { XSI_TYPE_KEY, type XsdResolver } from '../../connectors/soap/wsdl/XsdResolver';
import { camelCase, enumValueName, isGraphQLName, NameRegistry, pascalCase } from './graphqlNames';
import { description, directive, listOf, nameNode, namedType, nonNull, nullable } from './sdlNodes';
import { TEXTUAL, UNTYPED_SCALAR, XSD_SCALARS, type ScalarName } from './xsdScalars';

export type Direction = 'output' | 'input';

/** A GraphQL type for an XSD type: its name, and a remark on how values look (`xsd:decimal: exact, as a string`). */
export type Mapping =
  { readonly ok: true; readonly name: string; readonly comment?: string } | { readonly ok: false; readonly reason: string };

/** A field of an object or input type, or an argument: named for GraphQL, keyed as in decoded data and `@soap` input. */
export interface MappedField {
  readonly name: string;
  readonly key: string;
  readonly type: TypeNode;
  readonly comment: string | undefined;
}

type Declaration =
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'type' | 'input'; readonly name: string; fields: MappedField[]; state: 'pending' | 'done' | 'empty' };
type ObjectDeclaration = Declaration & { kind: 'type' | 'input' };

/**
 * Maps XSD types to GraphQL enums, object types (answers) and input types (arguments), each
 * declared once per direction, in the order first needed. Members follow `XsdResolver.membersOf`,
 * the same keys the codec reads and writes: elements, attributes, simple content as `value`,
 * `xsd:any` as XML text in `any`, and for a type that derived types may stand in for, their
 * members too (nullable) with the concrete type in `xsiType`. What cannot be mapped is noted.
 */
export class XsdTypeMapper {
  readonly #declarations: Declaration[] = [];
  readonly #enums = new Map<XsdSimpleType, Declaration>();
  readonly #objects: Record<Direction, Map<object, ObjectDeclaration>> = { output: new Map(), input: new Map() };
  #usesUntyped = false;

  constructor(
    private readonly wsdl: WsdlDefinition,
    private readonly resolver: XsdResolver,
    private readonly typeNames: NameRegistry,
    private readonly note: (text: string) => void,
  ) {}

  scalar(name: ScalarName, comment?: string): Mapping {
    if (name === UNTYPED_SCALAR) this.#usesUntyped = true;
    return { ok: true, name, ...(comment !== undefined && { comment }) };
  }

  ref(ref: XsdTypeRef, preferred: string, direction: Direction, where: string): Mapping {
    switch (ref.kind) {
      case 'builtin':
        return this.#builtin(ref.name, where);
      case 'inline':
        return this.#type(ref.type, preferred, direction, where);
      case 'named': {
        const type = this.wsdl.xsd.types.get(qnameKey(ref.name));
        if (type) return this.#type(type, ref.name.local, direction, where);
        this.note(`${where}: type {${ref.name.ns}}${ref.name.local} is not declared in the schemas read; mapped to ${UNTYPED_SCALAR}`);
        return this.scalar(UNTYPED_SCALAR, `{${ref.name.ns}}${ref.name.local}, not declared`);
      }
      case 'elementRef': {
        const element = this.wsdl.xsd.elements.get(qnameKey(ref.name));
        if (element) return this.ref(element.type, ref.name.local, direction, where);
        return { ok: false, reason: `element {${ref.name.ns}}${ref.name.local} is not declared in the schemas read` };
      }
    }
  }

  /** A complex type (or an rpc message's parts) as an object or input type. */
  complex(type: XsdComplexType | readonly XsdField[], preferred: string, direction: Direction): Mapping {
    const registry = this.#objects[direction];
    const existing = registry.get(type);
    if (existing) {
      return existing.state === 'empty'
        ? { ok: false, reason: `${existing.name} has no members GraphQL can represent` }
        : { ok: true, name: existing.name };
    }
    const base = pascalCase(preferred);
    const name = this.typeNames.claim(direction === 'input' ? `${base}Input` : base);
    const declaration: ObjectDeclaration = { kind: direction === 'input' ? 'input' : 'type', name, fields: [], state: 'pending' };
    registry.set(type, declaration);
    this.#declarations.push(declaration);
    declaration.fields = Array.isArray(type)
      ? this.fields(type as readonly XsdField[], base, name, direction)
      : this.members(type as XsdComplexType, base, name, direction);
    if (declaration.fields.length === 0) {
      declaration.state = 'empty';
      this.#declarations.splice(this.#declarations.indexOf(declaration), 1);
      return { ok: false, reason: `${name} has no members GraphQL can represent` };
    }
    declaration.state = 'done';
    return { ok: true, name };
  }

  fields(fields: readonly XsdField[], hint: string, typeName: string, direction: Direction, names = new NameRegistry()): MappedField[] {
    const out: MappedField[] = [];
    for (const field of fields) {
      const where = `${typeName}.${field.name}`;
      if (out.some((candidate) => candidate.key === field.name)) {
        this.note(`${where}: the element appears twice in the type; only the first is mapped`);
        continue;
      }
      const name = this.#fieldName(field, where, direction);
      if (name === undefined) continue;
      const mapping = this.ref(field.type, `${hint}${pascalCase(field.name)}`, direction, where);
      if (!mapping.ok) {
        this.note(`${where}: ${mapping.reason}; left out`);
        continue;
      }
      out.push({ name: names.claim(name), key: field.name, type: wrap(mapping.name, field), comment: mapping.comment });
    }
    return out;
  }

  /** Enums, object and input types in the order they were first needed, and `JSON` when something is untyped. */
  definitions(): DefinitionNode[] {
    const nodes: DefinitionNode[] = [];
    if (this.#usesUntyped) {
      nodes.push({
        kind: Kind.SCALAR_TYPE_DEFINITION,
        name: nameNode(UNTYPED_SCALAR),
        description: description('Content the WSDL leaves untyped, decoded from XML as JSON.'),
      });
    }
    for (const declaration of this.#declarations) {
      if (declaration.kind === 'enum') {
        nodes.push({
          kind: Kind.ENUM_TYPE_DEFINITION,
          name: nameNode(declaration.name),
          values: declaration.values.map((value) => ({ kind: Kind.ENUM_VALUE_DEFINITION, name: nameNode(value) })),
        });
        continue;
      }
      const mapped = (field: MappedField) => ({
        name: nameNode(field.name),
        type: field.type,
        description: description(field.comment),
        directives: field.name === field.key ? [] : [directive('map', { from: field.key })],
      });
      nodes.push(
        declaration.kind === 'input'
          ? {
              kind: Kind.INPUT_OBJECT_TYPE_DEFINITION,
              name: nameNode(declaration.name),
              fields: declaration.fields.map((field) => ({ kind: Kind.INPUT_VALUE_DEFINITION, ...mapped(field), directives: [] })),
            }
          : {
              kind: Kind.OBJECT_TYPE_DEFINITION,
              name: nameNode(declaration.name),
              fields: declaration.fields.map((field) => ({ kind: Kind.FIELD_DEFINITION, ...mapped(field) })),
            },
      );
    }
    return nodes;
  }

  /** The fields of a complex type: its elements, attributes, text, `any` and the members of the types that may stand in for it. */
  members(type: XsdComplexType, hint: string, typeName: string, direction: Direction): MappedField[] {
    const names = new NameRegistry();
    const members = this.resolver.membersOf(type);
    const out = this.fields(members.fields, hint, typeName, direction, names);
    const extra = (field: XsdField, comment: string) => {
      const [mapped] = this.fields([field], hint, typeName, direction, names);
      if (mapped) out.push({ ...mapped, comment: mapped.comment ? `${comment}; ${mapped.comment}` : comment });
    };
    for (const attribute of members.attributes) {
      extra(
        { name: attribute.key, ns: '', type: attribute.type, minOccurs: attribute.required ? 1 : 0, maxOccurs: 1, nillable: false },
        `attribute ${attribute.name}`,
      );
    }
    if (members.text) {
      const minOccurs = direction === 'output' ? 1 : 0;
      extra(
        { name: members.text.key, ns: '', type: members.text.type, minOccurs, maxOccurs: 1, nillable: false },
        'the text of the element',
      );
    }
    if (members.anyKey) {
      out.push({
        name: names.claim(members.anyKey),
        key: members.anyKey,
        type: namedType('String'),
        comment: 'xsd:any: the elements not declared here, as XML text; sent as given',
      });
    }
    const substitutes = this.resolver.substitutesOf(type);
    if (substitutes.length > 0) {
      const kinds = [type, ...substitutes]
        .filter((candidate) => !candidate.abstract && candidate.name)
        .map((candidate) => candidate.name?.local);
      out.push({
        name: names.claim(XSI_TYPE_KEY),
        key: XSI_TYPE_KEY,
        type: direction === 'output' ? nonNull(namedType('String')) : namedType('String'),
        comment: `xsi:type: the type this ${type.name?.local ?? 'value'} is, one of ${kinds.join(', ')}`,
      });
      for (const substitute of substitutes) {
        const known = new Set(out.map((field) => field.key));
        const more = this.resolver.membersOf(substitute).fields.filter((field) => !known.has(field.name));
        for (const field of this.fields(more, hint, typeName, direction, names)) {
          out.push({
            ...field,
            type: nullable(field.type),
            comment: `only with xsiType ${substitute.name?.local ?? ''}${field.comment ? `; ${field.comment}` : ''}`,
          });
        }
      }
    }
    return out;
  }

  #fieldName(field: XsdField, where: string, direction: Direction): string | undefined {
    if (isGraphQLName(field.name)) return field.name;
    if (direction === 'input') {
      this.note(
        `${where}: "${field.name}" is not a GraphQL name, so an @soap input template cannot carry it; left out${field.minOccurs > 0 ? ' (it is required: calls will fail)' : ''}`,
      );
      return undefined;
    }
    if (field.name.includes('.')) {
      this.note(`${where}: "${field.name}" contains a dot, which @map cannot read; left out`);
      return undefined;
    }
    const name = camelCase(field.name);
    this.note(`${where}: "${field.name}" is not a GraphQL name; mapped to ${name} with @map(from: "${field.name}")`);
    return name;
  }

  #builtin(name: string, where: string): Mapping {
    const known = XSD_SCALARS[name];
    if (known) return this.scalar(known.scalar, known.comment);
    this.note(`${where}: unknown XSD type xsd:${name}, mapped to String`);
    return this.scalar('String', `xsd:${name}`);
  }

  #type(type: XsdType, preferred: string, direction: Direction, where: string): Mapping {
    if (type.kind === 'complex') return this.complex(type, preferred, direction);
    if (!type.enumeration) return this.#builtin(type.base, where);
    if (!TEXTUAL.has(type.base)) {
      const mapped = this.#builtin(type.base, where);
      this.note(
        `${where}: an enumeration of xsd:${type.base} values (${type.enumeration.join(', ')}) is mapped to its base type, since GraphQL enum values are names`,
      );
      return mapped;
    }
    return this.#enum(type, preferred, type.enumeration);
  }

  #enum(type: XsdSimpleType, preferred: string, values: readonly string[]): Mapping {
    let declaration = this.#enums.get(type);
    if (!declaration) {
      const name = this.typeNames.claim(pascalCase(preferred));
      const valueNames = new NameRegistry(['true', 'false', 'null']);
      const renamed: string[] = [];
      const mapped = values.map((value) => {
        const valueName = valueNames.claim(
          isGraphQLName(value) && !['true', 'false', 'null'].includes(value) ? value : enumValueName(value),
        );
        if (valueName !== value) renamed.push(`${value} → ${valueName}`);
        return valueName;
      });
      if (renamed.length > 0) {
        this.note(
          `enum ${name}: renamed ${renamed.join(', ')}, as GraphQL enum values must be names. The gateway passes enum values to and ` +
            `from SOAP unchanged, so an answer carrying the original value fails to serialize and the renamed value is sent upstream as is: ` +
            `use String for these fields unless the upstream accepts the new names`,
        );
      }
      declaration = { kind: 'enum', name, values: mapped };
      this.#enums.set(type, declaration);
      this.#declarations.push(declaration);
    }
    return { ok: true, name: declaration.name };
  }
}

/** Lists for repeated elements; `!` for required, non-nillable ones (a nillable item may be null). */
export function wrap(name: string, field: Pick<XsdField, 'minOccurs' | 'maxOccurs' | 'nillable'>): TypeNode {
  const required = (type: TypeNode) => (field.minOccurs >= 1 ? nonNull(type) : type);
  if (field.maxOccurs > 1) return required(listOf(field.nillable ? namedType(name) : nonNull(namedType(name))));
  return field.nillable ? namedType(name) : required(namedType(name));
}
