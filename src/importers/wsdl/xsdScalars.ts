import { XSD_INTEGERS } from '../../connectors/soap/wsdl/XsdResolver';

/** The scalar for content the WSDL leaves untyped (`xsd:anyType`); without a serializer it passes decoded values through. */
export const UNTYPED_SCALAR = 'JSON';

export type ScalarName = 'String' | 'Int' | 'Float' | 'Boolean' | typeof UNTYPED_SCALAR;

/** Built-ins whose enumerations become GraphQL enums; enumerated numbers keep their number type. */
export const TEXTUAL: ReadonlySet<string> = new Set([
  'string',
  'normalizedString',
  'token',
  'NMTOKEN',
  'Name',
  'NCName',
  'language',
  'anyURI',
  'ID',
  'IDREF',
  'ENTITY',
  'QName',
]);

const STRINGS = [
  'string',
  'normalizedString',
  'token',
  'anyURI',
  'language',
  'Name',
  'NCName',
  'NMTOKEN',
  'NMTOKENS',
  'ID',
  'IDREF',
  'IDREFS',
  'ENTITY',
  'ENTITIES',
  'NOTATION',
  'anySimpleType',
];
const WIDE_INTEGERS = [
  'long',
  'integer',
  'unsignedInt',
  'unsignedLong',
  'nonNegativeInteger',
  'positiveInteger',
  'negativeInteger',
  'nonPositiveInteger',
];

/**
 * How each XSD built-in reaches GraphQL. It follows what `parseSoapEnvelope` decodes: only
 * `XSD_INTEGERS` and `XSD_FLOATS` become JSON numbers, everything else stays the text sent.
 */
export const XSD_SCALARS: Readonly<Record<string, { readonly scalar: ScalarName; readonly comment?: string }>> = {
  ...Object.fromEntries(STRINGS.map((name) => [name, { scalar: 'String' }])),
  ...Object.fromEntries(['int', 'short', 'byte', 'unsignedShort', 'unsignedByte'].map((name) => [name, { scalar: 'Int' }])),
  ...Object.fromEntries(
    WIDE_INTEGERS.map((name) => [
      name,
      {
        scalar: 'String',
        comment: `xsd:${name}: a string, since values may exceed GraphQL Int (32-bit)${XSD_INTEGERS.has(name) ? '' : ' and stay exact beyond 2^53'}`,
      },
    ]),
  ),
  decimal: { scalar: 'String', comment: 'xsd:decimal: exact, as a string' },
  float: { scalar: 'Float' },
  double: { scalar: 'Float' },
  boolean: { scalar: 'Boolean' },
  date: { scalar: 'String', comment: 'xsd:date, e.g. 2024-03-15' },
  dateTime: { scalar: 'String', comment: 'xsd:dateTime, ISO-8601' },
  time: { scalar: 'String', comment: 'xsd:time, e.g. 13:20:00' },
  duration: { scalar: 'String', comment: 'xsd:duration, e.g. P1DT2H' },
  gYear: { scalar: 'String', comment: 'xsd:gYear' },
  gYearMonth: { scalar: 'String', comment: 'xsd:gYearMonth' },
  gMonth: { scalar: 'String', comment: 'xsd:gMonth' },
  gMonthDay: { scalar: 'String', comment: 'xsd:gMonthDay' },
  gDay: { scalar: 'String', comment: 'xsd:gDay' },
  base64Binary: { scalar: 'String', comment: 'xsd:base64Binary: base64 text' },
  hexBinary: { scalar: 'String', comment: 'xsd:hexBinary: hex text' },
  QName: { scalar: 'String', comment: 'xsd:QName: prefix:local as sent; the prefix is not resolved' },
  anyType: { scalar: UNTYPED_SCALAR, comment: 'xsd:anyType: untyped, decoded as JSON' },
};
