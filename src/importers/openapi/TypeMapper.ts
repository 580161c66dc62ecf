import {
  Kind,
  type DefinitionNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';
import { fieldName, isEnumValueName, isGraphQLName, NameRegistry, typeName } from './GraphQLNames';
import type { ImportNotes } from './ImportNotes';
import { arrayOf, followRefs, isJsonObject, objectOf, stringOf, type JsonObject } from './OpenApiDocument';
import { description, directive, fieldDefinition, inputValueDefinition, listOf, nameNode, namedType, nonNull } from './sdlAst';

/** Output types are read from answers; input types are sent as JSON bodies, so their field names are the wire names. */
export type TypeMode = 'output' | 'input';

/** A schema's GraphQL type (never wrapped in non-null) and whether the schema allows null. */
export interface MappedType {
  readonly type: TypeNode;
  readonly nullable: boolean;
}

/** The scalar for values the document leaves free-form, or that GraphQL cannot type (maps, mixed unions). */
export const JSON_SCALAR = 'JSON';

const JSON_TYPE: MappedType = { type: namedType(JSON_SCALAR), nullable: false };
const MAX_DEPTH = 64;

/**
 * Maps JSON Schemas of an OpenAPI document to GraphQL types, creating object, input, enum and
 * union definitions as it goes. A component (`$ref`) becomes one named type per mode, reused
 * wherever it is referenced, so recursive schemas stay finite; inline schemas are named after
 * where they appear (`PetOwner` for `Pet.owner`).
 */
export class TypeMapper {
  readonly #definitions = new Map<string, DefinitionNode | undefined>();
  readonly #byRef = new Map<string, MappedType>();
  readonly #enums = new Map<string, string>();
  readonly #inProgress = new Set<string>();
  #usesJson = false;

  constructor(
    private readonly resolveRef: (ref: string) => unknown,
    private readonly names: NameRegistry,
    private readonly notes: ImportNotes,
  ) {}

  /** Every definition created, in the order their names were claimed. */
  get definitions(): DefinitionNode[] {
    return [...this.#definitions.values()].filter((node): node is DefinitionNode => node !== undefined);
  }

  /** The kind of a definition this mapper created (or is creating), by name. */
  kindOf(name: string): DefinitionNode['kind'] | undefined {
    return this.#definitions.get(name)?.kind;
  }

  get usesJson(): boolean {
    return this.#usesJson;
  }

  /** The type of a schema; `hint` names an inline object, enum or union, `where` locates notes. */
  map(schema: unknown, hint: string, mode: TypeMode, where: string, depth = 0): MappedType {
    if (depth > MAX_DEPTH) return this.#json(where, 'nested too deeply to map; typed as JSON');
    if (!isJsonObject(schema)) return this.#json();
    const ref = stringOf(schema, '$ref');
    if (ref === undefined) return this.#mapSchema(schema, hint, mode, where, undefined, depth);
    const key = `${mode} ${ref}`;
    const known = this.#byRef.get(key);
    if (known) return known;
    const resolved = this.resolveRef(ref);
    if (!isJsonObject(resolved)) return this.#json(where, `$ref "${ref}" points to nothing; typed as JSON`);
    if (this.#inProgress.has(key)) return this.#json(where, `$ref "${ref}" refers to itself without an object in between; typed as JSON`);
    this.#inProgress.add(key);
    try {
      const mapped = this.#mapSchema(resolved, typeName(refName(ref) ?? hint), mode, where, key, depth);
      this.#byRef.set(key, mapped);
      return mapped;
    } finally {
      this.#inProgress.delete(key);
    }
  }

  #mapSchema(schema: JsonObject, hint: string, mode: TypeMode, where: string, refKey: string | undefined, depth: number): MappedType {
    const nullable = isNullable(schema);
    const withNull = (mapped: MappedType): MappedType => (nullable && !mapped.nullable ? { ...mapped, nullable: true } : mapped);

    if (Array.isArray(schema['allOf'])) {
      const merged = this.#mergeAllOf(schema, depth);
      if (merged.single) return withNull(this.map(merged.single, hint, mode, where, depth + 1));
      return withNull(this.#objectType(merged.object, hint, mode, where, refKey, depth));
    }
    const alternatives = Array.isArray(schema['oneOf'])
      ? arrayOf(schema, 'oneOf')
      : Array.isArray(schema['anyOf'])
        ? arrayOf(schema, 'anyOf')
        : undefined;
    if (alternatives && !isJsonObject(schema['properties'])) {
      return withNull(this.#alternatives(alternatives, hint, mode, where, refKey, depth));
    }
    if (alternatives) this.notes.add(where, 'has both properties and oneOf/anyOf; only the properties are mapped');
    if (Array.isArray(schema['enum'])) return withNull(this.#enum(schema, hint, where, refKey));

    const type = schemaType(schema);
    switch (type) {
      case 'array': {
        const items = this.map(schema['items'], `${hint}Item`, mode, `${where}[]`, depth + 1);
        return { type: listOf(items.nullable ? items.type : nonNull(items.type)), nullable };
      }
      case 'object':
        return withNull(this.#objectType(schema, hint, mode, where, refKey, depth));
      case 'string':
        return { type: namedType('String'), nullable };
      case 'integer':
        // GraphQL's Int is 32-bit: an int64 is carried as a Float, exact up to 2^53 as JSON numbers are.
        return { type: namedType(stringOf(schema, 'format') === 'int64' ? 'Float' : 'Int'), nullable };
      case 'number':
        return { type: namedType('Float'), nullable };
      case 'boolean':
        return { type: namedType('Boolean'), nullable };
      case 'file':
        return this.#json(where, 'a file (Swagger 2.0 type "file") is not JSON; typed as JSON');
      case 'mixed':
        return this.#json(where, `a value of several types (${String(schema['type'])}) has no GraphQL type; typed as JSON`);
      case 'any':
        // A schema that says nothing allows null too.
        return { ...this.#json(), nullable: true };
    }
  }

  #json(where?: string, note?: string): MappedType {
    this.#usesJson = true;
    if (where !== undefined && note !== undefined) this.notes.add(where, note);
    return JSON_TYPE;
  }

  #claim(name: string): string {
    const claimed = this.names.claim(name);
    this.#definitions.set(claimed, undefined);
    return claimed;
  }

  /** `allOf` members merged into one object: properties and required lists of every member. */
  #mergeAllOf(schema: JsonObject, depth: number): { object: JsonObject; single?: undefined } | { single: JsonObject } {
    const properties: Record<string, unknown> = {};
    const required = new Set<string>();
    const others: JsonObject[] = [];
    let objects = 0;
    let additional: unknown;
    const visit = (member: JsonObject, level: number) => {
      const resolved = this.#deref(member);
      if (!resolved || level > MAX_DEPTH) return;
      if (Array.isArray(resolved['allOf']))
        for (const inner of arrayOf(resolved, 'allOf')) if (isJsonObject(inner)) visit(inner, level + 1);
      const props = objectOf(resolved, 'properties');
      if (props || resolved['type'] === 'object') {
        objects++;
        Object.assign(properties, props ?? {});
        for (const name of arrayOf(resolved, 'required')) if (typeof name === 'string') required.add(name);
        additional ??= resolved['additionalProperties'];
      } else if (
        !Array.isArray(resolved['allOf']) &&
        (resolved['type'] !== undefined || resolved['enum'] || resolved['oneOf'] || resolved['anyOf'])
      ) {
        others.push(member);
      }
    };
    for (const member of arrayOf(schema, 'allOf')) if (isJsonObject(member)) visit(member, depth);
    const own = objectOf(schema, 'properties');
    if (own) {
      objects++;
      Object.assign(properties, own);
    }
    for (const name of arrayOf(schema, 'required')) if (typeof name === 'string') required.add(name);
    if (objects === 0 && others.length === 1 && others[0]) return { single: others[0] };
    return {
      object: { type: 'object', description: schema['description'], properties, required: [...required], additionalProperties: additional },
    };
  }

  #deref(schema: JsonObject): JsonObject | undefined {
    return followRefs(schema, this.resolveRef);
  }

  #objectType(schema: JsonObject, hint: string, mode: TypeMode, where: string, refKey: string | undefined, depth: number): MappedType {
    const properties = objectOf(schema, 'properties') ?? {};
    const skip = mode === 'input' ? 'readOnly' : 'writeOnly';
    const entries = Object.entries(properties).filter(([, property]) => !(isJsonObject(property) && property[skip] === true));
    const usable = entries.filter(([name]) => (mode === 'input' ? isGraphQLName(name) : !name.includes('.')));
    if (usable.length === 0) {
      if (entries.length > 0)
        return this.#json(where, `no property has a name that can be ${mode === 'input' ? 'sent' : 'read'}; typed as JSON`);
      return this.#json();
    }
    const name = this.#claim(mode === 'input' ? `${hint}Input` : hint);
    const mapped: MappedType = { type: namedType(name), nullable: false };
    if (refKey !== undefined) this.#byRef.set(refKey, mapped);
    const required = new Set(arrayOf(schema, 'required').filter((item): item is string => typeof item === 'string'));
    const fieldNames = new NameRegistry();
    const fields: (FieldDefinitionNode | InputValueDefinitionNode)[] = [];
    for (const [property, propertySchema] of entries) {
      const at = `${name}.${property}`;
      if (!usable.some(([usableName]) => usableName === property)) {
        this.notes.add(
          at,
          mode === 'input'
            ? `property "${property}" is not a GraphQL name, and input fields are sent under their own names; left out of ${name}`
            : `property "${property}" contains a ".", which @map reads as a path; left out of ${name}`,
        );
        continue;
      }
      const field = mode === 'input' ? property : fieldNames.claim(fieldName(property));
      const type = this.map(propertySchema, `${hint}${typeName(property)}`, mode, at, depth + 1);
      const fieldType = required.has(property) && !type.nullable ? nonNull(type.type) : type.type;
      const text = isJsonObject(propertySchema) ? stringOf(propertySchema, 'description') : undefined;
      fields.push(
        mode === 'input'
          ? inputValueDefinition({ name: field, type: fieldType, description: text })
          : fieldDefinition({
              name: field,
              type: fieldType,
              description: text,
              directives: field === property ? [] : [directive('map', { from: property })],
            }),
      );
    }
    if (schema['additionalProperties'] !== undefined && schema['additionalProperties'] !== false) {
      this.notes.add(name, 'also allows properties beyond those declared (additionalProperties); only the declared ones are mapped');
    }
    this.#definitions.set(
      name,
      mode === 'input'
        ? {
            kind: Kind.INPUT_OBJECT_TYPE_DEFINITION,
            name: nameNode(name),
            description: description(stringOf(schema, 'description')),
            fields: fields as InputValueDefinitionNode[],
          }
        : {
            kind: Kind.OBJECT_TYPE_DEFINITION,
            name: nameNode(name),
            description: description(stringOf(schema, 'description')),
            fields: fields as FieldDefinitionNode[],
            interfaces: [],
          },
    );
    return mapped;
  }

  /** `oneOf`/`anyOf`: a union when every alternative is an object, else the one non-null alternative, else JSON. */
  #alternatives(
    alternatives: readonly unknown[],
    hint: string,
    mode: TypeMode,
    where: string,
    refKey: string | undefined,
    depth: number,
  ): MappedType {
    const members = alternatives.filter(isJsonObject);
    const nonNullMembers = members.filter((member) => this.#deref(member)?.['type'] !== 'null');
    const nullable = nonNullMembers.length < members.length;
    const [first] = nonNullMembers;
    if (nonNullMembers.length === 1 && first) {
      const mapped = this.map(first, hint, mode, where, depth + 1);
      return nullable ? { ...mapped, nullable: true } : mapped;
    }
    const scalar = commonScalar(nonNullMembers.map((member) => this.#deref(member)));
    if (scalar !== undefined) return { type: namedType(scalar), nullable };
    if (mode === 'input') return this.#json(where, 'oneOf/anyOf in an input: GraphQL has no input unions; typed as JSON');
    const objectLike = nonNullMembers.every((member) => {
      const resolved = this.#deref(member);
      return resolved !== undefined && (isJsonObject(resolved['properties']) || Array.isArray(resolved['allOf']));
    });
    if (!objectLike || nonNullMembers.length === 0) {
      return this.#json(where, 'oneOf/anyOf of values that are not all objects has no GraphQL union; typed as JSON');
    }
    const name = this.#claim(hint);
    const union: MappedType = { type: namedType(name), nullable };
    if (refKey !== undefined) this.#byRef.set(refKey, union);
    const types: NamedTypeNode[] = [];
    nonNullMembers.forEach((member, index) => {
      const mapped = this.map(member, `${hint}Option${index + 1}`, mode, `${where}|${index + 1}`, depth + 1);
      const memberName = mapped.type.kind === Kind.NAMED_TYPE ? mapped.type.name.value : undefined;
      const definition = memberName === undefined ? undefined : this.#definitions.get(memberName);
      if (memberName !== undefined && (definition === undefined || definition.kind === Kind.OBJECT_TYPE_DEFINITION)) {
        if (memberName !== JSON_SCALAR && !types.some((type) => type.name.value === memberName)) types.push(namedType(memberName));
      }
    });
    if (types.length !== nonNullMembers.length) {
      this.#definitions.delete(name);
      const json = this.#json(where, 'an alternative of a oneOf/anyOf is not an object type; typed as JSON');
      if (refKey !== undefined) this.#byRef.set(refKey, json);
      return json;
    }
    this.#definitions.set(name, { kind: Kind.UNION_TYPE_DEFINITION, name: nameNode(name), types });
    return union;
  }

  /** A GraphQL enum when every value is a string that is also a valid enum value name, so it travels unchanged. */
  #enum(schema: JsonObject, hint: string, where: string, refKey: string | undefined): MappedType {
    const values = arrayOf(schema, 'enum').filter((value) => value !== null);
    const scalarType = schemaType(schema);
    if (values.length > 0 && values.every((value): value is string => typeof value === 'string' && isEnumValueName(value))) {
      const signature = `${hint}:${[...new Set(values)].sort().join('|')}`;
      const known = this.#enums.get(signature);
      if (known !== undefined && refKey === undefined) return { type: namedType(known), nullable: false };
      const name = this.#claim(hint);
      this.#enums.set(signature, name);
      const enumValues: EnumValueDefinitionNode[] = [...new Set(values)].map((value) => ({
        kind: Kind.ENUM_VALUE_DEFINITION,
        name: nameNode(value),
      }));
      this.#definitions.set(name, {
        kind: Kind.ENUM_TYPE_DEFINITION,
        name: nameNode(name),
        description: description(stringOf(schema, 'description')),
        values: enumValues,
      });
      return { type: namedType(name), nullable: false };
    }
    const scalar =
      scalarType === 'integer'
        ? stringOf(schema, 'format') === 'int64'
          ? 'Float'
          : 'Int'
        : scalarType === 'number'
          ? 'Float'
          : scalarType === 'boolean'
            ? 'Boolean'
            : 'String';
    if (scalar === 'String' && values.length > 0) {
      this.notes.add(
        where,
        `enum values ${JSON.stringify(values.slice(0, 5))}${values.length > 5 ? '…' : ''} are not all GraphQL names; typed as String`,
      );
    }
    return { type: namedType(scalar), nullable: false };
  }
}

