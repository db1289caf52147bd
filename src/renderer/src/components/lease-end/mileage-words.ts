/**
 * The projection in one sentence: which of the three cases (more than agreed,
 * less than agreed, within the agreement) and its figures, as an i18n key with
 * parameters that the caller formats.
 */
import type { Mileage } from '../../../../shared/api/lease-end.ts'

export type MileageWords =
  | { key: 'leaseEnd.mileage.words.none' }
  | { key: 'leaseEnd.mileage.words.excess'; km: number; cents: number }
  | { key: 'leaseEnd.mileage.words.refund'; km: number; cents: number }
  | { key: 'leaseEnd.mileage.words.refundCapped'; km: number; cents: number; capKm: number }
  | { key: 'leaseEnd.mileage.words.within'; km: number; allowanceKm: number }

/** The sentence that says where the kilometres are heading. */
export function mileageWords(m: Mileage): MileageWords {
  const p = m.projection
  if (!p) return { key: 'leaseEnd.mileage.words.none' }
  if (p.excessKm > 0)
    return { key: 'leaseEnd.mileage.words.excess', km: p.excessKm, cents: p.estimatedChargeCents }
  if (p.unusedKm > m.unusedKmRefundCapKm)
    return {
      key: 'leaseEnd.mileage.words.refundCapped',
      km: p.unusedKm,
      cents: p.estimatedRefundCents,
      capKm: m.unusedKmRefundCapKm,
    }
  if (p.unusedKm > 0)
    return { key: 'leaseEnd.mileage.words.refund', km: p.unusedKm, cents: p.estimatedRefundCents }
  return { key: 'leaseEnd.mileage.words.within', km: p.atEndKm, allowanceKm: m.allowanceTotalKm }
}
