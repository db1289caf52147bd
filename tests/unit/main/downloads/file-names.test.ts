/**
 * Names of saved letters: built from title and date, safe on every platform
 * whatever the server sends as a title, unique in the folder, and the
 * "inside the folder" guard against ".." and symlinks.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  documentFileName,
  isInside,
  isReservedDeviceName,
  MAX_NAME_BYTES,
  partFileName,
  uniqueName,
} from '../../../../src/main/downloads/file-names.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-names-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const bytes = (name: string): number => Buffer.byteLength(name, 'utf8')
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\p{Cf}\p{Cs}\u2028\u2029]/u

/** What every produced name must satisfy on Windows, macOS and Linux. */
function expectSafe(name: string): void {
  expect(name).not.toBe('')
  expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES)
  expect(name).not.toMatch(UNSAFE)
  expect(name).not.toMatch(/^[. ]|[. ]$/)
  expect(isReservedDeviceName(name)).toBe(false)
  // Whole characters only: a broken surrogate pair would not survive UTF-8.
  expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name)
}

describe('documentFileName', () => {
  it.each([
    ['Ratenplan KR-2025-048211', '2026-05-17', '2026-05-17 Ratenplan KR-2025-048211.pdf'],
    ['Ratenplan KR-2025/048211', '2026-05-17', '2026-05-17 Ratenplan KR-2025-048211.pdf'],
    ['Kontoauszug 2025.pdf', '2026-01-02', '2026-01-02 Kontoauszug 2025.pdf'],
    ['Bestätigung: "Zahltag"', '2026-01-02', "2026-01-02 Bestätigung- 'Zahltag'.pdf"],
    ['Brief', '2026-05-17T08:30:00.000Z', '2026-05-17 Brief.pdf'],
    ['Brief', 'yesterday', 'Brief.pdf'],
  ])('names %j of %s as %j', (title, date, expected) => {
    expect(documentFileName(title, date)).toBe(expected)
  })

  it.each([
    ['../../etc/passwd', '2026-05-17 etc-passwd.pdf'],
    ['..\\..\\Windows\\System32\\evil', '2026-05-17 Windows-System32-evil.pdf'],
    ['Rechnung\u202Efdp.exe', '2026-05-17 Rechnungfdp.exe.pdf'],
    ['a\u2066b\u2069c\u200Bd\uFEFF', '2026-05-17 abcd.pdf'],
    ['Zeile 1\nZeile 2\r\n\tEnde\u0000!', '2026-05-17 Zeile 1 Zeile 2 Ende !.pdf'],
    ['Brief. . .  ', '2026-05-17 Brief.pdf'],
    ['...hidden', '2026-05-17 hidden.pdf'],
    ['', '2026-05-17.pdf'],
    ['\u202E\u0000 . ', '2026-05-17.pdf'],
  ])('makes the hostile title %j safe: %j', (title, expected) => {
    const name = documentFileName(title, '2026-05-17')
    expect(name).toBe(expected)
    expectSafe(name)
  })

  it.each([
    ['CON', '_CON.pdf'],
    ['nul.txt', '_nul.txt.pdf'],
    ['Com1', '_Com1.pdf'],
    ['lpt9 ', '_lpt9.pdf'],
    ['aux.pdf', '_aux.pdf'],
    ['COM¹', '_COM¹.pdf'],
    ['CONSOLE', 'CONSOLE.pdf'],
  ])(
    'never names a file after a Windows device (%j → %j) when there is no date',
    (title, expected) => {
      expect(documentFileName(title, '')).toBe(expected)
    },
  )

  it('never answers an empty name', () => {
    expect(documentFileName('', '')).toBe('Dokument.pdf')
    expect(documentFileName('/..//\u202E', 'x')).toBe('Dokument.pdf')
  })

  it('cuts a 300-character title to 255 bytes including the extension', () => {
    const name = documentFileName('A'.repeat(300), '2026-05-17')
    expect(bytes(name)).toBe(255)
    expect(name.endsWith('A.pdf')).toBe(true)
  })

  it('cuts emoji and accented titles between whole characters, never inside a surrogate pair', () => {
    for (const title of [
      '😀'.repeat(100),
      '👨‍👩‍👧'.repeat(40),
      'é'.repeat(200),
      'e\u0301'.repeat(200),
    ]) {
      const name = documentFileName(title, '2026-05-17')
      expectSafe(name)
      expect(bytes(name)).toBeGreaterThan(240)
      expect(name.endsWith('.pdf')).toBe(true)
    }
    // A lone surrogate in the title itself is dropped, not passed on as U+FFFD garbage.
    expect(documentFileName('a\uD83Db', '2026-05-17')).toBe('2026-05-17 ab.pdf')
  })

  it('refuses an extension that is not one', () => {
    expect(() => documentFileName('x', '2026-05-17', '/../x')).toThrow(TypeError)
    expect(documentFileName('x', '2026-05-17', '.csv')).toBe('2026-05-17 x.csv')
  })

  it('for any title: a safe, non-empty name of at most 255 bytes that can be created inside the folder', async () => {
    const folder = join(root, 'property')
    mkdirSync(folder)
    const hostile = fc.constantFrom(
      '/',
      '\\',
      '..',
      '.',
      ' ',
      '\u0000',
      '\n',
      '\u202E',
      '\u2066',
      '\uD800',
      '\uDC00',
      '😀',
      'CON',
      'nul',
      'COM1',
      ':',
      '*',
      '?',
      '"',
      '<',
      '|',
      'é',
      '\u0301',
      '\uFF0F',
    )
    const title = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: hostile, maxLength: 120 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    )
    const date = fc.oneof(fc.constant('2026-05-17'), fc.constant(''), fc.string({ maxLength: 12 }))
    await fc.assert(
      fc.asyncProperty(title, date, async (t, d) => {
        const name = documentFileName(t, d)
        expectSafe(name)
        expect(await isInside(folder, name)).toBe(true)
        // The file system takes it, and it lands in the folder under that very name.
        writeFileSync(join(folder, name), 'x')
        expect(readdirSync(folder)).toContain(name)
        rmSync(join(folder, name))
      }),
      { numRuns: 300 },
    )
  })
})

