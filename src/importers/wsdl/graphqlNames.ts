const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function isGraphQLName(text: string): boolean {
  return GRAPHQL_NAME.test(text) && !text.startsWith('__');
}

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

/** `payment_status` → `PaymentStatus`; existing inner capitals are kept (`GetOrderResponse`). */
export function pascalCase(text: string): string {
  const joined = words(text)
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
  return /^[A-Za-z]/.test(joined) ? joined : `_${joined}`;
}

/** `GetOrder` → `getOrder`, `XMLReport` → `xmlReport`, `order-id` → `orderId`. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const leading = /^[A-Z]+/.exec(pascal)?.[0] ?? '';
  if (leading.length === pascal.length) return pascal.toLowerCase();
  const lower = leading.length > 1 ? leading.length - 1 : leading.length;
  return `${pascal.slice(0, lower).toLowerCase()}${pascal.slice(lower)}`;
}

/** `in-progress` → `IN_PROGRESS`, `2nd` → `_2ND`. */
export function enumValueName(value: string): string {
  const name = value
    .replace(/[^_0-9A-Za-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Za-z]/.test(name) ? name : `_${name}`;
}

/** `coreBanking` / `core-banking` → `CORE_BANKING`, for environment variable names. */
export function upperSnakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** Hands out unique names: a taken name gets a numeric suffix (`Order2`). */
export class NameRegistry {
  readonly #taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.#taken = new Set(reserved);
  }

  claim(preferred: string): string {
    let name = preferred;
    for (let suffix = 2; this.#taken.has(name); suffix += 1) name = `${preferred}${suffix}`;
    this.#taken.add(name);
    return name;
  }
}
