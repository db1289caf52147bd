/**
 * The standalone server on one node and on two, on PostgreSQL, beside one node on
 * node:sqlite (issue 15, point 12): sign-ins per second (argon2id-bound) and the
 * p50/p99 of `GET /api/v1/documents` of the ready login, each through the bundled
 * server (`npm run build` first) on a throwaway PostgreSQL cluster. Requests go to
 * the nodes in turn, as a proxy in front would send them; each sign-in names a
 * client address of its own (X-Forwarded-For through `--trust-proxy`), so that
 * the per-address limit counts them apart as it would count customers.
 *
 * Usage: node bench/server-nodes.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { DEMO_LOGINS } from '../src/backend/demo/seed.ts'
import { startCluster } from '../tests/helpers/postgres-cluster.ts'
import { serverArgs, startProcess, type RunningProcess } from './server-process.ts'
import { percentile } from './stats.ts'

const ANNA = Object.values(DEMO_LOGINS)[0] as { email: string; password: string }
const SIGN_IN_MS = 10_000
const SIGN_IN_WORKERS = 8
const LIST_REQUESTS = 600
const LIST_WORKERS = 4

interface Scenario {
  name: string
  engine: 'sqlite' | 'postgres'
  nodes: number
}

const SCENARIOS: Scenario[] = [
  { name: 'node:sqlite, 1 node', engine: 'sqlite', nodes: 1 },
  { name: 'PostgreSQL, 1 node', engine: 'postgres', nodes: 1 },
  { name: 'PostgreSQL, 2 nodes', engine: 'postgres', nodes: 2 },
]

let nextClient = 0
/** A client address of its own for each request (10.x.y.z). */
function client(): string {
  nextClient++
  return `10.${(nextClient >> 16) & 255}.${(nextClient >> 8) & 255}.${nextClient & 255}`
}

async function signIn(node: RunningProcess): Promise<Response> {
  return fetch(`http://127.0.0.1:${node.port}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client() },
    body: JSON.stringify(ANNA),
  })
}

async function measure(
  scenario: Scenario,
  adminUrl: string,
): Promise<{ signInsPerSecond: number; p50: number; p99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mmf-bench-nodes-'))
  const name = `mmf_bench_${scenario.engine}_${scenario.nodes}_${Date.now()}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  if (scenario.engine === 'postgres') await admin.query(`CREATE DATABASE ${name}`)
  const extra = ['--demo', '--trust-proxy', '127.0.0.1']
  if (scenario.engine === 'postgres') extra.push('--database', url.toString())
  const nodes: RunningProcess[] = []
  try {
    // One after the other: the first seeds the demo data, the next finds it.
    for (let i = 0; i < scenario.nodes; i++) {
      nodes.push(await startProcess(serverArgs(dataDir, extra)))
    }
    const nodeFor = (i: number): RunningProcess => nodes[i % nodes.length] as RunningProcess
    // Warm-up: each node signs in once and lists once.
    for (const node of nodes) await (await signIn(node)).arrayBuffer()

    let signIns = 0
    let turn = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: SIGN_IN_WORKERS }, async () => {
        while (performance.now() - started < SIGN_IN_MS) {
          const answer = await signIn(nodeFor(turn++))
          await answer.arrayBuffer()
          if (answer.status === 201) signIns++
        }
      }),
    )
    const signInsPerSecond = signIns / ((performance.now() - started) / 1000)

    const session = (await (await signIn(nodeFor(0))).json()) as { accessToken: string }
    const headers = { authorization: `Bearer ${session.accessToken}`, 'x-forwarded-for': client() }
    const latencies: number[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: LIST_WORKERS }, async () => {
        for (let i = next++; i < LIST_REQUESTS; i = next++) {
          const t = performance.now()
          const answer = await fetch(
            `http://127.0.0.1:${nodeFor(i).port}/api/v1/documents?limit=20`,
            { headers },
          )
          await answer.arrayBuffer()
          if (answer.status !== 200) throw new Error(`GET /documents answered ${answer.status}`)
          if (i >= 50) latencies.push(performance.now() - t)
        }
      }),
    )
    return {
      signInsPerSecond,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    }
  } finally {
    for (const node of nodes) await node.stop()
    if (scenario.engine === 'postgres') await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function benchServerNodes(): Promise<void> {
  const cluster = await startCluster()
  try {
    console.log(
      `${'scenario'.padEnd(24)} ${'sign-ins/s'.padStart(11)} ${'GET /documents p50'.padStart(19)} ${'p99'.padStart(9)}`,
    )
    for (const scenario of SCENARIOS) {
      const figures = await measure(scenario, cluster.url)
      console.log(
        `${scenario.name.padEnd(24)} ${figures.signInsPerSecond.toFixed(1).padStart(11)} ${`${figures.p50.toFixed(2)} ms`.padStart(19)} ${`${figures.p99.toFixed(2)} ms`.padStart(9)}`,
      )
    }
  } finally {
    cluster.stop()
  }
}

if (import.meta.main) await benchServerNodes()
