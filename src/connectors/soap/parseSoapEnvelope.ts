import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { errorForStatus } from '../../errors/errorForStatus';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { parseXml, XmlRejectedError } from '../../xml/parseXml';
import { serializeXml } from '../../xml/serializeXml';
import { firstChild, resolveQName, type XmlElement } from '../../xml/XmlElement';
import type { AttributeCodec, ComplexCodec, ElementCodec, SoapCodec } from './codec/SoapCodec';
import { NS } from './wsdl/namespaces';
import { XSD_FLOATS, XSD_INTEGERS, XSI_TYPE_KEY } from './wsdl/XsdResolver';

const ENVELOPES: readonly string[] = [NS.envelope11, NS.envelope12];
const MAX_FAULT_MESSAGE = 300;

/**
 * Decodes a SOAP answer into JSON-like data by walking the operation's compiled reader tree:
 * repeated elements as lists (even with one item), `xsi:nil` as null, XSD integers, floats and
 * booleans as JSON values (`decimal` stays an exact string), attributes and simple content as
 * properties, a derived type named by `xsi:type` with its own members, `xsd:any` content as XML
 * text. A one-way or empty-output operation answers `true`. A SOAP Fault becomes
 * `UPSTREAM_BAD_RESPONSE` with its fault code and message; the fault `detail` is never passed on.
 */
export function parseSoapEnvelope(codec: SoapCodec, response: UpstreamResponse): unknown {
  const { source, status } = response;
  const output = codec.output;
  const text = response.text();
  // A one-way operation is accepted with HTTP 202 or 200 and no envelope at all (WS-I BP 1.1 R2750).
  if (output.kind === 'acknowledgement' && status >= 200 && status < 300 && text.trim() === '') return true;
  let envelope: XmlElement;
  try {
    envelope = parseXml(text);
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
  const reader = new Reader(source);
  switch (output.kind) {
    case 'acknowledgement':
      return true;
    case 'document': {
      const element = body.children.find((child) => child.local === output.element.name);
      if (!element)
        throw new UpstreamBadResponseError(source, `Upstream "${source}" answered without a ${output.element.name} element`, { status });
      return reader.element(output.element, element);
    }
    case 'rpc': {
      const wrapper = body.children.find((child) => child.local === output.wrapper.local) ?? body.children[0];
      if (!wrapper) throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with an empty SOAP body`, { status });
      // Services whose parts are elements (`element=`) often leave the wrapper out and put the part in the Body.
      const holds = (element: XmlElement) => output.parts.some((part) => element.children.some((child) => child.local === part.name));
      return reader.children(output.parts, holds(wrapper) || !holds(body) ? wrapper : body, {});
    }
  }
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

/** Walks a reader tree over the answer's elements. */
class Reader {
  constructor(private readonly source: string) {}

  element(codec: ElementCodec, element: XmlElement): unknown {
    if (isNil(element)) return null;
    const { content } = codec;
    switch (content.kind) {
      case 'untyped':
        return element.children.length > 0 ? decodeUntyped(element) : element.text;
      case 'scalar':
        return this.scalar(element.text, content.builtin);
      case 'complex':
        return this.complex(content, element);
    }
  }

  complex(declared: ComplexCodec, element: XmlElement): Record<string, unknown> {
    const codec = substitute(declared, element);
    const out: Record<string, unknown> = {};
    if (declared.substitutes.size > 0) out[XSI_TYPE_KEY] = codec.name?.local ?? null;
    for (const attribute of codec.attributes) {
      const value = attributeValue(element, attribute);
      out[attribute.key] = value === undefined ? null : this.scalar(value, attribute.builtin);
    }
    if (codec.text) out[codec.text.key] = this.scalar(element.text, codec.text.builtin);
    this.children(codec.elements, element, out);
    if (codec.anyKey) {
      const declaredNames = new Set(codec.elements.map((child) => child.name));
      const extra = element.children.filter((child) => !declaredNames.has(child.local));
      out[codec.anyKey] = extra.length === 0 ? null : extra.map(serializeXml).join('');
    }
    return out;
  }

  children(codecs: readonly ElementCodec[], element: XmlElement, out: Record<string, unknown>): Record<string, unknown> {
    for (const codec of codecs) {
      if (codec.maxOccurs > 1) {
        out[codec.key] = element.children.filter((child) => child.local === codec.name).map((match) => this.element(codec, match));
      } else {
        const match = element.children.find((child) => child.local === codec.name);
        out[codec.key] = match ? this.element(codec, match) : null;
      }
    }
    return out;
  }

  scalar(text: string, builtin: string): unknown {
    if (XSD_INTEGERS.has(builtin) || XSD_FLOATS.has(builtin)) {
      const value = Number(text);
      if (text === '' || Number.isNaN(value))
        throw new UpstreamBadResponseError(this.source, `Upstream "${this.source}" sent "${text.slice(0, 40)}" where a number belongs`);
      return value;
    }
    if (builtin === 'boolean') return text === 'true' || text === '1';
    return text;
  }
}

function isNil(element: XmlElement): boolean {
  return Object.entries(element.attrs).some(
    ([name, value]) => (name === 'xsi:nil' || name.endsWith(':nil')) && (value === 'true' || value === '1'),
  );
}

/** The derived type an element names in `xsi:type`, when it may stand in for the declared one. */
function substitute(declared: ComplexCodec, element: XmlElement): ComplexCodec {
  if (declared.substitutes.size === 0) return declared;
  const attribute = Object.keys(element.attrs).find((name) => name.endsWith(':type') && element.prefixes.get(name.slice(0, -5)) === NS.xsi);
  const value = attribute && element.attrs[attribute];
  if (!value) return declared;
  return declared.substitutes.get(resolveQName(element, value).local) ?? declared;
}

function attributeValue(element: XmlElement, attribute: AttributeCodec): string | undefined {
  if (!attribute.ns) return element.attrs[attribute.name];
  const name = Object.keys(element.attrs).find((written) => {
    const colon = written.indexOf(':');
    return colon !== -1 && written.slice(colon + 1) === attribute.name && element.prefixes.get(written.slice(0, colon)) === attribute.ns;
  });
  return name === undefined ? undefined : element.attrs[name];
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
