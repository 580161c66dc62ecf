import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseXml } from '../../../xml/parseXml';
import { childElements, firstChild, resolveQName, type QName, type XmlElement } from '../../../xml/XmlElement';
import { NS } from './namespaces';
import { createXsdCollector, readXsd, type SchemaLoader } from './readXsd';
import { qnameKey, type SoapMessage, type SoapOperation, type WsdlDefinition, type XsdElement, type XsdField } from './WsdlModel';

const SOAP_BINDINGS: readonly string[] = [NS.soap11, NS.soap12];

/** Reads a local file relative to another; refuses anything that is not a plain relative or absolute path. */
const readLocal: SchemaLoader = (location, from) => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return undefined;
  const file = resolve(dirname(from), location);
  try {
    return { root: parseXml(readFileSync(file, 'utf8')), file };
  } catch {
    return undefined;
  }
};

/**
 * Reads a WSDL 1.1 document (its text, and the file it came from for resolving imports) into the
 * SOAP operations it offers. Follows `wsdl:import`, `xsd:import` and `xsd:include` of local files.
 * Non-SOAP bindings (HTTP GET/POST) and SOAP-encoded operations are skipped with a note.
 */
export function readWsdl(text: string, file: string, load: SchemaLoader = readLocal): WsdlDefinition {
  const documents: { root: XmlElement; file: string }[] = [];
  const importNotes: string[] = [];
  const collect = (root: XmlElement, from: string) => {
    documents.push({ root, file: from });
    for (const wsdlImport of childElements(root, NS.wsdl, 'import')) {
      const location = wsdlImport.attrs['location'];
      const loaded = location ? load(location, from) : undefined;
      if (location && !loaded) importNotes.push(`could not read wsdl:import "${location}" from ${from} (only local files are followed)`);
      if (loaded && !documents.some((document) => document.file === loaded.file)) collect(loaded.root, loaded.file);
    }
  };
  collect(parseXml(text), file);

  const xsd = createXsdCollector();
  for (const { root, file: from } of documents) {
    if (root.local !== 'definitions' || root.ns !== NS.wsdl) {
      if (root.ns === NS.xsd && root.local === 'schema') readXsd(root, from, xsd, load);
      continue;
    }
    for (const types of childElements(root, NS.wsdl, 'types')) {
      for (const schema of childElements(types, NS.xsd, 'schema')) readXsd(schema, from, xsd, load);
    }
  }

  const all = (local: string) => documents.flatMap(({ root }) => childElements(root, NS.wsdl, local).map((element) => ({ element, root })));
  const key = (root: XmlElement, element: XmlElement) =>
    qnameKey({ ns: root.attrs['targetNamespace'] ?? '', local: element.attrs['name'] ?? '' });
  const messages = new Map(all('message').map(({ element, root }) => [key(root, element), element]));
  const portTypes = new Map(all('portType').map(({ element, root }) => [key(root, element), element]));
  const addresses = new Map<string, string>();
  for (const { element: service } of all('service')) {
    for (const port of childElements(service, NS.wsdl, 'port')) {
      const address = port.children.find((child) => child.local === 'address' && SOAP_BINDINGS.includes(child.ns));
      if (address?.attrs['location'] && port.attrs['binding']) {
        addresses.set(qnameKey(resolveQName(port, port.attrs['binding'])), address.attrs['location']);
      }
    }
  }

  const notes = [...importNotes, ...xsd.notes];
  const operations = new Map<string, SoapOperation>();
  for (const { element: binding, root } of all('binding')) {
    const bindingName = binding.attrs['name'] ?? '';
    const soapBinding = binding.children.find((child) => child.local === 'binding' && SOAP_BINDINGS.includes(child.ns));
    if (!soapBinding) {
      notes.push(`binding ${bindingName}: not a SOAP binding, skipped`);
      continue;
    }
    const soapNs = soapBinding.ns;
    const soapVersion = soapNs === NS.soap12 ? '1.2' : '1.1';
    const portType = binding.attrs['type'] ? portTypes.get(qnameKey(resolveQName(binding, binding.attrs['type']))) : undefined;
    const address = addresses.get(key(root, binding));
    for (const bindingOperation of childElements(binding, NS.wsdl, 'operation')) {
      const name = bindingOperation.attrs['name'] ?? '';
      const soapOperation = firstChild(bindingOperation, soapNs, 'operation');
      const style = (soapOperation?.attrs['style'] ?? soapBinding.attrs['style'] ?? 'document') === 'rpc' ? 'rpc' : 'document';
      const inputBody = firstChild(firstChild(bindingOperation, NS.wsdl, 'input') ?? bindingOperation, soapNs, 'body');
      if (inputBody?.attrs['use'] === 'encoded') {
        notes.push(`operation ${name}: SOAP-encoded (use="encoded") is not supported, skipped`);
        continue;
      }
      const abstract = portType && childElements(portType, NS.wsdl, 'operation').find((candidate) => candidate.attrs['name'] === name);
      const messageOf = (direction: 'input' | 'output') => {
        const reference = abstract && firstChild(abstract, NS.wsdl, direction);
        const message = reference?.attrs['message'];
        return message && reference ? messages.get(qnameKey(resolveQName(reference, message))) : undefined;
      };
      const rpcNs = inputBody?.attrs['namespace'] ?? root.attrs['targetNamespace'] ?? '';
      const input = toSoapMessage(messageOf('input'), style, { ns: rpcNs, local: name }, xsd.elements);
      // A one-way operation declares no output (WSDL 1.1 §2.4.1): it answers with an empty body or HTTP 202.
      const oneWay = abstract !== undefined && !firstChild(abstract, NS.wsdl, 'output');
      const output = oneWay ? undefined : toSoapMessage(messageOf('output'), style, { ns: rpcNs, local: `${name}Response` }, xsd.elements);
      if (!input || (!oneWay && !output)) {
        notes.push(`operation ${name}: its messages could not be resolved, skipped`);
        continue;
      }
      const operation: SoapOperation = {
        name,
        soapVersion,
        style,
        soapAction: soapOperation?.attrs['soapAction'] ?? '',
        address,
        input,
        output,
      };
      // SOAP 1.1 is preferred when a service offers both bindings for an operation.
      const existing = operations.get(name);
      if (!existing || (existing.soapVersion === '1.2' && soapVersion === '1.1')) operations.set(name, operation);
    }
  }
  return { operations, xsd: { elements: xsd.elements, types: xsd.types }, notes };
}

