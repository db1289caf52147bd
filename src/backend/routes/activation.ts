import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import {
  activationStateSchema,
  identityCorrectionSchema,
  letterSentSchema,
  type IdentityCorrection,
} from '../../shared/api/activation.ts'
import { activate, requestActivationLetter } from '../services/activation.ts'
import { activationState, correctIdentity } from '../services/identity.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]

/** Activation with the code from the letter, a new letter, the state, and the details' correction. */
export function registerActivationRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.get(
    '/me/activation',
    {
      schema: {
        summary:
          'Where the account stands: letter on its way (with the day it arrives by and the tries left), code locked or expired (a new letter’s day), details not matched, or activated',
        tags: ['activation'],
        security: bearer,
        response: { 200: activationStateSchema },
      },
    },
    async (request) => activationState(ctx, requirePrincipal(api, request).account),
  )
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
          400: 'activation_code_invalid (with attemptsLeft), validation_failed (code: invalid_format)',
          409: 'not_eligible (the customer record is bound to another account already)',
          410: 'activation_code_expired',
          423: 'activation_locked (5 wrong codes; attemptsLeft 0)',
        },
      },
    },
    async (request) => activate(ctx, requirePrincipal(api, request), request.body.code),
  )
  api.post(
    '/me/activation/letters',
    {
      schema: {
        summary:
          'Send a new activation code by post (the old one stops working); answers the day it arrives by',
        tags: ['activation'],
        security: bearer,
        response: { 202: letterSentSchema },
        errors: {
          409: 'not_eligible (activated already, or the details match no customer record)',
          429: 'rate_limited (3 letters in 24 hours; Retry-After)',
        },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await requestActivationLetter(ctx, requirePrincipal(api, request))),
  )
  api.put<{ Body: IdentityCorrection }>(
    '/me/identity',
    {
      schema: {
        summary:
          'Correct customer number, last name and date of birth of an account that matched no customer record; on a match the activation letter goes out. Answers the new state (not_matched alike for a near miss and for no record)',
        tags: ['activation'],
        security: bearer,
        body: identityCorrectionSchema,
        response: { 202: activationStateSchema },
        errors: {
          400: 'validation_failed (customerNumber: required, invalid_format; lastName: required, too_long, invalid_characters; dateOfBirth: invalid_format, out_of_range)',
          409: 'not_eligible (reason already_matched or already_activated)',
          429: 'rate_limited (3 corrections in 24 hours; Retry-After)',
        },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await correctIdentity(ctx, requirePrincipal(api, request), request.body)),
  )
}
