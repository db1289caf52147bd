/**
 * The bounds the OpenAPI document gives are enforced (api.md "Conventions"): a string one
 * character over its maxLength, in a body or in the query, is refused with 400
 * validation_failed `too_long` at that field, before anything is done, and an array over
 * its maxItems or an integer out of its bounds likewise. The limits are read from the
 * document itself, so the document and the validation cannot drift apart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, registration, type TestBackend } from '../../helpers/backend.ts'
import { signInAnna } from '../../helpers/customers.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

type Schema = {
  type?: string
  maxLength?: number
  properties?: Record<string, Schema>
  anyOf?: Schema[]
}
interface Operation {
  requestBody?: { content: { 'application/json': { schema: Schema } } }
  parameters?: { name: string; in: string; schema: Schema }[]
}
type Paths = Record<string, Record<string, Operation>>

const UUID = '7b0a4a5e-0000-4000-8000-000000000000'
const TOKEN = 'A'.repeat(43)
const PASSWORD = 'Donaukanal-Sonnenuntergang-77'

/** A body each route accepts as to its shape (what it then does with it does not matter here). */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/registrations': registration(),
  'POST /api/v1/registrations/resend': { email: 'a@example.at' },
  'POST /api/v1/registrations/confirm': { token: TOKEN },
  'POST /api/v1/sessions': { email: 'a@example.at', password: PASSWORD },
  'POST /api/v1/sessions/refresh': { refreshToken: TOKEN },
  'POST /api/v1/password-resets': { email: 'a@example.at' },
  'POST /api/v1/password-resets/check': { token: TOKEN },
  'POST /api/v1/password-resets/confirm': { token: TOKEN, newPassword: PASSWORD },
  'PUT /api/v1/me/password': { currentPassword: PASSWORD, newPassword: PASSWORD },
  'POST /api/v1/me/email-change': { newEmail: 'a@example.at', password: PASSWORD },
  'POST /api/v1/me/email-change/confirm': { token: TOKEN },
  'PUT /api/v1/me/bank-account': {
    iban: 'AT611904300234573201',
    accountHolder: 'Anna Huber',
    sepaMandateAccepted: true,
    password: PASSWORD,
  },
  'POST /api/v1/me/activation': { code: 'ABCD-EFGH-JKLM' },
  'PATCH /api/v1/me': { phone: '0664 1234567' },
  'DELETE /api/v1/me': { password: PASSWORD },
  'PUT /api/v1/me/identity': {
    customerNumber: '100517903',
    lastName: 'Gruber',
    dateOfBirth: '1990-07-28',
  },
  'POST /api/v1/service-requests': { type: 'contract_copy', contractId: UUID, details: {} },
  'POST /api/v1/contracts/{id}/mileage-readings': { date: '2026-05-17', km: 12_000 },
  'POST /api/v1/me/mfa/totp': { password: PASSWORD },
  'POST /api/v1/me/mfa/totp/confirm': { enrolmentId: TOKEN, code: '123456' },
  'DELETE /api/v1/me/mfa': { password: PASSWORD, code: '123456' },
  'POST /api/v1/me/mfa/recovery-codes': { password: PASSWORD, code: '123456' },
  'POST /api/v1/sessions/mfa': { challengeId: TOKEN, code: '123456' },
  'POST /api/v1/contracts/{id}/invitations': { email: 'a@example.at' },
  'POST /api/v1/invitations/confirm': { token: TOKEN, dateOfBirth: '1982-06-03' },
  'POST /api/v1/contracts/{id}/simulations': {
    specialRepaymentCents: 100_000,
    date: '2026-05-17',
    keep: 'term',
  },
  'POST /api/v1/contracts/{id}/deferral-preview': { months: 1, firstDueDate: '2026-06-01' },
}

/** The bounded string schema of a property (also inside `anyOf`, as for nullable ones). */
function boundedString(schema: Schema): Schema | null {
  if (schema.type === 'string' && schema.maxLength !== undefined) return schema
  return schema.anyOf?.map(boundedString).find((s) => s !== null) ?? null
}

async function paths(b: TestBackend): Promise<Paths> {
  return ((await b.json('GET', '/api/v1/openapi.json')).json() as { paths: Paths }).paths
}

