/**
 * The same data through both engines gives the same API answers: the demo data
 * and one customer's requests on node:sqlite and on PostgreSQL, with the same
 * fixed clock, answer byte for byte alike (money in cents, instants in UTC, the
 * order of lists). Only what is random by design (tokens, public ids, hashes of
 * documents that carry them) is replaced by its place of first appearance.
 * Only on the PostgreSQL run, which has both engines.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import { createBackend, type Backend } from '../../../src/backend/index.ts'
import { onPostgres, testDatabase, testHasher, testSecretKey } from '../../helpers/backend.ts'

const ANNA = Object.values(DEMO_LOGINS)[0] as { email: string; password: string }
const cleanups: (() => Promise<void>)[] = []

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function backendOn(engine: 'sqlite' | 'postgres'): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), `mmf-alike-${engine}-`))
  const database = engine === 'postgres' ? await testDatabase(dataDir) : null
  const backend = await createBackend({
    dataDir,
    ...(database ? { database: database.url, secretKey: testSecretKey(dataDir) } : {}),
    demo: true,
    clock: createFixedClock('2026-05-17T08:30:00Z'),
    hasher: testHasher,
    demoBulkDocuments: false,
    log: () => undefined,
  })
  cleanups.push(async () => {
    await backend.close()
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return backend
}

/** One customer's visit: every answer's status and body, in order. */
async function visit(backend: Backend): Promise<string[]> {
  const answers: string[] = []
  const call = async (method: string, url: string, body?: unknown, auth?: string) => {
    const response = await backend.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    })
    answers.push(`${method} ${url} → ${response.statusCode} ${response.body}`)
    return response
  }
  const signIn = (await call('POST', '/api/v1/sessions', ANNA)).json<{ accessToken: string }>()
  const token = signIn.accessToken
  await call('GET', '/api/v1/me', undefined, token)
  const contracts = (await call('GET', '/api/v1/contracts', undefined, token)).json<{
    items: { id: string }[]
  }>()
  for (const contract of contracts.items) {
    await call('GET', `/api/v1/contracts/${contract.id}`, undefined, token)
    await call('GET', `/api/v1/service-types?contractId=${contract.id}`, undefined, token)
  }
  const first = contracts.items[0]?.id
  await call(
    'POST',
    '/api/v1/service-requests',
    { type: 'payoff_quote', contractId: first, details: { payoffDate: '2026-05-29' } },
    token,
  )
  await call('GET', '/api/v1/service-requests', undefined, token)
  const documents = (await call('GET', '/api/v1/documents?limit=100', undefined, token)).json<{
    items: { id: string }[]
  }>()
  await call('GET', '/api/v1/documents?q=Vertrag&limit=100', undefined, token)
  await call('GET', '/api/v1/documents?year=2025&unread=false', undefined, token)
  await call('POST', `/api/v1/documents/${documents.items[1]?.id}/read`, undefined, token)
  await call('GET', `/api/v1/documents/${documents.items[1]?.id}`, undefined, token)
  await call('GET', '/api/v1/documents?unread=true', undefined, token)
  await call('GET', '/api/v1/dev/customers')
  await call('GET', '/api/v1/me/activation', undefined, token)
  return answers
}

/** Tokens, UUIDs and SHA-256 hashes numbered by first appearance, the same way in both visits. */
function normalised(answers: string[]): string[] {
  const seen = new Map<string, string>()
  const random =
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}|"(?:access|refresh)Token":"[^"]+"/g
  return answers.map((answer) =>
    answer.replace(random, (value) => {
      if (!seen.has(value)) seen.set(value, `<random ${seen.size + 1}>`)
      return seen.get(value) as string
    }),
  )
}

if (!onPostgres) console.log('skipped on SQLite: comparing the engines needs PostgreSQL too')

describe.skipIf(!onPostgres)('node:sqlite and PostgreSQL', () => {
  it('answer the same visit byte for byte alike', async () => {
    const [onSqlite, onPg] = [await backendOn('sqlite'), await backendOn('postgres')]
    const a = normalised(await visit(onSqlite))
    const b = normalised(await visit(onPg))
    expect(a.length).toBeGreaterThan(10)
    // A visit that went through: every call answered (no error compared with an error).
    expect(a.filter((answer) => !/ → 2\d\d /.test(answer))).toEqual([])
    // Each answer on its own, so that a difference names its request.
    for (const [i, answer] of a.entries()) expect(b[i]).toBe(answer)
    expect(b).toHaveLength(a.length)
  })
})
