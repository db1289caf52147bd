/**
 * The standalone server takes its SMTP settings from the environment (README,
 * "Sending real e-mail (SMTP)"): a registration's confirmation e-mail reaches a
 * real local SMTP server from the sender worker, and SIGTERM still ends the
 * server cleanly. Runs the server from its sources on the pinned Node.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { registration } from '../../helpers/backend.ts'
import { startSmtpServer, waitUntil, type TestSmtpServer } from '../../helpers/smtp.ts'

const root = join(import.meta.dirname, '../../..')
let child: ChildProcess | undefined
let smtp: TestSmtpServer | undefined
let dataDir: string | undefined
afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  await smtp?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('standalone server with MMF_SMTP_* in its environment', () => {
  it('sends the confirmation e-mail through that SMTP server and stops cleanly', async () => {
    smtp = await startSmtpServer()
    dataDir = mkdtempSync(join(tmpdir(), 'mmf-server-smtp-'))
    const server = spawn(
      process.execPath,
      [join(root, 'src/server/index.ts'), '--data', dataDir, '--port', '0'],
      {
        cwd: root,
        env: {
          ...process.env,
          MMF_SMTP_HOST: '127.0.0.1',
          MMF_SMTP_PORT: String(smtp.port),
          MMF_SMTP_FROM: 'Kundenservice <service@example.at>',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    child = server
    let output = ''
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitUntil(() => /on http:\/\/127\.0\.0\.1:\d+\//.test(output), 15_000, 'the server')
    const port = /on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]

    const response = await fetch(`http://127.0.0.1:${port}/api/v1/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(registration()),
    })
    expect(response.status).toBe(202)
    await waitUntil(() => smtp?.accepted().length === 1, 10_000, 'the e-mail')
    expect(smtp.accepted()[0]).toMatchObject({
      from: 'service@example.at',
      to: ['lukas.g@example.at'],
    })
    expect(smtp.accepted()[0]?.data).toMatch(/myminifinance:\/\/confirm\?token=/)

    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
