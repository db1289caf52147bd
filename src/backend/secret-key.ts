/**
 * The backend's secret key (32 bytes): the second factor's secrets are sealed
 * with keys derived from it (services/mfa-crypto.ts). It comes from the
 * configuration, never from the database: from the standalone server's
 * `--secret-key-file` or `MMF_SECRET_KEY`, or on SQLite from a key file created
 * once next to the database file.
 */
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { SECRET_KEY_BYTES } from './services/mfa-crypto.ts'

/** The key file's name in the data directory (next to mmf.sqlite, never in it). */
export const SECRET_KEY_FILE = 'secret-key'

/** How to make a key, for the error messages. */
export const MAKE_A_KEY = 'Make one with: openssl rand -base64 32'

/** The key from its base64 text (a file's content or MMF_SECRET_KEY); throws naming `source`. */
export function parseSecretKey(text: string, source: string): Buffer {
  const trimmed = text.trim()
  const key = Buffer.from(trimmed, 'base64')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== SECRET_KEY_BYTES) {
    throw new Error(
      `${source} must hold ${SECRET_KEY_BYTES} random bytes in base64 (44 characters). ${MAKE_A_KEY}`,
    )
  }
  return key
}

/** Reads a key file (base64, 32 bytes). */
export function readSecretKeyFile(path: string): Buffer {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(`The secret key file ${path} cannot be read: ${(error as Error).message}`, {
      cause: error,
    })
  }
  return parseSecretKey(text, `The secret key file ${path}`)
}

/**
 * The key file of a data directory (SQLite: the desktop app, the demo, a single
 * server): read when it exists, otherwise created once with a new random key,
 * readable by its owner only (0600). Written aside and linked into place, so a
 * second process starting at once reads the same whole key, never half a file.
 */
export function dataDirSecretKey(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_KEY_FILE)
  if (existsSync(path)) return readSecretKeyFile(path)
  const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(draft, `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`, {
    mode: 0o600,
    flag: 'wx',
  })
  try {
    linkSync(draft, path)
  } catch (error) {
    // Another process made it first: its key is the one.
    if ((error as { code?: string }).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(draft)
  }
  return readSecretKeyFile(path)
}
