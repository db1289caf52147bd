/** Shared pieces of the service-request tests: demo customers signed in, calls, PDF text. */
import { expect } from 'vitest'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { LightMyRequestResponse } from 'fastify'
import type { ContractDetail } from '../../../src/shared/api/contracts.ts'
import type { ServiceRequestView } from '../../../src/shared/api/service-requests.ts'
import { DEMO_CUSTOMERS, DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import type { ContractRecord } from '../../../src/backend/db/repositories/contracts-repository.ts'
import { GOOD_PASSWORD, registerAndConfirm, type TestBackend } from '../../helpers/backend.ts'

export type Auth = Record<string, string>

export const ANNA = '100482117'
export const LUKAS = '100517903'
export const SOPHIE = '100603258'
export const ELENA = '100825371'
const ANNA_LOGIN = DEMO_LOGINS[ANNA] as { email: string; password: string }

/** Anna Huber's contracts (the ready login): loan, leasing, balloon, all running. */
export const ANNA_LOAN = 'KR-2025-048211'
export const ANNA_LEASING = 'LS-2026-048212'
export const ANNA_BALLOON = 'BF-2025-048213'
/** Sophie Wagner's settled loan and running balloon. */
export const SOPHIE_SETTLED_LOAN = 'KR-2021-060325'
export const SOPHIE_BALLOON = 'BF-2025-060326'

export async function signIn(backend: TestBackend, email: string, password: string): Promise<Auth> {
  const response = await backend.json('POST', '/api/v1/sessions', { email, password })
  expect(response.statusCode, response.body).toBe(201)
  return { authorization: `Bearer ${response.json().accessToken}` }
}

export const anna = (backend: TestBackend): Promise<Auth> =>
  signIn(backend, ANNA_LOGIN.email, ANNA_LOGIN.password)

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
  if (options.activate === false) return auth
  const letter = backend.app.services.repos.outbox.list({ kind: 'letter', limit: 1 })[0]
  const code = /[3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4}/.exec(letter?.text ?? '')?.[0]
  const activated = await backend.json('POST', '/api/v1/me/activation', { code }, auth)
  expect(activated.statusCode, activated.body).toBe(200)
  return auth
}

/** A contract of the signed-in customer by its number, as GET /contracts/{id} shows it. */
export async function contractOf(
  backend: TestBackend,
  auth: Auth,
  number: string,
): Promise<ContractDetail> {
  const list = await backend.json('GET', '/api/v1/contracts', undefined, auth)
  expect(list.statusCode, list.body).toBe(200)
  const found = (list.json().items as { id: string; number: string }[]).find(
    (c) => c.number === number,
  )
  if (!found) throw new Error(`no contract ${number}`)
  return (await backend.json('GET', `/api/v1/contracts/${found.id}`, undefined, auth)).json()
}

/** The stored record of a contract (its terms, for the arithmetic). */
export function contractRecord(backend: TestBackend, publicId: string): ContractRecord {
  const record = backend.app.services.db
    .prepare('SELECT id FROM contracts WHERE public_id = ?')
    .get(publicId) as { id: number } | undefined
  const contract = record ? backend.app.services.repos.contracts.byId(record.id) : null
  if (!contract) throw new Error(`no contract ${publicId}`)
  return contract
}

/** POST /service-requests, with an Idempotency-Key when given. */
export function postRequest(
  backend: TestBackend,
  auth: Auth,
  body: unknown,
  key?: string,
): Promise<LightMyRequestResponse> {
  return backend.json('POST', '/api/v1/service-requests', body, {
    ...auth,
    ...(key !== undefined ? { 'idempotency-key': key } : {}),
  })
}

/** Files a request that must succeed; returns its answer. */
export async function file(
  backend: TestBackend,
  auth: Auth,
  body: unknown,
  key?: string,
): Promise<ServiceRequestView> {
  const response = await postRequest(backend, auth, body, key)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

export async function listRequests(
  backend: TestBackend,
  auth: Auth,
): Promise<ServiceRequestView[]> {
  const response = await backend.json('GET', '/api/v1/service-requests', undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items
}

export async function contentOf(backend: TestBackend, auth: Auth, id: string): Promise<Buffer> {
  const response = await backend.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${id}/content`,
    headers: auth,
  })
  expect(response.statusCode).toBe(200)
  return response.rawPayload
}

const STANDARD_FONTS = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
)

/** Whitespace of any kind (the formats' no-break spaces too) as one space. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** The PDF's text, as a reader (pdf.js) extracts it, whitespace squashed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  })
  const pdf = await task.promise
  const parts: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent()
    for (const item of content.items) if ('str' in item) parts.push(item.str)
  }
  await task.destroy()
  return squash(parts.join(' '))
}

export function expectText(text: string, expected: readonly string[]): void {
  for (const part of expected) expect(text, part).toContain(squash(part))
}
