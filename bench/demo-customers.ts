/**
 * The demo backend as the document benchmarks need it: the ready demo login
 * (Anna Huber) and the 10,000-letter customer (Katharina Steiner, registered,
 * confirmed and activated through the API like a real customer), bearer headers
 * for inject, and gateways signed in as either of them.
 */
import { BULK_CUSTOMER_NUMBER } from '../src/backend/demo/documents-seed.ts'
import { DEMO_LOGINS } from '../src/backend/demo/seed.ts'
import { createGateway, type Gateway } from '../src/gateway/gateway.ts'
import { injectUpstream } from '../src/gateway/upstream.ts'
import { createMemoryVault } from '../src/host/vault/memory-vault.ts'
import { documentListPath } from '../src/main/downloads/save-all.ts'
import type { FetchLike } from '../src/main/downloads/transfer.ts'
import type { DocumentSummary } from '../src/shared/api/documents.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  type TestBackend,
} from '../tests/helpers/backend.ts'

export interface Login {
  email: string
  password: string
}

export const READY_LOGIN: Login = (() => {
  const login = Object.values(DEMO_LOGINS)[0]
  if (!login) throw new Error('no demo login')
  return login
})()

export const BULK_LOGIN: Login = { email: 'katharina.steiner@example.at', password: GOOD_PASSWORD }

const ACTIVATION_CODE = /: {3}([3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4})/

/** The demo backend (temp folder, fixed clock) with the bulk customer activated; `dispose()` removes it. */
export async function startDemoBackend(): Promise<TestBackend> {
  const backend = await createTestBackend({ bulkDocuments: true })
  try {
    await registerAndConfirm(backend, {
      email: BULK_LOGIN.email,
      password: BULK_LOGIN.password,
      salutation: 'ms',
      firstName: 'Katharina',
      lastName: 'Steiner',
      dateOfBirth: '1988-04-07',
      customerNumber: BULK_CUSTOMER_NUMBER,
    })
    const auth = await bearer(backend, BULK_LOGIN)
    // Confirming the registration posted the activation letter.
    const [letter] = await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 1 })
    const code = ACTIVATION_CODE.exec(letter?.text ?? '')?.[1]
    if (!code) throw new Error('no activation code in the letter')
    const activated = await backend.json('POST', '/api/v1/me/activation', { code }, auth)
    if (activated.statusCode !== 200) throw new Error(`activation answered ${activated.statusCode}`)
    return backend
  } catch (error) {
    await backend.dispose()
    throw error
  }
}

/** Signs in through inject; answers the authorization header. */
export async function bearer(backend: TestBackend, login: Login): Promise<Record<string, string>> {
  const session = await backend.json('POST', '/api/v1/sessions', login)
  if (session.statusCode !== 201) throw new Error(`sign-in answered ${session.statusCode}`)
  return { authorization: `Bearer ${session.json<{ accessToken: string }>().accessToken}` }
}

/** A gateway in front of the embedded backend, signed in like the app does it. */
export async function signedInGateway(backend: TestBackend, login: Login): Promise<Gateway> {
  const gateway = createGateway({
    upstream: injectUpstream(backend.app),
    vault: createMemoryVault(),
    kiosk: false,
    // The backend runs on a fixed clock: the gateway judges token expiry by the same one.
    now: () => backend.clock.now().getTime(),
  })
  const response = await gateway.handle(
    new Request('app://mmf/api/v1/sessions', {
      method: 'POST',
      // The page's own request: the gateway takes changes only from app://mmf.
      headers: { 'content-type': 'application/json', origin: 'app://mmf' },
      body: JSON.stringify({ ...login, staySignedIn: false }),
    }),
  )
  if (response.status !== 201)
    throw new Error(`sign-in via the gateway answered ${response.status}`)
  await response.body?.cancel()
  return gateway
}

/** The newest `count` documents of the signed-in customer, paged as "download all" pages them. */
export async function listDocuments(fetch: FetchLike, count: number): Promise<DocumentSummary[]> {
  const items: DocumentSummary[] = []
  let cursor: string | null = null
  while (items.length < count) {
    const response = await fetch(documentListPath({}, cursor), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(60_000),
    })
    if (response.status !== 200) throw new Error(`GET /documents answered ${response.status}`)
    const page = (await response.json()) as { items: DocumentSummary[]; nextCursor: string | null }
    items.push(...page.items)
    cursor = page.nextCursor
    if (cursor === null) break
  }
  return items.slice(0, count)
}
