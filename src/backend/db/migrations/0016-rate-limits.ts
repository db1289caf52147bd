import type { Migration } from './index.ts'

/**
 * Rate limits in the database, so that N nodes on one PostgreSQL count as one
 * (services/rate-limiter.ts; SQLite, one process, keeps them in memory):
 * - rate_windows: a fixed window per key (the general limits on every request),
 *   its start (ms since the epoch) and the requests counted in it;
 * - rate_hits: the attempts of a sliding window per key (the small limits that
 *   guard passwords and e-mails), each at its instant (ms since the epoch).
 * A key is the bucket and the caller ("sign-in-client:203.0.113.7"; bucket names have no colon).
 */
export const migration0016: Migration = {
  version: 16,
  name: 'rate-limits',
  sql: `
CREATE TABLE rate_windows (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
) STRICT;

CREATE TABLE rate_hits (
  key TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX rate_hits_key ON rate_hits (key, at);
`,
}
