/** Lease end and mileage (api.md "Lease end, mileage"), the answers checked against the contract. */
import type {
  EndOfTerm,
  Mileage,
  MileageReading,
  MileageReadingBody,
} from '../../../shared/api/lease-end.ts'
import { call } from './call.ts'

/** GET /contracts/{id}/mileage (leasing only; 409 for another product). */
export async function getMileage(id: string): Promise<Mileage> {
  return call('GET /contracts/{id}/mileage', { params: { id } })
}

/** POST /contracts/{id}/mileage-readings: 400 names the field and the reason. */
export async function addMileageReading(
  id: string,
  body: MileageReadingBody,
): Promise<MileageReading> {
  return call('POST /contracts/{id}/mileage-readings', { params: { id }, body })
}

/** GET /contracts/{id}/end-of-term (leasing and balloon). */
export async function getEndOfTerm(id: string): Promise<EndOfTerm> {
  return call('GET /contracts/{id}/end-of-term', { params: { id } })
}
