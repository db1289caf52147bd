import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import {
  emailOnlyRequestSchema,
  registrationRequestSchema,
  tokenRequestSchema,
  type RegistrationRequest,
} from '../../shared/api/auth.ts'
import { instantSchema } from '../../shared/api/limits.ts'
import { confirmRegistration, register, resendConfirmation } from '../services/registrations.ts'
import { statusSchema } from './schemas.ts'

/** Registration and e-mail confirmation. */
export function registerRegistrationRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.post<{ Body: RegistrationRequest }>(
    '/registrations',
    {
      schema: {
        summary: 'Register; a confirmation link (24 h) goes to the address',
        tags: ['registration'],
        body: registrationRequestSchema,
        response: {
          202: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'expiresAt'],
            properties: {
              status: { type: 'string', enum: ['confirmation_sent'] },
              expiresAt: instantSchema,
            },
          },
        },
        errors: {
          400: 'validation_failed (password: too_short, too_common, contains_personal_data …; firstName, lastName: invalid_characters, too_long)',
          429: 'rate_limited (Retry-After)',
        },
      },
    },
    async (request, reply) => reply.status(202).send(await register(ctx, request.body, request.ip)),
  )
  api.post<{ Body: { email: string } }>(
    '/registrations/resend',
    {
      schema: {
        summary: 'Send the confirmation e-mail again (always 202)',
        tags: ['registration'],
        body: emailOnlyRequestSchema,
        response: { 202: statusSchema(['accepted']) },
        errors: { 429: 'rate_limited (Retry-After)' },
      },
    },
    async (request, reply) => {
      await resendConfirmation(ctx, request.body.email, request.ip)
      return reply.status(202).send({ status: 'accepted' })
    },
  )
  api.post<{ Body: { token: string } }>(
    '/registrations/confirm',
    {
      schema: {
        summary: 'Confirm the e-mail address with the link’s token',
        tags: ['registration'],
        body: tokenRequestSchema,
        response: { 200: statusSchema(['confirmed', 'already_confirmed']) },
        errors: {
          400: 'link_invalid (unknown, malformed or used)',
          410: 'link_expired (the registration data is gone)',
        },
      },
    },
    async (request) => confirmRegistration(ctx, request.body.token),
  )
}
