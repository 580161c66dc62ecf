import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { listen, type IServices } from 'soap';
import type { DemoUpstream, RecordedRequest } from '../DemoUpstream';
import { createPaymentsData, type DemoPayment } from './paymentsData';

/** The WSDL the demo serves and the demo schema reads. */
export const PAYMENTS_WSDL = join(__dirname, '..', '..', '..', 'schema', 'wsdl', 'payments.wsdl');

function unknownOrder(orderId: string): never {
  // node-soap turns a thrown { Fault } into a soap:Fault response with HTTP 500.
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- node-soap's fault protocol is a plain object
  throw {
    Fault: {
      faultcode: 'soap:Client.UnknownOrder',
      faultstring: `Unknown order ${orderId}`,
      detail: { internalReference: 'ledger-shard-7 lookup miss' },
      statusCode: 500,
    },
  };
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * The demo payments service: a bank-style SOAP 1.1 document/literal API served by node-soap from
 * `schema/wsdl/payments.wsdl`, on a loopback port. With `username`/`password` set it requires a
 * WS-Security UsernameToken.
 */
export async function startDemoPayments(options: { port?: number; username?: string; password?: string } = {}): Promise<DemoUpstream> {
  const payments = createPaymentsData();
  const requests: RecordedRequest[] = [];
  const refunds: { orderId: string; amount: string }[] = [];
  const lookup = (orderId: string): DemoPayment => payments.get(orderId) ?? unknownOrder(orderId);
  const services: IServices = {
    PaymentService: {
      PaymentPort: {
        GetPaymentStatus: (args: { orderId: string }) => ({ payment: lookup(String(args.orderId)) }),
        GetPaymentStatuses: (args: { orderIds?: { orderId?: unknown } }) => ({
          payments: { payment: asList(args.orderIds?.orderId).flatMap((id) => payments.get(id) ?? []) },
        }),
        RefundPayment: (args: { orderId: string; amount: string }) => {
          const payment = lookup(String(args.orderId));
          const accepted = payment.status === 'CAPTURED' && Number(args.amount) > 0 && Number(args.amount) <= Number(payment.amount);
          if (accepted) refunds.push({ orderId: payment.orderId, amount: String(args.amount) });
          return {
            refund: {
              refundId: `R-${payment.orderId}-${refunds.length}`,
              orderId: payment.orderId,
              status: accepted ? 'ACCEPTED' : 'REJECTED',
              amount: Number(args.amount).toFixed(2),
              currency: payment.currency,
            },
          };
        },
      },
    },
  };
  const server = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  // node-soap takes over the server's request listeners once it has read the WSDL.
  let soapServer!: ReturnType<typeof listen>;
  await new Promise<void>((resolve, reject) => {
    soapServer = listen(server, '/payments', services, readFileSync(PAYMENTS_WSDL, 'utf8'), (error: unknown) =>
      error ? reject(new Error('the demo payments service could not start', { cause: error })) : resolve(),
    );
  });
  if (options.username !== undefined) {
    soapServer.authenticate = (security: { UsernameToken?: { Username?: unknown; Password?: unknown } } | undefined) => {
      const token = security?.UsernameToken;
      const password = token?.Password as { $value?: unknown } | string | undefined;
      const given = typeof password === 'object' ? password?.$value : password;
      return token?.Username === options.username && given === options.password;
    };
  }
  server.prependListener('request', (request: IncomingMessage) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
  });
  const { port } = server.address() as AddressInfo;
  return {
    name: 'payments',
    url: `http://127.0.0.1:${port}/payments`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
