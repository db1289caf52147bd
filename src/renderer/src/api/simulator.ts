/** The repayment simulator and the payment deferral preview (api.md "Lease end, mileage, simulator, payment difficulties"). */
import type {
  DeferralPreview,
  DeferralPreviewBody,
  Simulation,
  SimulationBody,
} from '../../../shared/api/simulator.ts'
import { call } from './call.ts'

/** POST /contracts/{id}/simulations: what a special repayment would do; files nothing. */
export async function simulate(contractId: string, body: SimulationBody): Promise<Simulation> {
  return call('POST /contracts/{id}/simulations', { params: { id: contractId }, body })
}

/** POST /contracts/{id}/deferral-preview: the plan after a payment deferral; files nothing. */
export async function previewDeferral(
  contractId: string,
  body: DeferralPreviewBody,
): Promise<DeferralPreview> {
  return call('POST /contracts/{id}/deferral-preview', { params: { id: contractId }, body })
}
