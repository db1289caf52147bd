/**
 * One transfer against a real local HTTP server that misbehaves on purpose:
 * whatever goes wrong, nothing appears under the final name; a lost connection
 * resumes with Range + If-Range to a byte-identical file.
 */
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { open as openReal, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { partFileName } from '../../../../src/main/downloads/file-names.ts'
import { resetFileWorkers } from '../../../../src/main/downloads/file-worker.ts'
import {
  reprDigestSha256,
  transfer,
  type TransferOptions,
} from '../../../../src/main/downloads/transfer.ts'
import { sha256Hex, startDocServer, type DocServer } from './doc-server.ts'
import { mountTmpfs, unmount } from './mounts.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-transfer-'))
let server: DocServer
let folderCount = 0

beforeAll(async () => {
  server = await startDocServer()
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

function newFolder(): string {
  const folder = join(root, `f${++folderCount}`)
  mkdirSync(folder)
  return folder
}

const NAME = '2026-05-17 Ratenplan KR-2025-048211.pdf'

function options(id: string, sha256: string, folder: string, extra: Partial<TransferOptions> = {}) {
  return {
    fetch: server.fetch,
    path: `/api/v1/documents/${id}/content`,
    sha256,
    folder,
    fileName: NAME,
    ...extra,
  }
}

function bytesOf(id: string): Buffer {
  return server.docs.get(id)?.bytes as Buffer
}

describe('a transfer', () => {
  it('saves the exact bytes under the final name, reports progress, leaves no part file', async () => {
    const { id, sha256 } = server.add('plain', 200 * 1024)
    const folder = newFolder()
    const progress: [number, number | null][] = []
    const result = await transfer(
      options(id, sha256, folder, { onProgress: (b, t) => progress.push([b, t]) }),
    )
    expect(result).toEqual({ ok: true, path: join(folder, NAME), fileName: NAME, bytes: 204800 })
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
    // The server's Content-Disposition ("../../evil.pdf") is not where the file goes.
    expect(readdirSync(folder)).toEqual([NAME])
    expect(existsSync(join(root, 'evil.pdf'))).toBe(false)
    expect(progress.at(-1)).toEqual([204800, 204800])
    const counts = progress.map(([b]) => b)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
  })

  it('streams a 5 MB letter in many steps to the identical file', async () => {
    const { id, sha256 } = server.add('big', 5 * 1024 * 1024)
    const folder = newFolder()
    let steps = 0
    const result = await transfer(options(id, sha256, folder, { onProgress: () => steps++ }))
    expect(result.ok).toBe(true)
    expect(steps).toBeGreaterThan(10)
    expect(sha256Hex(readFileSync(join(folder, NAME)))).toBe(sha256)
  })

  it('never replaces a file already under the name: the letter becomes "… (2).pdf"', async () => {
    const { id, sha256 } = server.add('taken', 1000)
    const folder = newFolder()
    writeFileSync(join(folder, NAME), 'the customer’s own file')
    const result = await transfer(options(id, sha256, folder))
    expect(result).toMatchObject({
      ok: true,
      fileName: '2026-05-17 Ratenplan KR-2025-048211 (2).pdf',
    })
    expect(readFileSync(join(folder, NAME), 'utf8')).toBe('the customer’s own file')
  })

  it('does not follow a symlink planted under the part file’s name', async () => {
    const { id, sha256 } = server.add('planted', 1000)
    const folder = newFolder()
    const victim = join(root, 'victim.txt')
    writeFileSync(victim, 'keep me')
    symlinkSync(victim, join(folder, partFileName(NAME)))
    const result = await transfer(options(id, sha256, folder))
    expect(result.ok).toBe(true)
    expect(readFileSync(victim, 'utf8')).toBe('keep me')
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
  })
})

describe('a lost connection', () => {
  it('fails with connection_lost, keeps only the part file, and resumes with Range + If-Range', async () => {
    const { id, sha256 } = server.add('drop', 200 * 1024, { dropAfter: 100 * 1024 })
    const folder = newFolder()
    const first = await transfer(options(id, sha256, folder))
    expect(first).toMatchObject({ ok: false, error: 'connection_lost' })
    expect(existsSync(join(folder, NAME))).toBe(false)
    const part = join(folder, partFileName(NAME))
    const kept = readFileSync(part)
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.equals(bytesOf(id).subarray(0, kept.length))).toBe(true)
    const resume = first.ok ? null : first.resume
    expect(resume).toEqual({ bytes: kept.length, etag: server.docs.get(id)?.etag })

    const second = await transfer(options(id, sha256, folder, { resume }))
    expect(second.ok).toBe(true)
    expect(server.seen.filter((r) => r.id === id).at(-1)).toEqual({
      id,
      range: `bytes=${kept.length}-`,
      ifRange: server.docs.get(id)?.etag,
      status: 206,
    })
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
    expect(readdirSync(folder)).toEqual([NAME])
  })

  it('starts over when the document changed in between (If-Range fails, the server sends 200)', async () => {
    const { id } = server.add('changes', 200 * 1024, { dropAfter: 100 * 1024 })
    const folder = newFolder()
    const first = await transfer(options(id, sha256Hex(bytesOf(id)), folder))
    expect(first.ok).toBe(false)
    const resume = first.ok ? null : first.resume
    expect(resume).not.toBeNull()
    // A reissued letter: new bytes, new ETag, and the refreshed list's new digest.
    const changed = server.add('changes', 150 * 1024)
    const second = await transfer(options(id, changed.sha256, folder, { resume }))
    expect(second.ok).toBe(true)
    expect(server.seen.filter((r) => r.id === id).at(-1)?.status).toBe(200)
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
    expect(readdirSync(folder)).toEqual([NAME])
  })

  it('starts over after 416 (the part file is longer than the document now is)', async () => {
    const { id, sha256 } = server.add('shrinks', 200 * 1024, { dropAfter: 150 * 1024 })
    const folder = newFolder()
    const first = await transfer(options(id, sha256, folder))
    const resume = first.ok ? null : first.resume
    const etag = server.docs.get(id)?.etag as string
    // A server that keeps the ETag but now holds fewer bytes than the part file.
    const smaller = server.add('shrinks', 50 * 1024)
    const doc = server.docs.get(id)
    if (doc) doc.etag = etag
    const second = await transfer(options(id, smaller.sha256, folder, { resume }))
    expect(second.ok).toBe(true)
    const statuses = server.seen.filter((r) => r.id === id).map((r) => r.status)
    expect(statuses.slice(-2)).toEqual([416, 200])
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
  })

  it('counts a server that stops sending as a lost connection', async () => {
    const { id, sha256 } = server.add('stalls', 64 * 1024, { chunkSize: 1024, delayMs: 2000 })
    const folder = newFolder()
    const result = await transfer(options(id, sha256, folder, { idleTimeoutMs: 150 }))
    expect(result).toMatchObject({ ok: false, error: 'connection_lost' })
    expect(existsSync(join(folder, NAME))).toBe(false)
  })
})

describe('a letter (up to 64 KiB), saved whole by the file worker', () => {
  it('a connection lost midway: connection_lost, nothing in the folder, nothing to resume', async () => {
    const { id, sha256 } = server.add('whole-drop', 40 * 1024, { dropAfter: 10 * 1024 })
    const folder = newFolder()
    const result = await transfer(options(id, sha256, folder))
    expect(result).toMatchObject({ ok: false, error: 'connection_lost', resume: null })
    expect(readdirSync(folder)).toEqual([])
    // Asked again, it arrives whole.
    const whole = server.add('whole-drop', 40 * 1024)
    const again = await transfer(options(id, whole.sha256, folder))
    expect(again.ok).toBe(true)
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
  })

  it('makes the default folder on first need, and never a folder the customer chose', async () => {
    const { id, sha256 } = server.add('whole-folder', 5000)
    const missing = join(newFolder(), 'Downloads', 'My MINI Finance')
    const chosen = await transfer(options(id, sha256, missing))
    expect(chosen).toMatchObject({ ok: false, error: 'folder_not_writable' })
    expect(existsSync(missing)).toBe(false)
    const made = await transfer(options(id, sha256, missing, { createFolder: true }))
    expect(made.ok).toBe(true)
    expect(readFileSync(join(missing, NAME)).equals(bytesOf(id))).toBe(true)
  })

  it('says the file is under its name while the folder sync it waits for is held up', async () => {
    const folder = newFolder()
    // A large document (it streams) whose file's fsync is held: it stays between its fsync
    // and its link, and no folder sync starts meanwhile.
    let releaseSync: () => void = () => undefined
    const syncHeld = new Promise<void>((resolve) => (releaseSync = resolve))
    let reachedSync: () => void = () => undefined
    const holding = new Promise<void>((resolve) => (reachedSync = resolve))
    const open = async (path: string, flags: number, mode: number): Promise<FileHandle> => {
      const handle = await openReal(path, flags, mode)
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'sync') {
            return async () => {
              reachedSync()
              await syncHeld
              await target.sync()
            }
          }
          const value: unknown = Reflect.get(target, key)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
    }
    const large = server.add('whole-held', 200 * 1024)
    const first = transfer(
      options(large.id, large.sha256, folder, { fileName: 'Held.pdf', fs: { open } }),
    )
    await holding
    const letter = server.add('whole-linked', 5000)
    let settled = false
    let linked: { settled: boolean; files: string[] } | null = null
    const second = transfer(
      options(letter.id, letter.sha256, folder, {
        onLinked: () => (linked = { settled, files: readdirSync(folder) }),
      }),
    )
    void second.then(() => (settled = true))
    await vi.waitFor(() => expect(linked).not.toBeNull())
    expect(linked).toMatchObject({ settled: false, files: expect.arrayContaining([NAME]) })
    await new Promise((resolve) => setTimeout(resolve, 50))
    // Its folder sync waits for the first transfer's link.
    expect(settled).toBe(false)
    releaseSync()
    expect((await second).ok).toBe(true)
    expect((await first).ok).toBe(true)
    expect(readFileSync(join(folder, NAME)).equals(bytesOf(letter.id))).toBe(true)
  })

  it('is saved from main when no file worker can start', async () => {
    await resetFileWorkers('throw new Error("no worker here")')
    try {
      const { id, sha256 } = server.add('whole-no-worker', 5000)
      const folder = newFolder()
      const result = await transfer(options(id, sha256, folder))
      expect(result.ok).toBe(true)
      expect(readFileSync(join(folder, NAME)).equals(bytesOf(id))).toBe(true)
      expect(readdirSync(folder)).toEqual([NAME])
    } finally {
      await resetFileWorkers(null)
    }
  })
})

