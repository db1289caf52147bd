/**
 * Route schemas compiled on first use. Fastify compiles every route's schemas
 * while the app gets ready (an ajv validator per request part, a
 * fast-json-stringify serializer per answer status, for some 60 routes), which
 * was a quarter of the standalone server's start. These compiler factories give
 * Fastify stand-ins that compile with Fastify's own compilers (the same
 * libraries, options and code) when a route's first request touches them; the
 * compilers themselves are loaded then too.
 *
 * A schema that does not compile fails its route's first request instead of the
 * start, so `compileAll` compiles every stand-in made so far (the tests call it).
 * Header schemas reach the validator as written, not lower-cased by Fastify
 * (it leaves custom compilers' schemas alone): name headers in lower case.
 */
import { createRequire } from 'node:module'
import type { FastifyServerOptions } from 'fastify'

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>

/** What Fastify passes to a compiler: one schema of one route. */
interface SchemaOfRoute {
  schema: unknown
  method: string
  url: string
}

/** An ajv validate function as Fastify calls it. */
interface Validate {
  (data: unknown, dataContext?: unknown): unknown
  errors?: unknown
  schemaEnv?: unknown
}

type ValidatorCompiler = (route: SchemaOfRoute) => Validate
type ValidatorFactory = (externalSchemas: unknown, options: unknown) => ValidatorCompiler
type Serialize = (data: unknown) => string
type SerializerCompiler = (route: SchemaOfRoute) => Serialize
type SerializerFactory = (externalSchemas: unknown, options: unknown) => SerializerCompiler

/**
 * Fastify's default compiler factory `name`: its own dependency, resolved from its
 * package. One per process, as Fastify keeps it: it pools one ajv per set of options.
 */
const defaults = new Map<string, unknown>()
function fastifyDefault<T>(name: string): T {
  if (!defaults.has(name)) {
    const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'))
    defaults.set(name, (fastifyRequire(name) as () => T)())
  }
  return defaults.get(name) as T
}

export interface LazySchemas {
  /** For Fastify's `schemaController.compilersFactory`. */
  compilersFactory: CompilersFactory
  /** Compiles every schema not compiled yet; throws on the first that does not compile. */
  compileAll(): void
}

/** Compiler factories whose validators and serializers compile on first use. */
export function lazySchemaCompilers(): LazySchemas {
  const waiting = new Set<() => void>()

  /** Runs `compile` once, on first need or from compileAll. */
  function once<T>(compile: () => T): () => T {
    let compiled: { value: T } | null = null
    const get = (): T => {
      if (compiled === null) {
        compiled = { value: compile() }
        waiting.delete(get)
      }
      return compiled.value
    }
    waiting.add(get)
    return get
  }

  const buildValidator: ValidatorFactory = (externalSchemas, options) => {
    const compiler = once(() =>
      fastifyDefault<ValidatorFactory>('@fastify/ajv-compiler')(externalSchemas, options),
    )
    return (route) => {
      const validate = once(() => compiler()(route))
      const standIn: Validate = (data, dataContext) => validate()(data, dataContext)
      // Fastify reads these of an ajv function: `schemaEnv` (then it passes the data's
      // parent, so that defaults can fill in a missing body) before each call,
      // `errors` after one that failed. Reading either compiles.
      Object.defineProperties(standIn, {
        schemaEnv: { get: () => validate().schemaEnv },
        errors: { get: () => validate().errors },
      })
      return standIn
    }
  }

  const buildSerializer: SerializerFactory = (externalSchemas, options) => {
    const compiler = once(() =>
      fastifyDefault<SerializerFactory>('@fastify/fast-json-stringify-compiler')(
        externalSchemas,
        options,
      ),
    )
    return (route) => {
      const serialize = once(() => compiler()(route))
      return (data) => serialize()(data)
    }
  }

  return {
    compilersFactory: {
      // Fastify types these by its compilers' packages, whose types are not ours to import.
      buildValidator: buildValidator as unknown as CompilersFactory['buildValidator'],
      buildSerializer: buildSerializer as unknown as CompilersFactory['buildSerializer'],
    },
    compileAll() {
      // In the order they were made: a factory's compiler before its routes' schemas.
      for (const compile of [...waiting]) compile()
    },
  }
}
