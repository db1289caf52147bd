/**
 * Notifications (api.md "Notifications"): what is new for the customer, as a
 * list with an unread count, and the e-mails that go with it.
 *
 * Each event records its notification in the transaction that makes the event
 * (a letter filed, a request's status changed), so both commit together. The
 * events that are a date coming nearer (an instalment, an activation code's
 * expiry, a payoff quote's validity) are found by a periodic sweep that runs on
 * every node; each event has a dedupe key, and the table's unique index on it
 * records it once however many nodes sweep (INSERT … ON CONFLICT DO NOTHING).
 *
 * Every new letter is announced by e-mail once the account is activated
 * (CJEU C-375/15, BAWAG: a document in an online postbox is provided only once
 * the customer is told; for a paperless customer it is the only way they hear
 * of it, and the others want to know too): the first letter opens a window of 15 minutes with an
 * e-mail due at its end, the letters filed within it join that e-mail, which
 * then says how many there are. It names no title and carries no link.
 */
import { randomUUID } from 'node:crypto'
import type { Locale } from '../../shared/api/auth.ts'
import {
  NOTIFICATIONS_PAGE_DEFAULT,
  NOTIFICATIONS_UNREAD_MAX,
  type LocalizedTitle,
  type Notification,
  type NotificationKind,
  type NotificationListAnswer,
  type NotificationTarget,
} from '../../shared/api/notifications.ts'
import type { ServiceRequestStatus } from '../../shared/api/service-requests.ts'
import { TITLE_MAX_LENGTH } from '../../shared/api/limits.ts'
import { addDays, viennaDay } from '../../shared/dates.ts'
import { formatDate, formatMoney } from '../../shared/format.ts'
import { PAYOFF_MAX_DAYS_AHEAD } from '../../shared/api/service-requests/types.ts'
import type { ContractRecord } from '../contracts/contract-record.ts'
import { buildPlan, type PlanRow } from '../contracts/plan.ts'
import type { Account } from '../db/repositories/accounts-repository.ts'
import type {
  NotificationOwner,
  NotificationRecord,
} from '../db/repositories/notifications-repository.ts'
import { ApiError } from '../errors.ts'
import { renderNotificationEmail } from '../outbox/notification-templates.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, encodeCursor } from './keyset-cursor.ts'
import { recordEndOfTerm } from './lease-end-sweep.ts'
import { displayName } from './registrations.ts'
import type { Principal } from './sessions.ts'

/** How long the e-mail of new letters waits for more: the letters of 15 minutes go in one e-mail. */
export const DOCUMENT_EMAIL_WINDOW_MS = 15 * 60_000
/** An instalment is announced this many days before its due date (Vienna's calendar). */
export const INSTALMENT_DUE_DAYS = 3
/** An activation code is announced this many days before it expires. */
export const ACTIVATION_CODE_EXPIRING_DAYS = 7
/** A payoff quote is announced this many days before the last day it is valid. */
export const PAYOFF_QUOTE_EXPIRING_DAYS = 1
/** How long after its start a node sweeps first. */
export const NOTIFICATION_FIRST_SWEEP_DELAY_MS = 30_000
/** How often each node sweeps for the dates coming nearer. */
export const NOTIFICATION_SWEEP_INTERVAL_MS = 10 * 60_000

const DAY_MS = 86_400_000

/** The owner of the caller's notifications: the customer once activated, the account before. */
export function ownerOf(principal: Principal): NotificationOwner {
  return ownerOfAccount(principal.account)
}

/** The owner of an account's notifications: its customer once activated, the account before. */
export function ownerOfAccount(account: Account): NotificationOwner {
  return account.activatedAt !== null && account.customerId !== null
    ? { customerId: account.customerId }
    : { accountId: account.id }
}

function viewOf(n: NotificationRecord): Notification {
  return {
    id: n.publicId,
    kind: n.kind,
    createdAt: n.createdAt,
    read: n.readAt !== null,
    title: { de: n.titleDe, en: n.titleEn },
    target: n.targetKind && n.targetId ? { kind: n.targetKind, id: n.targetId } : null,
  }
}

/** GET /notifications: newest first, `limit` per page; the cursor is the last item seen. */
export async function listNotifications(
  ctx: ServiceContext,
  principal: Principal,
  query: { unread?: boolean; cursor?: string; limit?: number },
): Promise<NotificationListAnswer> {
  const limit = query.limit ?? NOTIFICATIONS_PAGE_DEFAULT
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const rows = await ctx.repos.notifications.page({
    owner: ownerOf(principal),
    ...(query.unread !== undefined ? { unread: query.unread } : {}),
    ...(after ? { after } : {}),
    limit: limit + 1,
  })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(viewOf),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  }
}

/** GET /notifications/unread-count. */
export async function unreadNotificationCount(
  ctx: ServiceContext,
  principal: Principal,
): Promise<{ count: number }> {
  return {
    count: await ctx.repos.notifications.unreadCount(ownerOf(principal), NOTIFICATIONS_UNREAD_MAX),
  }
}

