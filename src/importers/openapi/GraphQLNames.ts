const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Whether a string can be used as a GraphQL name as it is (names starting with `__` are introspection's). */
export function isGraphQLName(text: string): boolean {
  return GRAPHQL_NAME.test(text) && !text.startsWith('__');
}

/** Whether a string can be a GraphQL enum value as it is, and so be sent and read unchanged. */
export function isEnumValueName(text: string): boolean {
  return isGraphQLName(text) && text !== 'true' && text !== 'false' && text !== 'null';
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

const capitalize = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/** `pet-store.Item` → `PetStoreItem`, `200` → `T200`. */
export function typeName(text: string): string {
  const name = words(text).map(capitalize).join('');
  if (name.length === 0) return 'Unnamed';
  return /^[0-9]/.test(name) ? `T${name}` : name;
}

/** `first-name` → `firstName`, `X-Request-ID` → `xRequestId`; an already valid name is kept as it is. */
export function fieldName(text: string): string {
  if (isGraphQLName(text)) return text;
  const [first = '', ...rest] = words(text);
  const name = `${first.charAt(0).toLowerCase()}${first.slice(1)}${rest.map(capitalize).join('')}`;
  if (name.length === 0) return 'value';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Hands out unique names: a name already taken gets the first free numeric suffix (`Pet`, `Pet2`, …). */
export class NameRegistry {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name);
  }

  claim(wanted: string): string {
    let name = wanted;
    for (let suffix = 2; this.#taken.has(name); suffix++) name = `${wanted}${suffix}`;
    this.#taken.add(name);
    return name;
  }
}
