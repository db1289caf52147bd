/**
 * The app's settings file and the download folder: the default under Downloads,
 * a folder the customer chose (kept across restarts), the default again when
 * the chosen one is gone or the file is corrupt, and atomic writes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DOWNLOAD_SUBFOLDER, loadSettings } from '../../../src/main/settings.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-settings-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let count = 0

async function setUp(fileText?: string) {
  const dir = join(root, `case-${++count}`)
  const userData = join(dir, 'userData')
  const downloadsDir = join(dir, 'Downloads')
  mkdirSync(userData, { recursive: true })
  const file = join(userData, 'settings.json')
  if (fileText !== undefined) writeFileSync(file, fileText)
  const lines: string[] = []
  const open = () => loadSettings({ file, downloadsDir, log: (line) => lines.push(line) })
  return { dir, userData, file, downloadsDir, lines, open, settings: await open() }
}

describe('the download folder', () => {
  it('is <Downloads>/My MINI Finance by default, without writing anything', async () => {
    const { settings, downloadsDir, userData, lines } = await setUp()
    expect(DOWNLOAD_SUBFOLDER).toBe('My MINI Finance')
    expect(settings.downloadFolder()).toEqual({
      folder: join(downloadsDir, 'My MINI Finance'),
      isDefault: true,
    })
    expect(readdirSync(userData)).toEqual([])
    expect(lines).toEqual([])
  })

  it('keeps a chosen folder, also after a restart, and resets to the default', async () => {
    const { settings, dir, file, downloadsDir, open } = await setUp()
    const chosen = join(dir, 'Briefe von der Bank')
    mkdirSync(chosen)
    expect(await settings.chooseDownloadFolder(chosen)).toEqual({
      folder: chosen,
      isDefault: false,
    })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ downloadFolder: chosen })
    expect((await open()).downloadFolder()).toEqual({ folder: chosen, isDefault: false })

    const reset = await settings.resetDownloadFolder()
    expect(reset).toEqual({ folder: join(downloadsDir, 'My MINI Finance'), isDefault: true })
    expect((await open()).downloadFolder()).toEqual(reset)
  })

  it('writes atomically: no temp file is left beside the settings file', async () => {
    const { settings, dir, userData } = await setUp()
    mkdirSync(join(dir, 'a'))
    mkdirSync(join(dir, 'b'))
    await Promise.all([
      settings.chooseDownloadFolder(join(dir, 'a')),
      settings.chooseDownloadFolder(join(dir, 'b')),
    ])
    expect(readdirSync(userData)).toEqual(['settings.json'])
    // The last change is the one on disk.
    expect(settings.downloadFolder().folder).toBe(join(dir, 'b'))
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toMatchObject({
      downloadFolder: join(dir, 'b'),
    })
  })

  it('falls back to the default, with one log line, when the chosen folder has gone', async () => {
    const { settings, dir, downloadsDir, lines } = await setUp()
    const chosen = join(dir, 'USB-Stick')
    mkdirSync(chosen)
    await settings.chooseDownloadFolder(chosen)
    rmSync(chosen, { recursive: true })
    const fallback = { folder: join(downloadsDir, 'My MINI Finance'), isDefault: true }
    expect(settings.downloadFolder()).toEqual(fallback)
    expect(settings.downloadFolder()).toEqual(fallback)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('no longer exists')
    // Back again (the stick is plugged in): the chosen folder is used again.
    mkdirSync(chosen)
    expect(settings.downloadFolder()).toEqual({ folder: chosen, isDefault: false })
  })

  it('falls back to the default when the file names a relative folder', async () => {
    const { settings, downloadsDir, lines } = await setUp(
      JSON.stringify({ version: 1, downloadFolder: '../../etc' }),
    )
    expect(settings.downloadFolder()).toEqual({
      folder: join(downloadsDir, 'My MINI Finance'),
      isDefault: true,
    })
    expect(lines.join('\n')).toContain('not an absolute path')
  })

  it.each([
    ['corrupt JSON', '{"downloadFolder": "/tmp'],
    ['an array', '["/tmp"]'],
    ['a number as folder', '{"downloadFolder": 42}'],
  ])('uses the default for %s, and a later choice writes a valid file', async (_, text) => {
    const { settings, dir, file, downloadsDir, lines } = await setUp(text)
    expect(settings.downloadFolder()).toEqual({
      folder: join(downloadsDir, 'My MINI Finance'),
      isDefault: true,
    })
    expect(lines).toHaveLength(1)
    const chosen = join(dir, 'chosen')
    mkdirSync(chosen)
    await settings.chooseDownloadFolder(chosen)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ downloadFolder: chosen })
  })

  it('keeps settings it does not know when it writes', async () => {
    const { settings, file } = await setUp(JSON.stringify({ version: 1, theme: 'dark' }))
    await settings.resetDownloadFolder()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      theme: 'dark',
      downloadFolder: null,
    })
  })

  it.each([
    ['a relative path', 'Briefe'],
    ['a folder that does not exist', '/nonexistent/mmf/folder'],
  ])('refuses %s as a choice and keeps the folder', async (_, folder) => {
    const { settings } = await setUp()
    const before = settings.downloadFolder()
    await expect(settings.chooseDownloadFolder(folder)).rejects.toThrow(TypeError)
    expect(settings.downloadFolder()).toEqual(before)
  })

  it('refuses a file as the folder', async () => {
    const { settings, dir } = await setUp()
    const file = join(dir, 'not-a-folder.txt')
    writeFileSync(file, 'x')
    await expect(settings.chooseDownloadFolder(file)).rejects.toThrow(TypeError)
  })
})

describe('the desktop notifications’ fallback', () => {
  it('remembers across restarts that the customer was told, and keeps the chosen folder beside it', async () => {
    const { settings, dir, open } = await setUp()
    expect(settings.notificationsFallbackTold()).toBe(false)
    const chosen = join(dir, 'Briefe')
    mkdirSync(chosen)
    await settings.chooseDownloadFolder(chosen)
    await settings.rememberNotificationsFallbackTold()
    expect(settings.notificationsFallbackTold()).toBe(true)
    const restarted = await open()
    expect(restarted.notificationsFallbackTold()).toBe(true)
    expect(restarted.downloadFolder()).toEqual({ folder: chosen, isDefault: false })
    // A choice of folder afterwards does not forget it.
    await restarted.resetDownloadFolder()
    expect((await open()).notificationsFallbackTold()).toBe(true)
  })
})
