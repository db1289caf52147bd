/** Demo customers signed in through the API (registered, confirmed, activated), for tests through inject. */
import { expect } from 'vitest'
import type { CustomerRecord } from '../../src/backend/db/repositories/customers-repository.ts'
import { DEMO_CUSTOMERS, DEMO_LOGINS } from '../../src/backend/demo/seed.ts'
import { GOOD_PASSWORD, registerAndConfirm, type TestBackend } from './backend.ts'

/** The headers of a signed-in customer (a bearer token). */
export type Auth = Record<string, string>

/** Demo customer numbers: Anna Huber (the ready login), Lukas Gruber, Sophie Wagner, Elena Pichler (English). */
export const ANNA = '100482117'
export const LUKAS = '100517903'
/** Lukas Gruber's details as a registration matches them. */
export const LUKAS_DETAILS = {
  customerNumber: LUKAS,
  lastName: 'Gruber',
  dateOfBirth: '1990-07-28',
}
/** Lukas Gruber's customer number with its last two digits swapped: no record has it. */
export const LUKAS_TYPO = '100517930'
export const SOPHIE = '100603258'
export const ELENA = '100825371'

/** Anna Huber's ready-made login (signed up, confirmed and activated by the demo seed). */
export const ANNA_LOGIN = DEMO_LOGINS[ANNA] as { email: string; password: string }

/** Signs in, expecting 201; returns the bearer header. */
export async function signIn(backend: TestBackend, email: string, password: string): Promise<Auth> {
  const response = await backend.json('POST', '/api/v1/sessions', { email, password })
  expect(response.statusCode, response.body).toBe(201)
  return { authorization: `Bearer ${response.json().accessToken}` }
}

/** Registers (Lukas Gruber unless told otherwise), confirms and signs in: not activated yet. */
export async function registeredCustomer(
  backend: TestBackend,
  overrides: Record<string, unknown> = {},
): Promise<Auth> {
  return signIn(backend, await registerAndConfirm(backend, overrides), GOOD_PASSWORD)
}

/** Anna Huber signed in with the demo's login. */
export const signInAnna = (backend: TestBackend): Promise<Auth> =>
  signIn(backend, ANNA_LOGIN.email, ANNA_LOGIN.password)

/** The activation code in the newest letter of the outbox. */
export async function latestLetterCode(backend: TestBackend): Promise<string> {
  const [letter] = await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 1 })
  const code = /[3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4}/.exec(letter?.text ?? '')?.[0]
  if (!code) throw new Error('no code in the letter')
  return code
}

/** Activates the account with the code of the newest letter, expecting 200. */
export async function activateWithLetter(backend: TestBackend, auth: Auth): Promise<void> {
  const code = await latestLetterCode(backend)
  const response = await backend.json('POST', '/api/v1/me/activation', { code }, auth)
  expect(response.statusCode, response.body).toBe(200)
}

/** A demo customer registered, confirmed and signed in; activated unless told otherwise. */
export async function demoCustomer(
  backend: TestBackend,
  customerNumber: string,
  options: { activate?: boolean; email?: string } = {},
): Promise<Auth> {
  const c = DEMO_CUSTOMERS.find((d) => d.customerNumber === customerNumber)
  if (!c) throw new Error(`no demo customer ${customerNumber}`)
  const email = await registerAndConfirm(backend, {
    email: options.email ?? `${c.firstName.toLowerCase()}.${customerNumber}@example.at`,
    salutation: c.salutation,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    customerNumber: c.customerNumber,
    locale: c.locale,
  })
  const auth = await signIn(backend, email, GOOD_PASSWORD)
  if (options.activate !== false) await activateWithLetter(backend, auth)
  return auth
}

/** A customer record by its number, straight from the repository. */
export async function customerRecord(
  backend: TestBackend,
  customerNumber: string,
): Promise<CustomerRecord> {
  const customers = await backend.app.services.repos.customers.all()
  const found = customers.find((c) => c.customerNumber === customerNumber)
  if (!found) throw new Error(`no customer ${customerNumber}`)
  return found
}
