/** A namespace-resolved XML element: what WSDL, XSD and SOAP code reads instead of raw parser output. */
export interface XmlElement {
  /** Namespace URI, '' when none. */
  readonly ns: string;
  readonly local: string;
  /** The prefix the element was written with, '' when none. */
  readonly prefix: string;
  /** Attributes by their name as written (`name`, `xsi:nil`, `xmlns:tns`). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content directly inside the element, trimmed. */
  readonly text: string;
  /** In-scope prefix → namespace declarations, for resolving QName values such as `type="tns:Order"`. */
  readonly prefixes: ReadonlyMap<string, string>;
}

export interface QName {
  readonly ns: string;
  readonly local: string;
}

/** Resolves a QName written in an attribute value (`tns:Order`, or `Order` in the default namespace). */
export function resolveQName(element: XmlElement, value: string): QName {
  const colon = value.indexOf(':');
  if (colon === -1) return { ns: element.prefixes.get('') ?? '', local: value };
  return { ns: element.prefixes.get(value.slice(0, colon)) ?? '', local: value.slice(colon + 1) };
}

export function childElements(element: XmlElement, ns: string | readonly string[], local: string): XmlElement[] {
  const namespaces = typeof ns === 'string' ? [ns] : ns;
  return element.children.filter((child) => child.local === local && namespaces.includes(child.ns));
}

export function firstChild(element: XmlElement, ns: string | readonly string[], local: string): XmlElement | undefined {
  return childElements(element, ns, local)[0];
}
