import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ShopData, ShopOrder } from './shopData';
import type { ShopWebhooks } from './ShopWebhooks';

type Query = Record<string, string | string[] | undefined>;

/** Repeated query parameters (`?id=1&id=2`) as a list. */
function list(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const NEXT_STATUS: Partial<Record<ShopOrder['status'], ShopOrder['status']>> = { PLACED: 'PAID', PAID: 'SHIPPED', SHIPPED: 'DELIVERED' };

function notFound(reply: FastifyReply, what: string) {
  return reply.code(404).send({ error: `${what} not found` });
}

/**
 * The demo shop's REST API. Batch endpoints (`?id=1&id=2`, `?sku=A&sku=B`) where a real shop API
 * would have them; single-item endpoints where it would not. With `apiKey` set, every call must
 * carry it in `x-api-key`.
 */
export function registerShopRoutes(app: FastifyInstance, data: ShopData, apiKey?: string, webhooks?: ShopWebhooks): void {
  if (apiKey !== undefined) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers['x-api-key'] !== apiKey) return reply.code(401).send({ error: 'missing or wrong x-api-key' });
    });
  }

  app.get('/customers', async (request) => {
    const ids = list(request.query as Query, 'id');
    return ids.length === 0 ? data.customers : data.customers.filter((customer) => ids.includes(customer.id));
  });
  app.get<{ Params: { id: string } }>('/customers/:id', async (request, reply) => {
    return data.customers.find((customer) => customer.id === request.params.id) ?? notFound(reply, 'customer');
  });
  app.get<{ Params: { id: string } }>('/customers/:id/orders', async (request, reply) => {
    if (!data.customers.some((customer) => customer.id === request.params.id)) return notFound(reply, 'customer');
    return data.orders.filter((order) => order.customer_id === request.params.id);
  });

  app.get('/orders', async (request, reply) => {
    const query = request.query as Query;
    const limit = Number(list(query, 'limit')[0] ?? 20);
    const offset = Number(list(query, 'offset')[0] ?? 0);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
      return reply.code(400).send({ error: 'limit must be 0..100 and offset >= 0' });
    }
    const ids = list(query, 'id');
    const customerIds = list(query, 'customerId');
    const matching = data.orders.filter(
      (order) => (ids.length === 0 || ids.includes(order.id)) && (customerIds.length === 0 || customerIds.includes(order.customer_id)),
    );
    return ids.length > 0 || customerIds.length > 0 ? matching : matching.slice(offset, offset + limit);
  });
  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    return data.orders.find((order) => order.id === request.params.id) ?? notFound(reply, 'order');
  });

  // Moves an order one step on and announces it: the status change, the payment captured on the
  // way to PAID, and the stock taken on the way to SHIPPED.
  app.post<{ Params: { id: string } }>('/orders/:id/advance', async (request, reply) => {
    const order = data.orders.find((candidate) => candidate.id === request.params.id);
    if (order === undefined) return notFound(reply, 'order');
    const next = NEXT_STATUS[order.status];
    if (next === undefined) return reply.code(409).send({ error: `a ${order.status} order cannot move on` });
    const previous = order.status;
    order.status = next;
    const changedAt = new Date().toISOString();
    await webhooks?.send('order.status_changed', { orderId: order.id, status: next, previousStatus: previous, changedAt });
    if (next === 'PAID') {
      await webhooks?.send('payment.captured', {
        orderId: order.id,
        amountMinor: order.total_minor,
        currency: order.currency,
        capturedAt: changedAt,
      });
    }
    if (next === 'SHIPPED') {
      for (const item of order.items) {
        const stock = data.inventory.find((entry) => entry.sku === item.sku);
        if (stock === undefined) continue;
        stock.available = Math.max(0, stock.available - item.quantity);
        await webhooks?.send('stock.changed', { sku: stock.sku, available: stock.available, warehouse: stock.warehouse });
      }
    }
    return order;
  });

  app.get('/products', async (request) => {
    const skus = list(request.query as Query, 'sku');
    return skus.length === 0 ? data.products : data.products.filter((product) => skus.includes(product.sku));
  });
  app.get<{ Params: { sku: string } }>('/products/:sku', async (request, reply) => {
    return data.products.find((product) => product.sku === request.params.sku) ?? notFound(reply, 'product');
  });

  app.get('/inventory', async (request) => {
    const skus = list(request.query as Query, 'sku');
    return skus.length === 0 ? data.inventory : data.inventory.filter((item) => skus.includes(item.sku));
  });

  app.get('/rates', async (request, reply) => {
    const base = list(request.query as Query, 'base')[0] ?? 'EUR';
    const rates = data.rates[base];
    return rates ? { base, rates } : notFound(reply, `rates for ${base}`);
  });
}
