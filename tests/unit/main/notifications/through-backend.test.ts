/**
 * The desktop notifications' whole way on Node (issue 16, point 4): the poller
 * asks the real backend (the embedded one, on a temp database) through the real
 * gateway with a kept session, as main wires them; only the system notification
 * is recorded instead of shown, and the wake-up stands in for the 15 minutes.
 * It runs once the backend registers the notification routes (issue 16, points 1
 * and 2, built in parallel); until then it is skipped and says so.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway } from '../../../../src/gateway/gateway.ts'
import { injectUpstream } from '../../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../../src/host/vault/memory-vault.ts'
import { insertDocument } from '../../../../src/backend/services/documents.ts'
import { notificationsThroughGateway } from '../../../../src/main/notifications/gateway-calls.ts'
import type { SystemNotice } from '../../../../src/main/notifications/notice.ts'
import { createNotificationPoller } from '../../../../src/main/notifications/poller.ts'
import { watchSessionEnd } from '../../../../src/main/session-end.ts'
import { routes } from '../../../../src/shared/api/routes.ts'
import { viennaDay } from '../../../../src/shared/dates.ts'
import { createTestBackend, type TestBackend } from '../../../helpers/backend.ts'
import { ANNA, ANNA_LOGIN, customerRecord } from '../../../helpers/customers.ts'
import { appRequest } from '../../gateway/support/app-request.ts'

const registered = 'GET /notifications/unread-count' in routes
const NAME = 'a new letter for a kept session shows one notice, opening it; after sign-out nothing'
if (!registered) {
  console.log(`skipped: "${NAME}": the backend does not register the notification routes yet`)
}

let backend: TestBackend | null = null
afterEach(async () => {
  await backend?.dispose()
  backend = null
})

/** Files a letter (an annual statement) in Anna's postbox now; returns its id. */
async function fileLetter(test: TestBackend): Promise<string> {
  const ctx = test.app.services
  const customer = await customerRecord(test, ANNA)
  const [contract] = await ctx.repos.contracts.listByCustomer(customer.id)
  const now = ctx.clock.now()
  return insertDocument(ctx, {
    customer,
    contract: contract ?? null,
    params: { kind: 'annual_statement', year: 2025 },
    date: viennaDay(now),
    filedAt: now,
  })
}

/** Lets the calls through gateway and backend finish (real I/O on the temp database). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 200))

describe('desktop notifications through the gateway and the backend', () => {
  it.skipIf(!registered)(NAME, async () => {
    const test = await createTestBackend()
    backend = test
    const shown: SystemNotice[] = []
    let poller: ReturnType<typeof createNotificationPoller> | null = null
    const raw = createGateway({
      upstream: injectUpstream(backend.app),
      vault: { ...createMemoryVault(), kind: 'os' },
      kiosk: false,
      // The tokens' expiry is the backend's time (its fixed clock), not the machine's.
      now: () => test.clock.now().getTime(),
    })
    // As main wires it: the session-end watch starts and stops the poller.
    const gateway = watchSessionEnd(raw, {
      onEnded: () => poller?.sessionEnded(),
      onStarted: () => poller?.sessionStarted(),
      onRestored: () => poller?.sessionStarted(),
    })
    poller = createNotificationPoller({
      kiosk: false,
      keptSession: () => gateway.keptSession,
      gateway: notificationsThroughGateway(gateway),
      notify: (notice) => {
        shown.push(notice)
        return 'shown'
      },
      fallback: { told: () => false, tell: async () => undefined },
    })
    const signIn = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions', {
        method: 'POST',
        body: JSON.stringify({ ...ANNA_LOGIN, staySignedIn: true }),
      }),
    )
    expect(signIn.status).toBe(201)
    expect(poller.running).toBe(true)
    await settled()

    const letter = await fileLetter(test)
    poller.resumed()
    await settled()
    expect(shown).toEqual([
      {
        title: 'My MINI Finance',
        body: 'Neues Dokument in Ihrem Postfach',
        route: `/postbox?open=${letter}`,
      },
    ])
    // Asked again without news: still one.
    poller.resumed()
    await settled()
    expect(shown).toHaveLength(1)

    const signOut = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions/current', { method: 'DELETE' }),
    )
    expect(signOut.status).toBe(204)
    expect(poller.running).toBe(false)
    await fileLetter(test)
    poller.resumed()
    await settled()
    expect(shown).toHaveLength(1)
  })
})