describe('wrong bytes', () => {
  it('one flipped byte (with the right digest in the header): digest_mismatch, no file, no part file', async () => {
    const { id, sha256 } = server.add('flipped', 200 * 1024, { flipByteAt: 123_456 })
    const folder = newFolder()
    const result = await transfer(options(id, sha256, folder))
    expect(result).toMatchObject({ ok: false, error: 'digest_mismatch', resume: null })
    expect(readdirSync(folder)).toEqual([])
  })

  it('a Repr-Digest that disagrees with the list: digest_mismatch before anything is written', async () => {
    const { id, sha256 } = server.add('other-digest', 10 * 1024, {
      reprDigest: `sha-256=:${Buffer.alloc(32, 7).toString('base64')}:`,
    })
    const folder = newFolder()
    expect(await transfer(options(id, sha256, folder))).toMatchObject({ error: 'digest_mismatch' })
    expect(readdirSync(folder)).toEqual([])
  })

  it('right bytes but a stale digest in the list: digest_mismatch, no file', async () => {
    const { id } = server.add('stale-list', 10 * 1024, { reprDigest: null })
    const folder = newFolder()
    const result = await transfer(options(id, 'a'.repeat(64), folder))
    expect(result).toMatchObject({ ok: false, error: 'digest_mismatch' })
    expect(readdirSync(folder)).toEqual([])
  })

  it('reads the SHA-256 out of a Repr-Digest with several algorithms', () => {
    const hex = 'ab'.repeat(32)
    const b64 = Buffer.from(hex, 'hex').toString('base64')
    expect(reprDigestSha256(`sha-512=:AAAA:, sha-256=:${b64}:`)).toBe(hex)
    expect(reprDigestSha256('md5=:AAAA:')).toBeNull()
    expect(reprDigestSha256(null)).toBeNull()
  })
})

