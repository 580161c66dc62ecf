/**
 * Where the delivery ids every instance (or every worker) has accepted are kept, for
 * `ReplayGuard`: the shared cache store (Redis across instances), or the cluster primary for
 * the workers of one instance without Redis.
 */
export interface DeliveryLedger {
  /** True when `key` was not in the ledger (it is now, for `rememberSeconds`); false when it was. */
  claim(key: string, rememberSeconds: number): Promise<boolean>;
}
