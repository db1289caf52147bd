/**
 * The HTTP contract's building blocks (docs/api.md). Every route is one entry of
 * a domain's table in src/shared/api/<domain>.ts, keyed `METHOD /path/{param}`:
 * its parameters, query, body and answers as JSON Schema written with TypeBox,
 * whose `Static` types are the TypeScript types of the same shapes. From the
 * tables the backend registers its routes (and validates what comes in and
 * serialises what goes out), the OpenAPI document is generated, the renderer
 * checks every answer, and main builds its download paths. One place per shape.
 *
 * This file has no run-time dependency: the renderer imports it in its first
 * chunk, while the schemas themselves load with the first answer to check.
 */
import type { Static, TSchema } from 'typebox'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Where the API's paths begin: a route's path is below it. */
export const API_BASE_PATH = '/api/v1'

/** A route's key: its method and its path below /api/v1, parameters in braces. */
export type RouteKey = `${Method} /${string}`

/** A status of an answer that is not an error: 2xx, and 304 to a conditional request. */
export type SuccessStatus = 200 | 201 | 202 | 204 | 206 | 304

/** One route of the contract. */
export interface RouteSpec {
  /** One line for the OpenAPI document. */
  summary: string
  tags: readonly string[]
  /** Needs a session: the gateway adds the customer's bearer token. */
  session?: boolean
  params?: TSchema
  query?: TSchema
  body?: TSchema
  /** Request headers the route reads (e.g. Idempotency-Key). */
  headers?: TSchema
  /** The successful answers by status: a schema, or null for no content. */
  answers: Partial<Record<SuccessStatus, TSchema | null>>
  /** The route's own error answers by status, for the OpenAPI document. */
  errors?: Readonly<Record<number, string>>
  /** Answers that are not JSON (a PDF), by status: their media type and what they are. */
  binary?: Readonly<Record<number, { mediaType: string; description: string }>>
}

/** A domain's routes. */
export type RouteTable = Readonly<Record<RouteKey, RouteSpec>>

type StaticOr<S, Else> = S extends TSchema ? Static<S> : Else

/** The path parameters of a route (undefined when it has none). */
export type ParamsOf<R extends RouteSpec> = StaticOr<R['params'], undefined>
/** The query of a route (undefined when it has none). */
export type QueryOf<R extends RouteSpec> = StaticOr<R['query'], undefined>
/** The request body of a route (undefined when it takes none). */
export type BodyOf<R extends RouteSpec> = StaticOr<R['body'], undefined>
/** The request headers a route reads (undefined when none). */
export type HeadersOf<R extends RouteSpec> = StaticOr<R['headers'], undefined>
/** What a route answers when it succeeds (undefined for no content). */
export type AnswerOf<R extends RouteSpec> = {
  [S in keyof R['answers']]: StaticOr<R['answers'][S], undefined>
}[keyof R['answers']]

/** The method of a route's key. */
export function methodOf(key: RouteKey): Method {
  return key.slice(0, key.indexOf(' ')) as Method
}

/** The path template of a route's key, e.g. `/documents/{id}/content`. */
export function templateOf(key: RouteKey): string {
  return key.slice(key.indexOf(' ') + 1)
}

/**
 * The path of a route below /api/v1 with its parameters filled in, each one
 * URL-encoded: `pathOf('GET /contracts/{id}', { id })`. Throws on a missing one,
 * and on an empty one, `.` or `..`, which encoding leaves as they are and a URL
 * would resolve to another route (`/documents/../email`).
 */
export function pathOf(key: RouteKey, params?: Readonly<Record<string, string | number>>): string {
  return templateOf(key).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined) throw new TypeError(`${key}: the parameter ${name} is missing`)
    const text = String(value)
    if (text === '' || text === '.' || text === '..') {
      throw new TypeError(`${key}: the parameter ${name} cannot be "${text}"`)
    }
    return encodeURIComponent(text)
  })
}

/** What the renderer checks an answer against: by route, by status, a schema or null (no content). */
export type AnswerSchemas = Readonly<Record<string, Readonly<Record<string, object | null>>>>

/**
 * The answers of `table` as plain JSON Schema, read tolerantly: without
 * `additionalProperties: false` at any depth, so that properties the schema does
 * not name are allowed (a newer backend may add some) while every named one is
 * checked. Binary answers (a PDF) are not checked: they are not JSON.
 */
export function answerSchemasOf(table: RouteTable): AnswerSchemas {
  const open = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(open)
    if (typeof schema !== 'object' || schema === null) return schema
    const copy: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(schema)) {
      if (name === 'additionalProperties' && value === false) continue
      copy[name] = name === 'enum' || name === 'const' ? value : open(value)
    }
    return copy
  }
  const result: Record<string, Record<string, object | null>> = {}
  for (const [key, spec] of Object.entries(table)) {
    const answers: Record<string, object | null> = {}
    for (const [status, schema] of Object.entries(spec.answers)) {
      answers[status] = spec.binary?.[Number(status)] || !schema ? null : (open(schema) as object)
    }
    result[key] = answers
  }
  return result
}
