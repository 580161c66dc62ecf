import type { QName } from '../../../xml/XmlElement';

/** XSD built-in simple types, by local name in the XSD namespace. */
export type XsdBuiltin = string;

export type XsdTypeRef =
  | { readonly kind: 'builtin'; readonly name: XsdBuiltin }
  | { readonly kind: 'named'; readonly name: QName }
  /** An anonymous type declared inline. */
  | { readonly kind: 'inline'; readonly type: XsdType }
  /** The type of a global element, for `<xsd:element ref="…">`. */
  | { readonly kind: 'elementRef'; readonly name: QName };

export type XsdType = XsdComplexType | XsdSimpleType;

export interface XsdComplexType {
  readonly kind: 'complex';
  /** Its name, for a named type: what `xsi:type` refers to. */
  readonly name: QName | undefined;
  /** `abstract="true"`: instances always carry the `xsi:type` of a derived type. */
  readonly abstract: boolean;
  /** The type it extends (`complexContent/extension`, `simpleContent/extension`); its members come first. */
  readonly base: QName | undefined;
  /** Children in document order (sequence / all / choice flattened). */
  readonly fields: readonly XsdField[];
  readonly attributes: readonly XsdAttribute[];
  /** Simple content (`simpleContent`): the type of the element's text. */
  readonly text: XsdTypeRef | undefined;
  /** An `xsd:any` wildcard among the children. */
  readonly any: boolean;
}

export interface XsdAttribute {
  readonly name: string;
  /** Namespace of the attribute ('' when unqualified, the usual case). */
  readonly ns: string;
  readonly type: XsdTypeRef;
  readonly required: boolean;
}

export interface XsdSimpleType {
  readonly kind: 'simple';
  /** The built-in type it restricts, e.g. `string`. */
  readonly base: XsdBuiltin;
  /** Enumerated values, when it is an enumeration. */
  readonly enumeration: readonly string[] | undefined;
}

export interface XsdField {
  readonly name: string;
  /** Namespace of the child element ('' when unqualified). */
  readonly ns: string;
  readonly type: XsdTypeRef;
  readonly minOccurs: number;
  /** `Infinity` for unbounded. */
  readonly maxOccurs: number;
  readonly nillable: boolean;
}

/** A global element declaration. */
export interface XsdElement {
  readonly name: QName;
  readonly type: XsdTypeRef;
}

/** Everything the schemas of a WSDL declare, by namespace and local name. */
export interface XsdModel {
  readonly elements: ReadonlyMap<string, XsdElement>;
  readonly types: ReadonlyMap<string, XsdType>;
}

export function qnameKey(name: QName): string {
  return `{${name.ns}}${name.local}`;
}

/** One operation of a SOAP binding, with all a call needs. */
export interface SoapOperation {
  readonly name: string;
  readonly soapVersion: '1.1' | '1.2';
  readonly style: 'document' | 'rpc';
  readonly soapAction: string;
  /** The service port's address, if the WSDL has one. */
  readonly address: string | undefined;
  readonly input: SoapMessage;
  /** Absent for a one-way operation, which has no output message. */
  readonly output: SoapMessage | undefined;
}

/**
 * What goes inside the SOAP Body. Document style: one element (wrapped or bare). RPC style: a
 * wrapper element named after the operation, in the binding's namespace, with one child per part.
 */
export type SoapMessage =
  | { readonly style: 'document'; readonly element: XsdElement }
  | { readonly style: 'rpc'; readonly wrapper: QName; readonly parts: readonly XsdField[] };

export interface WsdlDefinition {
  readonly operations: ReadonlyMap<string, SoapOperation>;
  readonly xsd: XsdModel;
  /** What was skipped and why (non-SOAP bindings, unsupported constructs), for the importer. */
  readonly notes: readonly string[];
}
