import { buildSoapEnvelope } from '../../src/connectors/soap/buildSoapEnvelope';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import { soapFixture } from './soapFixture';
import { thrownBy } from './thrownBy';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const envelope = (soapNs: string, declarations: string, body: string, header = '') =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${soapNs}" xmlns:xsi="${XSI}"${declarations}>${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('buildSoapEnvelope', () => {
  const orders = soapFixture('doc-literal-wrapped.wsdl');

  describe('document/literal wrapped', () => {
    it('prefixes qualified elements, leaves form="unqualified" ones unprefixed, repeats arrays and follows the XSD order', () => {
      const input = {
        note: 'rush',
        line: [
          { quantity: 2, sku: 'A-1', unitPrice: '9.50', tags: ['gift', 'fragile'] },
          { sku: 'B-2', quantity: 1, unitPrice: '1.00' },
        ],
        customerId: 'c-7',
      };
      const { body } = buildSoapEnvelope(orders.codec('PlaceOrder'), input);
      expect(body).toBe(
        envelope(
          SOAP11,
          ' xmlns:ns0="urn:example:orders"',
          '<ns0:PlaceOrder><ns0:customerId>c-7</ns0:customerId>' +
            '<ns0:line><sku>A-1</sku><ns0:quantity>2</ns0:quantity><ns0:unitPrice>9.50</ns0:unitPrice><ns0:tags>gift</ns0:tags><ns0:tags>fragile</ns0:tags></ns0:line>' +
            '<ns0:line><sku>B-2</sku><ns0:quantity>1</ns0:quantity><ns0:unitPrice>1.00</ns0:unitPrice></ns0:line>' +
            '<ns0:note>rush</ns0:note></ns0:PlaceOrder>',
        ),
      );
    });

    it('sends one item of a repeated element given a single value', () => {
      const { body } = buildSoapEnvelope(orders.codec('ListOrders'), { customerIds: { customerId: 'c-1' } });
      expect(body).toContain('<ns0:ListOrders><ns0:customerIds><ns0:customerId>c-1</ns0:customerId></ns0:customerIds></ns0:ListOrders>');
    });

    it('unqualified children of an included schema stay unprefixed inside a qualified parent', () => {
      const inventory = soapFixture('imports/main.wsdl');
      const { body } = buildSoapEnvelope(inventory.codec('AdjustStock'), {
        sku: 'S',
        delta: { amount: '1.5', unit: 'KG' },
      });
      expect(body).toBe(
        envelope(
          SOAP11,
          ' xmlns:ns0="urn:example:inventory"',
          '<ns0:AdjustStock><ns0:sku>S</ns0:sku><ns0:delta><amount>1.5</amount><unit>KG</unit></ns0:delta></ns0:AdjustStock>',
        ),
      );
    });

    it('writes a bare simple-typed element from a single value', () => {
      const echo = soapFixture('doc-literal-bare.wsdl');
      const { body } = buildSoapEnvelope(echo.codec('Echo'), 'hello');
      expect(body).toBe(envelope(SOAP11, ' xmlns:ns0="urn:example:echo"', '<ns0:Echo>hello</ns0:Echo>'));
    });
  });

  describe('rpc/literal', () => {
    it('wraps the parts in an element named after the operation in the soap:body namespace, parts unqualified', () => {
      const quotes = soapFixture('rpc-literal.wsdl');
      const { body } = buildSoapEnvelope(quotes.codec('GetQuote'), { days: 5, symbol: 'ACME' });
      expect(body).toBe(
        envelope(SOAP11, ' xmlns:ns0="urn:example:quotes:rpc"', '<ns0:GetQuote><symbol>ACME</symbol><days>5</days></ns0:GetQuote>'),
      );
    });

    it('leaves a null part out rather than sending xsi:nil on a part accessor (WS-I R2211)', () => {
      const quotes = soapFixture('rpc-literal.wsdl');
      const { body } = buildSoapEnvelope(quotes.codec('GetQuote'), { symbol: 'ACME', days: null });
      expect(body).toContain('<ns0:GetQuote><symbol>ACME</symbol></ns0:GetQuote>');
    });
  });

  describe('HTTP headers', () => {
    it('SOAP 1.1: text/xml and a quoted SOAPAction header', () => {
      const { headers } = buildSoapEnvelope(orders.codec('GetOrder'), { orderId: '1' });
      expect(headers).toEqual({
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '"urn:example:orders/GetOrder"',
        accept: 'application/soap+xml, text/xml',
      });
    });

    it('SOAP 1.1 with an empty soapAction still sends SOAPAction: ""', () => {
      const quotes = soapFixture('rpc-literal.wsdl');
      expect(buildSoapEnvelope(quotes.codec('Divide'), { dividend: 7, divisor: 2 }).headers['soapaction']).toBe('""');
    });

    it('SOAP 1.2: application/soap+xml with the action parameter, no SOAPAction header, and the 1.2 envelope', () => {
      const health = soapFixture('soap12-only.wsdl');
      const { headers, body } = buildSoapEnvelope(health.codec('CheckHealth'), { component: 'db' });
      expect(headers).toEqual({
        'content-type': 'application/soap+xml; charset=utf-8; action="urn:example:health/CheckHealth"',
        accept: 'application/soap+xml, text/xml',
      });
      expect(headers).not.toHaveProperty('soapaction');
      expect(body).toBe(
        envelope(SOAP12, ' xmlns:ns0="urn:example:health"', '<ns0:CheckHealth><ns0:component>db</ns0:component></ns0:CheckHealth>'),
      );
    });
  });

  describe('values', () => {
    it('sends null as xsi:nil only where the element is nillable, and leaves it out elsewhere', () => {
      const { body } = buildSoapEnvelope(orders.codec('PlaceOrder'), { customerId: null, line: [], note: null });
      expect(body).toContain('<ns0:PlaceOrder><ns0:note xsi:nil="true"/></ns0:PlaceOrder>');
      const getOrder = buildSoapEnvelope(orders.codec('GetOrder'), { orderId: null });
      expect(getOrder.body).toContain('<ns0:GetOrder></ns0:GetOrder>');
    });

    it('escapes < & " \' in text', () => {
      const { body } = buildSoapEnvelope(orders.codec('GetOrder'), { orderId: `<a href="x">&'` });
      expect(body).toContain('<ns0:orderId>&lt;a href=&quot;x&quot;&gt;&amp;&apos;</ns0:orderId>');
    });

    it('refuses an element the input type does not have, with BadUserInputError', () => {
      const error = thrownBy(() => buildSoapEnvelope(orders.codec('PlaceOrder'), { customerId: 'c', coupon: 'FREE' }));
      expect(error).toBeInstanceOf(BadUserInputError);
      expect(error.message).toBe('PlaceOrder has no element coupon');
      const nested = thrownBy(() => buildSoapEnvelope(orders.codec('PlaceOrder'), { line: [{ sku: 'A', colour: 'red' }] }));
      expect(nested).toEqual(new BadUserInputError('PlaceOrder.line has no element colour'));
    });

    it('refuses a list for a single element and an object for a simple one', () => {
      expect(thrownBy(() => buildSoapEnvelope(orders.codec('GetOrder'), { orderId: ['1', '2'] }))).toEqual(
        new BadUserInputError('GetOrder.orderId takes one value, not a list'),
      );
      expect(thrownBy(() => buildSoapEnvelope(orders.codec('GetOrder'), { orderId: { id: '1' } }))).toEqual(
        new BadUserInputError('GetOrder.orderId needs a single value'),
      );
    });
  });

  describe('WS-Security', () => {
    it('adds a UsernameToken header with escaped credentials', () => {
      const { body } = buildSoapEnvelope(orders.codec('GetOrder'), { orderId: '1' }, { username: 'gate&way', password: 'p<ss>"\'' });
      expect(body).toBe(
        envelope(
          SOAP11,
          ' xmlns:ns0="urn:example:orders"',
          '<ns0:GetOrder><ns0:orderId>1</ns0:orderId></ns0:GetOrder>',
          '<soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soap:mustUnderstand="1">' +
            '<wsse:UsernameToken><wsse:Username>gate&amp;way</wsse:Username>' +
            '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">p&lt;ss&gt;&quot;&apos;</wsse:Password>' +
            '</wsse:UsernameToken></wsse:Security></soap:Header>',
        ),
      );
    });

    it('sends no header without credentials', () => {
      expect(buildSoapEnvelope(orders.codec('GetOrder'), { orderId: '1' }).body).not.toContain('Header');
    });
  });

  describe('what real WSDLs declare', () => {
    const fleet = soapFixture('features/substitution.wsdl');
    const adempiere = soapFixture('public/node-soap/adempiere-ad-interface.wsdl');
    const hl7 = soapFixture('public/node-soap/hl7-any.wsdl');

    it("writes attributes and the xsi:type of the derived type an input names, with only that type's members", () => {
      const { body } = buildSoapEnvelope(fleet.codec('RegisterVehicle'), {
        vehicle: { xsiType: 'Truck', id: 3, plate: 'A&B', payloadKg: 1200.5 },
        note: 'n',
      });
      expect(body).toContain(
        '<ns0:RegisterVehicle><ns0:vehicle xsi:type="ns0:Truck" id="3"><ns0:plate>A&amp;B</ns0:plate><ns0:payloadKg>1200.5</ns0:payloadKg></ns0:vehicle>' +
          '<ns0:note>n</ns0:note></ns0:RegisterVehicle>',
      );
    });

    it('refuses an xsiType that may not stand there, a missing required attribute and an omitted required nillable element', () => {
      const codec = fleet.codec('RegisterVehicle');
      expect(thrownBy(() => buildSoapEnvelope(codec, { vehicle: { xsiType: 'Boat', id: 1, plate: 'x' }, note: null })).message).toBe(
        'RegisterVehicle.vehicle: xsiType "Boat" is not a type that may stand here (Vehicle, Car, Truck)',
      );
      expect(thrownBy(() => buildSoapEnvelope(codec, { vehicle: { xsiType: 'Car', plate: 'x' }, note: null }))).toEqual(
        new BadUserInputError('RegisterVehicle.vehicle: attribute id is required'),
      );
      expect(thrownBy(() => buildSoapEnvelope(codec, { vehicle: { xsiType: 'Car', id: 1, plate: 'x' } }))).toEqual(
        new BadUserInputError('RegisterVehicle.note is required: give a value, or null'),
      );
    });

    it('writes rpc parts declared with element= as those elements, in their namespace', () => {
      const { body } = buildSoapEnvelope(adempiere.codec('createData'), {
        ModelCRUDRequest: { ModelCRUD: { serviceType: 'S', TableName: 'T', RecordID: 0, Filter: '', Action: 'Read' } },
      });
      expect(body).toContain(
        '<ns0:createData><ns0:ModelCRUDRequest><ns0:ModelCRUD><ns0:serviceType>S</ns0:serviceType><ns0:TableName>T</ns0:TableName>' +
          '<ns0:RecordID>0</ns0:RecordID><ns0:Filter></ns0:Filter><ns0:Action>Read</ns0:Action></ns0:ModelCRUD></ns0:ModelCRUDRequest></ns0:createData>',
      );
    });

    it('writes xsd:any content as the XML given, once it is well-formed', () => {
      const codec = hl7.codec('opHl7Message');
      expect(buildSoapEnvelope(codec, { any: '<a xmlns="urn:x"><b/></a><c/>' }).body).toContain(
        '<ns0:hl7Message><a xmlns="urn:x"><b/></a><c/></ns0:hl7Message>',
      );
      expect(thrownBy(() => buildSoapEnvelope(codec, { any: '<a>' }))).toBeInstanceOf(BadUserInputError);
      expect(thrownBy(() => buildSoapEnvelope(codec, { any: '<!DOCTYPE a [<!ENTITY x "y">]><a/>' }))).toBeInstanceOf(BadUserInputError);
    });
  });
});
