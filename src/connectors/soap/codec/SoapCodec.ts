import type { QName } from '../../../xml/XmlElement';

/**
 * How one operation's messages are written and read, compiled once from the WSDL at startup
 * (`compileSoapCodec`): a tree per message in which every element already knows its JSON key,
 * namespace, occurrence bounds and content, so a call walks the tree and never looks the XSD up.
 */
export interface SoapCodec {
  readonly operation: string;
  readonly soapVersion: '1.1' | '1.2';
  readonly soapAction: string;
  /** The writer tree: what goes into the request's Body. */
  readonly input: BodyCodec;
  /** The reader tree: what the answer's Body holds. */
  readonly output: BodyCodec;
}

/**
 * A SOAP Body. Document style: one element (wrapped or bare). RPC style: a wrapper element named
 * after the operation with one accessor per part. `acknowledgement`: a one-way operation or an
 * empty output, answered as `true` once the service accepted the call.
 */
export type BodyCodec =
  | { readonly kind: 'document'; readonly element: ElementCodec }
  | { readonly kind: 'rpc'; readonly wrapper: QName; readonly parts: readonly ElementCodec[] }
  | { readonly kind: 'acknowledgement' };

export interface ElementCodec {
  /** Its property in decoded data and in `@soap` input. */
  readonly key: string;
  readonly name: string;
  /** '' when unqualified. */
  readonly ns: string;
  readonly minOccurs: number;
  /** `Infinity` for unbounded. */
  readonly maxOccurs: number;
  readonly nillable: boolean;
  readonly content: ContentCodec;
}

export type ContentCodec = ScalarCodec | ComplexCodec | UntypedCodec;

/** Text of an XSD built-in simple type (or a restriction of one). */
export interface ScalarCodec {
  readonly kind: 'scalar';
  readonly builtin: string;
}

/** Content the WSDL does not describe (`anyType`, undeclared types): read as JSON, written as text. */
export interface UntypedCodec {
  readonly kind: 'untyped';
}

export interface ComplexCodec {
  readonly kind: 'complex';
  /** The type's name, written as `xsi:type` when it stands in for its base. */
  readonly name: QName | undefined;
  readonly elements: readonly ElementCodec[];
  readonly attributes: readonly AttributeCodec[];
  /** Simple content: the key and type of the element's text. */
  readonly text: { readonly key: string; readonly builtin: string } | undefined;
  /** `xsd:any`: the key that carries the unmatched child elements as XML text. */
  readonly anyKey: string | undefined;
  /** Every key an input object of this type may carry: elements, attributes, text, `any` and `xsiType`. */
  readonly inputKeys: ReadonlySet<string>;
  /** Derived types that may stand in via `xsi:type`, by local name (filled after compilation: types may be recursive). */
  readonly substitutes: ReadonlyMap<string, ComplexCodec>;
}

export interface AttributeCodec {
  readonly key: string;
  readonly name: string;
  readonly ns: string;
  readonly builtin: string;
  readonly required: boolean;
}
