/**
 * The sweep for dates coming nearer (services/notifications.ts), on the fake
 * clock: an instalment 3 days before its due date (with its e-mail reminder
 * only when wanted), an activation code 7 days before it expires, a payoff
 * quote the day before its validity ends. Each event once, however often the
 * sweep runs. The helpers' clock starts on Sunday 2026-05-17 08:30 UTC.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays, viennaDay } from '../../../src/shared/dates.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { buildPlan } from '../../../src/backend/contracts/plan.ts'
import { runNotificationSweep } from '../../../src/backend/services/notifications.ts'
import { createTestBackend, GOOD_PASSWORD, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA_LOGIN,
  signIn,
  signInAnna,
  registeredCustomer,
  type Auth,
} from '../../helpers/customers.ts'
import { notificationsOfKind, patchPreferences } from './notifications-fixtures.ts'
import { ANNA_LOAN, contractOf, contractRecord, file } from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const DAY = 86_400

/** Moves the clock forward to 10:00 in Vienna (summer time: 08:00 UTC) on `day`. */
function toMorningOf(day: string): void {
  const seconds = (Date.parse(`${day}T08:00:00Z`) - backend.clock.now().getTime()) / 1000
  expect(seconds).toBeGreaterThanOrEqual(0)
  backend.clock.advance(seconds)
}

const sweep = () => runNotificationSweep(backend.app.services)

const reminderEmails = async (to: string) =>
  (await backend.app.services.repos.outbox.list({ to, kind: 'email', limit: 100 })).filter((m) =>
    /^Ihre nächsten? Raten? (ist|sind) bald fällig$/.test(m.subject),
  )

describe('instalment due', () => {
  /** Anna's loan and its first due date at least 5 days after the clock's day. */
  async function annasNextInstalment(auth: Auth) {
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const plan = buildPlan(await contractRecord(backend, loan.id))
    const row = plan.find((r) => r.dueDate >= addDays(viennaDay(backend.clock.now()), 5))
    if (!row) throw new Error('the loan has no instalment left')
    return { loan, row }
  }
  const forDueDate = async (auth: Auth, loanId: string, dueDate: string) =>
    (await notificationsOfKind(backend, auth, 'instalment_due')).filter(
      (n) =>
        n.target?.id === loanId && n.title.de.endsWith(`am ${formatDate(dueDate, 'de')} fällig`),
    )

  it('is recorded 3 days before the due date, not 4, and once however often the sweep runs', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const { loan, row } = await annasNextInstalment(auth)

    toMorningOf(addDays(row.dueDate, -4))
    await sweep()
    auth = await signInAnna(backend)
    expect(await forDueDate(auth, loan.id, row.dueDate)).toEqual([])

    toMorningOf(addDays(row.dueDate, -3))
    await sweep()
    await sweep()
    auth = await signInAnna(backend)
    const [notification, ...more] = await forDueDate(auth, loan.id, row.dueDate)
    expect(more).toEqual([])
    expect(notification).toMatchObject({
      read: false,
      target: { kind: 'contract', id: loan.id },
      title: {
        de: `Ihre Rate von ${formatMoney(row.instalmentCents, 'EUR', 'de')} ist am ${formatDate(row.dueDate, 'de')} fällig`,
        en: `Your instalment of ${formatMoney(row.instalmentCents, 'EUR', 'en')} is due on ${formatDate(row.dueDate, 'en')}`,
      },
    })

    // 2 days before, and on the day: still the one.
    toMorningOf(addDays(row.dueDate, -2))
    await sweep()
    toMorningOf(row.dueDate)
    await sweep()
    auth = await signInAnna(backend)
    expect(await forDueDate(auth, loan.id, row.dueDate)).toHaveLength(1)
    // The customer never wanted e-mail reminders.
    expect(await reminderEmails(ANNA_LOGIN.email)).toEqual([])
  })

  it('is recorded at once when the demo clock is moved past its day (POST /dev/clock)', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const { loan, row } = await annasNextInstalment(auth)
    const seconds =
      (Date.parse(`${addDays(row.dueDate, -3)}T08:00:00Z`) - backend.clock.now().getTime()) / 1000
    const moved = await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: seconds })
    expect(moved.statusCode, moved.body).toBe(200)
    auth = await signInAnna(backend)
    expect(await forDueDate(auth, loan.id, row.dueDate)).toHaveLength(1)
  })

  it('is e-mailed once, without a link, only with preferences.notifications.emailReminders on', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { row } = await annasNextInstalment(auth)
    const patched = await patchPreferences(backend, auth, {
      notifications: { emailReminders: true },
    })
    expect(patched.statusCode, patched.body).toBe(200)
    toMorningOf(addDays(row.dueDate, -4))
    await sweep()
    // Other contracts of Anna's may fall due in between: count this due date's e-mails
    // (one, whether one contract or several fall due that day).
    const about = async () =>
      (await reminderEmails(ANNA_LOGIN.email)).filter((m) =>
        m.text.includes(formatDate(row.dueDate, 'de')),
      )
    expect(await about()).toEqual([])
    toMorningOf(addDays(row.dueDate, -3))
    await sweep()
    await sweep()
    const [email, ...more] = await about()
    expect(more).toEqual([])
    expect(email?.links).toEqual([])
    expect(email?.text).not.toMatch(/:\/\/|token/)
    expect(email?.text).toContain('Guten Tag, Frau Huber,')
  })
})

