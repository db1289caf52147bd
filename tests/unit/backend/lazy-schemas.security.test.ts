/**
 * Answers are written by their route's schema from the very first request on,
 * although the serialisers are compiled on first use (src/backend/lazy-schemas.ts):
 * what the schema does not name never leaves the server.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { lazySchemaCompilers } from '../../../src/backend/lazy-schemas.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let app: FastifyInstance | undefined
let backend: TestBackend | undefined
afterEach(async () => {
  await app?.close()
  await backend?.dispose()
  app = undefined
  backend = undefined
})

describe('answers on a cold start', () => {
  it('leave out what the schema does not name, on the first request and after', async () => {
    app = Fastify({
      schemaController: { compilersFactory: lazySchemaCompilers().compilersFactory },
    })
    const record = { name: 'Anna Berger', passwordHash: '$argon2id$v=19$secret' }
    app.get(
      '/customer',
      {
        schema: {
          response: {
            200: {
              type: 'object',
              additionalProperties: false,
              properties: { name: { type: 'string' } },
            },
          },
        },
      },
      async () => record,
    )
    await app.ready()
    for (let i = 0; i < 2; i++) {
      const answer = await app.inject('/customer')
      expect(answer.json()).toEqual({ name: 'Anna Berger' })
      expect(answer.body).not.toContain('argon2id')
    }
  })

  it('refuse an unknown property in the first request to the backend', async () => {
    backend = await createTestBackend({ demo: false })
    const response = await backend.json('POST', '/api/v1/sessions', {
      email: 'anna@example.at',
      password: 'a long enough password',
      role: 'admin',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error: { code: 'validation_failed', fields: { role: 'unknown_property' } },
    })
  })
})
