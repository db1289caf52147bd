/**
 * Lease end and mileage, the security rules (api.md "Lease end, mileage"):
 * another customer's contract is not found, like an unknown id, for every
 * call, and a reading sent for it is not recorded; a session is needed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { viennaDay } from '../../../src/shared/dates.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { demoCustomer, LUKAS, signInAnna, type Auth } from '../../helpers/customers.ts'
import { ANNA_LEASING, contractOf, postRequest } from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const mileage = (auth: Auth, id: string) =>
  backend.json('GET', `/api/v1/contracts/${id}/mileage`, undefined, auth)
const read = (auth: Auth, id: string, body: unknown) =>
  backend.json('POST', `/api/v1/contracts/${id}/mileage-readings`, body, auth)
const endOfTerm = (auth: Auth, id: string) =>
  backend.json('GET', `/api/v1/contracts/${id}/end-of-term`, undefined, auth)
const today = () => viennaDay(backend.clock.now())

async function annasLeasing() {
  const auth = await signInAnna(backend)
  return { auth, leasing: await contractOf(backend, auth, ANNA_LEASING) }
}

describe('lease end and mileage: access', () => {
  it('another customer’s contract is not found, like an unknown one, and gets no reading or request', async () => {
    backend = await createTestBackend()
    const { auth: anna, leasing } = await annasLeasing()
    const lukas = await demoCustomer(backend, LUKAS)
    expect((await mileage(lukas, leasing.id)).statusCode).toBe(404)
    expect((await read(lukas, leasing.id, { date: today(), km: 1 })).statusCode).toBe(404)
    expect((await endOfTerm(lukas, leasing.id)).statusCode).toBe(404)
    expect((await mileage(lukas, crypto.randomUUID())).statusCode).toBe(404)
    const quote = await postRequest(backend, lukas, {
      type: 'purchase_quote',
      contractId: leasing.id,
      details: {},
    })
    expect(quote.statusCode).toBe(404)
    expect((await mileage(anna, leasing.id)).json().readings).toEqual([])
  })

  it('needs a session and an activated account', async () => {
    backend = await createTestBackend()
    const { leasing } = await annasLeasing()
    expect((await mileage({}, leasing.id)).statusCode).toBe(401)
    expect((await read({}, leasing.id, { date: today(), km: 1 })).statusCode).toBe(401)
    expect((await endOfTerm({}, leasing.id)).statusCode).toBe(401)
    const notActivated = await demoCustomer(backend, LUKAS, { activate: false })
    expect((await mileage(notActivated, leasing.id)).statusCode).toBe(403)
  })
})