/** POST /notifications/{id}/read: another customer's answers exactly like a missing one. */
export async function markNotificationRead(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<void> {
  const found = await ctx.repos.notifications.markRead(ownerOf(principal), id, ctx.clock.now())
  if (!found) throw new ApiError(404, 'not_found', 'There is nothing at this address.')
}

/** POST /notifications/read-all. */
export async function markAllNotificationsRead(
  ctx: ServiceContext,
  principal: Principal,
): Promise<void> {
  await ctx.repos.notifications.markAllRead(ownerOf(principal), ctx.clock.now())
}

/** A title cut to the contract's length (a letter's title is short; be safe anyway). */
function fit(title: string): string {
  return title.length <= TITLE_MAX_LENGTH ? title : `${title.slice(0, TITLE_MAX_LENGTH - 1)}…`
}

/** Records one notification unless its event is recorded already: true when this call did. */
export async function record(
  ctx: ServiceContext,
  n: {
    owner: NotificationOwner
    kind: NotificationKind
    title: LocalizedTitle
    target: NotificationTarget | null
    dedupeKey: string
  },
): Promise<boolean> {
  return ctx.repos.notifications.insert({
    publicId: randomUUID(),
    owner: n.owner,
    kind: n.kind,
    titleDe: fit(n.title.de),
    titleEn: fit(n.title.en),
    targetKind: n.target?.kind ?? null,
    targetId: n.target?.id ?? null,
    dedupeKey: n.dedupeKey,
    createdAt: ctx.clock.now().toISOString(),
  })
}

/**
 * A new letter in the customer's postbox (in the transaction that files it):
 * its notification, and for an activated customer its e-mail window.
 */
export async function notifyNewDocument(
  ctx: ServiceContext,
  customerId: number,
  document: { publicId: string; title: LocalizedTitle },
): Promise<void> {
  await record(ctx, {
    owner: { customerId },
    kind: 'document_new',
    title: {
      de: `Neues Dokument: ${document.title.de}`,
      en: `New document: ${document.title.en}`,
    },
    target: { kind: 'document', id: document.publicId },
    dedupeKey: `document_new:${document.publicId}`,
  })
  const account = await ctx.repos.accounts.byCustomerId(customerId)
  if (account?.activatedAt) await announceByEmail(ctx, account, customerId)
}

/**
 * Joins the letter to the customer's open e-mail window, or opens one: an
 * e-mail due in 15 minutes. An e-mail that a sender has taken up is never
 * changed (revise answers false): the letter then opens the next window. Two
 * nodes filing letters at once serialise on the window's row (PostgreSQL
 * retries the transaction that loses), so each window has one e-mail.
 */
async function announceByEmail(
  ctx: ServiceContext,
  account: Account,
  customerId: number,
): Promise<void> {
  const now = ctx.clock.now()
  const render = (count: number) =>
    renderNotificationEmail(
      { kind: 'documents_new', name: displayName(account), count },
      account.locale,
      ctx.config.support,
    )
  const open = await ctx.repos.notifications.openDocumentWindow(customerId, now)
  if (open) {
    const count = open.documents + 1
    if (await ctx.outbox.revise(open.outboxId, render(count))) {
      await ctx.repos.notifications.countDocumentWindow(open.id, count)
      return
    }
  }
  const dueAt = new Date(now.getTime() + DOCUMENT_EMAIL_WINDOW_MS)
  const outboxId = await ctx.outbox.schedule({ to: account.email, ...render(1) }, dueAt)
  await ctx.repos.notifications.insertDocumentWindow({ customerId, outboxId, openedAt: now, dueAt })
}

const STATUS_TITLES: Record<
  Exclude<ServiceRequestStatus, 'received'>,
  (reference: string) => LocalizedTitle
> = {
  in_progress: (reference) => ({
    de: `Ihre Anfrage ${reference} ist in Bearbeitung`,
    en: `Your request ${reference} is in progress`,
  }),
  completed: (reference) => ({
    de: `Ihre Anfrage ${reference} ist erledigt`,
    en: `Your request ${reference} has been completed`,
  }),
  rejected: (reference) => ({
    de: `Ihre Anfrage ${reference} wurde abgelehnt`,
    en: `Your request ${reference} has been rejected`,
  }),
}

/** A service request changed its status (in the transaction that changes it). */
export async function notifyServiceRequestUpdated(
  ctx: ServiceContext,
  request: { customerId: number; publicId: string; reference: string },
  status: Exclude<ServiceRequestStatus, 'received'>,
): Promise<void> {
  await record(ctx, {
    owner: { customerId: request.customerId },
    kind: 'service_request_updated',
    title: STATUS_TITLES[status](request.reference),
    target: { kind: 'service_request', id: request.publicId },
    dedupeKey: `service_request_updated:${request.publicId}:${status}`,
  })
}

/** A title in both languages. */
export const both = (make: (locale: Locale) => string): LocalizedTitle => ({
  de: make('de'),
  en: make('en'),
})

/**
 * Instalments due within INSTALMENT_DUE_DAYS (after today, Vienna): a
 * notification per contract, and when the customer wants them one e-mail
 * reminder per due date (the contracts due that day together); and the
 * end-of-term milestones of the same contracts (lease-end-sweep.ts).
 */
async function sweepInstalments(ctx: ServiceContext, today: string): Promise<number> {
  let recorded = 0
  const until = addDays(today, INSTALMENT_DUE_DAYS)
  for (const account of await ctx.repos.accounts.activated()) {
    const customerId = account.customerId
    if (customerId === null) continue
    const byDate = new Map<string, { contract: ContractRecord; row: PlanRow }[]>()
    for (const contract of await ctx.repos.contracts.listByCustomer(customerId)) {
      const plan = buildPlan(contract)
      // The end-of-term milestones come from the same pass over the same plans.
      if (await recordEndOfTerm(ctx, customerId, contract, plan, today)) recorded++
      for (const row of plan) {
        if (row.dueDate <= today || row.dueDate > until) continue
        byDate.set(row.dueDate, [...(byDate.get(row.dueDate) ?? []), { contract, row }])
      }
    }
    for (const [dueDate, due] of byDate) {
      recorded += await ctx.transaction(async (tx) => {
        let fresh = 0
        for (const { contract, row } of due) {
          const title = both((locale) => {
            const amount = formatMoney(row.instalmentCents, contract.currency, locale)
            const date = formatDate(dueDate, locale)
            return locale === 'de'
              ? `Ihre Rate von ${amount} ist am ${date} fällig`
              : `Your instalment of ${amount} is due on ${date}`
          })
          const inserted = await record(tx, {
            owner: { customerId },
            kind: 'instalment_due',
            title,
            target: { kind: 'contract', id: contract.publicId },
            dedupeKey: `instalment_due:${contract.publicId}:${dueDate}`,
          })
          if (inserted) fresh++
        }
        // The reminder by e-mail goes with the notifications (once) and only when wanted.
        if (fresh > 0 && account.notifyEmailReminders) {
          const email = renderNotificationEmail(
            { kind: 'instalment_due', name: displayName(account), dueDate, contracts: due.length },
            account.locale,
            tx.config.support,
          )
          await tx.outbox.send({ kind: 'email', to: account.email, ...email })
        }
        return fresh
      })
    }
  }
  return recorded
}

/** Activation codes that expire within ACTIVATION_CODE_EXPIRING_DAYS (accounts not activated yet). */
async function sweepActivationCodes(ctx: ServiceContext, now: Date): Promise<number> {
  let recorded = 0
  const until = new Date(now.getTime() + ACTIVATION_CODE_EXPIRING_DAYS * DAY_MS)
  for (const code of await ctx.repos.notifications.codesExpiring(now, until)) {
    const day = viennaDay(new Date(code.expiresAt))
    const fresh = await record(ctx, {
      owner: { accountId: code.accountId },
      kind: 'activation_code_expiring',
      title: both((locale) =>
        locale === 'de'
          ? `Ihr Aktivierungscode läuft am ${formatDate(day, locale)} ab`
          : `Your activation code expires on ${formatDate(day, locale)}`,
      ),
      // It opens the activation screen: nothing of the contract's targets fits.
      target: null,
      dedupeKey: `activation_code_expiring:${code.codeId}`,
    })
    if (fresh) recorded++
  }
  return recorded
}

/** Payoff quotes whose last valid day is within PAYOFF_QUOTE_EXPIRING_DAYS (today included). */
async function sweepPayoffQuotes(ctx: ServiceContext, now: Date, today: string): Promise<number> {
  let recorded = 0
  // A quote is for a day at most PAYOFF_MAX_DAYS_AHEAD after it was filed.
  const since = new Date(now.getTime() - (PAYOFF_MAX_DAYS_AHEAD + 2) * DAY_MS)
  const until = addDays(today, PAYOFF_QUOTE_EXPIRING_DAYS)
  for (const quote of await ctx.repos.notifications.payoffQuotesSince(since)) {
    const { payoffDate } = quote
    if (payoffDate === null || payoffDate < today || payoffDate > until) continue
    const fresh = await record(ctx, {
      owner: { customerId: quote.customerId },
      kind: 'payoff_quote_expiring',
      title: both((locale) =>
        locale === 'de'
          ? `Ihr Ablöseangebot ist nur noch bis ${formatDate(payoffDate, locale)} gültig`
          : `Your payoff quote is valid only until ${formatDate(payoffDate, locale)}`,
      ),
      target: { kind: 'document', id: quote.publicId },
      dedupeKey: `payoff_quote_expiring:${quote.publicId}`,
    })
    if (fresh) recorded++
  }
  return recorded
}

/**
 * Records the notifications of the dates coming nearer, by the backend's clock.
 * Runs on every node (routes/notifications.ts) and any number of times: each
 * event is recorded once. Returns how many this call recorded.
 */
export async function runNotificationSweep(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now()
  const today = viennaDay(now)
  return (
    (await sweepInstalments(ctx, today)) +
    (await sweepActivationCodes(ctx, now)) +
    (await sweepPayoffQuotes(ctx, now, today))
  )
}
