/** How long an upstream result may be reused, and by whom. Compiled per field at startup. */
export interface CachePolicy {
  readonly ttlSeconds: number;
  /** PUBLIC: shared by every caller. PRIVATE: reused only for the same subject. */
  readonly scope: 'PUBLIC' | 'PRIVATE';
}
