/**
 * The OpenAPI document is generated from the routes: it must list each of them, with its
 * schemas, its security, its rate-limit headers, and bounds that the real answers keep.
 */
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna, type Auth } from '../../helpers/customers.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

type Schema = Record<string, unknown>
interface Response {
  description: string
  headers?: Record<string, { $ref: string }>
  content?: Record<string, { schema?: Schema }>
}
interface Operation {
  operationId: string
  tags: string[]
  description: string
  security: Record<string, string[]>[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  parameters?: { name: string; in: string; schema: Schema }[]
  responses: Record<string, Response>
}
type Document = {
  openapi: string
  info: { title: string; version: string; contact: { email: string } }
  servers: { url: string; description: string; 'x-internal': boolean }[]
  tags: { name: string; description?: string }[]
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, Schema>
    headers: Record<string, { schema: Schema }>
    securitySchemes: Record<string, Schema>
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
// Every route of the API so far; a route added without appearing here fails the test below.
const PROBED_PATHS = [
  '/api/v1/support',
  '/api/v1/openapi.json',
  '/api/v1/registrations',
  '/api/v1/registrations/resend',
  '/api/v1/registrations/confirm',
  '/api/v1/sessions',
  '/api/v1/sessions/refresh',
  '/api/v1/sessions/current',
  '/api/v1/password-resets',
  '/api/v1/password-resets/check',
  '/api/v1/password-resets/confirm',
  '/api/v1/me',
  '/api/v1/me/password',
  '/api/v1/me/email-change',
  '/api/v1/me/email-change/confirm',
  '/api/v1/me/bank-account',
  '/api/v1/me/activation',
  '/api/v1/me/activation/letters',
  '/api/v1/me/identity',
  '/api/v1/me/mfa',
  '/api/v1/me/mfa/totp',
  '/api/v1/me/mfa/totp/confirm',
  '/api/v1/me/mfa/recovery-codes',
  '/api/v1/sessions/mfa',
  '/api/v1/contracts',
  '/api/v1/contracts/{id}',
  '/api/v1/contracts/{id}/schedule',
  '/api/v1/contracts/{id}/invitations',
  '/api/v1/contracts/{id}/access',
  '/api/v1/contracts/{id}/access/{accessId}',
  '/api/v1/invitations/confirm',
  '/api/v1/contracts/{id}/simulations',
  '/api/v1/contracts/{id}/deferral-preview',
  '/api/v1/contracts/{id}/mileage',
  '/api/v1/contracts/{id}/mileage-readings',
  '/api/v1/contracts/{id}/end-of-term',
  '/api/v1/documents',
  '/api/v1/documents/{id}',
  '/api/v1/documents/{id}/content',
  '/api/v1/documents/{id}/read',
  '/api/v1/documents/{id}/email',
  '/api/v1/service-types',
  '/api/v1/service-requests',
  '/api/v1/service-requests/{id}',
  '/api/v1/notifications',
  '/api/v1/notifications/unread-count',
  '/api/v1/notifications/read-all',
  '/api/v1/notifications/{id}/read',
  '/api/v1/dev/outbox',
  '/api/v1/dev/outbox/{id}/attachments/{n}',
  '/api/v1/dev/clock',
  '/api/v1/dev/customers',
]
const RATE_LIMIT_HEADERS = ['RateLimit-Policy', 'RateLimit', 'Access-Control-Allow-Origin']

async function documentOf(b: TestBackend): Promise<Document> {
  const response = await b.json('GET', '/api/v1/openapi.json')
  expect(response.statusCode).toBe(200)
  return response.json() as Document
}

const operations = (document: Document): [string, Operation][] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      operation,
    ]),
  )