function toSoapMessage(
  message: XmlElement | undefined,
  style: 'document' | 'rpc',
  wrapper: QName,
  elements: ReadonlyMap<string, XsdElement>,
): SoapMessage | undefined {
  if (!message) return undefined;
  const parts = childElements(message, NS.wsdl, 'part');
  if (style === 'document') {
    const [part] = parts;
    const elementName = part?.attrs['element'];
    if (parts.length !== 1 || !part || !elementName) return undefined;
    const element = elements.get(qnameKey(resolveQName(part, elementName)));
    return element ? { style: 'document', element } : undefined;
  }
  const fields: XsdField[] = parts.map((part) => {
    // WS-I BP R2203 wants type= parts in rpc/literal, but many services declare element= parts:
    // the accessor is then that element itself, in its own namespace.
    const elementName = part.attrs['element'] ? resolveQName(part, part.attrs['element']) : undefined;
    if (elementName) {
      return {
        name: elementName.local,
        ns: elementName.ns,
        type: { kind: 'elementRef', name: elementName },
        minOccurs: 1,
        maxOccurs: 1,
        nillable: false,
      };
    }
    const typeName = part.attrs['type'] ? resolveQName(part, part.attrs['type']) : undefined;
    return {
      name: part.attrs['name'] ?? '',
      ns: '',
      type: !typeName
        ? { kind: 'builtin', name: 'anyType' }
        : typeName.ns === NS.xsd
          ? { kind: 'builtin', name: typeName.local }
          : { kind: 'named', name: typeName },
      minOccurs: 1,
      maxOccurs: 1,
      // WS-I Basic Profile 1.1 R2211: rpc/literal part accessors must not carry xsi:nil.
      nillable: false,
    };
  });
  return { style: 'rpc', wrapper, parts: fields };
}