describe('strings over their maxLength are refused (too_long)', () => {
  it('in every JSON body: each bounded top-level string, one character over', async () => {
    const b = (backend = await createTestBackend())
    const documented = await paths(b)
    const outboxBefore = (await b.app.services.repos.outbox.list({ limit: 100 })).length
    let checked = 0
    for (const [name, valid] of Object.entries(VALID_BODIES)) {
      const [method, path] = name.split(' ') as [string, string]
      const schema =
        documented[path]?.[method.toLowerCase()]?.requestBody?.content['application/json'].schema
      expect(schema, name).toBeDefined()
      for (const [field, property] of Object.entries(schema?.properties ?? {})) {
        const bounded = boundedString(property)
        if (!bounded?.maxLength) continue
        const body = { ...valid, [field]: 'a'.repeat(bounded.maxLength + 1) }
        const answer = await b.json(method, path, body)
        expect(answer.statusCode, `${name} ${field}`).toBe(400)
        expect(answer.json().error, `${name} ${field}`).toMatchObject({
          code: 'validation_failed',
          fields: { [field]: 'too_long' },
        })
        checked++
      }
    }
    // Every route with a body was tried, and nothing was sent or filed meanwhile.
    const withBody = Object.entries(documented).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.requestBody)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    expect(
      withBody.filter((name) => !name.includes('/dev/') && !name.endsWith('/email')).sort(),
    ).toEqual(Object.keys(VALID_BODIES).sort())
    expect(checked).toBeGreaterThan(20)
    expect(await b.app.services.repos.outbox.list({ limit: 100 })).toHaveLength(outboxBefore)
  })

  it('in every query: each bounded parameter, one character over, even without a session', async () => {
    const b = (backend = await createTestBackend())
    let checked = 0
    for (const [path, item] of Object.entries(await paths(b))) {
      for (const parameter of item.get?.parameters ?? []) {
        if (parameter.in !== 'query' || parameter.schema.maxLength === undefined) continue
        const value = 'a'.repeat(parameter.schema.maxLength + 1)
        const answer = await b.json('GET', `${path}?${parameter.name}=${value}`)
        expect(answer.statusCode, `${path} ${parameter.name}`).toBe(400)
        expect(answer.json().error.fields, `${path} ${parameter.name}`).toEqual({
          [parameter.name]: 'too_long',
        })
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7)
  })

  it('in a header and deep in a body: Idempotency-Key, a date, a service request’s details', async () => {
    const b = (backend = await createTestBackend())
    const auth = await signInAnna(b)
    const contracts = (await b.json('GET', '/api/v1/contracts', undefined, auth)).json() as {
      items: { id: string }[]
    }
    const contractId = contracts.items[0]?.id
    const travel = (details: Record<string, unknown>) => ({
      type: 'travel_abroad_permission',
      contractId,
      details: { countries: ['CH'], from: '2026-06-01', to: '2026-06-10', ...details },
    })
    const cases: [body: unknown, headers: Record<string, string>, field: string, reason: string][] =
      [
        [travel({}), { 'idempotency-key': 'k'.repeat(101) }, 'idempotency-key', 'too_long'],
        [travel({ purpose: 'p'.repeat(201) }), {}, 'details.purpose', 'too_long'],
        [travel({ from: '2026-06-01T00' }), {}, 'details.from', 'too_long'],
        [
          travel({ countries: ['CH', 'GB', 'IS', 'LI', 'MA', 'MD', 'ME', 'MK', 'NO', 'RS', 'TN'] }),
          {},
          'details.countries',
          'too_long',
        ],
      ]
    for (const [body, headers, field, reason] of cases) {
      const answer = await b.json('POST', '/api/v1/service-requests', body, { ...auth, ...headers })
      expect(answer.statusCode, field).toBe(400)
      expect(answer.json().error.fields, field).toEqual({ [field]: reason })
    }
    const registered = await b.json(
      'POST',
      '/api/v1/registrations',
      registration({ dateOfBirth: '1990-07-28T00:00:00Z' }),
    )
    expect(registered.json().error.fields).toEqual({ dateOfBirth: 'too_long' })
    expect((await b.json('GET', '/api/v1/service-requests', undefined, auth)).json().items).toEqual(
      [],
    )
  })

  it('integers keep to their format and bounds', async () => {
    const b = (backend = await createTestBackend())
    for (const advanceSeconds of [0, 31_536_001, 2 ** 31, 2 ** 53]) {
      const answer = await b.json('POST', '/api/v1/dev/clock', { advanceSeconds })
      expect(answer.statusCode, String(advanceSeconds)).toBe(400)
      expect(answer.json().error.fields).toEqual({ advanceSeconds: 'out_of_range' })
    }
  })
})
