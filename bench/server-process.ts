/**
 * The standalone server and its baseline as child processes, for the server's
 * figures (bench/cold-start.ts, bench/server-throughput.ts): the server as
 * `npm run build` bundles it (out/main/server.js), and a bare Fastify app with
 * one route, `GET /api/v1/support`, answering the same JSON as the server with
 * its default settings. Both print their address (`… on http://127.0.0.1:<port>/`)
 * and stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultBackendConfig } from '../src/backend/config.ts'

export const root = join(import.meta.dirname, '..')

/** The bundled standalone server's arguments on a free port with its data in `dataDir`. */
export function serverArgs(dataDir: string, extra: readonly string[] = []): string[] {
  return ['out/main/server.js', '--port', '0', '--data', dataDir, ...extra]
}

/** Writes the bare app into `dir`; returns its arguments for node. */
export function writeBareFastify(dir: string): string[] {
  const file = join(dir, 'bare-fastify.mjs')
  writeFileSync(
    file,
    `import Fastify from ${JSON.stringify(join(root, 'node_modules/fastify/fastify.js'))}
const body = ${JSON.stringify(defaultBackendConfig.support)}
const app = Fastify()
app.get('/api/v1/support', async () => body)
await app.listen({ port: 0, host: '127.0.0.1' })
console.log('on http://127.0.0.1:' + app.server.address().port + '/')
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
`,
  )
  return [file]
}

export interface RunningProcess {
  child: ChildProcess
  port: number
  /** SIGTERM; resolves when the process has exited. */
  stop(): Promise<void>
}

/** Starts `node <args>`; resolves once it has printed the port it listens on. */
export async function startProcess(args: readonly string[]): Promise<RunningProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      const match = /127\.0\.0\.1:(\d+)/.exec(out)
      if (match?.[1]) {
        child.stdout?.off('data', onData)
        child.off('exit', onExit)
        resolve(Number(match[1]))
      }
    }
    const onExit = (code: number | null): void => reject(new Error(`exited ${code}: ${out}`))
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
  })
  // Whatever it prints later (a log line per request) is read and dropped.
  child.stdout?.resume()
  return {
    child,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
