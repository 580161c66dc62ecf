import type { Caller } from '../../auth/Caller';

/** When the caller's token expires (epoch ms), from its verified `exp` claim; undefined when it does not (API keys, anonymous). */
export function expiryOf(caller: Caller): number | undefined {
  const exp = caller.claims['exp'];
  return caller.via === 'token' && typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}
