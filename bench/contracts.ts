/**
 * Contracts: computing a 120-month plan and its APR (done on every request),
 * and the contract calls through inject for the ready demo login (three
 * contracts), beside GET /support as the baseline of a trivial call.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildPlan, effectiveRatePct, type PlanTerms } from '../src/backend/contracts/plan.ts'
import { DEMO_LOGINS } from '../src/backend/demo/seed.ts'
import { createBackend } from '../src/backend/index.ts'
import { createPasswordHasher } from '../src/host/password-hasher.ts'
import { percentile, report } from './stats.ts'

const LONGEST: PlanTerms = {
  product: 'balloon',
  financedAmountCents: 6_500_000,
  nominalRateBp: 549,
  termMonths: 120,
  finalAmountCents: 2_000_000,
  startDate: '2026-01-15',
  paymentDay: 1,
}

function time(runs: number, work: () => unknown): number[] {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    times.push(performance.now() - started)
  }
  return times
}

async function timeCalls(
  runs: number,
  call: () => Promise<{ statusCode: number }>,
): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const response = await call()
    if (response.statusCode !== 200) throw new Error(`answered ${response.statusCode}`)
    times.push(performance.now() - started)
  }
  return times
}

/** Prints plan computation time and contract call latencies. */
export async function benchContracts(): Promise<void> {
  time(200, () => buildPlan(LONGEST))
  const plan = percentile(
    time(2000, () => buildPlan(LONGEST)),
    50,
  )
  const apr = percentile(
    time(500, () => effectiveRatePct(LONGEST)),
    50,
  )
  report('plan of 120 months (p50)', plan, 'ms')
  report('plan + APR of 120 months (p50)', apr, 'ms')

  const dir = mkdtempSync(join(tmpdir(), 'mmf-bench-contracts-'))
  const backend = await createBackend({ dataDir: dir, demo: true, hasher: createPasswordHasher() })
  try {
    const login = Object.values(DEMO_LOGINS)[0]
    if (!login) throw new Error('no demo login')
    const session = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: login,
    })
    const headers = {
      authorization: `Bearer ${session.json<{ accessToken: string }>().accessToken}`,
    }
    const get = (url: string) => () => backend.app.inject({ method: 'GET', url, headers })
    await timeCalls(20, get('/api/v1/support'))
    const support = percentile(await timeCalls(200, get('/api/v1/support')), 50)
    const list = await timeCalls(200, get('/api/v1/contracts'))
    const first = backend.app
      .inject({ method: 'GET', url: '/api/v1/contracts', headers })
      .then((r) => r.json<{ items: { id: string }[] }>().items[0]?.id)
    const id = await first
    if (!id) throw new Error('the demo login has no contracts')
    const detail = await timeCalls(200, get(`/api/v1/contracts/${id}`))
    const schedule = await timeCalls(200, get(`/api/v1/contracts/${id}/schedule`))
    report('GET /contracts, 3 contracts, via inject (p50)', percentile(list, 50), 'ms', support)
    report('GET /contracts/{id} via inject (p50)', percentile(detail, 50), 'ms', support)
    report('GET /contracts/{id}/schedule via inject (p50)', percentile(schedule, 50), 'ms', support)
  } finally {
    await backend.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
