/**
 * The API server as an orchestrator stops it (SIGTERM): it takes no new connection,
 * lets the requests under way finish (at most --shutdown-timeout), closes the
 * database and exits 0; its log is JSON lines to the end. Runs the server from its
 * sources on the pinned Node, a real process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { waitUntil } from '../../helpers/smtp.ts'

const root = join(import.meta.dirname, '../../..')
let child: ChildProcess | undefined
let dataDir: string | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

interface Server {
  port: number
  output: () => string
  exited: Promise<number | null>
}

async function startServer(args: string[] = []): Promise<Server> {
  dataDir = mkdtempSync(join(tmpdir(), 'mmf-server-stop-'))
  const server = spawn(
    process.execPath,
    [join(root, 'src/server/index.ts'), '--data', dataDir, '--port', '0', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child = server
  let output = ''
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve))
  await waitUntil(() => /on http:\/\/127\.0\.0\.1:\d+\//.test(output), 15_000, 'the server')
  const port = Number(/on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1])
  return { port, output: () => output, exited }
}

/** A sign-in whose body comes in two parts: in flight until the second is sent. */
async function startSlowRequest(port: number): Promise<{ socket: Socket; finish(): void }> {
  const body = JSON.stringify({ email: 'nobody@example.at', password: 'Ein-falsches-Passwort' })
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  socket.write(
    `POST /api/v1/sessions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body.slice(0, 10),
  )
  return { socket, finish: () => socket.write(body.slice(10)) }
}

/** Whether a new connection is refused (the listener is closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

const received = (socket: Socket): (() => string) => {
  let text = ''
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
  return () => text
}

describe('the API server on SIGTERM', () => {
  it('refuses new connections, finishes the request under way, and exits 0', async () => {
    const server = await startServer()
    const slow = await startSlowRequest(server.port)
    const answer = received(slow.socket)
    // The request has reached the server (its headers are read) before the signal.
    await new Promise((resolve) => setTimeout(resolve, 300))
    child?.kill('SIGTERM')
    await waitUntil(() => server.output().includes('SIGTERM: shutting down'), 5000, 'the signal')
    expect(await refused(server.port)).toBe(true)
    slow.finish()
    await waitUntil(() => /\r\n\r\n\{/.test(answer()), 5000, 'the answer')
    expect(answer()).toMatch(/^HTTP\/1\.1 401 /)
    expect(answer()).toContain('"invalid_credentials"')
    expect(await server.exited).toBe(0)
    // The request's line was written before the exit (the log is asynchronous).
    const lines = server
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({
      method: 'POST',
      route: '/api/v1/sessions',
      status: 401,
    })
    expect(lines.at(-1)?.msg).toBe('stopped')
  }, 30_000)

  it('cuts a request that outlasts --shutdown-timeout, and still exits 0', async () => {
    const server = await startServer(['--shutdown-timeout', '1'])
    const slow = await startSlowRequest(server.port)
    const closed = new Promise<void>((resolve) => slow.socket.once('close', () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 300))
    const signalled = Date.now()
    child?.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    await closed
    const took = Date.now() - signalled
    expect(took).toBeGreaterThanOrEqual(900)
    expect(took).toBeLessThan(8000)
    expect(server.output()).toContain('cut off')
  }, 30_000)
})
