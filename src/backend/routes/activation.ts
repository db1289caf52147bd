import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { activate, requestActivationLetter } from '../services/activation.ts'
import { activationState, correctIdentity } from '../services/identity.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** Activation with the code from the letter, a new letter, the state, and the details' correction. */
export function registerActivationRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(
    api,
    'GET /me/activation',
    async (request) => await activationState(ctx, (await requirePrincipal(api, request)).account),
  )
  handle(
    api,
    'POST /me/activation',
    async (request) => await activate(ctx, await requirePrincipal(api, request), request.body.code),
  )
  handle(api, 'POST /me/activation/letters', async (request, reply) =>
    reply
      .status(202)
      .send(await requestActivationLetter(ctx, await requirePrincipal(api, request))),
  )
  handle(api, 'PUT /me/identity', async (request, reply) =>
    reply
      .status(202)
      .send(await correctIdentity(ctx, await requirePrincipal(api, request), request.body)),
  )
}
