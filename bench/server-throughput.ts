/**
 * The standalone server under load: `GET /api/v1/support` on loopback, the
 * server as `npm run build` bundles it (no demo data, a temp data folder) beside
 * a bare Fastify app with one route answering the same JSON. Both run as child
 * processes the whole time; the load comes from a third (bench/load-client.ts:
 * keep-alive connections, one request at a time each). The two are loaded in
 * turns A B B A …, so that the machine's noise hits both alike; throughput is all
 * requests over all the time of a side's runs, p50 and p99 over all its requests.
 *
 * Settings (environment): MMF_BENCH_CONNECTIONS (32), MMF_BENCH_SECONDS per run
 * (5), MMF_BENCH_ROUNDS of A B B A (2).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadResult } from './load-client.ts'
import {
  root,
  serverArgs,
  startProcess,
  writeBareFastify,
  type RunningProcess,
} from './server-process.ts'
import { percentile, report } from './stats.ts'

const CONNECTIONS = Number(process.env.MMF_BENCH_CONNECTIONS ?? 32)
const SECONDS = Number(process.env.MMF_BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.MMF_BENCH_ROUNDS ?? 2)
const PATH = '/api/v1/support'

/** One run of the load client against `port`, its connections from 127.<run>.0.x. */
function load(port: number, run: number, durationMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const args = ['bench/load-client.ts', String(port), PATH, String(CONNECTIONS)]
    // A new address range every run: the server's per-address limit never fills up.
    args.push(String(durationMs), `127.${10 + (run % 240)}.${Math.floor(run / 240)}`)
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load client exited ${code}`))
      resolve(JSON.parse(out) as LoadResult)
    })
  })
}

/**
 * The CPU time a process has used so far, in ms (Linux: /proc/<pid>/stat, in ticks of
 * 10 ms); null elsewhere. Less noisy than req/s on a shared machine: what one request
 * costs the server, whatever else runs.
 */
function cpuMs(pid: number | undefined): number | null {
  const file = `/proc/${pid}/stat`
  if (pid === undefined || !existsSync(file)) return null
  // Fields after the command's name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(file, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2)
  const [utime, stime] = fields.split(' ').slice(11, 13).map(Number)
  return ((utime ?? 0) + (stime ?? 0)) * 10
}

interface Side {
  name: string
  process: RunningProcess
  requests: number
  failures: number
  ms: number
  cpuMs: number
  latencies: number[]
}

/** Runs the throughput benchmark and prints its figures. */
export async function benchServerThroughput(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-bench-load-'))
  const sides: Side[] = []
  let run = 0
  try {
    for (const [name, args] of [
      ['bare Fastify', writeBareFastify(dir)],
      ['server', serverArgs(join(dir, 'data'))],
    ] as const) {
      const started = await startProcess(args)
      sides.push({
        name,
        process: started,
        requests: 0,
        failures: 0,
        ms: 0,
        cpuMs: 0,
        latencies: [],
      })
      // Warm-up: the first requests compile and fill caches on either side.
      await load(started.port, run++, 1000)
    }
    const [bare, server] = sides as [Side, Side]
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of [bare, server, server, bare]) {
        const cpuBefore = cpuMs(side.process.child.pid)
        const result = await load(side.process.port, run++, SECONDS * 1000)
        const cpuAfter = cpuMs(side.process.child.pid)
        if (cpuBefore !== null && cpuAfter !== null) side.cpuMs += cpuAfter - cpuBefore
        side.requests += result.requests
        side.failures += result.failures
        side.ms += result.elapsedMs
        for (const latency of result.latenciesMs) side.latencies.push(latency)
      }
    }
  } finally {
    await Promise.all(sides.map((side) => side.process.stop()))
    rmSync(dir, { recursive: true, force: true })
  }
  const [bare, server] = sides as [Side, Side]
  const perSecond = (side: Side): number => side.requests / (side.ms / 1000)
  const label = `GET /support, ${CONNECTIONS} connections`
  report(`${label}: throughput`, perSecond(server), 'req/s', perSecond(bare))
  report(`${label}: p50`, percentile(server.latencies, 50), 'ms', percentile(bare.latencies, 50))
  report(`${label}: p99`, percentile(server.latencies, 99), 'ms', percentile(bare.latencies, 99))
  if (server.cpuMs > 0 && bare.cpuMs > 0) {
    const perRequest = (side: Side): number => (side.cpuMs * 1000) / side.requests
    report(`${label}: server CPU per request`, perRequest(server), 'µs', perRequest(bare))
  }
  for (const side of sides) {
    if (side.failures > 0) console.log(`NOTE: ${side.name}: ${side.failures} answers were not 200`)
  }
}

if (process.argv[1] === import.meta.filename) await benchServerThroughput()