describe('server answers', () => {
  it.each([
    [500, 'server_error'],
    [503, 'server_error'],
    [404, 'not_found'],
    [401, 'unauthenticated'],
    [403, 'failed'],
  ])('%i → %s, and nothing in the folder', async (status, code) => {
    const { id, sha256 } = server.add(`status-${status}`, 1000, { status })
    const folder = newFolder()
    expect(await transfer(options(id, sha256, folder))).toMatchObject({ ok: false, error: code })
    expect(readdirSync(folder)).toEqual([])
  })

  it('a server that cannot be reached → connection_lost', async () => {
    const folder = newFolder()
    const result = await transfer({
      ...options('x', 'a'.repeat(64), folder),
      fetch: (path, init) => fetch(`http://127.0.0.1:1${path}`, init),
    })
    expect(result).toMatchObject({ ok: false, error: 'connection_lost' })
  })
})

describe('cancelling', () => {
  it('a slow transfer cancelled midway: cancelled, neither file nor part file left', async () => {
    const { id, sha256 } = server.add('slow', 200 * 1024, { chunkSize: 4096, delayMs: 20 })
    const folder = newFolder()
    const controller = new AbortController()
    const result = await transfer(
      options(id, sha256, folder, {
        signal: controller.signal,
        onProgress: (bytes) => {
          if (bytes > 16 * 1024) controller.abort()
        },
      }),
    )
    expect(result).toMatchObject({ ok: false, error: 'cancelled', resume: null })
    expect(readdirSync(folder)).toEqual([])
  })
})

