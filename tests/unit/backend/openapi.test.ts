/** The OpenAPI document is generated from the routes: it must list each of them, with its schemas. */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>
}
type Document = {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
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
  '/api/v1/password-resets/confirm',
  '/api/v1/me',
  '/api/v1/me/password',
  '/api/v1/me/email-change',
  '/api/v1/me/email-change/confirm',
  '/api/v1/me/bank-account',
  '/api/v1/me/activation',
  '/api/v1/me/activation/letters',
  '/api/v1/contracts',
  '/api/v1/contracts/{id}',
  '/api/v1/contracts/{id}/schedule',
  '/api/v1/documents',
  '/api/v1/documents/{id}/content',
  '/api/v1/documents/{id}/read',
  '/api/v1/documents/{id}/email',
  '/api/v1/service-types',
  '/api/v1/service-requests',
  '/api/v1/service-requests/{id}',
  '/api/v1/dev/outbox',
  '/api/v1/dev/outbox/{id}/attachments/{n}',
  '/api/v1/dev/clock',
  '/api/v1/dev/customers',
]

async function documentOf(b: TestBackend): Promise<Document> {
  const response = await b.json('GET', '/api/v1/openapi.json')
  expect(response.statusCode).toBe(200)
  return response.json() as Document
}

describe('GET /api/v1/openapi.json', () => {
  it('lists exactly the routes the app answers, each method with its responses', async () => {
    backend = await createTestBackend()
    const document = await documentOf(backend)
    expect(document.openapi).toBe('3.1.0')
    expect(document.info.title).toBeTruthy()
    const listed = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    )
    const routed = new Set(
      PROBED_PATHS.flatMap((url) =>
        METHODS.filter((method) =>
          backend?.app.hasRoute({ method, url: url.replace(/\{(\w+)\}/g, ':$1') }),
        ).map((method) => `${method} ${url}`),
      ),
    )
    expect([...listed].sort()).toEqual([...routed].sort())
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const success = Object.keys(operation.responses).filter((s) => s.startsWith('2'))
        expect(success, `${method} ${path}`).toHaveLength(1)
        expect(operation.responses['500'], `${method} ${path}`).toBeDefined()
      }
    }
  })

  it('carries request and response schemas and the shared error format', async () => {
    backend = await createTestBackend()
    const document = await documentOf(backend)
    const clock = document.paths['/api/v1/dev/clock']?.post
    expect(clock?.requestBody?.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
      required: ['advanceSeconds'],
      properties: { advanceSeconds: { type: 'integer', minimum: 1, maximum: 31_536_000 } },
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
    const outbox = document.paths['/api/v1/dev/outbox']?.get as unknown as {
      parameters: { name: string; in: string }[]
    }
    expect(outbox.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:to', 'query:kind']),
    )
  })

  it('leaves the demo routes out when not in demo mode', async () => {
    backend = await createTestBackend({ demo: false })
    const document = await documentOf(backend)
    expect(Object.keys(document.paths)).toContain('/api/v1/support')
    expect(Object.keys(document.paths).filter((p) => p.includes('/dev/'))).toEqual([])
  })
})