describe('GET /api/v1/openapi.json', () => {
  it('lists exactly the routes the app answers, each method with its responses', async () => {
    backend = await createTestBackend()
    const document = await documentOf(backend)
    expect(document.openapi).toBe('3.1.0')
    expect(document.info.title).toBeTruthy()
    const listed = new Set(operations(document).map(([name]) => name))
    const routed = new Set(
      PROBED_PATHS.flatMap((url) =>
        METHODS.filter((method) =>
          backend?.app.hasRoute({ method, url: url.replace(/\{(\w+)\}/g, ':$1') }),
        ).map((method) => `${method} ${url}`),
      ),
    )
    expect([...listed].sort()).toEqual([...routed].sort())
    for (const [name, operation] of operations(document)) {
      const success = Object.keys(operation.responses).filter((s) => s.startsWith('2'))
      expect(success.length, name).toBeGreaterThan(0)
      expect(operation.responses['500'], name).toBeDefined()
      expect(operation.description, name).toBeTruthy()
    }
    const ids = operations(document).map(([, operation]) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(document.paths['/api/v1/contracts/{id}/schedule']?.get?.operationId).toBe(
      'getContractsByIdSchedule',
    )
  })

  it('documents 429 with Retry-After and the rate-limit headers on every answer of every route', async () => {
    backend = await createTestBackend()
    const document = await documentOf(backend)
    for (const [name, operation] of operations(document)) {
      expect(operation.responses['429']?.content, name).toBeDefined()
      for (const [status, response] of Object.entries(operation.responses)) {
        const headers = Object.keys(response.headers ?? {})
        expect(headers, `${name} ${status}`).toEqual(expect.arrayContaining(RATE_LIMIT_HEADERS))
        expect(headers.includes('Retry-After'), `${name} ${status}`).toBe(status === '429')
      }
    }
    expect(Object.keys(document.components.headers).sort()).toEqual(
      [...RATE_LIMIT_HEADERS, 'Retry-After'].sort(),
    )
    expect(document.components.headers['Access-Control-Allow-Origin']?.schema).toEqual({
      type: 'string',
      const: 'app://mmf',
    })
  })

  it('declares the security of every route as it behaves: bearer where a token is required, anonymous elsewhere', async () => {
    backend = await createTestBackend()
    const document = await documentOf(backend)
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    })
    for (const [name, operation] of operations(document)) {
      const signedIn = JSON.stringify(operation.security) === JSON.stringify([{ bearer: [] }])
      expect(signedIn || JSON.stringify(operation.security) === '[{}]', name).toBe(true)
      if (signedIn) expect(operation.responses['401'], name).toBeDefined()
      const [method, path] = name.split(' ') as [string, string]
      if (method !== 'GET' && method !== 'DELETE') continue
      // Without a token: a route that needs one says 401, a public one never does.
      const url = path
        .replace('/outbox/{id}/', '/outbox/1/')
        .replace('{id}', '7b0a4a5e-0000-4000-8000-000000000000')
        .replace('{n}', '0')
      // A body is checked before the session (DELETE /me takes the password, DELETE /me/mfa
      // a code too): send a fitting one.
      const password = 'Ein-Passwort-zum-Pruefen'
      const body = path.endsWith('/mfa') ? { password, code: '123456' } : { password }
      const answer = operation.requestBody
        ? await backend.json(method, url, body)
        : await backend.json(method, url)
      expect(answer.statusCode === 401, name).toBe(signedIn)
    }
  })

  it('names its server, audience and environment, its contact and every tag it uses', async () => {
    backend = await createTestBackend({ demo: false })
    const production = await documentOf(backend)
    expect(production.servers).toEqual([
      { url: '/', description: expect.stringMatching(/production/), 'x-internal': false },
    ])
    expect(production.info.contact.email).toBe('ksc@mini.at')
    const used = new Set(operations(production).flatMap(([, o]) => o.tags))
    expect(production.tags.map((t) => t.name).sort()).toEqual([...used].sort())
    expect(production.tags.every((t) => t.description)).toBe(true)
    await backend.dispose()
    backend = await createTestBackend()
    const demo = await documentOf(backend)
    expect(demo.servers[0]).toMatchObject({ description: expect.stringMatching(/demo/) })
  })

  it('carries request and response schemas and the shared error format', async () => {
    backend = await createTestBackend()
    const document = await documentOf(backend)
    const clock = document.paths['/api/v1/dev/clock']?.post
    expect(clock?.requestBody?.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
      required: ['advanceSeconds'],
      properties: {
        advanceSeconds: { type: 'integer', format: 'int32', minimum: 1, maximum: 31_536_000 },
      },
    })
    expect(clock?.responses['400']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ApiError',
    })
    expect(clock?.responses['415']).toBeDefined()
    expect(document.components.schemas.ApiError).toMatchObject({ required: ['error'] })
    const support = document.paths['/api/v1/support']?.get
    expect(support?.responses['200']?.content?.['application/json']?.schema).toMatchObject({
      required: ['phone', 'email', 'hours'],
    })
    // Errors a route cannot produce are not listed; those it declares are.
    expect(support?.responses['401']).toBeUndefined()
    expect(support?.responses['400']).toBeUndefined()
    expect(document.paths['/api/v1/me']?.get?.responses['401']).toBeDefined()
    expect(document.paths['/api/v1/sessions']?.post?.responses['423']).toBeDefined()
    const outbox = document.paths['/api/v1/dev/outbox']?.get
    expect(outbox?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:to', 'query:kind']),
    )
    // Header parameters too, with their bounds.
    const filing = document.paths['/api/v1/service-requests']?.post
    expect(filing?.parameters).toContainEqual({
      name: 'idempotency-key',
      in: 'header',
      required: false,
      schema: expect.objectContaining({ maxLength: 100 }),
    })
    // A PDF is not JSON: its answers name their media type.
    const content = document.paths['/api/v1/documents/{id}/content']?.get
    expect(Object.keys(content?.responses['200']?.content ?? {})).toEqual(['application/pdf'])
    expect(Object.keys(content?.responses['206']?.content ?? {})).toEqual(['application/pdf'])
  })

  it('leaves the demo routes out when not in demo mode', async () => {
    backend = await createTestBackend({ demo: false })
    const document = await documentOf(backend)
    expect(Object.keys(document.paths)).toContain('/api/v1/support')
    expect(Object.keys(document.paths).filter((p) => p.includes('/dev/'))).toEqual([])
  })
})

