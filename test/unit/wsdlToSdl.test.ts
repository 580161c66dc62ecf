import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { createCacheStore } from '../../src/cache/createCacheStore';
import { compileSoapCodec } from '../../src/connectors/soap/codec/compileSoapCodec';
import { parseSoapEnvelope } from '../../src/connectors/soap/parseSoapEnvelope';
import { readWsdl } from '../../src/connectors/soap/wsdl/readWsdl';
import { XsdResolver } from '../../src/connectors/soap/wsdl/XsdResolver';
import { UpstreamResponse } from '../../src/http/UpstreamResponse';
import { operationPattern, wsdlToSdl } from '../../src/importers/wsdl/wsdlToSdl';
import { startDemoPayments } from '../../src/demo/payments/startDemoPayments';
import { HttpTransport } from '../../src/http/HttpTransport';
import { GatewayMetrics } from '../../src/observability/GatewayMetrics';
import { compileSchema } from '../../src/link/compileSchema';
import { startTestGateway } from '../helpers/startTestGateway';
import { thrownBy } from './thrownBy';

const ROOT = join(__dirname, '..', '..');
const transport = new HttpTransport();
const runtime = { transport, cache: createCacheStore({ namespace: 'test' }), metrics: new GatewayMetrics({ defaultMetrics: false }) };
afterAll(() => transport.close());

/** `extend type Query / Mutation` need the types declared once, as schema/ does. */
const ROOT_TYPES = 'type Query { _: String } type Mutation { _: String }';

/** Imports a WSDL the way the CLI does: the path as given (relative to the repository), read from its absolute location. */
function importWsdl(path: string, source: string, baseDir = ROOT): ReturnType<typeof wsdlToSdl> {
  const file = join(baseDir, path);
  return wsdlToSdl(readWsdl(readFileSync(file, 'utf8'), file), source, path);
}

/** Compiles generated SDL with the real compiler: every @source, @soap and @map is checked against the WSDL. */
async function compile(sdl: string, envName: string, baseDir = ROOT): Promise<GraphQLSchema> {
  const { schema } = await compileSchema({ typeDefs: [sdl, ROOT_TYPES], env: { [envName]: 'http://127.0.0.1:9/x' }, ...runtime, baseDir });
  return schema;
}

function fieldsOf(schema: GraphQLSchema, typeName: string): Record<string, string> {
  const type = schema.getType(typeName);
  if (!isObjectType(type) && !isInputObjectType(type)) throw new Error(`${typeName} is not an object or input type`);
  const fields: Record<string, { name: string; type: unknown }> = type.getFields();
  return Object.fromEntries(Object.values(fields).map((field) => [field.name, String(field.type)]));
}

