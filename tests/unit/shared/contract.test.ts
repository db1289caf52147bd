/**
 * The contract (src/shared/api): one table of routes from which the backend
 * registers its routes, the OpenAPI document is generated, the renderer checks
 * the answers and paths are built. These tests hold the promises that makes.
 */
import { Check } from 'typebox/schema'
import { afterEach, describe, expect, it } from 'vitest'
import { answerSchemasOf, methodOf, pathOf, templateOf } from '../../../src/shared/api/contract.ts'
import { appRoutes } from '../../../src/shared/api/gateway.ts'
import { emailSchema } from '../../../src/shared/api/limits.ts'
import { routes } from '../../../src/shared/api/routes.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

describe('a path built from a route’s key', () => {
  it('encodes every parameter, so an id cannot walk to another route', () => {
    expect(pathOf('GET /contracts/{id}', { id: '../me' })).toBe('/contracts/..%2Fme')
    expect(pathOf('GET /documents/{id}/content', { id: 'a b?c#d' })).toBe(
      '/documents/a%20b%3Fc%23d/content',
    )
    expect(pathOf('GET /dev/outbox/{id}/attachments/{n}', { id: 'x', n: 2 })).toBe(
      '/dev/outbox/x/attachments/2',
    )
  })

  it('refuses to build a path with a parameter missing', () => {
    expect(() => pathOf('GET /contracts/{id}', {})).toThrow(/id is missing/)
  })

  it('refuses an empty parameter and the dot segments a URL would resolve to another route', () => {
    // `/documents/../email` would be `/email`: encoding leaves dots as they are.
    expect(new URL(`http://x/api/v1${'/documents/../email'}`).pathname).toBe('/api/v1/email')
    for (const id of ['', '.', '..'])
      expect(() => pathOf('POST /documents/{id}/email', { id }), JSON.stringify(id)).toThrow(
        /cannot be/,
      )
    expect(pathOf('POST /documents/{id}/email', { id: '...' })).toBe('/documents/.../email')
  })
})

describe('the backend serves exactly the contract’s routes', () => {
  it('every route of the contract is in the OpenAPI document, and nothing else is', async () => {
    backend = await createTestBackend({ demo: true })
    const response = await backend.json('GET', '/api/v1/openapi.json')
    const document = response.json<{ paths: Record<string, Record<string, unknown>> }>()
    const served = Object.entries(document.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.slice(7)}`),
      )
      .filter((key) => key !== 'GET /openapi.json')
      .sort()
    expect(served).toEqual(Object.keys(routes).sort())
    expect(served.length).toBeGreaterThan(30)
  })
})

describe('the answers the renderer checks', () => {
  const schemas = answerSchemasOf(appRoutes)

  it('cover every route the app can call, by its statuses', () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(appRoutes).sort())
    for (const [key, spec] of Object.entries(appRoutes))
      expect(Object.keys(schemas[key] ?? {}).sort(), key).toEqual(Object.keys(spec.answers).sort())
    // The renderer never receives the tokens: the gateway's sign-in answer replaces the backend's.
    expect(Object.keys(appRoutes)).not.toContain('POST /sessions/refresh')
    expect(JSON.stringify(schemas['POST /sessions'])).not.toContain('accessToken')
  })

  it('read tolerantly: a property the contract does not name passes, a named one of the wrong shape does not', () => {
    const support = schemas['GET /support']?.['200']
    expect(support).toBeTruthy()
    const contacts = { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8–17' }
    expect(Check(support as object, contacts)).toBe(true)
    expect(Check(support as object, { ...contacts, chat: 'https://chat.mini.at' })).toBe(true)
    expect(Check(support as object, { ...contacts, email: 'not an address' })).toBe(false)
    expect(Check(support as object, { phone: contacts.phone, hours: contacts.hours })).toBe(false)
    expect(Check(support as object, { ...contacts, phone: 'x'.repeat(31) })).toBe(false)
  })

  it('leave binary answers (a PDF) and answers without content unchecked', () => {
    expect(schemas['GET /documents/{id}/content']?.['200']).toBeNull()
    expect(schemas['DELETE /sessions/current']).toBeDefined()
    const key = 'GET /documents/{id}/content'
    expect(methodOf(key)).toBe('GET')
    expect(templateOf(key)).toBe('/documents/{id}/content')
  })
})

describe('e-mail addresses', () => {
  const registration = routes['POST /registrations'].body.properties.email

  it('every address registration accepts, an answer may carry (international ones too)', () => {
    for (const email of [
      'anna.huber@example.at',
      'max@müller.at',
      'jörg@gmx.at',
      'a.b+c@x.co.at',
    ]) {
      expect(Check(registration, email), email).toBe(true)
      expect(Check(emailSchema, email), email).toBe(true)
    }
    for (const email of ['anna.huber', 'a b@x.at', '@x.at', 'a@x']) {
      expect(Check(registration, email), email).toBe(false)
      expect(Check(emailSchema, email), email).toBe(false)
    }
  })
})
