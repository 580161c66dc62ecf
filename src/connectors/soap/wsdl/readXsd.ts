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
  const scope: SchemaScope = {
    targetNs,
    qualified: schema.attrs['elementFormDefault'] === 'qualified',
    chameleon: schema.attrs['targetNamespace'] === undefined && inheritedNs !== undefined,
  };
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
          type: readTypeRef(child, scope, collector),
        });
        break;
      }
      case 'complexType':
      case 'simpleType': {
        const name = child.attrs['name'];
        if (!name) break;
        collector.types.set(qnameKey({ ns: targetNs, local: name }), readType(child, scope, collector, name));
        break;
      }
      default:
        break;
    }
  }
}

/** What a schema document's declarations are read against. */
interface SchemaScope {
  readonly targetNs: string;
  readonly qualified: boolean;
  /** Included without a targetNamespace of its own: its unprefixed references mean the includer's namespace (XSD 1.0 §4.2.1). */
  readonly chameleon: boolean;
}

function resolveIn(scope: SchemaScope, element: XmlElement, value: string): QName {
  const name = resolveQName(element, value);
  return scope.chameleon && name.ns === '' ? { ns: scope.targetNs, local: name.local } : name;
}

function readTypeRef(element: XmlElement, scope: SchemaScope, collector: XsdCollector): XsdTypeRef {
  const type = element.attrs['type'];
  if (type) {
    const name = resolveIn(scope, element, type);
    return name.ns === NS.xsd ? { kind: 'builtin', name: name.local } : { kind: 'named', name };
  }
  const inline = element.children.find((child) => child.ns === NS.xsd && (child.local === 'complexType' || child.local === 'simpleType'));
  if (inline) return { kind: 'inline', type: readType(inline, scope, collector, `type of element "${element.attrs['name'] ?? ''}"`) };
  return { kind: 'builtin', name: 'anyType' };
}

function readType(element: XmlElement, scope: SchemaScope, collector: XsdCollector, where: string): XsdType {
  if (element.local === 'simpleType') {
    const restriction = element.children.find((child) => child.ns === NS.xsd && child.local === 'restriction');
    const base = restriction?.attrs['base'] ? resolveQName(restriction, restriction.attrs['base']) : undefined;
    const enumeration = restriction?.children
      .filter((child) => child.ns === NS.xsd && child.local === 'enumeration')
      .map((child) => child.attrs['value'] ?? '');
    return {
      kind: 'simple',
      base: base?.ns === NS.xsd ? base.local : 'string',
      enumeration: enumeration?.length ? enumeration : undefined,
    };
  }
  // Text with attributes: the attributes cannot be mapped, the text is the value.
  const simpleContent = element.children.find((child) => child.ns === NS.xsd && child.local === 'simpleContent');
  if (simpleContent) {
    const derivation = simpleContent.children.find(
      (child) => child.ns === NS.xsd && (child.local === 'extension' || child.local === 'restriction'),
    );
    const base = derivation?.attrs['base'] ? resolveIn(scope, derivation, derivation.attrs['base']) : undefined;
    collector.notes.push(`${where}: simple content with attributes is read as its text only`);
    if (derivation) collectFields(derivation, scope, collector, [], [], where, ONCE);
    return { kind: 'simple', base: base?.ns === NS.xsd ? base.local : 'string', enumeration: undefined };
  }
  const fields: XsdField[] = [];
  const bases: QName[] = [];
  collectFields(element, scope, collector, fields, bases, where, ONCE);
  return { kind: 'complex', base: bases[0], fields };
}

/** How often the model group around an element may occur: a `choice` makes each alternative optional. */
interface GroupOccurs {
  readonly optional: boolean;
  readonly repeated: boolean;
}
const ONCE: GroupOccurs = { optional: false, repeated: false };

function groupOccurs(group: XmlElement, outer: GroupOccurs): GroupOccurs {
  const max = group.attrs['maxOccurs'];
  return {
    optional: outer.optional || group.local === 'choice' || group.attrs['minOccurs'] === '0',
    repeated: outer.repeated || max === 'unbounded' || Number(max ?? 1) > 1,
  };
}

function collectFields(
  container: XmlElement,
  scope: SchemaScope,
  collector: XsdCollector,
  fields: XsdField[],
  bases: QName[],
  where: string,
  occurs: GroupOccurs,
): void {
  for (const child of container.children) {
    if (child.ns !== NS.xsd) continue;
    switch (child.local) {
      case 'sequence':
      case 'all':
      case 'choice':
        collectFields(child, scope, collector, fields, bases, where, groupOccurs(child, occurs));
        break;
      case 'group':
        collector.notes.push(`${where}: model group "${child.attrs['ref'] ?? ''}" (xsd:group) is not supported; its elements are left out`);
        break;
      case 'complexContent':
        for (const derivation of child.children) {
          const base = derivation.attrs['base'] ? resolveIn(scope, derivation, derivation.attrs['base']) : undefined;
          if (derivation.local === 'restriction' && base?.local === 'Array') {
            collector.notes.push(`${where}: SOAP-encoded arrays are not supported`);
            continue;
          }
          if (derivation.local === 'extension' && base && base.ns !== NS.xsd) bases.push(base);
          collectFields(derivation, scope, collector, fields, bases, where, occurs);
        }
        break;
      case 'element': {
        const ref = child.attrs['ref'];
        const name = ref ? resolveIn(scope, child, ref) : { ns: scope.targetNs, local: child.attrs['name'] ?? '' };
        const form = child.attrs['form'];
        const isQualified = ref !== undefined || form === 'qualified' || (form !== 'unqualified' && scope.qualified);
        const maxOccurs = child.attrs['maxOccurs'] === 'unbounded' || occurs.repeated ? Infinity : Number(child.attrs['maxOccurs'] ?? 1);
        fields.push({
          name: name.local,
          ns: isQualified ? name.ns : '',
          type: ref ? { kind: 'elementRef', name } : readTypeRef(child, scope, collector),
          minOccurs: occurs.optional ? 0 : Number(child.attrs['minOccurs'] ?? 1),
          maxOccurs,
          nillable: child.attrs['nillable'] === 'true',
        });
        break;
      }
      case 'attribute':
      case 'attributeGroup':
        collector.notes.push(
          `${where}: attribute "${child.attrs['name'] ?? child.attrs['ref'] ?? ''}" is not mapped (attributes are ignored)`,
        );
        break;
      case 'any':
        collector.notes.push(`${where}: xsd:any content is not mapped`);
        break;
      default:
        break;
    }
  }
}
