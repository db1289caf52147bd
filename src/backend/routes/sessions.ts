import '../fastify-types.ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  changePasswordSchema,
  emailOnlyRequestSchema,
  passwordResetConfirmSchema,
  refreshRequestSchema,
  sessionRequestSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from '../../shared/api/auth.ts'
import { emailSchema, instantSchema } from '../../shared/api/limits.ts'
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
import { emptySchema, statusSchema } from './schemas.ts'

const bearer = [{ bearer: [] }]

/** The signed-in caller, or 401 unauthenticated. */
export function requirePrincipal(api: FastifyInstance, request: FastifyRequest): Principal {
  const principal = authenticate(api.services, request.headers.authorization)
  if (!principal) throw new ApiError(401, 'unauthenticated', 'Please sign in.')
  return principal
}

/** Sessions, sign-out, password reset and change. */
export function registerSessionRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.post<{ Body: { email: string; password: string } }>(
    '/sessions',
    {
      schema: {
        summary: 'Sign in',
        tags: ['sessions'],
        body: sessionRequestSchema,
        response: { 201: tokenResponseSchema },
        errors: {
          401: 'invalid_credentials (with attemptsLeft: wrong passwords left before the lock)',
          403: 'email_not_confirmed (only with the right password)',
          423: 'account_locked',
          429: 'rate_limited (Retry-After)',
        },
      },
    },
    async (request, reply) => reply.status(201).send(await signIn(ctx, request.body, request.ip)),
  )
  api.post<{ Body: { refreshToken: string } }>(
    '/sessions/refresh',
    {
      schema: {
        summary: 'Rotate the tokens (a used refresh token revokes its family)',
        tags: ['sessions'],
        body: refreshRequestSchema,
        response: { 200: tokenResponseSchema },
        errors: { 401: 'session_revoked' },
      },
    },
    async (request) => refresh(ctx, request.body.refreshToken),
  )
  api.delete(
    '/sessions/current',
    {
      schema: {
        summary: 'Sign out: the session family is revoked',
        tags: ['sessions'],
        security: bearer,
        response: { 204: emptySchema },
      },
    },
    async (request, reply) => {
      signOut(ctx, requirePrincipal(api, request))
      return reply.status(204).send()
    },
  )
  api.post<{ Body: { email: string } }>(
    '/password-resets',
    {
      schema: {
        summary: 'Request a new password (always 202)',
        tags: ['passwords'],
        body: emailOnlyRequestSchema,
        response: { 202: statusSchema(['accepted']) },
        errors: { 429: 'rate_limited (Retry-After)' },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body.email, request.ip)
      return reply.status(202).send({ status: 'accepted' })
    },
  )
  api.post<{ Body: { token: string } }>(
    '/password-resets/check',
    {
      schema: {
        summary:
          'Check a reset link when its page opens (read-only: never uses it up or extends it)',
        tags: ['passwords'],
        body: tokenRequestSchema,
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'email', 'expiresAt'],
            properties: {
              status: { type: 'string', enum: ['valid'] },
              email: emailSchema,
              expiresAt: instantSchema,
            },
          },
        },
        errors: {
          400: 'link_invalid (unknown, malformed or used)',
          410: 'link_expired (with email: the address the link was sent to)',
        },
      },
    },
    async (request) => checkPasswordReset(ctx, request.body.token),
  )
  api.post<{ Body: { token: string; newPassword: string } }>(
    '/password-resets/confirm',
    {
      schema: {
        summary: 'Set a new password with the reset link’s token',
        tags: ['passwords'],
        body: passwordResetConfirmSchema,
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'email'],
            properties: {
              status: { type: 'string', enum: ['password_changed'] },
              email: emailSchema,
            },
          },
        },
        errors: {
          400: 'link_invalid (unknown, malformed or used), validation_failed (newPassword: too_short, too_common, same_as_current …)',
          410: 'link_expired (with email)',
          429: 'rate_limited: more than 10 new passwords compared with the current one for this link',
        },
      },
    },
    async (request) => confirmPasswordReset(ctx, request.body.token, request.body.newPassword),
  )
  api.put<{ Body: { currentPassword: string; newPassword: string } }>(
    '/me/password',
    {
      schema: {
        summary: 'Change the password',
        tags: ['passwords'],
        security: bearer,
        body: changePasswordSchema,
        response: { 204: emptySchema },
        errors: {
          400: 'validation_failed (newPassword: too_short, too_common, same_as_current …)',
          403: 'invalid_credentials (with attemptsLeft)',
          423: 'account_locked (the third wrong password in a row, sign-ins included: every session ends)',
        },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, requirePrincipal(api, request), request.body)
      return reply.status(204).send()
    },
  )
}
