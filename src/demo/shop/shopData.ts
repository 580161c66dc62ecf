/**
 * The demo shop's data set: deterministic, so tests and examples can name real ids. Stored the
 * way a legacy CRM would: `mobile_number`, dates as DD/MM/YYYY, money in minor units.
 */
export interface ShopCustomer {
  id: string;
  name: string;
  email: string;
  mobile_number: string;
  created: string;
}

export interface ShopOrder {
  id: string;
  customer_id: string;
  status: 'PLACED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
  placed_on: string;
  total_minor: number;
  currency: string;
  items: { sku: string; quantity: number; price_minor: number }[];
}

export interface ShopProduct {
  sku: string;
  name: string;
  description: string;
  price_minor: number;
  currency: string;
}

export interface ShopInventory {
  sku: string;
  available: number;
  warehouse: string;
}

export interface ShopData {
  customers: ShopCustomer[];
  orders: ShopOrder[];
  products: ShopProduct[];
  inventory: ShopInventory[];
  rates: Record<string, Record<string, number>>;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie'];
const STATUSES: ShopOrder['status'][] = ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

const PRODUCTS: ShopProduct[] = [
  {
    sku: 'JKT-001',
    name: 'Alpine Down Jacket',
    description: 'Warm insulated winter jacket with goose down, windproof shell and a hood for cold snowy days.',
    price_minor: 18900,
    currency: 'EUR',
  },
  {
    sku: 'JKT-002',
    name: 'Rain Shell Jacket',
    description: 'Light waterproof rain jacket, breathable and packable, for wet spring hikes.',
    price_minor: 12900,
    currency: 'EUR',
  },
  {
    sku: 'SWT-001',
    name: 'Merino Wool Sweater',
    description: 'Soft merino wool sweater that keeps you warm in winter without itching.',
    price_minor: 8900,
    currency: 'EUR',
  },
  {
    sku: 'TSH-001',
    name: 'Organic Cotton T-Shirt',
    description: 'Breathable cotton t-shirt for hot summer days.',
    price_minor: 2500,
    currency: 'EUR',
  },
  {
    sku: 'BOT-001',
    name: 'Insulated Winter Boots',
    description: 'Waterproof insulated boots with a warm fleece lining for snow and ice.',
    price_minor: 15900,
    currency: 'EUR',
  },
  {
    sku: 'SNK-001',
    name: 'Trail Running Shoes',
    description: 'Light running shoes with grippy soles for trails and summer runs.',
    price_minor: 11900,
    currency: 'EUR',
  },
  {
    sku: 'GLV-001',
    name: 'Thermal Gloves',
    description: 'Thermal gloves that keep fingers warm in freezing winter wind.',
    price_minor: 3900,
    currency: 'EUR',
  },
  {
    sku: 'HAT-001',
    name: 'Knitted Beanie',
    description: 'Knitted wool beanie hat, warm and cosy for winter.',
    price_minor: 2200,
    currency: 'EUR',
  },
  {
    sku: 'SHR-001',
    name: 'Linen Shorts',
    description: 'Airy linen shorts for beach holidays and hot weather.',
    price_minor: 3500,
    currency: 'EUR',
  },
  {
    sku: 'BAG-001',
    name: 'Travel Backpack',
    description: 'Durable 30 litre backpack with laptop sleeve for travel and commuting.',
    price_minor: 9900,
    currency: 'EUR',
  },
  {
    sku: 'SCF-001',
    name: 'Cashmere Scarf',
    description: 'Soft cashmere scarf, a warm winter accessory.',
    price_minor: 6900,
    currency: 'EUR',
  },
  {
    sku: 'SUN-001',
    name: 'Polarized Sunglasses',
    description: 'Polarized sunglasses with UV protection for sunny summer days.',
    price_minor: 7900,
    currency: 'EUR',
  },
];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Builds the data set: 20 customers, 120 orders (ids 1001…1120), 12 products. */
export function createShopData(): ShopData {
  const customers: ShopCustomer[] = Array.from({ length: 20 }, (_, index) => {
    const first = FIRST[index % FIRST.length] as string;
    const last = LAST[(index * 3) % LAST.length] as string;
    return {
      id: String(index + 1),
      name: `${first} ${last}`,
      email: `${first}.${last}${index + 1}@example.com`.toLowerCase(),
      mobile_number: `+44 7700 900${String(100 + index * 7).slice(-3)}`,
      created: `${pad((index % 28) + 1)}/${pad((index % 12) + 1)}/${2018 + (index % 5)}`,
    };
  });
  const orders: ShopOrder[] = Array.from({ length: 120 }, (_, index) => {
    const first = PRODUCTS[index % PRODUCTS.length] as ShopProduct;
    const second = PRODUCTS[(index * 5 + 3) % PRODUCTS.length] as ShopProduct;
    const items = [
      { sku: first.sku, quantity: 1 + (index % 3), price_minor: first.price_minor },
      { sku: second.sku, quantity: 1, price_minor: second.price_minor },
    ];
    return {
      id: String(1001 + index),
      customer_id: String((index % customers.length) + 1),
      status: STATUSES[index % STATUSES.length] as ShopOrder['status'],
      placed_on: `${pad((index % 28) + 1)}/${pad(((index * 7) % 12) + 1)}/2024`,
      total_minor: items.reduce((sum, item) => sum + item.quantity * item.price_minor, 0),
      currency: 'EUR',
      items,
    };
  });
  const inventory: ShopInventory[] = PRODUCTS.map((product, index) => ({
    sku: product.sku,
    available: (index * 17) % 40,
    warehouse: index % 2 === 0 ? 'AMS-1' : 'BER-2',
  }));
  return {
    customers,
    orders,
    products: PRODUCTS.map((product) => ({ ...product })),
    inventory,
    rates: { EUR: { EUR: 1, USD: 1.08, GBP: 0.86, JPY: 162.4, CHF: 0.95 } },
  };
}
