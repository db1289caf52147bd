import '../fastify-types.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ProfileAnswer } from '../../shared/api/profile.ts'
import { noneMatch } from '../documents/http-range.ts'
import { deleteAccount } from '../services/account-deletion.ts'
import { changeBankAccount } from '../services/bank-account.ts'
import { confirmEmailChange, requestEmailChange } from '../services/email-change.ts'
import { getProfile, updateProfile, type ProfileState } from '../services/profile.ts'
import type { ServiceContext } from '../services/context.ts'
import type { Principal } from '../services/sessions.ts'
import { handle, type ContractRequest } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** Answers the profile with its ETag. */
function sendProfile(reply: FastifyReply, state: ProfileState): ProfileAnswer {
  reply.header('etag', state.etag)
  return { customer: state.profile }
}

/** A change of the profile under If-Match: answers the changed profile with its new ETag. */
function profileChange<K extends 'PATCH /me' | 'PUT /me/bank-account'>(
  api: FastifyInstance,
  change: (
    ctx: ServiceContext,
    principal: Principal,
    body: ContractRequest<K>['body'],
    ifMatch: string | undefined,
  ) => Promise<ProfileState>,
): (request: ContractRequest<K>, reply: FastifyReply) => Promise<ProfileAnswer> {
  return async (request, reply) =>
    sendProfile(
      reply,
      await change(
        api.services,
        await requirePrincipal(api, request),
        request.body,
        request.headers['if-match'],
      ),
    )
}

/** GET, PATCH and DELETE /me, the e-mail change and the bank account (api.md "Profile"). */
export function registerProfileRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'GET /me', async (request, reply) => {
    const state = await getProfile(ctx, await requirePrincipal(api, request))
    if (noneMatch(request.headers['if-none-match'], state.etag)) {
      return reply.header('etag', state.etag).status(304).send()
    }
    return sendProfile(reply, state)
  })
  handle(api, 'PATCH /me', profileChange(api, updateProfile))
  handle(api, 'DELETE /me', async (request, reply) => {
    await deleteAccount(ctx, await requirePrincipal(api, request), request.body.password)
    return reply.status(204).send()
  })
  handle(api, 'POST /me/email-change', async (request, reply) =>
    reply
      .status(202)
      .send(await requestEmailChange(ctx, await requirePrincipal(api, request), request.body)),
  )
  handle(api, 'POST /me/email-change/confirm', async (request) =>
    confirmEmailChange(ctx, request.body.token),
  )
  handle(api, 'PUT /me/bank-account', profileChange(api, changeBankAccount))
}
