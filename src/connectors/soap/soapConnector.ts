import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { request } from 'undici';
import { optionalString } from '../../schema/readArgs';
import { readSourceHeaders } from '../readSourceHeaders';
import { compiledField, type Connector } from '../Connector';
import { parseBaseURL } from '../parseBaseURL';
import { compileSoapCodec } from './codec/compileSoapCodec';
import { compileSoapField } from './compileSoapField';
import { createSoapResolver } from './createSoapResolver';
import { readWsdl } from './wsdl/readWsdl';
import { XsdResolver } from './wsdl/XsdResolver';
import { XmlRejectedError } from '../../xml/parseXml';

export const soapTypeDefs = /* GraphQL */ `
  input SoapSource {
    "WSDL file (relative to the working directory) or http(s) URL, read once at startup."
    wsdl: String!
    "Where calls go; defaults to the WSDL's service address."
    endpoint: String
    headers: [TemplateHeader!]
    "WS-Security UsernameToken user, e.g. {env.PAYMENTS_USER}; needs password too."
    username: String
    password: String
  }

  input SoapBatch {
    "The parent's key, e.g. {parent.id}."
    key: String!
    "Where the list of keys goes in the input, e.g. orderIds.orderId (a repeated element)."
    into: String!
    "The field of each result item that carries the key, e.g. orderId."
    matchOn: String!
  }

  "Resolves the field with one SOAP operation call."
  directive @soap(
    source: String!
    "Operation name in the WSDL."
    operation: String!
    "Input template, shaped like the operation's input element."
    input: TemplateObject
    "Makes N parents one call, the keys placed in a repeated input element."
    batch: SoapBatch
    "Dot path to the data inside the decoded output element."
    resultPath: String
    "Safe to repeat and share (default false: SOAP calls are POSTs, sent once per resolution)."
    idempotent: Boolean
  ) on FIELD_DEFINITION
`;

/** SOAP 1.1/1.2 upstreams described by a WSDL: `@source(soap: {…})` and `@soap`. */
export const soapConnector: Connector = {
  kind: 'soap',
  typeDefs: soapTypeDefs,
  gatewayNames: ['soap', 'SoapSource', 'SoapBatch'],
  async compileSource({ args, settings, coordinate, interpolate, problems, baseDir }) {
    const location = interpolate(String(args['wsdl']), 'wsdl');
    if (location === undefined) return undefined;
    let text: string;
    let file: string;
    try {
      if (/^https?:\/\//.test(location)) {
        const response = await request(location, { headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs });
        if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
        text = await response.body.text();
        file = resolve(baseDir, 'remote.wsdl');
      } else {
        file = isAbsolute(location) ? location : resolve(baseDir, location);
        text = await readFile(file, 'utf8');
      }
    } catch (error) {
      problems.add(coordinate, `cannot read WSDL "${location}": ${(error as Error).message}`);
      return undefined;
    }
    let wsdl;
    try {
      wsdl = readWsdl(text, file);
    } catch (error) {
      if (!(error instanceof XmlRejectedError)) throw error;
      problems.add(coordinate, `WSDL "${location}" cannot be read: ${error.message}`);
      return undefined;
    }
    if (wsdl.operations.size === 0) problems.add(coordinate, `WSDL "${location}" has no SOAP operations`);
    const endpointArg = optionalString(args, 'endpoint');
    const endpointText = endpointArg === undefined ? [...wsdl.operations.values()][0]?.address : interpolate(endpointArg, 'endpoint');
    const endpoint = endpointText === undefined ? undefined : parseBaseURL(endpointText);
    if (endpointText !== undefined && endpoint === undefined)
      problems.add(coordinate, `endpoint "${endpointText}" is not an absolute http(s) URL`);
    if (endpointText === undefined && endpointArg === undefined)
      problems.add(coordinate, 'no endpoint: the WSDL has no service address; set endpoint:');
    const headers = readSourceHeaders(args, interpolate);
    const username = optionalString(args, 'username');
    const password = optionalString(args, 'password');
    if ((username === undefined) !== (password === undefined)) problems.add(coordinate, 'WS-Security needs both username and password');
    const security =
      username !== undefined && password !== undefined
        ? { username: interpolate(username, 'username') ?? '', password: interpolate(password, 'password') ?? '' }
        : undefined;
    if (endpoint === undefined) return undefined;
    const resolver = new XsdResolver(wsdl.xsd);
    return Object.freeze({
      kind: 'soap',
      ...settings,
      wsdl,
      codecs: new Map([...wsdl.operations].map(([name, operation]) => [name, compileSoapCodec(operation, resolver)])),
      endpoint,
      headers: Object.freeze(headers),
      security,
    });
  },
  fieldDirectives: {
    soap: (context, args) => compiledField(compileSoapField(context, args), createSoapResolver),
  },
};
