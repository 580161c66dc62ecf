import { resolveQName, type QName, type XmlElement } from '../../../xml/XmlElement';
import { NS } from './namespaces';
import { qnameKey, type XsdElement, type XsdField, type XsdType, type XsdTypeRef } from './WsdlModel';

/** Loads a referenced schema document (xsd:import / xsd:include), relative to the referring one. */
export type SchemaLoader = (location: string, from: string) => { root: XmlElement; file: string } | undefined;

export interface XsdCollector {
  readonly elements: Map<string, XsdElement>;
  readonly types: Map<string, XsdType>;
  readonly notes: string[];
  /** Files already read, so imports that form a cycle are read once. */
  readonly visited: Set<string>;
}

export function createXsdCollector(): XsdCollector {
  return { elements: new Map(), types: new Map(), notes: [], visited: new Set() };
}

/**
 * Reads one `xsd:schema` into the collector: global elements, named complex and simple types,
 * following `xsd:import` and `xsd:include` of local files. Constructs that do not map to GraphQL
 * (attributes, SOAP-encoded arrays, `any`) are noted, not silently dropped.
 */
export function readXsd(schema: XmlElement, file: string, collector: XsdCollector, load: SchemaLoader, inheritedNs?: string): void {
  const targetNs = schema.attrs['targetNamespace'] ?? inheritedNs ?? '';
  const qualified = schema.attrs['elementFormDefault'] === 'qualified';
  for (const child of schema.children) {
    if (child.ns !== NS.xsd) continue;
    switch (child.local) {
      case 'import':
      case 'include': {
        const location = child.attrs['schemaLocation'];
        if (!location) break;
        const loaded = load(location, file);
        if (!loaded) {
          collector.notes.push(`could not read ${child.local} "${location}" from ${file}`);
          break;
        }
        if (collector.visited.has(loaded.file)) break;
        collector.visited.add(loaded.file);
        // An include adopts the including schema's namespace when it declares none (chameleon include).
        readXsd(loaded.root, loaded.file, collector, load, child.local === 'include' ? targetNs : undefined);
        break;
      }
      case 'element': {
        const name = child.attrs['name'];
        if (!name) break;
        collector.elements.set(qnameKey({ ns: targetNs, local: name }), {
          name: { ns: targetNs, local: name },
          type: readTypeRef(child, targetNs, qualified, collector),
        });
        break;
      }
      case 'complexType':
      case 'simpleType': {
        const name = child.attrs['name'];
        if (!name) break;
        collector.types.set(qnameKey({ ns: targetNs, local: name }), readType(child, targetNs, qualified, collector));
        break;
      }
      default:
        break;
    }
  }
}

function readTypeRef(element: XmlElement, targetNs: string, qualified: boolean, collector: XsdCollector): XsdTypeRef {
  const type = element.attrs['type'];
  if (type) {
    const name = resolveQName(element, type);
    return name.ns === NS.xsd ? { kind: 'builtin', name: name.local } : { kind: 'named', name };
  }
  const inline = element.children.find((child) => child.ns === NS.xsd && (child.local === 'complexType' || child.local === 'simpleType'));
  if (inline) return { kind: 'inline', type: readType(inline, targetNs, qualified, collector) };
  return { kind: 'builtin', name: 'anyType' };
}

function readType(element: XmlElement, targetNs: string, qualified: boolean, collector: XsdCollector): XsdType {
  if (element.local === 'simpleType') {
    const restriction = element.children.find((child) => child.ns === NS.xsd && child.local === 'restriction');
    const base = restriction?.attrs['base'] ? resolveQName(restriction, restriction.attrs['base']) : undefined;
    const enumeration = restriction?.children
      .filter((child) => child.ns === NS.xsd && child.local === 'enumeration')
      .map((child) => child.attrs['value'] ?? '');
    return { kind: 'simple', base: base?.ns === NS.xsd ? base.local : 'string', enumeration: enumeration?.length ? enumeration : undefined };
  }
  const fields: XsdField[] = [];
  const bases: QName[] = [];
  collectFields(element, targetNs, qualified, collector, fields, bases, element.attrs['name'] ?? 'anonymous type');
  return { kind: 'complex', base: bases[0], fields };
}

function collectFields(
  container: XmlElement,
  targetNs: string,
  qualified: boolean,
  collector: XsdCollector,
  fields: XsdField[],
  bases: QName[],
  where: string,
): void {
  for (const child of container.children) {
    if (child.ns !== NS.xsd) continue;
    switch (child.local) {
      case 'sequence':
      case 'all':
      case 'choice':
        collectFields(child, targetNs, qualified, collector, fields, bases, where);
        break;
      case 'complexContent':
      case 'simpleContent':
        for (const derivation of child.children) {
          const base = derivation.attrs['base'] ? resolveQName(derivation, derivation.attrs['base']) : undefined;
          if (derivation.local === 'restriction' && base?.local === 'Array') {
            collector.notes.push(`${where}: SOAP-encoded arrays are not supported`);
            continue;
          }
          if (derivation.local === 'extension' && base && base.ns !== NS.xsd) {
            bases.push(base);
          } else if (child.local === 'simpleContent') {
            collector.notes.push(`${where}: simple content with attributes is read as its text only`);
          }
          collectFields(derivation, targetNs, qualified, collector, fields, bases, where);
        }
        break;
      case 'element': {
        const ref = child.attrs['ref'];
        const name = ref ? resolveQName(child, ref) : { ns: targetNs, local: child.attrs['name'] ?? '' };
        const form = child.attrs['form'];
        const isQualified = ref !== undefined || form === 'qualified' || (form !== 'unqualified' && qualified);
        const maxOccurs = child.attrs['maxOccurs'] === 'unbounded' ? Infinity : Number(child.attrs['maxOccurs'] ?? 1);
        fields.push({
          name: name.local,
          ns: isQualified ? name.ns : '',
          type: ref ? { kind: 'elementRef', name } : readTypeRef(child, targetNs, qualified, collector),
          minOccurs: Number(child.attrs['minOccurs'] ?? 1),
          maxOccurs,
          nillable: child.attrs['nillable'] === 'true',
        });
        break;
      }
      case 'attribute':
      case 'attributeGroup':
        collector.notes.push(`${where}: attribute "${child.attrs['name'] ?? child.attrs['ref'] ?? ''}" is not mapped (attributes are ignored)`);
        break;
      case 'any':
        collector.notes.push(`${where}: xsd:any content is not mapped`);
        break;
      default:
        break;
    }
  }
}
