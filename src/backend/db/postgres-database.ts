/**
 * The Database over PostgreSQL (node-postgres): a pool per node. Transactions are
 * SERIALIZABLE, so that N nodes behave as the one SQLite connection does: a
 * transaction that loses to a concurrent one is rolled back and run again (a few
 * times, with a short random pause). BIGINT and NUMERIC come back as numbers
 * (cents and counts stay far below 2^53); bytea as a Buffer.
 */
import pg from 'pg'
import {
  isRetryable,
  transactionGuard,
  numberPlaceholders,
  type Database,
  type Queryable,
  type SqlValue,
} from './database.ts'

const INT8 = 20
const NUMERIC = 1700
const ATTEMPTS = 12

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

const bind = (params: SqlValue[]): unknown[] =>
  params.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value)
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : value,
  )

type Client = Pick<pg.PoolClient, 'query'>

/** all/get/run over a pool (each statement on any free connection) or over one connection. */
const over = (
  client: Client,
  identity: object,
): Pick<Queryable, 'engine' | 'identity' | 'all' | 'get' | 'run'> => ({
  engine: 'postgres',
  identity,
  async all<T>(sql: string, ...params: SqlValue[]) {
    return (await client.query(numberPlaceholders(sql), bind(params))).rows as T[]
  },
  async get<T>(sql: string, ...params: SqlValue[]) {
    return (await client.query(numberPlaceholders(sql), bind(params))).rows[0] as T | undefined
  },
  async run(sql: string, ...params: SqlValue[]) {
    return (await client.query(numberPlaceholders(sql), bind(params))).rowCount ?? 0
  },
})

/** A transaction's Queryable on `client`: a nested transaction is a savepoint. */
function inTransaction(client: Client, identity: object): Queryable {
  let savepoints = 0
  const tx: Queryable = {
    ...over(client, identity),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const name = `sp${++savepoints}`
      await client.query(`SAVEPOINT ${name}`)
      try {
        const result = await fn(tx)
        await client.query(`RELEASE SAVEPOINT ${name}`)
        return result
      } catch (error) {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`)
        throw error
      }
    },
  }
  return tx
}

/**
 * The wait before another attempt: exponential with full jitter (2, 4, 8 … ms,
 * at most 100), so that transactions that collided once spread out instead of
 * colliding again in step — 25 parallel writers of one customer once ran out
 * of attempts with the old linear 5 ms.
 */
const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) =>
    setTimeout(resolve, 1 + Math.random() * Math.min(PAUSE_MAX_MS, 2 ** (attempt + 1))),
  )
const PAUSE_MAX_MS = 100

/** The advisory lock the migrations run under (any fixed 64-bit number; "MMF" in ASCII). */
const MIGRATION_LOCK = 0x4d4d46

export interface PostgresOptions {
  connectionString: string
  /** Connections per node (default 10). */
  max?: number
}

export function openPostgresDatabase(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types,
    application_name: 'my-mini-finance',
  })
  // An idle connection that dies (the server restarted) must not take the process down.
  pool.on('error', () => undefined)

  /** Runs `body` on one connection of the pool; a connection left in a bad state is dropped. */
  async function onClient<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      return await body(client)
    } catch (error) {
      broken = (error as { rollbackFailed?: Error }).rollbackFailed
      throw error
    } finally {
      client.release(broken)
    }
  }

  /** BEGIN `begin`, then `fn`, COMMIT; on an error ROLLBACK (its failure noted on the error). */
  async function once<T>(client: Client, begin: string, fn: () => Promise<T>): Promise<T> {
    await client.query(begin)
    try {
      const result = await fn()
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        if (error !== null && typeof error === 'object') {
          Object.assign(error, { rollbackFailed: rollbackError as Error })
        }
      })
      throw error
    }
  }

  const identity = {}
  const guard = transactionGuard()
  const onPool = over(pool, identity)
  return {
    engine: 'postgres',
    identity,
    all: (sql, ...params) => {
      guard.checkOutside()
      return onPool.all(sql, ...params)
    },
    get: (sql, ...params) => {
      guard.checkOutside()
      return onPool.get(sql, ...params)
    },
    run: (sql, ...params) => {
      guard.checkOutside()
      return onPool.run(sql, ...params)
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      guard.checkOutside()
      return onClient(async (client) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await once(client, 'BEGIN ISOLATION LEVEL SERIALIZABLE', () =>
              guard.within(() => fn(inTransaction(client, identity))),
            )
          } catch (error) {
            const rollbackFailed = (error as { rollbackFailed?: unknown }).rollbackFailed
            if (rollbackFailed || !isRetryable(error, attempt) || attempt >= ATTEMPTS) throw error
            await pause(attempt)
          }
        }
      })
    },
    // READ COMMITTED under the lock: the second node waits, then each statement sees
    // what the first committed (a SERIALIZABLE snapshot would predate the wait).
    migrationTransaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      onClient((client) =>
        once(client, 'BEGIN', async () => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
          return guard.within(() => fn(inTransaction(client, identity)))
        }),
      ),
    async exec(sql) {
      await pool.query(sql)
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  }
}
