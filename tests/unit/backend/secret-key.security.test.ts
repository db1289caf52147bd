/**
 * The secret key the second factor's secrets are sealed with comes from the
 * configuration, never from the database: on SQLite without a configured key, a
 * key file made once next to the database file, readable by its owner only, and
 * read again at the next start (so the second factor still works); with
 * PostgreSQL no start without a configured key.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { createBackend } from '../../../src/backend/index.ts'
import {
  createTestBackend,
  itOnSqlite,
  testHasher,
  type TestBackend,
} from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna } from '../../helpers/customers.ts'
import { codeStep, enrol, passwordStep, totpCode } from '../../helpers/mfa.ts'

const backends: TestBackend[] = []
afterEach(async () => {
  for (const backend of backends.reverse()) await backend.dispose()
  backends.length = 0
})

describe('the secret key', () => {
  itOnSqlite(
    'is made once on SQLite, next to the database, for its owner only, and read again at the next start',
    'the key file belongs to the SQLite data directory; PostgreSQL takes a configured key',
    async () => {
      const first = await createTestBackend()
      backends.push(first)
      const file = join(first.dataDir, 'secret-key')
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const key = readFileSync(file, 'utf8')
      expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32)
      const { secret } = await enrol(first, await signInAnna(first), ANNA_LOGIN.password)
      // Not in the database file.
      expect(readFileSync(join(first.dataDir, 'mmf.sqlite')).includes(key.trim())).toBe(false)
      await first.close()

      const again = await createTestBackend({ dataDir: first.dataDir })
      backends.push(again)
      expect(readFileSync(file, 'utf8')).toBe(key)
      again.clock.advance(30)
      const challengeId = await passwordStep(again, ANNA_LOGIN.email, ANNA_LOGIN.password)
      const signedIn = await codeStep(again, challengeId, totpCode(secret, again.clock.now()))
      expect(signedIn.statusCode).toBe(201)
    },
  )

  it('is required with PostgreSQL, and the message says how to make one', async () => {
    await expect(
      createBackend({
        dataDir: '',
        database: 'postgres://mmf@127.0.0.1:1/none',
        demo: false,
        clock: createFixedClock('2026-05-17T08:30:00Z'),
        hasher: testHasher,
      }),
    ).rejects.toThrow(/secret key is required.*openssl rand -base64 32/)
  })
})
