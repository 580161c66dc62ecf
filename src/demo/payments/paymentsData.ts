import type { ShopOrder } from '../shop/shopData';
import { createShopData } from '../shop/shopData';

export interface DemoPayment {
  orderId: string;
  status: 'PENDING' | 'AUTHORIZED' | 'CAPTURED' | 'REFUNDED' | 'FAILED';
  /** Decimal string, as a bank sends it. */
  amount: string;
  currency: string;
  /** ISO-8601, or null while unpaid. */
  paidAt: string | null;
  method?: string;
}

const STATUS_BY_ORDER: Record<ShopOrder['status'], DemoPayment['status']> = {
  PLACED: 'PENDING',
  PAID: 'CAPTURED',
  SHIPPED: 'CAPTURED',
  DELIVERED: 'CAPTURED',
  CANCELLED: 'REFUNDED',
};

/** The payments ledger for the demo shop's orders (same ids, 1001…1120). */
export function createPaymentsData(): Map<string, DemoPayment> {
  const payments = new Map<string, DemoPayment>();
  for (const order of createShopData().orders) {
    const status = STATUS_BY_ORDER[order.status];
    const [day, month, year] = order.placed_on.split('/');
    payments.set(order.id, {
      orderId: order.id,
      status,
      amount: (order.total_minor / 100).toFixed(2),
      currency: order.currency,
      paidAt: status === 'PENDING' ? null : `${year}-${month}-${day}T10:15:00Z`,
      ...(status === 'PENDING' ? {} : { method: Number(order.id) % 2 === 0 ? 'CARD' : 'SEPA' }),
    });
  }
  return payments;
}
