/** Builds an OpenAPI 3.1 document from the routes' JSON schemas (one source of truth). */
import { apiErrorSchema } from '../../shared/api/error.ts'
import type { RouteRecord } from '../app-types.ts'
import type { BackendConfig } from '../config.ts'

type Json = Record<string, unknown>

/** Where the API is served; the paths name it, operation ids leave it out. */
const API_BASE_PATH = '/api/v1'

/** What each tag groups, for the document's tag list. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  meta: 'This document',
  support: 'How customers reach customer service',
  registration: 'Registration and e-mail confirmation',
  sessions: 'Sign-in, token rotation and sign-out',
  passwords: 'Password reset and change',
  activation: 'Identification with the activation code sent by post',
  profile: 'Personal data, sign-in address and bank account',
  contracts: 'Financing agreements and their instalment plans',
  'co-borrowers': 'Sharing a contract with its co-borrower: invitations, access, revocation',
  documents: 'The postbox: the customer’s correspondence as PDF',
  'service-requests': 'Services for a contract and the customer’s requests',
  notifications: 'What is new for the customer: letters, requests’ answers, dates coming nearer',
  demo: 'Demo mode only: the demo mailbox, the demo customers and the demo clock',
  'second factor': 'Two-factor sign-in (TOTP): enrolment, recovery codes, turning it off',
}

const header = (name: string): Json => ({ $ref: `#/components/headers/${name}` })

/** Headers of every answer of every route (the backend's onSend hooks set them). */
const COMMON_HEADERS = {
  'RateLimit-Policy': header('RateLimit-Policy'),
  RateLimit: header('RateLimit'),
  'Access-Control-Allow-Origin': header('Access-Control-Allow-Origin'),
}

const POLICY_ITEM = '"[a-z-]{1,40}";q=[0-9]{1,9};w=[0-9]{1,9}'
const LIMIT_ITEM = '"[a-z-]{1,40}";r=[0-9]{1,9};t=[0-9]{1,9}'

/** The headers' definitions (draft-ietf-httpapi-ratelimit-headers, RFC 9110 Retry-After, CORS). */
function headerComponents(allowedOrigin: string): Json {
  return {
    'RateLimit-Policy': {
      description:
        'The rate limits that applied to this request, as `"<policy>";q=<quota>;w=<window in seconds>`, comma-separated: `client` (every request, per client address) and, with a valid token, `customer` (every request, per customer), then the route’s own (such as `sign-in-client`).',
      required: true,
      schema: {
        type: 'string',
        maxLength: 400,
        pattern: `^${POLICY_ITEM}(, ${POLICY_ITEM}){0,7}$`,
      },
      example: '"client";q=30000;w=3600, "customer";q=15000;w=3600',
    },
    RateLimit: {
      description:
        'For each policy of RateLimit-Policy, in the same order: `"<policy>";r=<requests left>;t=<seconds within which no more than r will succeed>`.',
      required: true,
      schema: { type: 'string', maxLength: 400, pattern: `^${LIMIT_ITEM}(, ${LIMIT_ITEM}){0,7}$` },
      example: '"client";r=29999;t=1800, "customer";r=14999;t=1800',
    },
    'Retry-After': {
      description: 'Seconds until a new attempt may succeed.',
      required: true,
      schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
    },
    'Access-Control-Allow-Origin': {
      description:
        'The one browser origin this API is for: the app’s own renderer. No web page may read the answers.',
      required: true,
      schema: { type: 'string', const: allowedOrigin },
    },
  }
}

/**
 * The error answers of one route: those that follow from its shape (input, body,
 * bearer token, the general rate limits) and those it declares itself in `schema.errors`.
 * Any method but GET may carry a body, read as JSON whether the route wants one or not.
 */
function errorResponses(schema: Json, method: string): Record<string, string> {
  const readsBody = method !== 'GET'
  const errors: Record<string, string> = {}
  const add = (status: number | string, codes: string): void => {
    const key = String(status)
    errors[key] = errors[key] ? `${errors[key]}; ${codes}` : codes
  }
  const declared = (schema.errors ?? {}) as Record<string, string>
  if ((readsBody || schema.querystring || schema.params || schema.headers) && !declared['400']) {
    add(400, 'validation_failed')
  }
  if (isSignedIn(schema)) add(401, 'unauthenticated')
  add(404, 'not_found')
  if (readsBody) {
    add(413, 'payload_too_large')
    add(415, 'unsupported_media_type')
  }
  add(
    429,
    'rate_limited: over the general limit per client address or per customer (RateLimit-Policy names them; Retry-After says when to try again)',
  )
  for (const [status, codes] of Object.entries(declared)) add(status, codes)
  add(500, 'internal_error')
  return errors
}

function isSignedIn(schema: Json): boolean {
  return Array.isArray(schema.security) && schema.security.length > 0
}

