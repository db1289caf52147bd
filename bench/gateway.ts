/**
 * One API call through the gateway and inject (what the renderer's request
 * costs in main) against inject alone, and the standalone server under load.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend } from '../src/backend/index.ts'
import { createGateway } from '../src/gateway/gateway.ts'
import { injectUpstream } from '../src/gateway/upstream.ts'
import { createPasswordHasher } from '../src/host/password-hasher.ts'
import { createMemoryVault } from '../src/host/vault/memory-vault.ts'
import { startHttpServer } from '../src/server/http-server.ts'
import { percentile, report } from './stats.ts'

const ITERATIONS = 5000

async function timeEach(iterations: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 200; i++) await fn() // warm-up
  const times: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t = performance.now()
    await fn()
    times.push((performance.now() - t) * 1000)
  }
  return times
}

/** Runs the gateway and load benchmarks and prints their figures. */
export async function benchGateway(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-bench-gw-'))
  const backend = await createBackend({ dataDir: dir, demo: false, hasher: createPasswordHasher() })
  try {
    const gateway = createGateway({
      upstream: injectUpstream(backend.app),
      vault: createMemoryVault(),
      kiosk: false,
    })
    const viaInject = await timeEach(ITERATIONS, async () => {
      const res = await backend.app.inject({ method: 'GET', url: '/api/v1/support' })
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`)
    })
    const viaGateway = await timeEach(ITERATIONS, async () => {
      const res = await gateway.handle(new Request('app://mmf/api/v1/support'))
      if (res.status !== 200) throw new Error(`status ${res.status}`)
      await res.arrayBuffer()
    })
    report(
      'GET /support through gateway + inject (p50)',
      percentile(viaGateway, 50),
      'µs',
      percentile(viaInject, 50),
    )
    report(
      'GET /support through gateway + inject (p99)',
      percentile(viaGateway, 99),
      'µs',
      percentile(viaInject, 99),
    )

    // Load: the standalone server on loopback, bounded to 10 s and 32 connections.
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      handle: (req, res) => backend.app.routing(req, res),
      log: () => undefined,
    })
    const agent = new Agent({ keepAlive: true, maxSockets: 32 })
    const latencies: number[] = []
    const deadline = performance.now() + 10_000
    const worker = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const t = performance.now()
        await new Promise<void>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: server.port, path: '/api/v1/support', agent },
            (res) => {
              res.resume()
              res.on('end', resolve)
            },
          )
          req.on('error', reject)
          req.end()
        })
        latencies.push(performance.now() - t)
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: 32 }, worker))
    const seconds = (performance.now() - started) / 1000
    agent.destroy()
    await server.close()
    report('GET /support under load, 32 connections (p50)', percentile(latencies, 50), 'ms')
    report('GET /support under load, 32 connections (p99)', percentile(latencies, 99), 'ms')
    report('GET /support under load, throughput', latencies.length / seconds, 'req/s')
  } finally {
    await backend.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
