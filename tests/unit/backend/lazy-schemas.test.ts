/**
 * Route schemas compiled on first use (src/backend/lazy-schemas.ts): the first
 * request of a route is validated and its answer serialised exactly as when
 * Fastify compiled everything at start, and a schema that does not compile is
 * still found, by compileAll.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { lazySchemaCompilers, type LazySchemas } from '../../../src/backend/lazy-schemas.ts'
import { handle } from '../../../src/backend/routes/define.ts'
import { routes, type ApiRoute } from '../../../src/shared/api/routes.ts'

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A Fastify app with the backend's ajv options and the lazy compilers. */
function lazyApp(schemas: LazySchemas): FastifyInstance {
  return Fastify({
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
    schemaController: { compilersFactory: schemas.compilersFactory },
  })
}

describe('route schemas compiled on first use', () => {
  it('validates a route’s very first request with its schema, defaults filled in', async () => {
    app = lazyApp(lazySchemaCompilers())
    app.post(
      '/greeting',
      {
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: { type: 'string', minLength: 2 }, tone: { default: 'polite' } },
          },
        },
      },
      async (request) => request.body,
    )
    await app.ready()
    const refused = await app.inject({ method: 'POST', url: '/greeting', payload: { name: 'A' } })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({
      message: 'body/name must NOT have fewer than 2 characters',
    })
    const taken = await app.inject({ method: 'POST', url: '/greeting', payload: { name: 'Anna' } })
    expect(taken.json()).toEqual({ name: 'Anna', tone: 'polite' })
  })

  it('reads the query of the first request by its schema, without coercing it', async () => {
    app = lazyApp(lazySchemaCompilers())
    app.get(
      '/items',
      {
        schema: {
          querystring: {
            type: 'object',
            properties: { limit: { type: 'string', pattern: '^[0-9]+$' } },
          },
        },
      },
      async (request) => request.query,
    )
    await app.ready()
    expect((await app.inject('/items?limit=ten')).statusCode).toBe(400)
    expect((await app.inject('/items?limit=10')).json()).toEqual({ limit: '10' })
  })

  it('compiles every schema of the contract’s routes with compileAll', async () => {
    const schemas = lazySchemaCompilers()
    app = lazyApp(schemas)
    for (const key of Object.keys(routes) as ApiRoute[]) {
      handle(app, key, async (_request, reply) => reply.send())
    }
    await app.ready()
    expect(() => schemas.compileAll()).not.toThrow()
  })

  it('finds a schema that does not compile with compileAll, though the start no longer does', async () => {
    const schemas = lazySchemaCompilers()
    app = lazyApp(schemas)
    app.post('/broken', { schema: { body: { type: 'text' } } }, async () => null)
    await app.ready()
    expect(() => schemas.compileAll()).toThrow(/type/)
  })
})