describe('the disk', () => {
  it('a folder that cannot be written → folder_not_writable', async (context) => {
    const { id, sha256 } = server.add('read-only', 1000)
    const folder = newFolder()
    chmodSync(folder, 0o500)
    try {
      try {
        writeFileSync(join(folder, 'probe'), 'x')
        rmSync(join(folder, 'probe'))
        const reason = 'chmod 0o500 does not stop writes here (running as root)'
        console.log(`skipped: ${reason}; the read-only mount below tries it for real`)
        context.skip(reason)
      } catch {
        // Writes are refused: the case can be tried.
      }
      expect(await transfer(options(id, sha256, folder))).toMatchObject({
        ok: false,
        error: 'folder_not_writable',
      })
      expect(readdirSync(folder)).toEqual([])
    } finally {
      chmodSync(folder, 0o700)
    }
  })

  it('a folder that refuses the part file (EACCES, injected) → folder_not_writable', async () => {
    const { id, sha256 } = server.add('eacces', 1000)
    const folder = newFolder()
    const refuse = async (): Promise<FileHandle> => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    }
    const result = await transfer(options(id, sha256, folder, { fs: { open: refuse } }))
    expect(result).toMatchObject({ ok: false, error: 'folder_not_writable' })
    expect(readdirSync(folder)).toEqual([])
  })

  it('a disk that fills up midway (ENOSPC, injected) → disk_full, no file, part file removed', async () => {
    const { id, sha256 } = server.add('enospc', 200 * 1024)
    const folder = newFolder()
    let written = 0
    // Like a real disk: what fits is written, then the write fails (a write may be larger than the room).
    const full = async (file: FileHandle, chunks: Buffer[], position: number): Promise<number> => {
      const fits = Buffer.concat(chunks).subarray(0, Math.max(0, 64 * 1024 - written))
      await file.write(fits, 0, fits.length, position)
      written += fits.length
      if (fits.length === 0) {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      }
      return fits.length
    }
    const result = await transfer(options(id, sha256, folder, { fs: { write: full } }))
    expect(written).toBeGreaterThan(0)
    expect(result).toMatchObject({ ok: false, error: 'disk_full', resume: null })
    expect(readdirSync(folder)).toEqual([])
  })
})