/** The one scalar every alternative is (a string or an enum of strings: String; integers and numbers: Float), if any. */
function commonScalar(members: readonly (JsonObject | undefined)[]): 'String' | 'Int' | 'Float' | 'Boolean' | undefined {
  const kinds = new Set(
    members.map((member) => {
      if (!member || member['oneOf'] !== undefined || member['anyOf'] !== undefined || member['allOf'] !== undefined) return 'other';
      if (Array.isArray(member['enum']) && member['type'] === undefined) {
        return arrayOf(member, 'enum').every((value) => typeof value === 'string') ? 'string' : 'other';
      }
      return schemaType(member);
    }),
  );
  if (kinds.size === 1 && kinds.has('string')) return 'String';
  if (kinds.size === 1 && kinds.has('boolean')) return 'Boolean';
  if (kinds.size === 1 && kinds.has('integer')) return 'Int';
  if ([...kinds].every((kind) => kind === 'integer' || kind === 'number')) return 'Float';
  return undefined;
}

type SchemaKind = 'array' | 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'file' | 'mixed' | 'any';

/** The schema's one type: OpenAPI 3.1's `type: [x, "null"]` counts as x; a schema with properties is an object. */
function schemaType(schema: JsonObject): SchemaKind {
  const declared = schema['type'];
  const types = Array.isArray(declared) ? declared.filter((type) => type !== 'null') : declared === undefined ? [] : [declared];
  if (types.length > 1) return 'mixed';
  const type: unknown = types[0];
  if (type === undefined) {
    if (isJsonObject(schema['properties'])) return 'object';
    if (schema['items'] !== undefined) return 'array';
    return 'any';
  }
  return typeof type === 'string' && ['array', 'object', 'string', 'integer', 'number', 'boolean', 'file'].includes(type)
    ? (type as SchemaKind)
    : 'any';
}

/** OpenAPI 3.0 `nullable`, Swagger 2.0's `x-nullable`, 3.1's `"null"` among the types. */
function isNullable(schema: JsonObject): boolean {
  const type = schema['type'];
  return schema['nullable'] === true || schema['x-nullable'] === true || (Array.isArray(type) && type.includes('null'));
}

/**
 * A component's name from its pointer (`#/components/schemas/Pet`, Swagger 2.0's `#/definitions/Pet`),
 * unescaped. Other pointers — where bundling placed a schema from another file, say
 * `#/paths/~1books/get/…/schema` — name nothing: the schema is named after where it is used.
 */
function refName(ref: string): string | undefined {
  const match = /^#\/(?:components\/schemas|definitions)\/([^/]+)$/.exec(ref);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1].replace(/~1/g, '/').replace(/~0/g, '~'));
}
