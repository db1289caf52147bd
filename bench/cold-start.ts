/**
 * Cold start of the standalone server: process start to the first 200 on
 * /api/v1/support, against a bare Fastify app with one route (same run).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { percentile, report } from './stats.ts'

const root = join(import.meta.dirname, '..')
const RUNS = 7

async function timeToFirst200(args: string[]): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /127\.0\.0\.1:(\d+)/.exec(out)
      if (match?.[1]) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
  })
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/support`).catch(() => null)
    if (response?.status === 200) break
    await new Promise((r) => setTimeout(r, 2))
  }
  const elapsed = performance.now() - started
  child.stdout.resume()
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
  return elapsed
}

/** Runs the cold-start benchmark and prints its figures. */
export async function benchColdStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-bench-cold-'))
  const bare = join(dir, 'bare.mjs')
  writeFileSync(
    bare,
    `import Fastify from ${JSON.stringify(join(root, 'node_modules/fastify/fastify.js'))}
const app = Fastify()
app.get('/api/v1/support', async () => ({ phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: '' }))
await app.listen({ port: 0, host: '127.0.0.1' })
console.log('on http://127.0.0.1:' + app.server.address().port + '/')
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
`,
  )
  const ours: number[] = []
  const base: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      base.push(await timeToFirst200([bare]))
      ours.push(
        await timeToFirst200([
          'out/main/server.js',
          '--port',
          '0',
          '--data',
          join(dir, `data-${i}`),
        ]),
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  report('server cold start to first 200 (p50)', percentile(ours, 50), 'ms', percentile(base, 50))
}
