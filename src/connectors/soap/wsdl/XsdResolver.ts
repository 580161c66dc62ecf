import { qnameKey, type XsdAttribute, type XsdComplexType, type XsdField, type XsdModel, type XsdType, type XsdTypeRef } from './WsdlModel';

/** A type reference resolved: a built-in simple type by name, or a declared type. */
export type ResolvedType = { readonly kind: 'builtin'; readonly name: string } | XsdType;

/** The property of a decoded object that names the concrete type an element carried in `xsi:type`. */
export const XSI_TYPE_KEY = 'xsiType';

/**
 * Everything an instance of a complex type holds, inherited members first, each with the key it
 * has in decoded data and in `@soap` input: elements by name, attributes by name (`…Attribute`
 * when an element has the name), simple content as `value` and an `xsd:any` wildcard as `any`.
 */
export interface ComplexMembers {
  readonly fields: readonly XsdField[];
  readonly attributes: readonly (XsdAttribute & { readonly key: string })[];
  readonly text: { readonly key: string; readonly type: XsdTypeRef } | undefined;
  readonly anyKey: string | undefined;
}

const STRING: XsdTypeRef = { kind: 'builtin', name: 'string' };

/** Looks types up across all schemas of a WSDL, flattening extensions. */
export class XsdResolver {
  #derived: Map<XsdComplexType, XsdComplexType[]> | undefined;

  constructor(private readonly model: XsdModel) {}

  resolve(ref: XsdTypeRef): ResolvedType | undefined {
    switch (ref.kind) {
      case 'builtin':
        return ref;
      case 'inline':
        return ref.type;
      case 'named':
        return this.model.types.get(qnameKey(ref.name));
      case 'elementRef': {
        const element = this.model.elements.get(qnameKey(ref.name));
        return element ? this.resolve(element.type) : undefined;
      }
    }
  }

  /** All fields of a complex type, inherited ones first. */
  fieldsOf(type: XsdComplexType): XsdField[] {
    return this.#chain(type).flatMap((link) => link.fields);
  }

  membersOf(type: XsdComplexType): ComplexMembers {
    const chain = this.#chain(type);
    const fields = chain.flatMap((link) => link.fields);
    const taken = new Set(fields.map((field) => field.name));
    const claim = (preferred: string, fallback: string) => {
      const key = taken.has(preferred) ? fallback : preferred;
      taken.add(key);
      return key;
    };
    const attributes = chain
      .flatMap((link) => link.attributes)
      .map((attribute) => ({
        ...attribute,
        key: claim(attribute.name, `${attribute.name}Attribute`),
      }));
    // Simple content extending another type with simple content: the innermost simple type types the text.
    const texts = chain.flatMap((link) => (link.text ? [link.text] : []));
    const textType = texts.length === 0 ? undefined : (texts.find((ref) => this.resolve(ref)?.kind !== 'complex') ?? STRING);
    return {
      fields,
      attributes,
      text: textType && { key: claim('value', '_value'), type: textType },
      anyKey: chain.some((link) => link.any) ? claim('any', '_any') : undefined,
    };
  }

  /** The named types derived from this one, at any depth, that an `xsi:type` may name instead. */
  substitutesOf(type: XsdComplexType): readonly XsdComplexType[] {
    if (!this.#derived) {
      this.#derived = new Map();
      for (const candidate of this.model.types.values()) {
        if (candidate.kind !== 'complex' || !candidate.name) continue;
        for (const ancestor of this.#chain(candidate).slice(0, -1)) {
          const list = this.#derived.get(ancestor) ?? [];
          list.push(candidate);
          this.#derived.set(ancestor, list);
        }
      }
    }
    return this.#derived.get(type) ?? [];
  }

  /** The type and its ancestors, the root first; a cycle of extensions stops where it repeats. */
  #chain(type: XsdComplexType): XsdComplexType[] {
    const chain: XsdComplexType[] = [];
    for (let link: XsdComplexType | undefined = type; link && !chain.includes(link);) {
      chain.unshift(link);
      const base: XsdType | undefined = link.base ? this.model.types.get(qnameKey(link.base)) : undefined;
      const textBase: XsdType | undefined = link.text?.kind === 'named' ? this.model.types.get(qnameKey(link.text.name)) : undefined;
      link = base?.kind === 'complex' ? base : textBase?.kind === 'complex' ? textBase : undefined;
    }
    return chain;
  }
}

/**
 * XSD built-ins that are numbers in JSON without loss: their value space fits a double exactly.
 * `decimal`, and `long`, `integer` and the other unbounded or 64-bit integers stay exact strings
 * (a JavaScript number loses digits above 2^53).
 */
export const XSD_INTEGERS: ReadonlySet<string> = new Set(['int', 'short', 'byte', 'unsignedInt', 'unsignedShort', 'unsignedByte']);
export const XSD_FLOATS: ReadonlySet<string> = new Set(['float', 'double']);
