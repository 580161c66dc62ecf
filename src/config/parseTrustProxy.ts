import { isIP } from 'node:net';

/**
 * Which hops in front of the gateway are trusted to say who the client is (`X-Forwarded-For`,
 * `X-Forwarded-Proto`, `X-Forwarded-Host`), in the terms of Fastify's `trustProxy`:
 * `false` (none: the client address is the socket's peer), a number of hops, or the addresses
 * and CIDR ranges of the proxies (`loopback`, `linklocal` and `uniquelocal` name those ranges).
 * `true` (trust every hop) is refused: any client could then choose its own address.
 */
export type TrustProxy = false | number | readonly string[];

const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Reads `TRUST_PROXY`; a problem is pushed for a value that names no proxy. */
export function parseTrustProxy(text: string | undefined, problems: string[]): TrustProxy {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') {
    problems.push(
      "TRUST_PROXY=true would trust X-Forwarded-For from anyone; give the proxies' addresses or CIDR ranges, or a number of hops",
    );
    return false;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !isProxyAddress(entry));
  if (invalid.length > 0) {
    problems.push(
      `TRUST_PROXY must be a number of hops or addresses, CIDR ranges, loopback, linklocal or uniquelocal; not ${invalid.map((entry) => `"${entry}"`).join(', ')}`,
    );
    return false;
  }
  return Object.freeze(entries);
}

function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (address === undefined || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
