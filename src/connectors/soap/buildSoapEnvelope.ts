import { stringifyScalar } from '../../templates/renderTemplate';
import { BadUserInputError } from '../../errors/BadUserInputError';
import { escapeXml } from '../../xml/escapeXml';
import { parseXml, XmlRejectedError } from '../../xml/parseXml';
import { NS } from './wsdl/namespaces';
import { XSI_TYPE_KEY } from './wsdl/XsdResolver';
import type { ComplexCodec, ElementCodec, SoapCodec } from './codec/SoapCodec';

export interface WsSecurityCredentials {
  readonly username: string;
  readonly password: string;
}

export interface SoapEnvelope {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Assigns one prefix per namespace, declared once on the Envelope. */
class Prefixes {
  readonly #byNamespace = new Map<string, string>();

  of(ns: string): string {
    let prefix = this.#byNamespace.get(ns);
    if (prefix === undefined) {
      prefix = `ns${this.#byNamespace.size}`;
      this.#byNamespace.set(ns, prefix);
    }
    return prefix;
  }

  name(ns: string, local: string): string {
    return ns ? `${this.of(ns)}:${local}` : local;
  }

  declarations(): string {
    return [...this.#byNamespace].map(([ns, prefix]) => ` xmlns:${prefix}="${escapeXml(ns)}"`).join('');
  }
}

/**
 * Builds the SOAP request for an operation from a JSON-like input by walking its compiled writer
 * tree: element order from the XSD sequence, namespaces per `elementFormDefault`, attributes,
 * lists as repeated elements, null as `xsi:nil` where the element is nillable, `xsi:type` for a
 * derived type named by `xsiType`. Input the tree does not allow is a `BAD_USER_INPUT` error
 * before anything is sent. Pure.
 */
export function buildSoapEnvelope(codec: SoapCodec, input: unknown, security?: WsSecurityCredentials): SoapEnvelope {
  const prefixes = new Prefixes();
  let content = '';
  const body = codec.input;
  if (body.kind === 'document') {
    content = writeElement(body.element, input ?? {}, prefixes, body.element.name);
  } else if (body.kind === 'rpc') {
    const { wrapper, parts } = body;
    const values = input ?? {};
    if (typeof values !== 'object' || Array.isArray(values)) throw new BadUserInputError(`${wrapper.local} needs an object`);
    const name = prefixes.name(wrapper.ns, wrapper.local);
    content = `<${name}>${writeChildren(parts, values as Record<string, unknown>, prefixes, wrapper.local)}</${name}>`;
  }
  const envelopeNs = codec.soapVersion === '1.2' ? NS.envelope12 : NS.envelope11;
  const header = security
    ? `<soap:Header><wsse:Security xmlns:wsse="${NS.wsse}" soap:mustUnderstand="1"><wsse:UsernameToken>` +
      `<wsse:Username>${escapeXml(security.username)}</wsse:Username>` +
      `<wsse:Password Type="${NS.wsseTokenProfile}">${escapeXml(security.password)}</wsse:Password>` +
      `</wsse:UsernameToken></wsse:Security></soap:Header>`
    : '';
  const envelope =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${envelopeNs}" xmlns:xsi="${NS.xsi}"${prefixes.declarations()}>` +
    `${header}<soap:Body>${content}</soap:Body></soap:Envelope>`;
  const headers: Record<string, string> =
    codec.soapVersion === '1.2'
      ? { 'content-type': `application/soap+xml; charset=utf-8; action="${codec.soapAction}"` }
      : { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${codec.soapAction}"` };
  return { body: envelope, headers: { ...headers, accept: 'application/soap+xml, text/xml' } };
}

function writeChildren(elements: readonly ElementCodec[], values: Record<string, unknown>, prefixes: Prefixes, path: string): string {
  let out = '';
  for (const element of elements) {
    const value = values[element.key];
    const where = `${path}.${element.key}`;
    if (value === undefined) {
      // Leaving out a required nillable element makes an envelope the service must refuse; null sends xsi:nil.
      if (element.minOccurs >= 1 && element.nillable) throw new BadUserInputError(`${where} is required: give a value, or null`);
      continue;
    }
    if (element.maxOccurs > 1) {
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) out += writeElement(element, item, prefixes, where);
    } else if (Array.isArray(value)) {
      throw new BadUserInputError(`${where} takes one value, not a list`);
    } else {
      out += writeElement(element, value, prefixes, where);
    }
  }
  return out;
}

function writeElement(element: ElementCodec, value: unknown, prefixes: Prefixes, path: string): string {
  const name = prefixes.name(element.ns, element.name);
  if (value === null || value === undefined) return element.nillable ? `<${name} xsi:nil="true"/>` : '';
  const { content } = element;
  if (content.kind === 'complex') {
    if (typeof value !== 'object' || Array.isArray(value)) throw new BadUserInputError(`${path} needs an object`);
    return writeComplex(name, content, value as Record<string, unknown>, prefixes, path);
  }
  if (typeof value === 'object') throw new BadUserInputError(`${path} needs a single value`);
  return `<${name}>${escapeXml(stringifyScalar(value))}</${name}>`;
}

function writeComplex(name: string, declared: ComplexCodec, values: Record<string, unknown>, prefixes: Prefixes, path: string): string {
  const { codec, xsiType } = concreteType(declared, values[XSI_TYPE_KEY], path);
  const unknown = Object.keys(values).filter((key) => !codec.inputKeys.has(key) && values[key] !== undefined);
  if (unknown.length > 0) throw new BadUserInputError(`${path} has no element ${unknown.join(', ')}`);

  let attributes = xsiType && codec.name ? ` xsi:type="${prefixes.name(codec.name.ns, codec.name.local)}"` : '';
  for (const attribute of codec.attributes) {
    const value = values[attribute.key];
    if (value === undefined || value === null) {
      if (attribute.required) throw new BadUserInputError(`${path}: attribute ${attribute.key} is required`);
      continue;
    }
    if (typeof value === 'object') throw new BadUserInputError(`${path}: attribute ${attribute.key} needs a single value`);
    attributes += ` ${prefixes.name(attribute.ns, attribute.name)}="${escapeXml(stringifyScalar(value))}"`;
  }
  let inner = writeChildren(codec.elements, values, prefixes, path);
  const text = codec.text && values[codec.text.key];
  if (text !== undefined && text !== null) {
    if (typeof text === 'object') throw new BadUserInputError(`${path}.${codec.text?.key ?? ''} needs a single value`);
    inner = escapeXml(stringifyScalar(text)) + inner;
  }
  const any = codec.anyKey && values[codec.anyKey];
  if (any !== undefined && any !== null && any !== '') inner += wildcardXml(any, `${path}.${codec.anyKey ?? ''}`);
  return `<${name}${attributes}>${inner}</${name}>`;
}

/** The type an input stands for: its declared one, or the derived type its `xsiType` names. */
function concreteType(declared: ComplexCodec, xsiType: unknown, path: string): { codec: ComplexCodec; xsiType: boolean } {
  if (xsiType === undefined || xsiType === null || xsiType === declared.name?.local) return { codec: declared, xsiType: false };
  const codec = typeof xsiType === 'string' ? declared.substitutes.get(xsiType) : undefined;
  if (!codec) {
    const known = [declared.name?.local, ...declared.substitutes.keys()].filter(Boolean).join(', ');
    throw new BadUserInputError(
      `${path}: ${XSI_TYPE_KEY} ${JSON.stringify(xsiType)} is not a type that may stand here (${known || 'none'})`,
    );
  }
  return { codec, xsiType: true };
}

/** `xsd:any` content is sent as the XML the caller gave, once it is known to be well-formed elements. */
function wildcardXml(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new BadUserInputError(`${path} needs XML text`);
  try {
    parseXml(`<any>${value}</any>`);
  } catch (error) {
    if (!(error instanceof XmlRejectedError)) throw error;
    throw new BadUserInputError(`${path} is not well-formed XML: ${error.message}`);
  }
  return value;
}
