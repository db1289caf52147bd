import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { activate, requestActivationLetter } from '../services/activation.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]

/** Activation with the code from the letter, and a new letter. */
export function registerActivationRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.post<{ Body: { code: string } }>(
    '/me/activation',
    {
      schema: {
        summary:
          'Activate the account with the code from the letter; binds the customer record to the account',
        tags: ['activation'],
        security: bearer,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: { type: 'string', minLength: 1, maxLength: 40 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['activated'],
            properties: { activated: { type: 'boolean', const: true } },
          },
        },
        errors: {
          400: 'activation_code_invalid, validation_failed (code: invalid_format)',
          409: 'not_eligible (the customer record is bound to another account already)',
          410: 'activation_code_expired',
          423: 'activation_locked (5 wrong codes)',
        },
      },
    },
    async (request) => activate(ctx, requirePrincipal(api, request), request.body.code),
  )
  api.post(
    '/me/activation/letters',
    {
      schema: {
        summary: 'Send a new activation code by post (the old one stops working)',
        tags: ['activation'],
        security: bearer,
        response: {
          202: {
            type: 'object',
            additionalProperties: false,
            required: ['status'],
            properties: { status: { type: 'string', enum: ['letter_sent'] } },
          },
        },
      },
    },
    async (request, reply) => {
      await requestActivationLetter(ctx, requirePrincipal(api, request))
      return reply.status(202).send({ status: 'letter_sent' })
    },
  )
}
