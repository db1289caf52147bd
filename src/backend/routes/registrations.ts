import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { confirmRegistration, register, resendConfirmation } from '../services/registrations.ts'
import { handle } from './define.ts'

/** Registration and e-mail confirmation. */
export function registerRegistrationRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'POST /registrations', async (request, reply) =>
    reply.status(202).send(await register(ctx, request.body, request.ip)),
  )
  handle(api, 'POST /registrations/resend', async (request, reply) => {
    await resendConfirmation(ctx, request.body.email, request.ip)
    return reply.status(202).send({ status: 'accepted' })
  })
  handle(api, 'POST /registrations/confirm', async (request) =>
    confirmRegistration(ctx, request.body.token),
  )
}
