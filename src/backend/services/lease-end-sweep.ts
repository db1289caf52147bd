/**
 * The end-of-term milestones as notifications (api.md "Lease end, mileage"):
 * 180, 90 and 45 days before a leasing or balloon contract ends, one
 * `lease_end_approaching` each (dedupe key per contract and milestone). When
 * the sweep first sees a contract past several milestones, it records only the
 * latest one: three notifications of the same end at once would say nothing more.
 */
import { formatDate } from '../../shared/format.ts'
import type { ServiceContext } from './context.ts'
import { endDateOf, milestonesOf } from './lease-end.ts'
import { both, record } from './notifications.ts'

/** Records the milestones reached by `today` (Vienna); returns how many this call recorded. */
export async function sweepEndOfTerm(ctx: ServiceContext, today: string): Promise<number> {
  let recorded = 0
  for (const account of await ctx.repos.accounts.activated()) {
    const customerId = account.customerId
    if (customerId === null) continue
    for (const contract of await ctx.repos.contracts.listByCustomer(customerId)) {
      if (contract.product === 'loan') continue
      const endDate = endDateOf(contract)
      if (endDate < today) continue
      const reached = milestonesOf(endDate).filter((m) => m.date <= today)
      const milestone = reached.at(-1)
      if (!milestone) continue
      const fresh = await record(ctx, {
        owner: { customerId },
        kind: 'lease_end_approaching',
        title: both((locale) =>
          locale === 'de'
            ? `Ihr Vertrag ${contract.number} endet am ${formatDate(endDate, locale)}: Zeit, das Vertragsende zu planen`
            : `Your contract ${contract.number} ends on ${formatDate(endDate, locale)}: time to plan its end of term`,
        ),
        target: { kind: 'contract', id: contract.publicId },
        dedupeKey: `lease_end_approaching:${contract.publicId}:${milestone.kind}`,
      })
      if (fresh) recorded++
    }
  }
  return recorded
}
