import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { errorForStatus } from '../../errors/errorForStatus';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { parseXml, XmlRejectedError } from '../../xml/parseXml';
import { firstChild, type XmlElement } from '../../xml/XmlElement';
import { NS } from './wsdl/namespaces';
import type { SoapOperation, XsdField, XsdTypeRef } from './wsdl/WsdlModel';
import { XSD_FLOATS, XSD_INTEGERS, type XsdResolver } from './wsdl/XsdResolver';

const ENVELOPES: readonly string[] = [NS.envelope11, NS.envelope12];
const MAX_FAULT_MESSAGE = 300;

/**
 * Decodes a SOAP answer into JSON-like data shaped by the WSDL's output types: repeated elements
 * as lists (even with one item), `xsi:nil` as null, XSD integers, floats and booleans as JSON
 * values (`decimal` stays an exact string). A SOAP Fault becomes `UPSTREAM_BAD_RESPONSE` with its
 * fault code and message; the fault `detail` is never passed on.
 */
export function parseSoapEnvelope(operation: SoapOperation, resolver: XsdResolver, response: UpstreamResponse): unknown {
  const { source, status } = response;
  let envelope: XmlElement;
  try {
    envelope = parseXml(response.text());
  } catch (error) {
    if (!(error instanceof XmlRejectedError)) throw error;
    const failure = status >= 400 ? errorForStatus(source, status) : undefined;
    if (failure) throw failure;
    throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with unusable XML: ${error.message}`, {
      status,
      cause: error,
    });
  }
  const body = envelope.local === 'Envelope' && ENVELOPES.includes(envelope.ns) ? firstChild(envelope, envelope.ns, 'Body') : undefined;
  if (!body)
    throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with something other than a SOAP envelope`, { status });
  const fault = firstChild(body, envelope.ns, 'Fault');
  if (fault) throw faultError(source, status, fault, envelope.ns);
  if (status < 200 || status >= 300) {
    throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with HTTP ${status} and no SOAP fault`, { status });
  }
  const output = operation.output;
  if (output.style === 'document') {
    const element = body.children.find((child) => child.local === output.element.name.local);
    if (!element)
      throw new UpstreamBadResponseError(source, `Upstream "${source}" answered without a ${output.element.name.local} element`, {
        status,
      });
    return decode(element, output.element.type, resolver, source);
  }
  const wrapper = body.children.find((child) => child.local === output.wrapper.local) ?? body.children[0];
  if (!wrapper) throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with an empty SOAP body`, { status });
  return decodeFields(wrapper, output.parts, resolver, source);
}

function faultError(source: string, status: number, fault: XmlElement, envelopeNs: string): UpstreamBadResponseError {
  let faultCode: string;
  let reason: string;
  if (envelopeNs === NS.envelope12) {
    const code = firstChild(fault, envelopeNs, 'Code');
    const subcode = code && firstChild(code, envelopeNs, 'Subcode');
    const value = (element: XmlElement | undefined) => (element && firstChild(element, envelopeNs, 'Value')?.text) ?? '';
    faultCode = [value(code), value(subcode)].filter(Boolean).join('/');
    reason = firstChild(fault, envelopeNs, 'Reason')?.children[0]?.text ?? '';
  } else {
    faultCode = fault.children.find((child) => child.local === 'faultcode')?.text ?? '';
    reason = fault.children.find((child) => child.local === 'faultstring')?.text ?? '';
  }
  const message = reason.length > MAX_FAULT_MESSAGE ? `${reason.slice(0, MAX_FAULT_MESSAGE)}…` : reason;
  return new UpstreamBadResponseError(source, `Upstream "${source}" answered with a SOAP fault: ${message || faultCode}`, {
    status,
    extensions: { faultCode },
  });
}

function decode(element: XmlElement, typeRef: XsdTypeRef, resolver: XsdResolver, source: string): unknown {
  if (
    element.attrs['xsi:nil'] === 'true' ||
    Object.entries(element.attrs).some(([name, value]) => name.endsWith(':nil') && value === 'true')
  ) {
    return null;
  }
  const type = resolver.resolve(typeRef);
  if (type === undefined) return element.children.length > 0 ? decodeUntyped(element) : element.text;
  if (type.kind === 'complex') return decodeFields(element, resolver.fieldsOf(type), resolver, source);
  const builtin = type.kind === 'builtin' ? type.name : type.base;
  return decodeScalar(element.text, builtin, source);
}

function decodeFields(element: XmlElement, fields: readonly XsdField[], resolver: XsdResolver, source: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const matches = element.children.filter((child) => child.local === field.name);
    if (field.maxOccurs > 1) out[field.name] = matches.map((match) => decode(match, field.type, resolver, source));
    else out[field.name] = matches[0] ? decode(matches[0], field.type, resolver, source) : null;
  }
  return out;
}

function decodeScalar(text: string, builtin: string, source: string): unknown {
  if (XSD_INTEGERS.has(builtin) || XSD_FLOATS.has(builtin)) {
    const value = Number(text);
    if (text === '' || Number.isNaN(value))
      throw new UpstreamBadResponseError(source, `Upstream "${source}" sent "${text.slice(0, 40)}" where a number belongs`);
    return value;
  }
  if (builtin === 'boolean') return text === 'true' || text === '1';
  return text;
}

/** Elements the WSDL does not describe: children become properties, repeated ones lists. */
function decodeUntyped(element: XmlElement): unknown {
  const out: Record<string, unknown> = {};
  for (const child of element.children) {
    const value = child.children.length > 0 ? decodeUntyped(child) : child.text;
    const existing = out[child.local];
    out[child.local] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
  }
  return out;
}
