import type { Caller } from '../../auth/Caller';

/** Whom per-caller limits count against: the token's subject, else the client's address. */
export function callerKey(caller: Caller, clientAddress: string): string {
  return caller.subject !== undefined ? `subject:${caller.subject}` : `address:${clientAddress}`;
}