describe('wsdlToSdl', () => {
  describe('the demo payments WSDL (document/literal wrapped, SOAP 1.1)', () => {
    const { sdl, notes } = importWsdl('schema/wsdl/payments.wsdl', 'payments');

    it('declares the source with the WSDL path as given and an endpoint from the environment', () => {
      expect(sdl).toContain(
        'extend schema @source(name: "payments", soap: {wsdl: "schema/wsdl/payments.wsdl", endpoint: "{env.PAYMENTS_URL}"})',
      );
      expect(sdl).toContain("# The WSDL's service address: http://127.0.0.1:8080/payments");
      expect(notes).toEqual([]);
      expect(sdl).not.toContain('# NOTE:');
    });

    it('maps enumerations to enums, decimals and dateTimes to commented Strings, optional and nillable elements to nullable fields', () => {
      expect(sdl).toContain('enum PaymentStatus {\n  PENDING\n  AUTHORIZED\n  CAPTURED\n  REFUNDED\n  FAILED\n}');
      expect(sdl).toContain(
        [
          'type Payment {',
          '  orderId: String!',
          '  status: PaymentStatus!',
          '  "xsd:decimal: exact, as a string"',
          '  amount: String!',
          '  currency: String!',
          '  "xsd:dateTime, ISO-8601"',
          '  paidAt: String',
          '  method: String',
          '}',
        ].join('\n'),
      );
    });

    it('makes Get… operations idempotent Query fields and unwraps a single-child response with resultPath', () => {
      expect(sdl).toContain(
        '  getPaymentStatus(orderId: String!): Payment @soap(source: "payments", operation: "GetPaymentStatus", input: {orderId: "{args.orderId}"}, resultPath: "payment", idempotent: true)',
      );
      expect(sdl).toContain('input GetPaymentStatusesOrderIdsInput {\n  orderId: [String!]!\n}');
      expect(sdl).toContain('type GetPaymentStatusesResponsePayments {\n  payment: [Payment!]\n}');
      expect(sdl).toContain(
        '  getPaymentStatuses(orderIds: GetPaymentStatusesOrderIdsInput!): GetPaymentStatusesResponsePayments @soap(source: "payments", operation: "GetPaymentStatuses", input: {orderIds: "{args.orderIds}"}, resultPath: "payments", idempotent: true)',
      );
    });

    it('makes other operations Mutation fields, not idempotent', () => {
      const mutation = sdl.slice(sdl.indexOf('extend type Mutation {'));
      expect(mutation).toContain(
        '  refundPayment(orderId: String!, amount: String!): Refund @soap(source: "payments", operation: "RefundPayment", input: {orderId: "{args.orderId}", amount: "{args.amount}"}, resultPath: "refund")\n}',
      );
      expect(sdl.indexOf('extend type Query {')).toBeLessThan(sdl.indexOf('extend type Mutation {'));
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'PAYMENTS_URL');
      expect(fieldsOf(schema, 'Query')).toMatchObject({
        getPaymentStatus: 'Payment',
        getPaymentStatuses: 'GetPaymentStatusesResponsePayments',
      });
      expect(fieldsOf(schema, 'Mutation')).toMatchObject({ refundPayment: 'Refund' });
    });

    it('answers from the demo payments service as generated', async () => {
      const payments = await startDemoPayments();
      const gateway = await startTestGateway({ typeDefs: [sdl, ROOT_TYPES], env: { PAYMENTS_URL: payments.url } });
      try {
        const { body } = await gateway.query(
          '{ getPaymentStatuses(orderIds: { orderId: ["1001", "1002"] }) { payment { orderId status amount paidAt } } getPaymentStatus(orderId: "1002") { status method } }',
        );
        expect(body).toEqual({
          data: {
            getPaymentStatuses: {
              payment: [
                { orderId: '1001', status: 'PENDING', amount: expect.stringMatching(/^\d+\.\d\d$/), paidAt: null },
                { orderId: '1002', status: 'CAPTURED', amount: '293.00', paidAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
              ],
            },
            getPaymentStatus: { status: 'CAPTURED', method: 'CARD' },
          },
        });
        const refund = await gateway.query(
          'mutation { refundPayment(orderId: "1002", amount: "10.00") { orderId status amount currency } }',
        );
        expect(refund.body).toEqual({ data: { refundPayment: { orderId: '1002', status: 'ACCEPTED', amount: '10.00', currency: 'EUR' } } });
      } finally {
        await gateway.close();
        await payments.close();
      }
    });
  });

  describe('document/literal wrapped, qualified, with enums, nested arrays and nillable elements', () => {
    const { sdl, notes } = importWsdl('test/fixtures/wsdl/doc-literal-wrapped.wsdl', 'orders');

    it('renames enum values GraphQL cannot spell and says honestly what that means', () => {
      expect(sdl).toContain('enum OrderStatus {\n  NEW\n  IN_PROGRESS\n  SHIPPED\n}');
      expect(notes).toEqual([
        'enum OrderStatus: renamed in-progress → IN_PROGRESS, as GraphQL enum values must be names. The gateway passes enum values to and ' +
          'from SOAP unchanged, so an answer carrying the original value fails to serialize and the renamed value is sent upstream as is: ' +
          'use String for these fields unless the upstream accepts the new names',
      ]);
      expect(sdl.split('\n')[2]).toBe(`# NOTE: ${notes[0]}`);
    });

    it('maps arrays of objects holding arrays, nillable and optional elements, and each built-in', () => {
      expect(sdl).toContain(
        [
          'type Order {',
          '  orderId: String!',
          '  status: OrderStatus!',
          '  "xsd:dateTime, ISO-8601"',
          '  placedAt: String!',
          '  "xsd:dateTime, ISO-8601"',
          '  shippedAt: String',
          '  note: String',
          '  express: Boolean!',
          '  weightKg: Float',
          '  line: [Line!]!',
          '}',
        ].join('\n'),
      );
      expect(sdl).toContain(
        'type Line {\n  sku: String!\n  quantity: Int!\n  "xsd:decimal: exact, as a string"\n  unitPrice: String!\n  tags: [String!]\n}',
      );
    });

    it('turns nested complex inputs into input types and passes each argument by template', () => {
      expect(sdl).toContain(
        'input LineInput {\n  sku: String!\n  quantity: Int!\n  "xsd:decimal: exact, as a string"\n  unitPrice: String!\n  tags: [String!]\n}',
      );
      expect(sdl).toContain(
        '  placeOrder(customerId: String!, line: [LineInput!]!, note: String): PlaceOrderResponse @soap(source: "orders", operation: "PlaceOrder", input: {customerId: "{args.customerId}", line: "{args.line}", note: "{args.note}"})',
      );
      expect(sdl).toContain('  listOrders(status: OrderStatus, customerIds: ListOrdersCustomerIdsInput!): ListOrdersResponseOrders @soap(');
    });

    it('returns the whole response type when it has several children', () => {
      expect(sdl).toContain('type PlaceOrderResponse {\n  orderId: String!\n  status: OrderStatus!\n}');
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'ORDERS_URL');
      expect(fieldsOf(schema, 'Order')).toMatchObject({ line: '[Line!]!', shippedAt: 'String' });
      expect(fieldsOf(schema, 'LineInput')).toMatchObject({ tags: '[String!]' });
      expect(isEnumType(schema.getType('OrderStatus'))).toBe(true);
    });
  });

  describe('rpc/literal', () => {
    const { sdl, notes } = importWsdl('test/fixtures/wsdl/rpc-literal.wsdl', 'quotes');

    it('makes each input part a required argument and unwraps a single output part', () => {
      expect(notes).toEqual([]);
      expect(sdl).toContain(
        '  getQuote(symbol: String!, days: Int!): Quote @soap(source: "quotes", operation: "GetQuote", input: {symbol: "{args.symbol}", days: "{args.days}"}, resultPath: "quote", idempotent: true)',
      );
      expect(sdl).toContain('  """\n  GetQuote: SOAP 1.1 rpc/literal, SOAPAction "urn:example:quotes#GetQuote"\n  """\n  getQuote(');
    });

    it('gives several output parts an object type named after the response wrapper', () => {
      expect(sdl).toContain('type DivideResponse {\n  quotient: Int!\n  remainder: Int!\n}');
      expect(sdl).toContain(
        '  divide(dividend: Int!, divisor: Int!): DivideResponse @soap(source: "quotes", operation: "Divide", input: {dividend: "{args.dividend}", divisor: "{args.divisor}"})',
      );
    });

    it('keeps xsd:long a String (beyond Int, exact beyond 2^53) and float lists Float', () => {
      expect(sdl).toContain(
        '  "xsd:long: a string, since values may exceed GraphQL Int (32-bit) and stay exact beyond 2^53"\n  volume: String!',
      );
      expect(sdl).toContain('  history: [Float!]');
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'QUOTES_URL');
      expect(fieldsOf(schema, 'Quote')).toEqual({ symbol: 'String!', price: 'String!', volume: 'String!', history: '[Float!]' });
    });
  });

  describe('SOAP 1.2 only', () => {
    const { sdl, notes } = importWsdl('test/fixtures/wsdl/soap12-only.wsdl', 'health');

    it('skips the HTTP GET binding with a note and maps the SOAP 1.2 operations', () => {
      expect(notes).toEqual(['binding HealthHttpGet: not a SOAP binding, skipped']);
      expect(sdl).toContain('# NOTE: binding HealthHttpGet: not a SOAP binding, skipped');
      expect(sdl).toContain('  CheckHealth: SOAP 1.2 document/literal, action "urn:example:health/CheckHealth"\n');
      expect(sdl).toContain('  checkHealth(component: String): CheckHealthResponse @soap(');
      expect(sdl).toContain(
        'type CheckHealthResponse {\n  healthy: Boolean!\n  "xsd:unsignedInt: a string, since values may exceed GraphQL Int (32-bit)"\n  uptimeSeconds: String!',
      );
      expect(sdl).toContain(
        'extend type Mutation {\n  """\n  ResetCounter: SOAP 1.2 document/literal, action "urn:example:health/ResetCounter"\n  """\n  resetCounter(counter: String!): Int @soap(',
      );
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'HEALTH_URL');
      expect(fieldsOf(schema, 'Mutation')).toMatchObject({ resetCounter: 'Int' });
    });
  });

  describe('wsdl:import, xsd:import and a chameleon xsd:include', () => {
    const { sdl, notes } = importWsdl('test/fixtures/wsdl/imports/main.wsdl', 'inventory');

    it('maps types from every file: inherited fields first, choice alternatives nullable, included enums', () => {
      expect(notes).toEqual([]);
      expect(sdl).toContain(
        'type StockItem {\n  id: String!\n  sku: String!\n  onHand: Quantity\n  "xsd:date, e.g. 2024-03-15"\n  backorderedUntil: String\n}',
      );
      expect(sdl).toContain('type Quantity {\n  "xsd:decimal: exact, as a string"\n  amount: String!\n  unit: Unit!\n}');
      expect(sdl).toContain('enum Unit {\n  PIECE\n  KG\n}');
      expect(sdl).toContain('  adjustStock(sku: String!, delta: QuantityInput!): StockItem @soap(');
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'INVENTORY_URL');
      expect(fieldsOf(schema, 'QuantityInput')).toEqual({ amount: 'String!', unit: 'Unit!' });
    });
  });

  describe('document/literal bare', () => {
    const { sdl, notes } = importWsdl('test/fixtures/wsdl/doc-literal-bare.wsdl', 'echo');

    it('passes a simple-typed input element as one argument and returns a simple-typed output as is', () => {
      expect(notes).toEqual([]);
      expect(sdl).toContain('  echo(echo: String!): String @soap(source: "echo", operation: "Echo", input: "{args.echo}")');
    });

    it('flattens a complex input element not named after the operation', () => {
      expect(sdl).toContain('  result: xsd:decimal: exact, as a string\n  """\n');
      expect(sdl).toContain(
        '  getPrice(sku: String!, currency: String): String @soap(source: "echo", operation: "GetPrice", input: {sku: "{args.sku}", currency: "{args.currency}"}, idempotent: true)',
      );
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'ECHO_URL');
      expect(fieldsOf(schema, 'Query')).toMatchObject({ getPrice: 'String' });
    });
  });

  describe('what cannot be mapped', () => {
    const { sdl, notes } = importWsdl('test/fixtures/wsdl/unmappable.wsdl', 'legacy');

    it('names each unmappable construct in the notes', () => {
      const file = join(ROOT, 'test/fixtures/wsdl/unmappable.wsdl');
      expect(notes).toEqual([
        `could not read wsdl:import "missing.wsdl" from ${file} (only local files are followed)`,
        'ArrayOfString: SOAP-encoded arrays are not supported',
        'Record: model group "tns:Audit" (xsd:group) is not supported; its elements are left out',
        'operation LegacyEncoded: SOAP-encoded (use="encoded") is not supported, skipped',
        'GetRecord.record-id: "record-id" is not a GraphQL name, so an @soap input template cannot carry it; left out (it is required: calls will fail)',
        'Record.record-id: "record-id" is not a GraphQL name; mapped to recordId with @map(from: "record-id")',
        'Record.priority: an enumeration of xsd:int values (1, 2) is mapped to its base type, since GraphQL enum values are names',
        'Record.labels: ArrayOfString has no members GraphQL can represent; left out',
      ]);
    });

    it('lists the notes as # NOTE: comments above the source', () => {
      const lines = sdl.split('\n');
      expect(lines.slice(2, 2 + notes.length)).toEqual(notes.map((note) => `# NOTE: ${note}`));
      expect(lines[2 + notes.length]).toMatch(/^extend schema @source\(|^# The WSDL's service address/);
    });

    it('maps what it can: @map for odd names, attributes, simple content as value, xsd:any as XML text, anyType as JSON; leaves the rest out', () => {
      expect(sdl).toContain(
        [
          'type Record {',
          '  recordId: String! @map(from: "record-id")',
          '  priority: Int!',
          '  total: Amount!',
          '  "xsd:anyType: untyped, decoded as JSON"',
          '  payload: JSON',
          '  "attribute version"',
          '  version: Int',
          '  "xsd:any: the elements not declared here, as XML text; sent as given"',
          '  any: String',
          '}',
          '',
          'type Amount {',
          '  "attribute currency"',
          '  currency: String',
          '  "the text of the element; xsd:decimal: exact, as a string"',
          '  value: String!',
          '}',
        ].join('\n'),
      );
      expect(sdl).toContain('scalar JSON');
      const declarations = sdl.slice(sdl.indexOf('extend schema'));
      expect(declarations).not.toContain('LegacyEncoded');
      expect(declarations).not.toContain('labels');
      expect(sdl).toContain('  getRecord(includePayload: Boolean): Record @soap(');
    });

    it('compiles with the real compiler', async () => {
      const schema = await compile(sdl, 'LEGACY_URL');
      expect(fieldsOf(schema, 'Record')).toEqual({
        recordId: 'String!',
        priority: 'Int!',
        total: 'Amount!',
        payload: 'JSON',
        version: 'Int',
        any: 'String',
      });
    });
  });

  describe('names', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'wsdl-names-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('upper-snakes the source name for the endpoint variable and refuses one that is not an identifier', () => {
      expect(importWsdl('test/fixtures/wsdl/doc-literal-bare.wsdl', 'myBank').sdl).toContain('endpoint: "{env.MY_BANK_URL}"');
      expect(importWsdl('test/fixtures/wsdl/doc-literal-bare.wsdl', 'core-banking').sdl).toContain('endpoint: "{env.CORE_BANKING_URL}"');
      const wsdl = readWsdl(
        readFileSync(join(ROOT, 'test/fixtures/wsdl/doc-literal-bare.wsdl'), 'utf8'),
        join(ROOT, 'test/fixtures/wsdl/doc-literal-bare.wsdl'),
      );
      expect(thrownBy(() => wsdlToSdl(wsdl, 'my bank', 'x.wsdl'))).toBeInstanceOf(RangeError);
    });

    it('renames types that would collide with GraphQL or gateway names, and sorts operations into Query or Mutation by their verb', async () => {
      writeFileSync(
        join(dir, 'names.wsdl'),
        `<?xml version="1.0"?>
<definitions targetNamespace="urn:n" xmlns:tns="urn:n" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <types><xsd:schema targetNamespace="urn:n">
    <xsd:complexType name="Query"><xsd:sequence><xsd:element name="text" type="xsd:string"/><xsd:element name="limit" type="xsd:int"/></xsd:sequence></xsd:complexType>
    <xsd:complexType name="SoapSource"><xsd:sequence><xsd:element name="url" type="xsd:anyURI"/><xsd:element name="id" type="xsd:ID"/></xsd:sequence></xsd:complexType>
  </xsd:schema></types>
  <message name="In"><part name="q" type="tns:Query"/></message>
  <message name="Out"><part name="a" type="tns:Query"/><part name="b" type="tns:SoapSource"/></message>
  <portType name="P">
    <operation name="SearchAll"><input message="tns:In"/><output message="tns:Out"/></operation>
    <operation name="Checkout"><input message="tns:In"/><output message="tns:Out"/></operation>
  </portType>
  <binding name="B" type="tns:P"><soap:binding style="rpc"/>
    <operation name="SearchAll"><soap:operation soapAction="s"/><input><soap:body use="literal" namespace="urn:n"/></input><output><soap:body use="literal" namespace="urn:n"/></output></operation>
    <operation name="Checkout"><soap:operation soapAction="c"/><input><soap:body use="literal" namespace="urn:n"/></input><output><soap:body use="literal" namespace="urn:n"/></output></operation>
  </binding>
</definitions>`,
      );
      const { sdl } = importWsdl('names.wsdl', 'n', dir);
      expect(sdl).toContain('input QueryInput {');
      expect(sdl).toContain('type Query2 {');
      expect(sdl).toContain('type SoapSource2 {');
      expect(sdl).toContain('type SearchAllResponse {\n  a: Query2!\n  b: SoapSource2!\n}');
      expect(sdl).toContain('extend type Query {\n  """\n  SearchAll');
      expect(sdl).toContain('extend type Mutation {\n  """\n  Checkout');
      const schema = await compile(sdl, 'N_URL', dir);
      expect(fieldsOf(schema, 'Query')).toMatchObject({ searchAll: 'SearchAllResponse' });
      expect(fieldsOf(schema, 'Mutation')).toMatchObject({ checkout: 'CheckoutResponse' });
    });
  });

  describe('what real WSDLs declare', () => {
    it('maps an abstract type to the members of every type that may stand in, with xsiType, and attributes as fields', async () => {
      const { sdl, notes } = importWsdl('test/fixtures/wsdl/features/substitution.wsdl', 'fleet');
      expect(notes).toEqual([]);
      expect(sdl).toContain(
        [
          'type Vehicle {',
          '  plate: String!',
          '  "attribute id"',
          '  id: Int!',
          '  "xsi:type: the type this Vehicle is, one of Car, Truck"',
          '  xsiType: String!',
          '  "only with xsiType Car"',
          '  seats: Int',
          '  "only with xsiType Truck"',
          '  payloadKg: Float',
          '}',
        ].join('\n'),
      );
      expect(sdl).toContain('  registerVehicle(vehicle: VehicleInput!, note: String): [Vehicle!] @soap(');
      const schema = await compile(sdl, 'FLEET_URL');
      expect(fieldsOf(schema, 'VehicleInput')).toEqual({
        plate: 'String!',
        id: 'Int!',
        xsiType: 'String',
        seats: 'Int',
        payloadKg: 'Float',
      });
    });

    it('makes a one-way operation a Mutation answering Boolean, even when its name reads as a question', async () => {
      const { sdl, notes } = importWsdl('test/fixtures/wsdl/public/node-soap/one-way.wsdl', 'events', ROOT);
      expect(notes).toEqual([]);
      expect(sdl).toContain(
        '  oneWay(OneWayField: String): Boolean @soap(source: "events", operation: "OneWay", input: {OneWayField: "{args.OneWayField}"})',
      );
      const file = join(ROOT, 'test/fixtures/wsdl/public/node-soap/one-way.wsdl');
      const asQuery = wsdlToSdl(readWsdl(readFileSync(file, 'utf8'), file), 'events', 'one-way.wsdl', { queryOperations: ['One*'] });
      expect(asQuery.notes).toEqual(['operation OneWay: answers no data, so it is a Mutation returning Boolean']);
      expect(asQuery.sdl).not.toContain('extend type Query {');
      expect(fieldsOf(await compile(sdl, 'EVENTS_URL'), 'Mutation')).toMatchObject({ oneWay: 'Boolean' });
    });

    it('makes an operation whose output is empty a Mutation answering Boolean, which the codec reads as true', () => {
      const wsdl = readWsdl(
        `<definitions targetNamespace="urn:e" xmlns:tns="urn:e" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <types><xsd:schema targetNamespace="urn:e" elementFormDefault="qualified">
            <xsd:element name="GetPing"><xsd:complexType><xsd:sequence><xsd:element name="id" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
            <xsd:element name="GetPingResponse"><xsd:complexType><xsd:sequence/></xsd:complexType></xsd:element>
          </xsd:schema></types>
          <message name="In"><part name="p" element="tns:GetPing"/></message><message name="Out"><part name="p" element="tns:GetPingResponse"/></message>
          <portType name="P"><operation name="GetPing"><input message="tns:In"/><output message="tns:Out"/></operation></portType>
          <binding name="B" type="tns:P"><soap:binding style="document"/><operation name="GetPing"><soap:operation soapAction="ping"/>
            <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
        </definitions>`,
        '/virtual/ping.wsdl',
      );
      const { sdl, notes } = wsdlToSdl(wsdl, 'ping', 'ping.wsdl');
      expect(notes).toEqual(['operation GetPing: answers no data, so it is a Mutation returning Boolean']);
      expect(sdl).toContain('extend type Mutation {');
      expect(sdl).toContain('  getPing(id: String!): Boolean @soap(source: "ping", operation: "GetPing", input: {id: "{args.id}"})');
      const operation = wsdl.operations.get('GetPing');
      if (!operation) throw new Error('no GetPing');
      const codec = compileSoapCodec(operation, new XsdResolver(wsdl.xsd));
      expect(codec.output).toEqual({ kind: 'acknowledgement' });
      const answer = new UpstreamResponse(
        'ping',
        200,
        {},
        Buffer.from(
          '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><GetPingResponse xmlns="urn:e"/></e:Body></e:Envelope>',
        ),
      );
      expect(parseSoapEnvelope(codec, answer)).toBe(true);
    });

    it('takes rpc parts declared with element= as typed arguments, not JSON', () => {
      const { sdl } = importWsdl('test/fixtures/wsdl/public/node-soap/adempiere-ad-interface.wsdl', 'adempiere');
      expect(sdl).toContain('  createData(ModelCRUDRequest: ModelCRUDRequestInput!): StandardResponse @soap(');
      expect(sdl).toContain(
        'type StandardResponse {\n  Error: String!\n  "attribute IsError"\n  IsError: Boolean\n  "attribute RecordID"\n  RecordID: Int\n}',
      );
    });
  });

  describe('operationPattern', () => {
    it('matches whole names, * standing for any characters and everything else literal', () => {
      const pattern = operationPattern(['Get*', 'List*', 'Country.Name']);
      expect(['GetUser', 'Get', 'ListAll', 'Country.Name'].filter((name) => pattern.test(name))).toEqual([
        'GetUser',
        'Get',
        'ListAll',
        'Country.Name',
      ]);
      expect(['getUser', 'ForGet', 'CountryXName'].filter((name) => pattern.test(name))).toEqual([]);
    });
  });
});
