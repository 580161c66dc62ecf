import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listen } from 'soap';
import { wsdlToSdl, type WsdlToSdlOptions } from '../../src/importers/wsdl/wsdlToSdl';
import { readWsdl } from '../../src/connectors/soap/wsdl/readWsdl';
import { startSoapRecorder, type SoapRecorder } from '../helpers/startSoapRecorder';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const ROOT = join(__dirname, '..', '..');
const PUBLIC = 'test/fixtures/wsdl/public/node-soap';
const ROOT_TYPES = 'type Query { _: String } type Mutation { _: String }';

/** Imports a WSDL as `npm run import:wsdl` does; the gateway then compiles the result as is. */
function imported(path: string, source: string, options?: WsdlToSdlOptions): string {
  const file = join(ROOT, path);
  return wsdlToSdl(readWsdl(readFileSync(file, 'utf8'), file), source, path, options).sdl;
}

const soap11 = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ` +
  `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/** The one-way service of node-soap's test WSDLs, served by node-soap itself. */
async function startOneWayService(): Promise<{ url: string; calls: unknown[]; close: () => Promise<void> }> {
  const calls: unknown[] = [];
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const services = { OneWayService: { OneWayPortType: { OneWay: (args: unknown) => void calls.push(args) } } };
  await new Promise<void>((resolve, reject) => {
    listen(server, '/one-way', services, readFileSync(join(ROOT, PUBLIC, 'one-way.wsdl'), 'utf8'), (error: unknown) =>
      error ? reject(new Error('node-soap could not serve one-way.wsdl', { cause: error })) : resolve(),
    );
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/one-way`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('SOAP services described by public WSDLs, imported and called through the gateway', () => {
  let recorder: SoapRecorder;
  let oneWay: Awaited<ReturnType<typeof startOneWayService>>;
  let gateway: TestGateway;

  beforeAll(async () => {
    recorder = await startSoapRecorder({
      // ADempiere's ADInterface answers createData with attributes only (node-soap's recorded sample).
      '/adempiere': () => ({
        status: 200,
        body: soap11(
          '<ns1:createDataResponse xmlns:ns1="http://3e.pl/ADInterface"><StandardResponse RecordID="1000027" xmlns="http://3e.pl/ADInterface"/></ns1:createDataResponse>',
        ),
      }),
      // rpc/literal with element= parts: the part element sits right in the Body, as in node-soap's recorded sample.
      '/dummy': () => ({
        status: 200,
        body: soap11(
          '<n:DummyResponse xmlns:n="http://www.Dummy.com/Name/Types"><n:DummyResult code="OK">' +
            '<c:DummyList xmlns:c="http://www.Dummy.com/Common/Types"><c:DummyElement language="fr-FR">Caf&#233; cr&#xE8;me &amp;#233;</c:DummyElement>' +
            '<c:DummyElement language="en-US">Dummy Element Entry</c:DummyElement></c:DummyList></n:DummyResult></n:DummyResponse>',
        ),
      }),
      // A .NET service answering with open content (xsd:any), as in node-soap's GetAccountXml sample.
      '/account': () => ({
        status: 200,
        body: soap11(
          '<GetAccountXmlResponse xmlns="#Foo"><ResultCode>0</ResultCode><AccountXml><Foo xmlns:t="urn:tree">' +
            '<Foo PrivateLabelID="1" Owner="Ren&#233;e" xmlns=""><t:Tree TreeID="1091" IsFree="True"><FilteredTransitions/></t:Tree></Foo></Foo></AccountXml></GetAccountXmlResponse>',
        ),
      }),
      // HL7 v3 over SOAP: the message is whatever XML the caller sends (xsd:any); this service echoes it.
      '/hl7': ({ body }) => ({
        status: 200,
        body: soap11(
          `<urn:hl7Message xmlns:urn="urn:hl7-org:v3">${/<ns0:hl7Message>(.*)<\/ns0:hl7Message>/s.exec(body)?.[1] ?? ''}</urn:hl7Message>`,
        ),
      }),
      '/fleet': () => ({
        status: 200,
        body: soap11(
          '<f:RegisterVehicleResponse xmlns:f="urn:example:fleet">' +
            '<f:vehicle id="7" xsi:type="f:Truck"><f:plate>HH-T 1</f:plate><f:payloadKg>7500</f:payloadKg></f:vehicle>' +
            '<f:vehicle id="8" xsi:type="f:Car"><f:plate>HH-C 2</f:plate><f:seats>5</f:seats></f:vehicle></f:RegisterVehicleResponse>',
        ),
      }),
    });
    oneWay = await startOneWayService();
    gateway = await startTestGateway({
      typeDefs: [
        ROOT_TYPES,
        imported(`${PUBLIC}/adempiere-ad-interface.wsdl`, 'adempiere'),
        imported(`${PUBLIC}/rpc-element-parts/soap.wsdl`, 'dummy'),
        imported(`${PUBLIC}/get-account-xml.wsdl`, 'account', { queryOperations: ['Get*', 'List*'], cacheMaxAgeSeconds: 60 }),
        imported(`${PUBLIC}/hl7-any.wsdl`, 'hl7'),
        imported(`${PUBLIC}/one-way.wsdl`, 'oneway'),
        imported('test/fixtures/wsdl/features/substitution.wsdl', 'fleet'),
      ],
      env: {
        ADEMPIERE_URL: `${recorder.url}/adempiere`,
        DUMMY_URL: `${recorder.url}/dummy`,
        ACCOUNT_URL: `${recorder.url}/account`,
        HL7_URL: `${recorder.url}/hl7`,
        ONEWAY_URL: oneWay.url,
        FLEET_URL: `${recorder.url}/fleet`,
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await recorder.close();
    await oneWay.close();
  });

  describe('rpc/literal with parts declared by element= (ADempiere ADInterface)', () => {
    it('sends the part elements inside the operation wrapper and reads attributes of the answer', async () => {
      const { body } = await gateway.query(`mutation {
        createData(ModelCRUDRequest: {
          ModelCRUD: { serviceType: "CreateInterest", TableName: "WTC_EmployeeInterest", RecordID: 0, Filter: "", Action: Create }
          ADLoginRequest: { user: "WTCAdmin", pass: "WTCAdmin", lang: "192", ClientID: 11, RoleID: 102, OrgID: 1000001, WarehouseID: 1000000, stage: 0 }
        }) { RecordID IsError }
      }`);
      expect(body).toEqual({ data: { createData: { RecordID: 1000027, IsError: null } } });
      const [call] = recorder.at('/adempiere');
      expect(call?.soapAction).toBe('""');
      expect(call?.body).toContain(
        '<soap:Body><ns0:createData><ns0:ModelCRUDRequest><ns0:ModelCRUD><ns0:serviceType>CreateInterest</ns0:serviceType>' +
          '<ns0:TableName>WTC_EmployeeInterest</ns0:TableName><ns0:RecordID>0</ns0:RecordID><ns0:Filter></ns0:Filter><ns0:Action>Create</ns0:Action></ns0:ModelCRUD>' +
          '<ns0:ADLoginRequest><ns0:user>WTCAdmin</ns0:user>',
      );
      expect(call?.body).toContain(' xmlns:ns0="http://3e.pl/ADInterface"');
    });

    it('reads attributes and simple content with attributes, and decodes numeric character references', async () => {
      const { body } = await gateway.query(
        'mutation { dummy(DummyRequest: { DummyXML: "<x/>" }) { DummyResult { code DummyList { DummyElement { value language } } } } }',
      );
      expect(body).toEqual({
        data: {
          dummy: {
            DummyResult: {
              code: 'OK',
              DummyList: {
                DummyElement: [
                  { value: 'Café crème &#233;', language: 'fr-FR' },
                  { value: 'Dummy Element Entry', language: 'en-US' },
                ],
              },
            },
          },
        },
      });
      const [call] = recorder.at('/dummy');
      expect(call?.body).toContain(
        '<soap:Body><ns0:Dummy><ns1:DummyRequest><ns1:DummyXML>&lt;x/&gt;</ns1:DummyXML></ns1:DummyRequest></ns0:Dummy></soap:Body>',
      );
      expect(call?.body).toContain(' xmlns:ns0="http://www.Dummy.com" xmlns:ns1="http://www.Dummy.com/Name/Types"');
    });
  });

  describe('xsd:any', () => {
    it('answers open content as XML text that stands on its own, references decoded', async () => {
      const { body } = await gateway.query(
        '{ getAccountXml(ResourceID: "234", TreeID: 43, PrivateLabelID: 34) { ResultCode AccountXml { any } } }',
      );
      expect(body).toEqual({
        data: {
          getAccountXml: {
            ResultCode: 0,
            AccountXml: {
              any:
                '<Foo xmlns:t="urn:tree" xmlns="#Foo"><Foo PrivateLabelID="1" Owner="Renée" xmlns="">' +
                '<t:Tree TreeID="1091" IsFree="True"><FilteredTransitions/></t:Tree></Foo></Foo>',
            },
          },
        },
      });
    });

    it('sends the XML the caller gives, and refuses XML that is not well-formed before calling', async () => {
      const message =
        '<PRPA_IN201305UV02 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0"><id root="2.16.840.1.113883.3.72.5.9.1"/></PRPA_IN201305UV02>';
      const sent = await gateway.query('mutation($m: String) { opHl7Message(any: $m) { any } }', { variables: { m: message } });
      expect(sent.body).toEqual({ data: { opHl7Message: { any: message } } });
      expect(recorder.at('/hl7')[0]?.body).toContain(`<soap:Body><ns0:hl7Message>${message}</ns0:hl7Message></soap:Body>`);

      const broken = await gateway.query('mutation { opHl7Message(any: "<unclosed>") { any } }');
      expect(broken.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(broken.body.errors?.[0]?.message).toContain('not well-formed XML');
      expect(recorder.at('/hl7')).toHaveLength(1);
    });
  });

  describe('operations chosen as queries (--query Get*,List*)', () => {
    it('are idempotent Query fields: deduplicated within a request and cached across requests', async () => {
      const before = recorder.at('/account').length;
      const query =
        '{ a: getAccountXml(TreeID: 1, PrivateLabelID: 2) { ResultCode } b: getAccountXml(TreeID: 1, PrivateLabelID: 2) { ResultCode } }';
      const first = await gateway.query(query);
      const second = await gateway.query(query);
      expect(first.body).toEqual({ data: { a: { ResultCode: 0 }, b: { ResultCode: 0 } } });
      expect(second.body).toEqual(first.body);
      expect(recorder.at('/account').length - before).toBe(1);
    });
  });

  describe('one-way operations (node-soap serving the WSDL)', () => {
    it('are mutations that answer true once the service accepted the call', async () => {
      const { body } = await gateway.query('mutation { oneWay(OneWayField: "hi") }');
      expect(body).toEqual({ data: { oneWay: true } });
      expect(oneWay.calls).toEqual([{ OneWayField: 'hi' }]);
    });
  });

  describe('abstract types, xsi:type and attributes in the request', () => {
    it("sends the concrete type's members with its xsi:type and attributes, and reads each answer by its xsi:type", async () => {
      const { body } = await gateway.query(
        'mutation { registerVehicle(vehicle: { xsiType: "Car", id: 8, plate: "HH-C 2", seats: 5 }, note: null) { xsiType id plate seats payloadKg } }',
      );
      expect(body).toEqual({
        data: {
          registerVehicle: [
            { xsiType: 'Truck', id: 7, plate: 'HH-T 1', seats: null, payloadKg: 7500 },
            { xsiType: 'Car', id: 8, plate: 'HH-C 2', seats: 5, payloadKg: null },
          ],
        },
      });
      expect(recorder.at('/fleet')[0]?.body).toContain(
        '<soap:Body><ns0:RegisterVehicle><ns0:vehicle xsi:type="ns0:Car" id="8"><ns0:plate>HH-C 2</ns0:plate><ns0:seats>5</ns0:seats></ns0:vehicle>' +
          '<ns0:note xsi:nil="true"/></ns0:RegisterVehicle></soap:Body>',
      );
    });

    it('refuses a member of another type, and a required nillable element left out, before calling', async () => {
      const calls = recorder.at('/fleet').length;
      const wrongMember = await gateway.query(
        'mutation { registerVehicle(vehicle: { xsiType: "Car", id: 1, plate: "X", payloadKg: 1 }, note: "n") { id } }',
      );
      expect(wrongMember.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(wrongMember.body.errors?.[0]?.message).toContain('has no element payloadKg');
      const omitted = await gateway.query(
        'mutation { registerVehicle(vehicle: { xsiType: "Truck", id: 1, plate: "X", payloadKg: 1 }) { id } }',
      );
      expect(omitted.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(omitted.body.errors?.[0]?.message).toContain('RegisterVehicle.note is required: give a value, or null');
      expect(recorder.at('/fleet')).toHaveLength(calls);
    });
  });
});
