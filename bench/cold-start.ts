/**
 * Cold start of the standalone server: process start to the first 200 on
 * /api/v1/support, against a bare Fastify app with one route (same run, the
 * two alternating, each round in the other order). Measured twice: the first
 * start on an empty data folder (creates the database), and a restart on the
 * database an earlier start left (what a node that restarts does).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverArgs, startProcess, writeBareFastify } from './server-process.ts'
import { percentile, report } from './stats.ts'

const RUNS = 8

async function timeToFirst200(args: string[]): Promise<number> {
  const started = performance.now()
  const running = await startProcess(args)
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${running.port}/api/v1/support`).catch(
      () => null,
    )
    await response?.arrayBuffer()
    if (response?.status === 200) break
    await new Promise((r) => setTimeout(r, 2))
  }
  const elapsed = performance.now() - started
  await running.stop()
  return elapsed
}

/** Runs the cold-start benchmark and prints its figures. */
export async function benchColdStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-bench-cold-'))
  const bare = writeBareFastify(dir)
  const kept = join(dir, 'data-kept')
  const fresh: number[] = []
  const restart: number[] = []
  const base: number[] = []
  try {
    // The database the restarts find (made, like any first start, by the server itself).
    await timeToFirst200(serverArgs(kept))
    for (let i = 0; i < RUNS; i++) {
      const ways = [
        async () => base.push(await timeToFirst200(bare)),
        async () => fresh.push(await timeToFirst200(serverArgs(join(dir, `data-${i}`)))),
        async () => restart.push(await timeToFirst200(serverArgs(kept))),
      ]
      for (const way of i % 2 === 0 ? ways : ways.reverse()) await way()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const bareP50 = percentile(base, 50)
  report('server cold start to first 200, empty data (p50)', percentile(fresh, 50), 'ms', bareP50)
  report('server cold start to first 200, restart (p50)', percentile(restart, 50), 'ms', bareP50)
}

if (process.argv[1] === import.meta.filename) await benchColdStart()
