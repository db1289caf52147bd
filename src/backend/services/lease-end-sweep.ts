/**
 * The end-of-term milestones as notifications (api.md "Lease end, mileage"):
 * 180, 90 and 45 days before a leasing or balloon contract ends, one
 * `lease_end_approaching` each (dedupe key per contract and milestone). When
 * the sweep first sees a contract past several milestones, it records only the
 * latest one: three notifications of the same end at once would say nothing more.
 */
import { formatDate } from '../../shared/format.ts'
import type { PlanRow } from '../contracts/plan.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { ServiceContext } from './context.ts'
import { milestonesOf } from './lease-end.ts'
import { both, record } from './notifications.ts'

/**
 * Records the latest milestone a leasing or balloon contract (its plan `plan`)
 * has reached by `today` (Vienna), in the instalment sweep's pass over the
 * contracts; true when this call recorded it.
 */
export async function recordEndOfTerm(
  ctx: ServiceContext,
  customerId: number,
  contract: ContractRecord,
  plan: readonly PlanRow[],
  today: string,
): Promise<boolean> {
  if (contract.product === 'loan') return false
  const endDate = plan.at(-1)?.dueDate ?? contract.startDate
  if (endDate < today) return false
  const milestone = milestonesOf(endDate)
    .filter((m) => m.date <= today)
    .at(-1)
  if (!milestone) return false
  return record(ctx, {
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
}
