/**
 * The general rate limits on every request (per client address and per signed-in
 * customer) and the standard headers on every answer (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Policy` names each limit that applied to the request (quota and window),
 * `RateLimit` how much of it is left and for how many seconds. Limits of a route
 * itself (sign-in, e-mails, password confirmations) are announced the same way.
 */
import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { rateLimited } from '../errors.ts'
import type { AnnouncedLimit } from '../services/rate-limiter.ts'
import { principalOf } from './sessions.ts'

/** The general limits' policy names. */
export const CLIENT_POLICY = 'client'
export const CUSTOMER_POLICY = 'customer'

/** The two header values for the limits announced while answering one request. */
export function rateLimitHeaders(limits: readonly AnnouncedLimit[]): {
  'ratelimit-policy': string
  ratelimit: string
} {
  // Policy names are our own bucket names (letters and dashes): a plain sf-string each.
  // Built by hand rather than with map and join: this runs for every answer.
  let policies = ''
  let values = ''
  for (const { policy, limit, decision } of limits) {
    const separator = policies === '' ? '' : ', '
    policies += `${separator}"${policy}";q=${limit.max};w=${limit.windowSeconds}`
    values += `${separator}"${policy}";r=${decision.remaining};t=${decision.resetSeconds}`
  }
  return { 'ratelimit-policy': policies, ratelimit: values }
}

/** Registers the general limits and the headers on the app (every route, and every 404). */
export function registerRateLimits(app: FastifyInstance): void {
  const ctx = app.services
  // Callback style on purpose: the rest of the request runs inside `done`, so the
  // limits a service checks later are collected for this request's answer.
  app.addHook('onRequest', (_request, _reply, done) => ctx.limiter.track(done))
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.rateLimit === false) return
    const { requestsPerClient, requestsPerCustomer } = ctx.config.rateLimits
    const perClient = await ctx.limiter.count(CLIENT_POLICY, request.ip, requestsPerClient)
    if (!perClient.allowed) throw rateLimited(perClient.retryAfterSeconds)
    // Only a valid token counts for a customer; an invalid one is the route's 401 to give.
    const principal = await principalOf(app, request)
    if (!principal) return
    const perCustomer = await ctx.limiter.count(
      CUSTOMER_POLICY,
      String(principal.account.id),
      requestsPerCustomer,
    )
    if (!perCustomer.allowed) throw rateLimited(perCustomer.retryAfterSeconds)
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    const limits = ctx.limiter.announced()
    if (limits.length > 0) reply.headers(rateLimitHeaders(limits))
    done(null, payload)
  })
}
