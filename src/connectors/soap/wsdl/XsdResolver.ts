import { qnameKey, type XsdComplexType, type XsdField, type XsdModel, type XsdType, type XsdTypeRef } from './WsdlModel';

/** A type reference resolved: a built-in simple type by name, or a declared type. */
export type ResolvedType = { readonly kind: 'builtin'; readonly name: string } | XsdType;

/** Looks types up across all schemas of a WSDL, flattening extensions. */
export class XsdResolver {
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
  fieldsOf(type: XsdComplexType, seen: ReadonlySet<XsdComplexType> = new Set()): XsdField[] {
    if (seen.has(type)) return [...type.fields];
    const base = type.base ? this.model.types.get(qnameKey(type.base)) : undefined;
    const inherited = base?.kind === 'complex' ? this.fieldsOf(base, new Set([...seen, type])) : [];
    return [...inherited, ...type.fields];
  }
}

/**
 * XSD built-ins that are numbers in JSON without loss: their value space fits a double exactly.
 * `decimal`, and `long`, `integer` and the other unbounded or 64-bit integers stay exact strings
 * (a JavaScript number loses digits above 2^53).
 */
export const XSD_INTEGERS: ReadonlySet<string> = new Set(['int', 'short', 'byte', 'unsignedInt', 'unsignedShort', 'unsignedByte']);
export const XSD_FLOATS: ReadonlySet<string> = new Set(['float', 'double']);
