import { resolveQName, type QName, type XmlElement } from '../../../xml/XmlElement';
import { NS } from './namespaces';
import { qnameKey, type XsdAttribute, type XsdElement, type XsdField, type XsdType, type XsdTypeRef } from './WsdlModel';

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
 * following `xsd:import` and `xsd:include` of local files. Constructs that are not supported
 * (`xsd:group`, attribute groups, SOAP-encoded arrays) are noted, not silently dropped.
 */
export function readXsd(schema: XmlElement, file: string, collector: XsdCollector, load: SchemaLoader, inheritedNs?: string): void {
  const targetNs = schema.attrs['targetNamespace'] ?? inheritedNs ?? '';
  const scope: SchemaScope = {
    targetNs,
    qualified: schema.attrs['elementFormDefault'] === 'qualified',
    attributesQualified: schema.attrs['attributeFormDefault'] === 'qualified',
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
        collector.types.set(qnameKey({ ns: targetNs, local: name }), readType(child, scope, collector, name, name));
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
  readonly attributesQualified: boolean;
  /** Included without a targetNamespace of its own: its unprefixed references mean the includer's namespace (XSD 1.0 §4.2.1). */
  readonly chameleon: boolean;
}

function resolveIn(scope: SchemaScope, element: XmlElement, value: string): QName {
  const name = resolveQName(element, value);
  return scope.chameleon && name.ns === '' ? { ns: scope.targetNs, local: name.local } : name;
}

function readTypeRef(element: XmlElement, scope: SchemaScope, collector: XsdCollector, untyped = 'anyType'): XsdTypeRef {
  const type = element.attrs['type'];
  if (type) {
    const name = resolveIn(scope, element, type);
    return name.ns === NS.xsd ? { kind: 'builtin', name: name.local } : { kind: 'named', name };
  }
  const inline = element.children.find((child) => child.ns === NS.xsd && (child.local === 'complexType' || child.local === 'simpleType'));
  if (inline) return { kind: 'inline', type: readType(inline, scope, collector, `type of element "${element.attrs['name'] ?? ''}"`) };
  return { kind: 'builtin', name: untyped };
}

function readType(element: XmlElement, scope: SchemaScope, collector: XsdCollector, where: string, name?: string): XsdType {
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
  const members: ComplexMembers = { fields: [], attributes: [], bases: [], any: false };
  let text: XsdTypeRef | undefined;
  const simpleContent = element.children.find((child) => child.ns === NS.xsd && child.local === 'simpleContent');
  if (simpleContent) {
    const derivation = simpleContent.children.find(
      (child) => child.ns === NS.xsd && (child.local === 'extension' || child.local === 'restriction'),
    );
    const base = derivation?.attrs['base'] ? resolveIn(scope, derivation, derivation.attrs['base']) : undefined;
    if (derivation) collectFields(derivation, scope, collector, members, where, ONCE);
    // Text without attributes is just a simple type; with attributes it is an object of both.
    if (members.attributes.length === 0)
      return { kind: 'simple', base: base?.ns === NS.xsd ? base.local : 'string', enumeration: undefined };
    text = !base
      ? { kind: 'builtin', name: 'string' }
      : base.ns === NS.xsd
        ? { kind: 'builtin', name: base.local }
        : { kind: 'named', name: base };
  } else {
    collectFields(element, scope, collector, members, where, ONCE);
  }
  return {
    kind: 'complex',
    name: name === undefined ? undefined : { ns: scope.targetNs, local: name },
    abstract: element.attrs['abstract'] === 'true',
    base: text ? undefined : members.bases[0],
    fields: members.fields,
    attributes: members.attributes,
    text,
    any: members.any,
  };
}

/** What a complex type's content declares, gathered from its model groups and derivations. */
interface ComplexMembers {
  readonly fields: XsdField[];
  readonly attributes: XsdAttribute[];
  readonly bases: QName[];
  any: boolean;
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
  members: ComplexMembers,
  where: string,
  occurs: GroupOccurs,
): void {
  for (const child of container.children) {
    if (child.ns !== NS.xsd) continue;
    switch (child.local) {
      case 'sequence':
      case 'all':
      case 'choice':
        collectFields(child, scope, collector, members, where, groupOccurs(child, occurs));
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
          if (derivation.local === 'extension' && base && base.ns !== NS.xsd) members.bases.push(base);
          collectFields(derivation, scope, collector, members, where, occurs);
        }
        break;
      case 'element': {
        const ref = child.attrs['ref'];
        const name = ref ? resolveIn(scope, child, ref) : { ns: scope.targetNs, local: child.attrs['name'] ?? '' };
        const form = child.attrs['form'];
        const isQualified = ref !== undefined || form === 'qualified' || (form !== 'unqualified' && scope.qualified);
        const maxOccurs = child.attrs['maxOccurs'] === 'unbounded' || occurs.repeated ? Infinity : Number(child.attrs['maxOccurs'] ?? 1);
        members.fields.push({
          name: name.local,
          ns: isQualified ? name.ns : '',
          type: ref ? { kind: 'elementRef', name } : readTypeRef(child, scope, collector),
          minOccurs: occurs.optional ? 0 : Number(child.attrs['minOccurs'] ?? 1),
          maxOccurs,
          nillable: child.attrs['nillable'] === 'true',
        });
        break;
      }
      case 'attribute': {
        const ref = child.attrs['ref'];
        const name = ref ? resolveIn(scope, child, ref) : { ns: scope.targetNs, local: child.attrs['name'] ?? '' };
        const form = child.attrs['form'] ?? (scope.attributesQualified ? 'qualified' : 'unqualified');
        if (child.attrs['use'] === 'prohibited') break;
        members.attributes.push({
          name: name.local,
          ns: ref !== undefined || form === 'qualified' ? name.ns : '',
          type: ref ? { kind: 'builtin', name: 'string' } : readTypeRef(child, scope, collector, 'anySimpleType'),
          required: child.attrs['use'] === 'required',
        });
        break;
      }
      case 'attributeGroup':
        collector.notes.push(`${where}: attribute group "${child.attrs['ref'] ?? ''}" is not supported; its attributes are left out`);
        break;
      case 'anyAttribute':
        break;
      case 'any':
        members.any = true;
        break;
      default:
        break;
    }
  }
}
