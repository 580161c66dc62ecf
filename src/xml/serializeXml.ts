import type { XmlElement } from './XmlElement';
import { escapeXml } from './escapeXml';

/**
 * Writes an element of a parsed document back as XML that stands on its own: names as they were
 * written, their own namespace declarations kept, and on the outermost element a declaration for
 * every inherited prefix its subtree uses (in element and attribute names and in QName values
 * such as `xsi:type="tns:Car"`). Text is written
 * before child elements, as `XmlElement` keeps no mixed-content order.
 */
export function serializeXml(element: XmlElement): string {
  const used = new Set<string>();
  const body = write(element, used);
  const declarations = [...used]
    .filter(
      (prefix) => prefix !== 'xml' && element.prefixes.has(prefix) && !((prefix === '' ? 'xmlns' : `xmlns:${prefix}`) in element.attrs),
    )
    .map((prefix) => ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeXml(element.prefixes.get(prefix) ?? '')}"`)
    .join('');
  const open = body.indexOf('>');
  const selfClosing = body[open - 1] === '/';
  const at = selfClosing ? open - 1 : open;
  return `${body.slice(0, at)}${declarations}${body.slice(at)}`;
}

function write(element: XmlElement, used: Set<string>): string {
  used.add(element.prefix);
  const name = element.prefix ? `${element.prefix}:${element.local}` : element.local;
  let attributes = '';
  for (const [attribute, value] of Object.entries(element.attrs)) {
    const colon = attribute.indexOf(':');
    if (colon !== -1 && !attribute.startsWith('xmlns:')) used.add(attribute.slice(0, colon));
    const valuePrefix = /^([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*$/.exec(value)?.[1];
    if (valuePrefix !== undefined && element.prefixes.has(valuePrefix)) used.add(valuePrefix);
    attributes += ` ${attribute}="${escapeXml(value)}"`;
  }
  const content = escapeXml(element.text) + element.children.map((child) => write(child, used)).join('');
  return content === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${content}</${name}>`;
}
