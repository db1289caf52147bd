/**
 * Registers a route of the contract (src/shared/api/routes.ts) with its handler:
 * the method, path and schemas come from the contract, so what the backend
 * validates, serialises and documents is what the renderer checks. Fastify
 * validates the parameters, query, body and headers with the schemas and
 * serialises the answers with theirs (nothing the schema does not name leaves).
 */
import '../fastify-types.ts'
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteOptions,
} from 'fastify'
import {
  methodOf,
  templateOf,
  type AnswerOf,
  type BodyOf,
  type HeadersOf,
  type ParamsOf,
  type QueryOf,
  type RouteSpec,
} from '../../shared/api/contract.ts'
import { routes, type ApiRoute, type Routes } from '../../shared/api/routes.ts'

/** The request a route's handler gets, typed by the contract. */
export type ContractRequest<K extends ApiRoute> = FastifyRequest<{
  Params: ParamsOf<Routes[K]>
  Querystring: QueryOf<Routes[K]>
  Body: BodyOf<Routes[K]>
  Headers: HeadersOf<Routes[K]>
}>

/** A handler answers with the contract's answer, or sends it through the reply itself. */
export type ContractHandler<K extends ApiRoute> = (
  request: ContractRequest<K>,
  reply: FastifyReply,
) => Promise<AnswerOf<Routes[K]> | FastifyReply>

const BEARER = [{ bearer: [] }]
/** The answer schema of a status without content (204, 304). */
const EMPTY = { type: 'null', description: 'No content' } as const

/** The Fastify schema of a route of the contract. */
export function fastifySchemaOf(spec: RouteSpec): FastifySchema {
  const response: Record<number, unknown> = {}
  for (const [status, schema] of Object.entries(spec.answers)) {
    // A binary answer (a PDF) is sent as it is; `binary` describes it instead.
    if (spec.binary?.[Number(status)]) continue
    response[Number(status)] = schema ?? EMPTY
  }
  return {
    summary: spec.summary,
    tags: [...spec.tags],
    ...(spec.session ? { security: BEARER } : {}),
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.headers ? { headers: spec.headers } : {}),
    response,
    ...(spec.errors ? { errors: { ...spec.errors } } : {}),
    ...(spec.binary ? { binary: { ...spec.binary } } : {}),
  }
}

/** A route's own hooks (e.g. a preValidation that reads no body as `{}`). */
export type ContractHooks = Pick<RouteOptions, 'onRequest' | 'preValidation' | 'preHandler'>

/** Registers the contract's route `key` (e.g. `GET /contracts/{id}`) with its handler. */
export function handle<K extends ApiRoute>(
  api: FastifyInstance,
  key: K,
  handler: ContractHandler<K>,
  hooks: ContractHooks = {},
): void {
  const spec: RouteSpec = routes[key]
  api.route({
    ...hooks,
    method: methodOf(key),
    url: templateOf(key).replace(/\{(\w+)\}/g, ':$1'),
    schema: fastifySchemaOf(spec),
    handler: handler as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  })
}
