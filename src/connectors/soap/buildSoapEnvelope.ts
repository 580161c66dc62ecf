import { stringifyScalar } from '../../templates/renderTemplate';
import { BadUserInputError } from '../../errors/BadUserInputError';
import { escapeXml } from '../../xml/escapeXml';
import { NS } from './wsdl/namespaces';
import type { SoapOperation, XsdField, XsdTypeRef } from './wsdl/WsdlModel';
import type { XsdResolver } from './wsdl/XsdResolver';

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

  declarations(): string {
    return [...this.#byNamespace].map(([ns, prefix]) => ` xmlns:${prefix}="${escapeXml(ns)}"`).join('');
  }
}

/**
 * Builds the SOAP request for an operation from a JSON-like input, following the WSDL: element
 * order from the XSD sequence, namespaces per `elementFormDefault`, lists as repeated elements,
 * null as `xsi:nil` where the element is nillable. Pure.
 */
export function buildSoapEnvelope(
  operation: SoapOperation,
  resolver: XsdResolver,
  input: unknown,
  security?: WsSecurityCredentials,
): SoapEnvelope {
  const prefixes = new Prefixes();
  let content = '';
  if (operation.input.style === 'document') {
    const { element } = operation.input;
    content = writeElement(element.name.local, element.name.ns, element.type, false, input ?? {}, resolver, prefixes, element.name.local);
  } else {
    const { wrapper, parts } = operation.input;
    const prefix = prefixes.of(wrapper.ns);
    const values = (input ?? {}) as Record<string, unknown>;
    content = `<${prefix}:${wrapper.local}>${parts.map((part) => writeField(part, values[part.name], resolver, prefixes, wrapper.local)).join('')}</${prefix}:${wrapper.local}>`;
  }
  const envelopeNs = operation.soapVersion === '1.2' ? NS.envelope12 : NS.envelope11;
  const header = security
    ? `<soap:Header><wsse:Security xmlns:wsse="${NS.wsse}" soap:mustUnderstand="1"><wsse:UsernameToken>` +
      `<wsse:Username>${escapeXml(security.username)}</wsse:Username>` +
      `<wsse:Password Type="${NS.wsseTokenProfile}">${escapeXml(security.password)}</wsse:Password>` +
      `</wsse:UsernameToken></wsse:Security></soap:Header>`
    : '';
  const body =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${envelopeNs}" xmlns:xsi="${NS.xsi}"${prefixes.declarations()}>` +
    `${header}<soap:Body>${content}</soap:Body></soap:Envelope>`;
  const headers: Record<string, string> =
    operation.soapVersion === '1.2'
      ? { 'content-type': `application/soap+xml; charset=utf-8; action="${operation.soapAction}"` }
      : { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${operation.soapAction}"` };
  return { body, headers: { ...headers, accept: 'application/soap+xml, text/xml' } };
}

function writeField(field: XsdField, value: unknown, resolver: XsdResolver, prefixes: Prefixes, path: string): string {
  if (value === undefined) return '';
  const where = `${path}.${field.name}`;
  if (field.maxOccurs > 1) {
    const items = Array.isArray(value) ? value : [value];
    return items
      .map((item: unknown) => writeElement(field.name, field.ns, field.type, field.nillable, item, resolver, prefixes, where))
      .join('');
  }
  if (Array.isArray(value)) throw new BadUserInputError(`${where} takes one value, not a list`);
  return writeElement(field.name, field.ns, field.type, field.nillable, value, resolver, prefixes, where);
}

function writeElement(
  local: string,
  ns: string,
  typeRef: XsdTypeRef,
  nillable: boolean,
  value: unknown,
  resolver: XsdResolver,
  prefixes: Prefixes,
  path: string,
): string {
  const name = ns ? `${prefixes.of(ns)}:${local}` : local;
  if (value === null || value === undefined) return nillable ? `<${name} xsi:nil="true"/>` : '';
  const type = resolver.resolve(typeRef);
  if (type?.kind === 'complex') {
    if (typeof value !== 'object' || Array.isArray(value)) throw new BadUserInputError(`${path} needs an object`);
    const values = value as Record<string, unknown>;
    const fields = resolver.fieldsOf(type);
    const unknown = Object.keys(values).filter((key) => !fields.some((field) => field.name === key));
    if (unknown.length > 0) throw new BadUserInputError(`${path} has no element ${unknown.join(', ')}`);
    return `<${name}>${fields.map((field) => writeField(field, values[field.name], resolver, prefixes, path)).join('')}</${name}>`;
  }
  if (typeof value === 'object') throw new BadUserInputError(`${path} needs a single value`);
  return `<${name}>${escapeXml(stringifyScalar(value))}</${name}>`;
}
