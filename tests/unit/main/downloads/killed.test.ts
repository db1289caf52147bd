/**
 * The app killed mid-write (a crash, a power cut, the task manager): the manager
 * runs in a child process that is SIGKILLed while a letter streams in. Nothing
 * may be left under the letter's real name, only the hidden part file, and the
 * next start saves the letter correctly over that leftover.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDownloadManager } from '../../../../src/main/downloads/manager.ts'
import type { DocumentToSave } from '../../../../src/shared/downloads.ts'
import { startDocServer, type DocServer } from './doc-server.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-killed-'))
let server: DocServer

beforeAll(async () => {
  server = await startDocServer()
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

const PART = /^\..*\.part$/

/** The part file's size once it holds bytes; throws if the child ends first or nothing comes. */
async function partFileWithBytes(folder: string, exited: () => string | null): Promise<string> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const part = readdirSync(folder).find((name) => PART.test(name))
    if (part !== undefined && statSync(join(folder, part)).size > 0) return part
    const exit = exited()
    if (exit !== null) throw new Error(`the child ended before writing: ${exit}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('no bytes reached the part file')
}

describe('a process killed mid-write', () => {
  it('leaves nothing under the final name, and the next save completes over the leftover', async () => {
    const size = 512 * 1024
    const { sha256 } = server.add('killed', size, { chunkSize: 4096, delayMs: 20 })
    const doc: DocumentToSave = {
      documentId: 'killed',
      title: 'Jahreskontoauszug 2025',
      date: '2026-01-15',
      sha256,
      sizeBytes: size,
    }
    const finalName = '2026-01-15 Jahreskontoauszug 2025.pdf'
    const folder = join(root, 'downloads')
    mkdirSync(folder)
    const recordsFile = join(root, 'downloads.json')

    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, 'save-in-child.ts'),
        JSON.stringify({ base: server.base, doc, folder, recordsFile }),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    let exit: string | null = null
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (code, signal) => {
        exit = `code ${code}, signal ${signal}, output:\n${output}`
        resolve(signal)
      }),
    )

    const part = await partFileWithBytes(folder, () => exit)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(output).not.toContain('done')

    // Only the hidden part file, with fewer bytes than the letter has.
    expect(readdirSync(folder)).toEqual([part])
    const left = statSync(join(folder, part)).size
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThan(size)

    // The next start: a new manager on the same folder and record saves the letter.
    const doc2 = server.docs.get('killed')
    if (doc2) doc2.delayMs = undefined
    const manager = createDownloadManager({
      fetch: server.fetch,
      folder: () => ({ folder, isDefault: false }),
      recordsFile,
    })
    expect(await manager.savedFile('killed')).toBeNull()
    manager.save(doc)
    await manager.idle()
    expect(manager.jobs()[0]).toMatchObject({ state: 'done', fileName: finalName, bytes: size })
    expect(readdirSync(folder)).toEqual([finalName])
    expect(
      readFileSync(join(folder, finalName)).equals(server.docs.get('killed')?.bytes as Buffer),
    ).toBe(true)
    expect(await manager.savedFile('killed')).toEqual({
      path: join(folder, finalName),
      exists: true,
    })
  })
})