/** `GET /api/v1/contracts/{id}/schedule` → `getContractsByIdSchedule`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(API_BASE_PATH, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)
      return param?.[1] ? ['by', param[1]] : segment.split(/[-.]/)
    })
  return (
    method.toLowerCase() +
    words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')
  )
}

/** The query, path and header parameters of a route. */
function parametersOf(schema: Json): Json[] {
  const parameters: Json[] = []
  for (const [where, key] of [
    ['query', 'querystring'],
    ['path', 'params'],
    ['header', 'headers'],
  ] as const) {
    const part = schema[key] as Json | undefined
    const properties = (part?.properties ?? {}) as Record<string, Json>
    const required = (part?.required ?? []) as string[]
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({
        name,
        in: where,
        required: where === 'path' || required.includes(name),
        schema: property,
      })
    }
  }
  return parameters
}

/** The success answers: JSON by the response schemas, others (a PDF) as declared in `binary`. */
function successResponses(schema: Json, method: string): Json {
  const responses: Json = {}
  for (const [status, body] of Object.entries((schema.response ?? {}) as Record<string, Json>)) {
    responses[status] =
      body.type === 'null'
        ? { description: (body.description as string | undefined) ?? 'No content' }
        : { description: 'Success', content: { 'application/json': { schema: body } } }
  }
  const binary = (schema.binary ?? {}) as Record<string, { mediaType: string; description: string }>
  for (const [status, { mediaType, description }] of Object.entries(binary)) {
    responses[status] = { description, content: { [mediaType]: {} } }
  }
  if (Object.keys(responses).length === 0) {
    responses[method === 'DELETE' || method === 'PUT' ? '204' : '200'] = { description: 'Success' }
  }
  return responses
}

/** One operation of a route. */
function operationOf(schema: Json, method: string, path: string): Json {
  const signedIn = isSignedIn(schema)
  const summary = typeof schema.summary === 'string' ? schema.summary : ''
  const operation: Json = {
    operationId: operationIdOf(method, path),
    summary,
    description: `${summary}. ${
      signedIn
        ? 'For signed-in customers: `Authorization: Bearer <accessToken>`.'
        : 'Public: no token needed.'
    }`,
    tags: schema.tags ?? [],
    // Public routes say so explicitly: anonymous access (the empty requirement) is their security.
    security: signedIn ? schema.security : [{}],
  }
  const parameters = parametersOf(schema)
  if (parameters.length) operation.parameters = parameters
  if (schema.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: schema.body } },
    }
  }
  const responses = successResponses(schema, method)
  for (const [status, description] of Object.entries(errorResponses(schema, method))) {
    responses[status] ??= {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    }
  }
  for (const [status, response] of Object.entries(responses) as [string, Json][]) {
    response.headers =
      status === '429'
        ? { ...COMMON_HEADERS, 'Retry-After': header('Retry-After') }
        : COMMON_HEADERS
  }
  operation.responses = responses
  return operation
}

/** The document: one path item per route, its parameters, bodies, answers and their headers. */
export function buildOpenApiDocument(
  routes: readonly RouteRecord[],
  options: {
    config: Pick<BackendConfig, 'demo' | 'support'>
    /** The origin named in Access-Control-Allow-Origin. */
    allowedOrigin: string
  },
): Json {
  const paths: Record<string, Json> = {}
  const tags = new Set<string>()
  for (const route of routes) {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    const schema = (route.schema ?? {}) as Json
    for (const tag of (schema.tags ?? []) as string[]) tags.add(tag)
    for (const method of methods) {
      if (method === 'HEAD') continue
      paths[path] = { ...paths[path], [method.toLowerCase()]: operationOf(schema, method, path) }
    }
  }
  const { demo, support } = options.config
  return {
    openapi: '3.1.0',
    info: {
      title: 'My MINI Finance API',
      version: '1.0.0',
      description: 'The contract between the My MINI Finance app and any backend (docs/api.md).',
      contact: { name: 'My MINI Finance customer service', email: support.email },
    },
    servers: [
      {
        // The paths are absolute (/api/v1/…): the server is wherever this document came from.
        url: '/',
        description: demo
          ? 'Local demo backend (test data: demo customers, demo mailbox, demo clock)'
          : 'This backend (production)',
        // The demo routes are for developers; without them the API is the app's public contract.
        'x-internal': demo,
      },
    ],
    tags: [...tags]
      .sort()
      .map((name) =>
        TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name },
      ),
    paths,
    components: {
      schemas: { ApiError: apiErrorSchema },
      headers: headerComponents(options.allowedOrigin),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The access token of POST /sessions: opaque, valid 10 minutes, renewed with POST /sessions/refresh (a refresh token works once).',
        },
      },
    },
  }
}