describe('transfers finishing together into one folder (their folder sync is shared)', () => {
  it('all finish, and one whose fsync fails (EIO, injected) neither holds up the others nor gets a final name', async () => {
    const folder = newFolder()
    const letters = Array.from({ length: 6 }, (_, i) => server.add(`together-${i}`, 4000 + i))
    const failing = letters[2]?.id
    // The third letter's disk refuses to sync its file; the others' are real.
    const open = async (path: string, flags: number, mode: number): Promise<FileHandle> => {
      const handle = await openReal(path, flags, mode)
      if (!path.includes('Brief 2')) return handle
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'sync') {
            return async () => {
              throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
            }
          }
          const value: unknown = Reflect.get(target, key)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
    }
    const results = await Promise.all(
      letters.map(({ id, sha256 }, i) =>
        transfer(options(id, sha256, folder, { fileName: `Brief ${i}.pdf`, fs: { open } })),
      ),
    )
    for (const [i, result] of results.entries()) {
      const letter = letters[i]
      if (letter?.id === failing) expect(result).toMatchObject({ ok: false, error: 'failed' })
      else expect(result).toMatchObject({ ok: true, path: join(folder, `Brief ${i}.pdf`) })
      if (result.ok && letter) expect(readFileSync(result.path)).toEqual(bytesOf(letter.id))
    }
    // Nothing under the failed letter's final name (its part file stays for a retry).
    expect(
      readdirSync(folder)
        .filter((name) => !name.endsWith('.part'))
        .sort(),
    ).toEqual(['Brief 0.pdf', 'Brief 1.pdf', 'Brief 3.pdf', 'Brief 4.pdf', 'Brief 5.pdf'])
  })
})

describe('the disk, for real (tmpfs mounts where root can mount)', () => {
  const readOnly = join(root, 'read-only-mount')
  const small = join(root, 'small-mount')
  const notMounted: Record<string, string | null> = {}

  beforeAll(() => {
    mkdirSync(readOnly)
    mkdirSync(small)
    notMounted[readOnly] = mountTmpfs(readOnly, 'ro,size=64k,mode=0755')
    notMounted[small] = mountTmpfs(small, 'size=256k,mode=0755')
  })
  afterAll(() => {
    for (const dir of [readOnly, small]) if (notMounted[dir] === null) unmount(dir)
  })

  /** Skips with the reason printed when the folder could not be mounted. */
  function needsMount(dir: string, context: { skip: (note?: string) => void }): void {
    const reason = notMounted[dir]
    if (reason === null || reason === undefined) return
    console.log(`skipped: ${reason}`)
    context.skip(reason)
  }

  it('a read-only file system (EROFS) → folder_not_writable, nothing written', async (context) => {
    needsMount(readOnly, context)
    const { id, sha256 } = server.add('erofs', 10 * 1024)
    const result = await transfer(options(id, sha256, readOnly))
    expect(result).toMatchObject({ ok: false, error: 'folder_not_writable', resume: null })
    expect(readdirSync(readOnly)).toEqual([])
  })

  it('a disk that really fills up (ENOSPC) → disk_full, no file, and the space is given back', async (context) => {
    needsMount(small, context)
    const big = server.add('enospc-real', 1024 * 1024)
    const result = await transfer(options(big.id, big.sha256, small))
    expect(result).toMatchObject({ ok: false, error: 'disk_full', resume: null })
    expect(readdirSync(small)).toEqual([])
    // The part file is gone, so a letter that fits is saved afterwards.
    const letter = server.add('fits-after', 100 * 1024)
    expect(await transfer(options(letter.id, letter.sha256, small))).toMatchObject({ ok: true })
    expect(readFileSync(join(small, NAME)).equals(bytesOf(letter.id))).toBe(true)
  })

  it('a letter saved whole onto a full disk → disk_full, and no part file is left', async (context) => {
    needsMount(small, context)
    // Fill the file system to less than a letter's room.
    const filler = join(small, 'filler.bin')
    writeFileSync(filler, Buffer.alloc(0))
    try {
      for (;;) appendFileSync(filler, Buffer.alloc(16 * 1024))
    } catch {
      // ENOSPC: full.
    }
    const before = readdirSync(small).sort()
    try {
      const letter = server.add('whole-enospc', 60 * 1024)
      const result = await transfer(options(letter.id, letter.sha256, small))
      expect(result).toMatchObject({ ok: false, error: 'disk_full', resume: null })
      expect(readdirSync(small).sort()).toEqual(before)
    } finally {
      rmSync(filler)
    }
  })
})
