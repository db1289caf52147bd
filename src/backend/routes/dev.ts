import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import type { AdjustableClock } from '../clock.ts'
import { runNotificationSweep } from '../services/notifications.ts'
import type { AppDeps } from '../app-types.ts'
import { contentDisposition } from '../documents/http-range.ts'
import { ApiError } from '../errors.ts'
import { DEMO_LOGINS } from '../demo/seed.ts'
import { OUTBOX_PAGE_MAX } from '../../shared/api/dev.ts'
import { handle } from './define.ts'

/** Demo mode only: the outbox, the demo customers and the demo clock. */
export async function registerDevRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  const ctx = api.services
  handle(api, 'GET /dev/outbox', async (request) => ({
    items: await ctx.repos.outbox.list({
      ...(request.query.to !== undefined ? { to: request.query.to.trim() } : {}),
      ...(request.query.kind !== undefined ? { kind: request.query.kind } : {}),
      limit: Number(request.query.limit ?? String(OUTBOX_PAGE_MAX)),
    }),
  }))
  handle(api, 'GET /dev/outbox/{id}/attachments/{n}', async (request, reply) => {
    const attachment = await ctx.repos.outbox.attachment(
      Number(request.params.id),
      Number(request.params.n),
    )
    if (!attachment) throw new ApiError(404, 'not_found', 'There is nothing at this address.')
    const { bytes } = attachment
    return reply
      .headers({
        'content-type': attachment.contentType,
        'content-disposition': contentDisposition(attachment.fileName),
      })
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })
  handle(api, 'GET /dev/customers', async () => ({
    items: await Promise.all(
      (await ctx.repos.customers.all()).map(async (c) => ({
        customerNumber: c.customerNumber,
        firstName: c.firstName,
        lastName: c.lastName,
        dateOfBirth: c.dateOfBirth,
        registered: (await ctx.repos.accounts.byCustomerId(c.id)) !== null,
        contracts: (await ctx.repos.contracts.listByCustomer(c.id)).length,
        demoLogin: DEMO_LOGINS[c.customerNumber] ?? null,
      })),
    ),
  }))
  handle(api, 'POST /dev/clock', async (request) => {
    const clock = deps.clock as Partial<AdjustableClock>
    if (typeof clock.advance !== 'function') {
      throw new ApiError(404, 'not_found', 'This backend’s clock cannot be moved.')
    }
    clock.advance(request.body.advanceSeconds)
    // The dates the clock passed are news at once (not only at the next sweep).
    try {
      await runNotificationSweep(api.services)
    } catch (error) {
      request.log.error(error, 'the notification sweep failed')
    }
    return { now: deps.clock.now().toISOString(), offsetSeconds: clock.offsetSeconds ?? 0 }
  })
}
