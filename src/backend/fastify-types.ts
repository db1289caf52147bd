/** Fastify type additions of this backend; imported by every file that declares routes. */
import type { ServiceContext } from './services/context.ts'

declare module 'fastify' {
  interface FastifyInstance {
    services: ServiceContext
  }
  /** OpenAPI's descriptive fields, read by the document generator. */
  interface FastifySchema {
    summary?: string
    tags?: string[]
    security?: Record<string, string[]>[]
  }
}

export {}
