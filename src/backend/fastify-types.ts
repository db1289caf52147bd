/** Fastify type additions of this backend; imported by every file that declares routes. */
import type { ServiceContext } from './services/context.ts'

declare module 'fastify' {
  interface FastifyInstance {
    services: ServiceContext
  }
  /** A route's own settings (routes/health.ts). */
  interface FastifyContextConfig {
    /** false: the general rate limits do not count this route (the health probes). */
    rateLimit?: false
  }
  /** OpenAPI's descriptive fields, read by the document generator. */
  interface FastifySchema {
    summary?: string
    tags?: string[]
    security?: Record<string, string[]>[]
    /**
     * The route's own error answers by status, for the OpenAPI document (e.g.
     * `{ 423: 'account_locked' }`); the generic ones follow from the route's shape.
     */
    errors?: Record<number, string>
    /** Answers that are not JSON (a PDF), by status: their media type and what they are. */
    binary?: Record<number, { mediaType: string; description: string }>
  }
}

export {}
