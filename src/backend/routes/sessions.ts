import '../fastify-types.ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import {
  authenticate,
  changePassword,
  checkPasswordReset,
  confirmPasswordReset,
  refresh,
  requestPasswordReset,
  signIn,
  signOut,
  type Principal,
} from '../services/sessions.ts'
import { handle } from './define.ts'

/** Each request's caller, looked up once: the general limits ask first, the route again. */
const principals = new WeakMap<FastifyRequest, Principal | null>()

/** The caller the request's bearer token names, or null (no token, or not a valid one). */
export async function principalOf(
  api: FastifyInstance,
  request: FastifyRequest,
): Promise<Principal | null> {
  // No token, no caller (most requests of a signed-out app): nothing to look up or keep.
  if (request.headers.authorization === undefined) return null
  let principal = principals.get(request)
  if (principal === undefined) {
    principal = await authenticate(api.services, request.headers.authorization)
    principals.set(request, principal)
  }
  return principal
}

/** The signed-in caller, or 401 unauthenticated. */
export async function requirePrincipal(
  api: FastifyInstance,
  request: FastifyRequest,
): Promise<Principal> {
  const principal = await principalOf(api, request)
  if (!principal) throw new ApiError(401, 'unauthenticated', 'Please sign in.')
  return principal
}

/** Sessions, sign-out, password reset and change. */
export function registerSessionRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'POST /sessions', async (request, reply) => {
    const answer = await signIn(ctx, request.body, request.ip)
    // 200 without tokens: the second factor's code step follows (POST /sessions/mfa).
    return reply.status('mfaRequired' in answer ? 200 : 201).send(answer)
  })
  handle(
    api,
    'POST /sessions/refresh',
    async (request) => await refresh(ctx, request.body.refreshToken),
  )
  handle(api, 'DELETE /sessions/current', async (request, reply) => {
    await signOut(ctx, await requirePrincipal(api, request))
    return reply.status(204).send()
  })
  handle(api, 'POST /password-resets', async (request, reply) => {
    await requestPasswordReset(ctx, request.body.email, request.ip)
    return reply.status(202).send({ status: 'accepted' })
  })
  handle(
    api,
    'POST /password-resets/check',
    async (request) => await checkPasswordReset(ctx, request.body.token),
  )
  handle(api, 'POST /password-resets/confirm', async (request) =>
    confirmPasswordReset(ctx, request.body.token, request.body.newPassword),
  )
  handle(api, 'PUT /me/password', async (request, reply) => {
    await changePassword(ctx, await requirePrincipal(api, request), request.body)
    return reply.status(204).send()
  })
}
