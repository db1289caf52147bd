import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import {
  completeSignIn,
  confirmEnrolment,
  disableMfa,
  mfaStatus,
  renewRecoveryCodes,
  startEnrolment,
} from '../services/mfa.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** The second factor: enrolment, turning it off, recovery codes, the sign-in's code step. */
export function registerMfaRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'GET /me/mfa', async (request) =>
    mfaStatus(ctx, await requirePrincipal(api, request)),
  )
  handle(api, 'POST /me/mfa/totp', async (request, reply) =>
    reply
      .status(201)
      .send(await startEnrolment(ctx, await requirePrincipal(api, request), request.body.password)),
  )
  handle(api, 'POST /me/mfa/totp/confirm', async (request) =>
    confirmEnrolment(ctx, await requirePrincipal(api, request), request.body),
  )
  handle(api, 'DELETE /me/mfa', async (request, reply) => {
    await disableMfa(ctx, await requirePrincipal(api, request), request.body)
    return reply.status(204).send()
  })
  handle(api, 'POST /me/mfa/recovery-codes', async (request) =>
    renewRecoveryCodes(ctx, await requirePrincipal(api, request), request.body),
  )
  handle(api, 'POST /sessions/mfa', async (request, reply) =>
    reply.status(201).send(await completeSignIn(ctx, request.body, request.ip)),
  )
}
