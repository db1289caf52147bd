import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import {
  confirmInvitation,
  inviteCoBorrower,
  listContractAccess,
  revokeContractAccess,
} from '../services/co-borrowers.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** Co-borrowers: invitations, joining, and the holder's list of who has access. */
export function registerCoBorrowerRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'POST /contracts/{id}/invitations', async (request, reply) => {
    const principal = await requirePrincipal(api, request)
    return reply
      .status(202)
      .send(await inviteCoBorrower(ctx, principal, request.params.id, request.body))
  })
  handle(
    api,
    'POST /invitations/confirm',
    async (request) =>
      await confirmInvitation(ctx, await requirePrincipal(api, request), request.body),
  )
  handle(api, 'GET /contracts/{id}/access', async (request) => ({
    items: await listContractAccess(ctx, await requirePrincipal(api, request), request.params.id),
  }))
  handle(api, 'DELETE /contracts/{id}/access/{accessId}', async (request, reply) => {
    const principal = await requirePrincipal(api, request)
    await revokeContractAccess(ctx, principal, request.params.id, request.params.accessId)
    return reply.status(204).send()
  })
}
