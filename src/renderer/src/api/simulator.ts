/** The repayment simulator (api.md "Lease end, mileage, simulator, payment difficulties"). */
import type { Simulation, SimulationBody } from '../../../shared/api/simulator.ts'
import { call } from './call.ts'

/** POST /contracts/{id}/simulations: what a special repayment would do; files nothing. */
export async function simulate(contractId: string, body: SimulationBody): Promise<Simulation> {
  return call('POST /contracts/{id}/simulations', { params: { id: contractId }, body })
}
