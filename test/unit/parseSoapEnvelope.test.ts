import { buildSoapEnvelope } from '../../src/connectors/soap/buildSoapEnvelope';
import { parseSoapEnvelope } from '../../src/connectors/soap/parseSoapEnvelope';
import { XsdResolver } from '../../src/connectors/soap/wsdl/XsdResolver';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../src/errors/UpstreamRejectedError';
import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { UpstreamResponse } from '../../src/http/UpstreamResponse';
import { soapFixture } from './soapFixture';
import { thrownBy } from './thrownBy';

const orders = soapFixture('doc-literal-wrapped.wsdl');
const quotes = soapFixture('rpc-literal.wsdl');

const soap11 = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${body}</soap:Body></soap:Envelope>`;
const response = (body: string, status = 200) => new UpstreamResponse('payments', status, {}, Buffer.from(body));
const getOrder = (body: string, status = 200) => parseSoapEnvelope(orders.codec('GetOrder'), response(body, status));

const ORDER =
  '<o:order><o:orderId>1001</o:orderId><o:status>in-progress</o:status><o:placedAt>2024-03-15T10:15:00Z</o:placedAt>' +
  '<o:shippedAt xsi:nil="true"/><o:express>1</o:express><o:weightKg>2.5</o:weightKg>' +
  '<o:line><sku>A-1</sku><o:quantity>3</o:quantity><o:unitPrice>19.90</o:unitPrice><o:tags>gift</o:tags></o:line></o:order>';

describe('parseSoapEnvelope', () => {
  describe('decoding with the WSDL types', () => {
    it('decodes lists (even of one item), xsi:nil as null, absent elements as null, numbers, booleans and exact decimals', () => {
      const data = getOrder(soap11(`<o:GetOrderResponse xmlns:o="urn:example:orders">${ORDER}</o:GetOrderResponse>`));
      expect(data).toEqual({
        order: {
          orderId: '1001',
          status: 'in-progress',
          placedAt: '2024-03-15T10:15:00Z',
          shippedAt: null,
          note: null,
          express: true,
          weightKg: 2.5,
          line: [{ sku: 'A-1', quantity: 3, unitPrice: '19.90', tags: ['gift'] }],
        },
      });
    });

    it('decodes nested lists of objects and an empty repeated element as an empty list', () => {
      const data = parseSoapEnvelope(
        orders.codec('ListOrders'),
        response(
          soap11(
            `<ListOrdersResponse xmlns="urn:example:orders" xmlns:o="urn:example:orders"><orders>${ORDER}${ORDER.replace('1001', '1002')}</orders></ListOrdersResponse>`,
          ),
        ),
      );
      expect(data).toMatchObject({ orders: { order: [{ orderId: '1001', line: [{ tags: ['gift'] }] }, { orderId: '1002' }] } });
      const none = parseSoapEnvelope(
        orders.codec('ListOrders'),
        response(soap11('<ListOrdersResponse xmlns="urn:example:orders"><orders/></ListOrdersResponse>')),
      );
      expect(none).toEqual({ orders: { order: [] } });
    });

    it('decodes false booleans and a nil wrapper child', () => {
      const data = getOrder(
        soap11(
          '<GetOrderResponse xmlns="urn:example:orders" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><order xsi:nil="true"/></GetOrderResponse>',
        ),
      );
      expect(data).toEqual({ order: null });
      const express = getOrder(
        soap11(
          `<o:GetOrderResponse xmlns:o="urn:example:orders">${ORDER.replace('<o:express>1</o:express>', '<o:express>false</o:express>')}</o:GetOrderResponse>`,
        ),
      );
      expect(express).toMatchObject({ order: { express: false } });
    });

    it('decodes rpc/literal parts; xsd:long stays an exact string beyond 2^53, floats become numbers', () => {
      const data = parseSoapEnvelope(
        quotes.codec('GetQuote'),
        response(
          soap11(
            '<r:GetQuoteResponse xmlns:r="urn:example:quotes:rpc"><quote><symbol>ACME</symbol><price>101.10</price>' +
              '<volume>9007199254740993</volume><history>1.5</history><history>-2e3</history></quote></r:GetQuoteResponse>',
          ),
        ),
      );
      expect(data).toEqual({ quote: { symbol: 'ACME', price: '101.10', volume: '9007199254740993', history: [1.5, -2000] } });
    });

    it('decodes a SOAP 1.2 answer', () => {
      const health = soapFixture('soap12-only.wsdl');
      const data = parseSoapEnvelope(
        health.codec('CheckHealth'),
        response(
          '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><h:CheckHealthResponse xmlns:h="urn:example:health">' +
            '<h:healthy>true</h:healthy><h:uptimeSeconds>4000000000</h:uptimeSeconds></h:CheckHealthResponse></env:Body></env:Envelope>',
        ),
      );
      expect(data).toEqual({ healthy: true, uptimeSeconds: 4000000000 });
    });

    it('refuses text where a number belongs', () => {
      const error = thrownBy(() =>
        getOrder(
          soap11(
            `<o:GetOrderResponse xmlns:o="urn:example:orders">${ORDER.replace('<o:quantity>3', '<o:quantity>three')}</o:GetOrderResponse>`,
          ),
        ),
      );
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      expect(error.message).toBe('Upstream "payments" sent "three" where a number belongs');
    });
  });

  describe('faults', () => {
    it('SOAP 1.1: UPSTREAM_BAD_RESPONSE with the faultcode in extensions and the faultstring as message, never the detail', () => {
      const error = thrownBy(() =>
        getOrder(
          soap11(
            '<soap:Fault><faultcode>soap:Client.UnknownOrder</faultcode><faultstring>Unknown order 42</faultstring>' +
              '<detail><internalReference>ledger-shard-7 lookup miss</internalReference></detail></soap:Fault>',
          ),
          500,
        ),
      );
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      const upstream = error as UpstreamBadResponseError;
      expect(upstream.code).toBe('UPSTREAM_BAD_RESPONSE');
      expect(upstream.message).toBe('Upstream "payments" answered with a SOAP fault: Unknown order 42');
      expect(upstream.extensions).toEqual({ faultCode: 'soap:Client.UnknownOrder' });
      expect(upstream.status).toBe(500);
      expect(JSON.stringify({ message: upstream.message, extensions: upstream.extensions })).not.toContain('ledger');
    });

    it('truncates a long fault message to 300 characters', () => {
      const error = thrownBy(() =>
        getOrder(soap11(`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${'x'.repeat(1000)}</faultstring></soap:Fault>`), 500),
      );
      expect(error.message).toBe(`Upstream "payments" answered with a SOAP fault: ${'x'.repeat(300)}…`);
    });

    it('SOAP 1.2: Code/Value and Subcode/Value joined, Reason/Text as message, Detail withheld', () => {
      const error = thrownBy(() =>
        getOrder(
          '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>' +
            '<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>m:UnknownOrder</env:Value></env:Subcode></env:Code>' +
            '<env:Reason><env:Text xml:lang="en">No such order</env:Text></env:Reason><env:Detail><secret>ledger-7</secret></env:Detail>' +
            '</env:Fault></env:Body></env:Envelope>',
          500,
        ),
      );
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      expect(error.message).toBe('Upstream "payments" answered with a SOAP fault: No such order');
      expect((error as UpstreamBadResponseError).extensions).toEqual({ faultCode: 'env:Sender/m:UnknownOrder' });
      expect(error.message).not.toContain('ledger');
    });
  });

  describe('XML that must not be trusted', () => {
    it('refuses a DOCTYPE with entities (billion laughs) without expanding them', () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
        soap11('<GetOrderResponse xmlns="urn:example:orders"><order><orderId>&lol3;</orderId></order></GetOrderResponse>');
      const error = thrownBy(() => getOrder(laughs));
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      expect(error.message).toBe('Upstream "payments" answered with unusable XML: XML with a DOCTYPE or entity declaration is refused');
    });

    it('refuses an external entity (XXE) without reading the file', () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${soap11('<GetOrderResponse xmlns="urn:example:orders"><order><orderId>&xxe;</orderId></order></GetOrderResponse>')}`;
      const error = thrownBy(() => getOrder(xxe));
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      expect(error.message).not.toContain('root:');
      expect(error.message).toContain('DOCTYPE');
    });

    it('refuses truncated XML', () => {
      const truncated = soap11(`<o:GetOrderResponse xmlns:o="urn:example:orders">${ORDER}</o:GetOrderResponse>`).slice(0, 200);
      const error = thrownBy(() => getOrder(truncated));
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      expect(error.message).toMatch(/^Upstream "payments" answered with unusable XML: XML is not well-formed/);
    });

    it('reads a non-XML body with HTTP 500 as the upstream being unavailable, and with HTTP 4xx as a rejection', () => {
      const unavailable = thrownBy(() => getOrder('Internal error: stack trace at com.bank.Ledger', 500));
      expect(unavailable).toBeInstanceOf(UpstreamUnavailableError);
      expect(unavailable.message).toBe('Upstream "payments" failed with HTTP 500');
      expect(thrownBy(() => getOrder('Forbidden', 403))).toBeInstanceOf(UpstreamRejectedError);
    });

    it('refuses an HTML page answered with HTTP 200 as a bad response', () => {
      const page = thrownBy(() => getOrder('<!DOCTYPE html><html><body>maintenance</body></html>'));
      expect(page).toBeInstanceOf(UpstreamBadResponseError);
      const wellFormed = thrownBy(() => getOrder('<html><body>maintenance</body></html>'));
      expect(wellFormed).toBeInstanceOf(UpstreamBadResponseError);
      expect(wellFormed.message).toBe('Upstream "payments" answered with something other than a SOAP envelope');
    });

    it('refuses XML that is not a SOAP envelope, or an envelope without the expected element', () => {
      expect(thrownBy(() => getOrder('<GetOrderResponse xmlns="urn:example:orders"/>')).message).toBe(
        'Upstream "payments" answered with something other than a SOAP envelope',
      );
      expect(thrownBy(() => getOrder('<Envelope xmlns="urn:not-soap"><Body/></Envelope>'))).toBeInstanceOf(UpstreamBadResponseError);
      const missing = thrownBy(() => getOrder(soap11('<Other xmlns="urn:example:orders"/>')));
      expect(missing).toBeInstanceOf(UpstreamBadResponseError);
      expect(missing.message).toBe('Upstream "payments" answered without a GetOrderResponse element');
    });

    it('refuses a non-2xx envelope without a fault', () => {
      const error = thrownBy(() => getOrder(soap11(`<o:GetOrderResponse xmlns:o="urn:example:orders">${ORDER}</o:GetOrderResponse>`), 503));
      expect(error).toBeInstanceOf(UpstreamBadResponseError);
      expect(error.message).toBe('Upstream "payments" answered with HTTP 503 and no SOAP fault');
    });
  });

  describe('what real WSDLs declare', () => {
    const fleet = soapFixture('features/substitution.wsdl');
    const dummy = soapFixture('public/node-soap/rpc-element-parts/soap.wsdl');
    const oneWay = soapFixture('public/node-soap/one-way.wsdl');

    it('reads each element by the type its xsi:type names, with the attributes of the answer', () => {
      const data = parseSoapEnvelope(
        fleet.codec('RegisterVehicle'),
        response(
          soap11(
            '<f:RegisterVehicleResponse xmlns:f="urn:example:fleet" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
              '<f:vehicle id="1" i:type="f:Car"><f:plate>P</f:plate><f:seats>4</f:seats></f:vehicle>' +
              '<f:vehicle id="2"><f:plate>Q</f:plate></f:vehicle></f:RegisterVehicleResponse>',
          ),
        ),
      );
      expect(data).toEqual({
        vehicle: [
          { xsiType: 'Car', id: 1, plate: 'P', seats: 4 },
          { xsiType: 'Vehicle', id: 2, plate: 'Q' },
        ],
      });
    });

    it('reads rpc parts declared with element=, inside the wrapper or right in the Body', () => {
      const part =
        '<n:DummyResponse xmlns:n="http://www.Dummy.com/Name/Types"><n:DummyResult code="7"><c:DummyList xmlns:c="http://www.Dummy.com/Common/Types">' +
        '<c:DummyElement language="de">Gr&#xFC;&#223;e</c:DummyElement></c:DummyList></n:DummyResult></n:DummyResponse>';
      const expected = { DummyResponse: { DummyResult: { code: '7', DummyList: { DummyElement: [{ language: 'de', value: 'Grüße' }] } } } };
      expect(parseSoapEnvelope(dummy.codec('Dummy'), response(soap11(part)))).toEqual(expected);
      expect(
        parseSoapEnvelope(
          dummy.codec('Dummy'),
          response(soap11(`<t:DummyResponse xmlns:t="http://www.Dummy.com">${part}</t:DummyResponse>`)),
        ),
      ).toEqual(expected);
    });

    it('answers true for a one-way operation accepted with HTTP 202 and no body, and still reports a fault', () => {
      const codec = oneWay.codec('OneWay');
      expect(parseSoapEnvelope(codec, response('', 202))).toBe(true);
      expect(parseSoapEnvelope(codec, response(soap11(''), 200))).toBe(true);
      expect(
        thrownBy(() =>
          parseSoapEnvelope(
            codec,
            response(soap11('<soap:Fault><faultcode>soap:Server</faultcode><faultstring>down</faultstring></soap:Fault>'), 500),
          ),
        ),
      ).toBeInstanceOf(UpstreamBadResponseError);
    });
  });

  describe('compiled once', () => {
    it('never looks the XSD up while reading or writing a call', () => {
      const codec = orders.codec('GetOrder');
      const writer = orders.codec('PlaceOrder');
      const resolve = jest.spyOn(XsdResolver.prototype, 'resolve');
      const membersOf = jest.spyOn(XsdResolver.prototype, 'membersOf');
      try {
        parseSoapEnvelope(codec, response(soap11(`<o:GetOrderResponse xmlns:o="urn:example:orders">${ORDER}</o:GetOrderResponse>`)));
        buildSoapEnvelope(writer, { customerId: 'c', line: [{ sku: 'A', quantity: 1, unitPrice: '1.00' }], note: null });
        expect(resolve).not.toHaveBeenCalled();
        expect(membersOf).not.toHaveBeenCalled();
      } finally {
        resolve.mockRestore();
        membersOf.mockRestore();
      }
    });
  });
});