describe('activation code expiring', () => {
  it('is recorded 7 days before the code expires, for the account not activated yet, with nothing to open', async () => {
    backend = await createTestBackend()
    await registeredCustomer(backend)
    // The letter's code is valid for 30 days from now.
    const expiresAt = backend.clock.now().getTime() + 30 * DAY * 1000
    backend.clock.advance(23 * DAY - 60)
    await sweep()
    const again = () => signIn(backend, 'lukas.g@example.at', GOOD_PASSWORD)
    expect(await notificationsOfKind(backend, await again(), 'activation_code_expiring')).toEqual(
      [],
    )
    backend.clock.advance(120)
    await sweep()
    await sweep()
    let fresh = await again()
    const day = viennaDay(new Date(expiresAt))
    expect(await notificationsOfKind(backend, fresh, 'activation_code_expiring')).toEqual([
      expect.objectContaining({
        target: null,
        read: false,
        title: {
          de: `Ihr Aktivierungscode läuft am ${formatDate(day, 'de')} ab`,
          en: `Your activation code expires on ${formatDate(day, 'en')}`,
        },
      }),
    ])
    // Once activated, the account's list is the customer's: the code is no news any more.
    await activateWithLetter(backend, fresh)
    fresh = await again()
    expect(await notificationsOfKind(backend, fresh, 'activation_code_expiring')).toEqual([])
  })

  it('records nothing for a code already used', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    await activateWithLetter(backend, auth)
    backend.clock.advance(25 * DAY)
    await sweep()
    const rows = await backend.app.services.db.all(
      "SELECT 1 FROM notifications WHERE kind = 'activation_code_expiring'",
    )
    expect(rows).toEqual([])
  })
})

describe('payoff quote expiring', () => {
  it('is recorded the day before the quote’s last valid day, opening the quote', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const payoffDate = addDays(viennaDay(backend.clock.now()), 10)
    const filed = await file(backend, auth, {
      type: 'payoff_quote',
      contractId: loan.id,
      details: { payoffDate },
    })
    expect(filed.documentId).not.toBeNull()
    toMorningOf(addDays(payoffDate, -2))
    await sweep()
    auth = await signInAnna(backend)
    expect(await notificationsOfKind(backend, auth, 'payoff_quote_expiring')).toEqual([])
    toMorningOf(addDays(payoffDate, -1))
    await sweep()
    await sweep()
    auth = await signInAnna(backend)
    expect(await notificationsOfKind(backend, auth, 'payoff_quote_expiring')).toEqual([
      expect.objectContaining({
        target: { kind: 'document', id: filed.documentId },
        title: {
          de: `Ihr Ablöseangebot ist nur noch bis ${formatDate(payoffDate, 'de')} gültig`,
          en: `Your payoff quote is valid only until ${formatDate(payoffDate, 'en')}`,
        },
      }),
    ])
    // After its last day: nothing more.
    toMorningOf(addDays(payoffDate, 1))
    await sweep()
    auth = await signInAnna(backend)
    expect(await notificationsOfKind(backend, auth, 'payoff_quote_expiring')).toHaveLength(1)
  })
})
