import type { SoapMessage, SoapOperation, XsdComplexType, XsdField, XsdTypeRef } from '../wsdl/WsdlModel';
import { XSI_TYPE_KEY, type XsdResolver } from '../wsdl/XsdResolver';
import type { AttributeCodec, BodyCodec, ComplexCodec, ContentCodec, ElementCodec, SoapCodec } from './SoapCodec';

/** Compiles an operation's writer and reader trees once, so that no call resolves an XSD type again. */
export function compileSoapCodec(operation: SoapOperation, resolver: XsdResolver): SoapCodec {
  const compiler = new CodecCompiler(resolver);
  const acknowledgement: BodyCodec = { kind: 'acknowledgement' };
  return Object.freeze({
    operation: operation.name,
    soapVersion: operation.soapVersion,
    soapAction: operation.soapAction,
    input: compiler.body(operation.input),
    output: operation.output ? compiler.body(operation.output) : acknowledgement,
  });
}

class CodecCompiler {
  /** One codec per complex type, so recursive types become cycles in the tree instead of endless descent. */
  readonly #complex = new Map<XsdComplexType, ComplexCodec>();

  constructor(private readonly resolver: XsdResolver) {}

  body(message: SoapMessage): BodyCodec {
    if (message.style === 'rpc') {
      const parts = message.parts.map((part) => this.element(part));
      return parts.length === 0 ? { kind: 'acknowledgement' } : { kind: 'rpc', wrapper: message.wrapper, parts };
    }
    const { name, type } = message.element;
    const element = this.element({ name: name.local, ns: name.ns, type, minOccurs: 1, maxOccurs: 1, nillable: false });
    const { content } = element;
    const empty =
      content.kind === 'complex' && content.elements.length === 0 && content.attributes.length === 0 && !content.text && !content.anyKey;
    return empty ? { kind: 'acknowledgement' } : { kind: 'document', element };
  }

  element(field: XsdField, key = field.name): ElementCodec {
    return {
      key,
      name: field.name,
      ns: field.ns,
      minOccurs: field.minOccurs,
      maxOccurs: field.maxOccurs,
      nillable: field.nillable,
      content: this.content(field.type),
    };
  }

  content(ref: XsdTypeRef): ContentCodec {
    const type = this.resolver.resolve(ref);
    if (type === undefined) return { kind: 'untyped' };
    if (type.kind === 'builtin') return type.name === 'anyType' ? { kind: 'untyped' } : { kind: 'scalar', builtin: type.name };
    if (type.kind === 'simple') return { kind: 'scalar', builtin: type.base };
    return this.complex(type);
  }

  complex(type: XsdComplexType): ComplexCodec {
    const known = this.#complex.get(type);
    if (known) return known;
    const elements: ElementCodec[] = [];
    const substitutes = new Map<string, ComplexCodec>();
    const members = this.resolver.membersOf(type);
    const inputKeys = new Set<string>([
      ...members.fields.map((field) => field.name),
      ...members.attributes.map((attribute) => attribute.key),
      ...(members.text ? [members.text.key] : []),
      ...(members.anyKey ? [members.anyKey] : []),
      XSI_TYPE_KEY,
    ]);
    const codec: ComplexCodec = {
      kind: 'complex',
      name: type.name,
      elements,
      attributes: members.attributes.map((attribute): AttributeCodec => ({
        key: attribute.key,
        name: attribute.name,
        ns: attribute.ns,
        builtin: this.builtin(attribute.type),
        required: attribute.required,
      })),
      text: members.text && { key: members.text.key, builtin: this.builtin(members.text.type) },
      anyKey: members.anyKey,
      inputKeys,
      substitutes,
    };
    this.#complex.set(type, codec);
    elements.push(...members.fields.map((field) => this.element(field)));
    for (const substitute of this.resolver.substitutesOf(type)) {
      if (substitute.name) substitutes.set(substitute.name.local, this.complex(substitute));
    }
    return codec;
  }

  /** The built-in a simple value is read as; undeclared or complex types are read as text. */
  builtin(ref: XsdTypeRef): string {
    const type = this.resolver.resolve(ref);
    if (type?.kind === 'builtin') return type.name;
    if (type?.kind === 'simple') return type.base;
    return 'string';
  }
}