describe('uniqueName and partFileName', () => {
  it('numbers a name that is taken: name (2).pdf, name (3).pdf', () => {
    const taken = new Set(['/f/Brief.pdf', '/f/Brief (2).pdf'])
    const exists = (path: string): boolean => taken.has(path)
    expect(uniqueName('/f', 'Brief.pdf', exists)).toBe('Brief (3).pdf')
    expect(uniqueName('/f', 'Neu.pdf', exists)).toBe('Neu.pdf')
  })

  it('keeps a numbered long name within 255 bytes', () => {
    const long = documentFileName('😀'.repeat(100), '2026-05-17')
    const name = uniqueName('/f', long, (path) => path === join('/f', long))
    expect(name).toMatch(/ \(2\)\.pdf$/)
    expectSafe(name)
  })

  it('names the part file hidden, within 255 bytes, and apart per document', () => {
    const long = documentFileName('A'.repeat(300), '2026-05-17')
    const a = partFileName(long, 'aaaa')
    const b = partFileName(long, 'bbbb')
    expect(a.startsWith('.')).toBe(true)
    expect(a.endsWith('.aaaa.part')).toBe(true)
    expect(bytes(a)).toBeLessThanOrEqual(255)
    expect(a).not.toBe(b)
  })
})

describe('isInside', () => {
  const folder = join(root, 'inside')
  const outside = join(root, 'outside')
  mkdirSync(folder)
  mkdirSync(outside)
  writeFileSync(join(folder, 'a.pdf'), 'a')
  writeFileSync(join(outside, 'secret.txt'), 's')
  symlinkSync(join(outside, 'secret.txt'), join(folder, 'link.pdf'))
  symlinkSync(outside, join(folder, 'dir-link'))
  symlinkSync(join(outside, 'missing'), join(folder, 'dangling.pdf'))

  it('holds for a file in the folder, also one not yet created', async () => {
    expect(await isInside(folder, join(folder, 'a.pdf'))).toBe(true)
    expect(await isInside(folder, 'a.pdf')).toBe(true)
    expect(await isInside(folder, join(folder, 'new.pdf'))).toBe(true)
  })

  it('refuses .., the folder itself, other places and symlinks that lead out', async () => {
    expect(await isInside(folder, join(folder, '..', 'outside', 'secret.txt'))).toBe(false)
    expect(await isInside(folder, '../outside/secret.txt')).toBe(false)
    expect(await isInside(folder, folder)).toBe(false)
    expect(await isInside(folder, '/etc/passwd')).toBe(false)
    expect(await isInside(folder, join(folder, 'link.pdf'))).toBe(false)
    expect(await isInside(folder, join(folder, 'dir-link', 'secret.txt'))).toBe(false)
    expect(await isInside(folder, join(folder, 'dir-link', 'new.pdf'))).toBe(false)
    expect(await isInside(folder, join(folder, 'dangling.pdf'))).toBe(false)
    expect(await isInside(join(root, 'no-such-folder'), 'a.pdf')).toBe(false)
  })
})
