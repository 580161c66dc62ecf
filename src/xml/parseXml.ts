import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from './XmlElement';

/** The document cannot be used: not well-formed, truncated, or carrying a DTD. */
export class XmlRejectedError extends Error {
  override readonly name = 'XmlRejectedError';
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // References are decoded by `decodeReferences`, in one pass: documents with a DTD are refused below,
  // so only the five predefined entities and character references can occur.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type RawNode = Record<string, unknown>;

/**
 * Parses an XML document into namespace-resolved elements. A DOCTYPE or entity declaration is
 * refused before parsing (no XXE, no entity expansion), and so is anything not well-formed,
 * such as a truncated body.
 */
export function parseXml(text: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlRejectedError('XML with a DOCTYPE or entity declaration is refused');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRejectedError(`XML is not well-formed (line ${valid.err.line}: ${valid.err.msg})`);
  const nodes = parser.parse(text) as RawNode[];
  const root = nodes.map((node) => toElement(node, new Map())).find((element) => element !== undefined);
  if (!root) throw new XmlRejectedError('XML has no root element');
  return root;
}

const REFERENCE = /&(?:#(\d+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the predefined entities and character references (`&#233;`, `&#xE9;`: XML 1.0 §4.1) in one
 * pass, so `&amp;#233;` stays the text `&#233;`. A reference to no character is left as written.
 */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (reference: string, decimal?: string, hex?: string, entity?: string) => {
    if (entity !== undefined) return PREDEFINED[entity] ?? reference;
    const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
  });
}

function toElement(node: RawNode, inherited: ReadonlyMap<string, string>): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
  if (name === undefined) return undefined;
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  let prefixes = inherited;
  for (const [attr, value] of Object.entries(attrs)) {
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
      if (prefixes === inherited) prefixes = new Map(inherited);
      (prefixes as Map<string, string>).set(attr === 'xmlns' ? '' : attr.slice(6), String(value));
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const rawChildren = (node[name] ?? []) as RawNode[];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of rawChildren) {
    if ('#text' in child) text += decodeReferences(String(child['#text']));
    else {
      const element = toElement(child, prefixes);
      if (element) children.push(element);
    }
  }
  return {
    ns: prefixes.get(prefix) ?? '',
    local: colon === -1 ? name : name.slice(colon + 1),
    prefix,
    attrs: Object.fromEntries(Object.entries(attrs).map(([key, value]) => [key, decodeReferences(String(value))])),
    children,
    text: text.trim(),
    prefixes,
  };
}
