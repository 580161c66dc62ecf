import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWsdl } from '../../src/connectors/soap/wsdl/readWsdl';
import type { SchemaLoader } from '../../src/connectors/soap/wsdl/readXsd';
import { qnameKey, type SoapOperation, type WsdlDefinition, type XsdField } from '../../src/connectors/soap/wsdl/WsdlModel';
import { XsdResolver } from '../../src/connectors/soap/wsdl/XsdResolver';
import { parseXml, XmlRejectedError } from '../../src/xml/parseXml';
import { thrownBy } from './thrownBy';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'wsdl');

function read(relative: string): WsdlDefinition {
  const file = join(FIXTURES, relative);
  return readWsdl(readFileSync(file, 'utf8'), file);
}

function operation(wsdl: WsdlDefinition, name: string): SoapOperation {
  const found = wsdl.operations.get(name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
}

/** The fields of a named complex type, inherited ones first. */
function fields(wsdl: WsdlDefinition, ns: string, local: string): XsdField[] {
  const type = wsdl.xsd.types.get(qnameKey({ ns, local }));
  if (type?.kind !== 'complex') throw new Error(`no complex type {${ns}}${local}`);
  return new XsdResolver(wsdl.xsd).fieldsOf(type);
}

function field(list: readonly XsdField[], name: string): XsdField {
  const found = list.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
}

/** The fields of the anonymous type of a global element. */
function elementFields(wsdl: WsdlDefinition, ns: string, local: string): XsdField[] {
  const element = wsdl.xsd.elements.get(qnameKey({ ns, local }));
  const type = element && new XsdResolver(wsdl.xsd).resolve(element.type);
  if (type?.kind !== 'complex') throw new Error(`no complex element {${ns}}${local}`);
  return type.fields.slice();
}

const summary = ({ name, soapVersion, style, soapAction, address }: SoapOperation) => ({ name, soapVersion, style, soapAction, address });

describe('readWsdl', () => {
  describe('document/literal wrapped, elementFormDefault="qualified"', () => {
    const wsdl = read('doc-literal-wrapped.wsdl');
    const ns = 'urn:example:orders';

    it('reads each operation with its SOAP version, style, SOAPAction and address', () => {
      expect([...wsdl.operations.values()].map(summary)).toEqual([
        {
          name: 'GetOrder',
          soapVersion: '1.1',
          style: 'document',
          soapAction: 'urn:example:orders/GetOrder',
          address: 'http://orders.example.com/soap',
        },
        {
          name: 'ListOrders',
          soapVersion: '1.1',
          style: 'document',
          soapAction: 'urn:example:orders/ListOrders',
          address: 'http://orders.example.com/soap',
        },
        {
          name: 'PlaceOrder',
          soapVersion: '1.1',
          style: 'document',
          soapAction: 'urn:example:orders/PlaceOrder',
          address: 'http://orders.example.com/soap',
        },
      ]);
      const input = operation(wsdl, 'GetOrder').input;
      expect(input.style === 'document' && input.element.name).toEqual({ ns, local: 'GetOrder' });
      expect(wsdl.notes).toEqual([]);
    });

    it('puts local elements in the target namespace, except one declared form="unqualified"', () => {
      const line = fields(wsdl, ns, 'Line');
      expect(line.map((child) => [child.name, child.ns])).toEqual([
        ['sku', ''],
        ['quantity', ns],
        ['unitPrice', ns],
        ['tags', ns],
      ]);
      expect(elementFields(wsdl, ns, 'GetOrder')).toEqual([
        { name: 'orderId', ns, type: { kind: 'builtin', name: 'string' }, minOccurs: 1, maxOccurs: 1, nillable: false },
      ]);
    });

    it('reads enumerations, occurrence constraints and nillable', () => {
      expect(wsdl.xsd.types.get(qnameKey({ ns, local: 'OrderStatus' }))).toEqual({
        kind: 'simple',
        base: 'string',
        enumeration: ['NEW', 'in-progress', 'SHIPPED'],
      });
      const order = fields(wsdl, ns, 'Order');
      expect(field(order, 'line')).toMatchObject({
        minOccurs: 1,
        maxOccurs: Infinity,
        type: { kind: 'named', name: { ns, local: 'Line' } },
      });
      expect(field(order, 'shippedAt')).toMatchObject({ minOccurs: 1, nillable: true });
      expect(field(order, 'note')).toMatchObject({ minOccurs: 0, nillable: true });
      expect(field(fields(wsdl, ns, 'Line'), 'tags')).toMatchObject({ minOccurs: 0, maxOccurs: Infinity });
    });
  });

  describe('rpc/literal', () => {
    const wsdl = read('rpc-literal.wsdl');

    it('wraps parts in an element named after the operation, in the soap:body namespace; parts are unqualified and never nil (WS-I R2211)', () => {
      expect(summary(operation(wsdl, 'GetQuote'))).toEqual({
        name: 'GetQuote',
        soapVersion: '1.1',
        style: 'rpc',
        soapAction: 'urn:example:quotes#GetQuote',
        address: 'http://quotes.example.com/rpc',
      });
      expect(operation(wsdl, 'GetQuote').input).toEqual({
        style: 'rpc',
        wrapper: { ns: 'urn:example:quotes:rpc', local: 'GetQuote' },
        parts: [
          { name: 'symbol', ns: '', type: { kind: 'builtin', name: 'string' }, minOccurs: 1, maxOccurs: 1, nillable: false },
          { name: 'days', ns: '', type: { kind: 'builtin', name: 'int' }, minOccurs: 1, maxOccurs: 1, nillable: false },
        ],
      });
      expect(operation(wsdl, 'GetQuote').output).toEqual({
        style: 'rpc',
        wrapper: { ns: 'urn:example:quotes:rpc', local: 'GetQuoteResponse' },
        parts: [
          {
            name: 'quote',
            ns: '',
            type: { kind: 'named', name: { ns: 'urn:example:quotes', local: 'Quote' } },
            minOccurs: 1,
            maxOccurs: 1,
            nillable: false,
          },
        ],
      });
      expect(operation(wsdl, 'Divide').soapAction).toBe('');
    });

    it('leaves local elements unqualified without elementFormDefault', () => {
      expect(fields(wsdl, 'urn:example:quotes', 'Quote').map((child) => child.ns)).toEqual(['', '', '', '']);
    });
  });

  describe('SOAP 1.2 only', () => {
    const wsdl = read('soap12-only.wsdl');

    it('reads the soap12 binding and its address, and skips the HTTP GET binding with a note', () => {
      expect([...wsdl.operations.values()].map(summary)).toEqual([
        {
          name: 'CheckHealth',
          soapVersion: '1.2',
          style: 'document',
          soapAction: 'urn:example:health/CheckHealth',
          address: 'https://health.example.com/soap12',
        },
        {
          name: 'ResetCounter',
          soapVersion: '1.2',
          style: 'document',
          soapAction: 'urn:example:health/ResetCounter',
          address: 'https://health.example.com/soap12',
        },
      ]);
      expect(wsdl.notes).toEqual(['binding HealthHttpGet: not a SOAP binding, skipped']);
    });
  });

  describe('wsdl:import, xsd:import and xsd:include', () => {
    const wsdl = read('imports/main.wsdl');
    const types = 'urn:example:inventory:types';

    it('finds the binding and service in the imported WSDL, and the messages in the importing one', () => {
      expect([...wsdl.operations.values()].map(summary)).toEqual([
        {
          name: 'GetStock',
          soapVersion: '1.1',
          style: 'document',
          soapAction: 'urn:example:inventory/GetStock',
          address: 'http://inventory.example.com/soap',
        },
        {
          name: 'AdjustStock',
          soapVersion: '1.1',
          style: 'document',
          soapAction: 'urn:example:inventory/AdjustStock',
          address: 'http://inventory.example.com/soap',
        },
      ]);
      expect(wsdl.notes).toEqual([]);
    });

    it('reads the imported schema (qualified) and the included one (unqualified) into the importing namespace', () => {
      expect(fields(wsdl, types, 'StockItem').map((child) => [child.name, child.ns])).toEqual([
        ['id', ''],
        ['sku', types],
        ['onHand', types],
        ['backorderedUntil', types],
      ]);
      expect(fields(wsdl, types, 'Quantity').map((child) => [child.name, child.ns])).toEqual([
        ['amount', ''],
        ['unit', ''],
      ]);
    });

    it("resolves the included schema's unprefixed references in the namespace it was included into (chameleon include)", () => {
      const unit = field(fields(wsdl, types, 'Quantity'), 'unit');
      expect(unit.type).toEqual({ kind: 'named', name: { ns: types, local: 'Unit' } });
      expect(new XsdResolver(wsdl.xsd).resolve(unit.type)).toEqual({ kind: 'simple', base: 'string', enumeration: ['PIECE', 'KG'] });
    });

    it('makes each alternative of an xsd:choice optional', () => {
      const item = fields(wsdl, types, 'StockItem');
      expect([field(item, 'onHand').minOccurs, field(item, 'backorderedUntil').minOccurs]).toEqual([0, 0]);
    });
  });

  describe('document/literal bare', () => {
    it('reads a part whose element is a simple type', () => {
      const wsdl = read('doc-literal-bare.wsdl');
      const echo = operation(wsdl, 'Echo');
      expect(echo.input).toEqual({
        style: 'document',
        element: { name: { ns: 'urn:example:echo', local: 'Echo' }, type: { kind: 'builtin', name: 'string' } },
      });
      expect(echo.output).toEqual({
        style: 'document',
        element: { name: { ns: 'urn:example:echo', local: 'EchoResult' }, type: { kind: 'builtin', name: 'string' } },
      });
    });
  });

  describe('what it cannot read', () => {
    const wsdl = read('unmappable.wsdl');
    const ns = 'urn:example:legacy';

    it('skips a use="encoded" operation, and notes an unreadable wsdl:import, encoded arrays and xsd:group', () => {
      expect([...wsdl.operations.keys()]).toEqual(['GetRecord']);
      expect(wsdl.notes).toEqual([
        `could not read wsdl:import "missing.wsdl" from ${join(FIXTURES, 'unmappable.wsdl')} (only local files are followed)`,
        'ArrayOfString: SOAP-encoded arrays are not supported',
        'Record: model group "tns:Audit" (xsd:group) is not supported; its elements are left out',
        'operation LegacyEncoded: SOAP-encoded (use="encoded") is not supported, skipped',
      ]);
    });

    it('reads simple content with attributes as a complex type whose text is typed by its base', () => {
      expect(wsdl.xsd.types.get(qnameKey({ ns, local: 'Amount' }))).toEqual({
        kind: 'complex',
        name: { ns, local: 'Amount' },
        abstract: false,
        base: undefined,
        fields: [],
        attributes: [{ name: 'currency', ns: '', type: { kind: 'builtin', name: 'string' }, required: false }],
        text: { kind: 'builtin', name: 'decimal' },
        any: false,
      });
    });

    it('reads attributes, xsd:any and abstract types', () => {
      const record = wsdl.xsd.types.get(qnameKey({ ns, local: 'Record' }));
      expect(record).toMatchObject({
        any: true,
        abstract: false,
        attributes: [{ name: 'version', type: { kind: 'builtin', name: 'int' } }],
      });
    });

    it('names the element an anonymous type belongs to in its notes', () => {
      const inline = readWsdl(
        `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><types><xsd:schema targetNamespace="urn:x">
          <xsd:element name="Bag"><xsd:complexType><xsd:sequence><xsd:group ref="Items"/></xsd:sequence></xsd:complexType></xsd:element>
        </xsd:schema></types></definitions>`,
        '/virtual/bag.wsdl',
      );
      expect(inline.notes).toEqual(['type of element "Bag": model group "Items" (xsd:group) is not supported; its elements are left out']);
    });
  });

  describe('details', () => {
    const definitions = (types: string, bindings: string) => `<?xml version="1.0"?>
      <definitions targetNamespace="urn:d" xmlns:tns="urn:d" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
          xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
        <types><xsd:schema targetNamespace="urn:d" elementFormDefault="qualified">${types}
          <xsd:element name="Ping"><xsd:complexType><xsd:sequence/></xsd:complexType></xsd:element>
        </xsd:schema></types>
        <message name="M"><part name="p" element="tns:Ping"/></message>
        <portType name="P"><operation name="Ping"><input message="tns:M"/><output message="tns:M"/></operation></portType>
        ${bindings}
      </definitions>`;
    const binding = (name: string, soap: 'soap' | 'soap12') =>
      `<binding name="${name}" type="tns:P"><${soap}:binding style="document"/><operation name="Ping"><${soap}:operation soapAction="${soap}"/>` +
      `<input><${soap}:body use="literal"/></input><output><${soap}:body use="literal"/></output></operation></binding>`;

    it('prefers the SOAP 1.1 binding when a service offers both', () => {
      const wsdl = readWsdl(definitions('', binding('B12', 'soap12') + binding('B11', 'soap')), '/virtual/d.wsdl');
      expect(summary(operation(wsdl, 'Ping'))).toEqual({
        name: 'Ping',
        soapVersion: '1.1',
        style: 'document',
        soapAction: 'soap',
        address: undefined,
      });
    });

    it('repeats the elements of a repeated sequence', () => {
      const wsdl = readWsdl(
        definitions(
          `<xsd:complexType name="Pairs"><xsd:sequence maxOccurs="unbounded"><xsd:element name="key" type="xsd:string"/><xsd:element name="value" type="xsd:string"/></xsd:sequence></xsd:complexType>`,
          binding('B', 'soap'),
        ),
        '/virtual/d.wsdl',
      );
      expect(fields(wsdl, 'urn:d', 'Pairs').map((child) => [child.name, child.maxOccurs])).toEqual([
        ['key', Infinity],
        ['value', Infinity],
      ]);
    });

    it('reads imports through the loader it is given, each file once', () => {
      const files: Record<string, string> = {
        '/v/a.xsd':
          '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xsd:include schemaLocation="b.xsd"/><xsd:simpleType name="A"><xsd:restriction base="xsd:int"/></xsd:simpleType></xsd:schema>',
        '/v/b.xsd':
          '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"><xsd:include schemaLocation="a.xsd"/><xsd:simpleType name="B"><xsd:restriction base="xsd:long"/></xsd:simpleType></xsd:schema>',
      };
      const loaded: string[] = [];
      const load: SchemaLoader = (location) => {
        const file = `/v/${location}`;
        loaded.push(file);
        const text = files[file];
        return text === undefined ? undefined : { root: parseXml(text), file };
      };
      const wsdl = readWsdl(definitions('<xsd:import namespace="urn:a" schemaLocation="a.xsd"/>', binding('B', 'soap')), '/v/d.wsdl', load);
      expect([...wsdl.xsd.types.keys()].filter((key) => key.startsWith('{urn:a}'))).toEqual(['{urn:a}B', '{urn:a}A']);
      expect(loaded).toEqual(['/v/a.xsd', '/v/b.xsd', '/v/a.xsd']);
    });

    it('refuses a WSDL with a DOCTYPE', () => {
      const error = thrownBy(() =>
        readWsdl(
          '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions>&x;</definitions>',
          '/virtual/x.wsdl',
        ),
      );
      expect(error).toBeInstanceOf(XmlRejectedError);
    });
  });
});
