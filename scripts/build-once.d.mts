/** See build-once.mjs. */
export declare function ensureClientBuilt(o: {
  root: string;
  env?: Record<string, string | undefined>;
  build: () => number | null;
  log?: (m: string) => void;
  waitMs?: number;
}): 'present' | 'skipped' | 'built' | 'waited' | 'failed';
