import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATION_FIRST_SWEEP_DELAY_MS,
  NOTIFICATION_SWEEP_INTERVAL_MS,
  runNotificationSweep,
  unreadNotificationCount,
} from '../services/notifications.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/**
 * The customer's notifications (api.md "Notifications"). They need a session,
 * not an activation: before it the account's own ones are listed (its
 * activation code about to expire). Every node sweeps for the dates coming
 * nearer, shortly after start and every NOTIFICATION_SWEEP_INTERVAL_MS; the dedupe key
 * makes each event one notification however many nodes run.
 */
export function registerNotificationRoutes(api: FastifyInstance): void {
  const ctx = api.services
  const sweep = async (): Promise<void> => {
    try {
      await runNotificationSweep(ctx)
    } catch (error) {
      api.log.error(error, 'the notification sweep failed')
    }
  }
  let running: Promise<void> | null = null
  const start = (): void => {
    running ??= sweep().finally(() => {
      running = null
    })
  }
  // The first sweep shortly after start, not during it: a node that starts
  // (migrations, demo seed, the first requests) is busy enough.
  const first = setTimeout(start, NOTIFICATION_FIRST_SWEEP_DELAY_MS)
  first.unref()
  const timer = setInterval(start, NOTIFICATION_SWEEP_INTERVAL_MS)
  timer.unref()
  api.addHook('onClose', async () => {
    clearTimeout(first)
    clearInterval(timer)
    await running
  })

  handle(api, 'GET /notifications', async (request) => {
    const q = request.query
    return listNotifications(ctx, await requirePrincipal(api, request), {
      ...(q.unread !== undefined ? { unread: q.unread === 'true' } : {}),
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      ...(q.limit !== undefined ? { limit: Number(q.limit) } : {}),
    })
  })
  handle(api, 'GET /notifications/unread-count', async (request) =>
    unreadNotificationCount(ctx, await requirePrincipal(api, request)),
  )
  handle(api, 'POST /notifications/read-all', async (request, reply) => {
    await markAllNotificationsRead(ctx, await requirePrincipal(api, request))
    return reply.status(204).send()
  })
  handle(api, 'POST /notifications/{id}/read', async (request, reply) => {
    await markNotificationRead(ctx, await requirePrincipal(api, request), request.params.id)
    return reply.status(204).send()
  })
}