/** The documented schema of an answer, with the document's $refs put in place. */
function answerSchema(document: Document, method: string, url: string, status: number): Schema {
  const path = Object.keys(document.paths).find((template) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(url.split('?')[0] ?? ''),
  )
  const response = path
    ? document.paths[path]?.[method.toLowerCase()]?.responses[String(status)]
    : undefined
  const schema = response?.content?.['application/json']?.schema
  if (!schema) throw new Error(`${method} ${url}: no JSON schema documented for ${status}`)
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve)
    if (typeof value !== 'object' || value === null) return value
    const ref = (value as { $ref?: string }).$ref
    if (ref) return resolve(document.components.schemas[ref.replace('#/components/schemas/', '')])
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
  }
  return resolve(schema) as Schema
}

describe('the real answers keep to the documented schemas, bounds included', () => {
  it('validates what a signed-in customer, the public and the demo routes answer', async () => {
    backend = await createTestBackend()
    const b = backend
    const document = await documentOf(b)
    const answers: { name: string; schema: Schema; body: unknown }[] = []
    const call = async (
      method: string,
      url: string,
      body?: unknown,
      auth: Auth = {},
    ): Promise<unknown> => {
      const response = await b.json(method, url, body, auth)
      answers.push({
        name: `${method} ${url} → ${response.statusCode}`,
        schema: answerSchema(document, method, url, response.statusCode),
        body: response.json(),
      })
      return response.json()
    }
    const auth = await signInAnna(b)
    await call('GET', '/api/v1/support')
    const session = (await call('POST', '/api/v1/sessions', ANNA_LOGIN)) as {
      refreshToken: string
    }
    await call('POST', '/api/v1/sessions/refresh', { refreshToken: session.refreshToken })
    await call('GET', '/api/v1/me', undefined, auth)
    const { items: contracts } = (await call('GET', '/api/v1/contracts', undefined, auth)) as {
      items: { id: string }[]
    }
    for (const { id } of contracts) {
      await call('GET', `/api/v1/contracts/${id}`, undefined, auth)
      await call('GET', `/api/v1/contracts/${id}/schedule`, undefined, auth)
      // 200 for the leasing (mileage) and the leasing and balloon (end of term), else 409.
      await call('GET', `/api/v1/contracts/${id}/end-of-term`, undefined, auth)
      const today = new Date(b.clock.now().getTime()).toISOString().slice(0, 10)
      await call('POST', `/api/v1/contracts/${id}/mileage-readings`, { date: today, km: 9 }, auth)
      await call('GET', `/api/v1/contracts/${id}/mileage`, undefined, auth)
    }
    const { items: documents } = (await call(
      'GET',
      '/api/v1/documents?limit=100',
      undefined,
      auth,
    )) as { items: { id: string }[] }
    await call('POST', `/api/v1/documents/${documents[0]?.id}/email`, undefined, auth)
    await call('GET', '/api/v1/service-types', undefined, auth)
    await call('GET', `/api/v1/service-types?contractId=${contracts[0]?.id}`, undefined, auth)
    const filed = (await call(
      'POST',
      '/api/v1/service-requests',
      { type: 'contract_copy', contractId: contracts[0]?.id, details: {} },
      auth,
    )) as { id: string }
    await call('GET', '/api/v1/service-requests', undefined, auth)
    await call('GET', `/api/v1/service-requests/${filed.id}`, undefined, auth)
    await call('GET', '/api/v1/dev/outbox?limit=100')
    await call('GET', '/api/v1/dev/customers')
    await call('POST', '/api/v1/dev/clock', { advanceSeconds: 60 })
    // Error answers: the shared format.
    await call('GET', '/api/v1/me')
    await call('GET', '/api/v1/contracts/00000000-0000-4000-8000-000000000000', undefined, auth)
    await call('POST', '/api/v1/registrations/resend', { email: 'x'.repeat(250) + '@b.at' })
    expect(answers.length).toBeGreaterThan(20)

    // Checked by Fastify's own validator (as request bodies are), strictly: nothing added, nothing coerced.
    const checker = Fastify({
      ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    })
    answers.forEach(({ schema }, i) =>
      checker.post(`/check/${i}`, { schema: { body: schema } }, async () => 'ok'),
    )
    await checker.ready()
    try {
      for (const [i, { name, body }] of answers.entries()) {
        const result = await checker.inject({
          method: 'POST',
          url: `/check/${i}`,
          payload: body as object,
        })
        expect(result.statusCode, `${name}: ${result.body}`).toBe(200)
      }
      // The checker is no pushover: an answer over a documented bound is refused.
      const support = answers.findIndex(({ name }) => name.startsWith('GET /api/v1/support'))
      const tooLong = await checker.inject({
        method: 'POST',
        url: `/check/${support}`,
        payload: { phone: '+43 1', email: 'ksc@mini.at', hours: 'x'.repeat(101) },
      })
      expect(tooLong.statusCode).toBe(400)
    } finally {
      await checker.close()
    }
  })
})
