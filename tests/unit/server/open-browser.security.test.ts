/**
 * `npm start`'s fallback opens the web preview's one-time link in the browser
 * without putting it on a command line (every user of the computer can read the
 * process list and could use the link first): the opener gets the path of a page,
 * readable by its owner only, that forwards to the link.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openerFor, openInBrowser } from '../../../src/server/open-browser.ts'

const LINK = 'http://127.0.0.1:4810/enter?key=Zq3v9XkP0c-LmN8wR2tY5uA7sD4fG6hJ1kL3zX5cV7b'
const parent = mkdtempSync(join(tmpdir(), 'mmf-open-browser-'))
/** Starting a process (here Node itself) can take seconds on a loaded CI machine. */
const SPAWN_TIMEOUT_MS = 15_000
afterAll(() => rmSync(parent, { recursive: true, force: true }))

/** Records what would be started, starting nothing (no browser on a test machine). */
function recordingSpawn(): { started: string[][]; spawn: typeof spawn } {
  const started: string[][] = []
  const fake = ((command: string, args: readonly string[]) => {
    started.push([command, ...args])
    return spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  }) as unknown as typeof spawn
  return { started, spawn: fake }
}

describe('opening the one-time link in the browser', () => {
  it.each([
    ['linux', 'xdg-open'],
    ['darwin', 'open'],
    ['win32', 'explorer.exe'],
  ] as const)('on %s hands %s only the path of a private forwarding page', (platform, opener) => {
    const { started, spawn: fake } = recordingSpawn()
    const launch = openInBrowser(LINK, {
      log: () => undefined,
      platform,
      spawn: fake,
      directory: parent,
    })
    expect(started).toEqual([[opener, launch.file]])
    expect(started.flat().join(' ')).not.toContain('key=')
    expect(openerFor(platform, launch.file)).toEqual([opener, [launch.file]])

    const page = readFileSync(launch.file, 'utf8')
    expect(page).toContain(`<meta http-equiv="refresh" content="0;url=${LINK}">`)
    expect(page).toContain(`<a href="${LINK}">`)
    expect(page).toContain('<meta name="referrer" content="no-referrer">')
    if (process.platform !== 'win32') {
      expect(statSync(dirname(launch.file)).mode & 0o777).toBe(0o700)
      expect(statSync(launch.file).mode & 0o777).toBe(0o600)
    }
    launch.remove()
    expect(existsSync(dirname(launch.file))).toBe(false)
    launch.remove()
  })

  it('says to open the link by hand when no browser can be started', async () => {
    const lines: string[] = []
    const missing = ((_: string, args: readonly string[]): ChildProcess =>
      spawn(join(parent, 'no-such-opener'), args, { stdio: 'ignore' })) as unknown as typeof spawn
    const launch = openInBrowser(LINK, {
      log: (line) => lines.push(line),
      platform: 'linux',
      spawn: missing,
      directory: parent,
    })
    await expect
      .poll(() => lines.join('\n'), { timeout: SPAWN_TIMEOUT_MS })
      .toMatch(/open the link above yourself/)
    expect(lines.join('\n')).not.toContain('key=')
    launch.remove()
  })

  it('says so too when the opener finds no browser (xdg-open exits with 3)', async () => {
    const lines: string[] = []
    const noBrowser = ((): ChildProcess =>
      spawn(process.execPath, ['-e', 'process.exit(3)'], {
        stdio: 'ignore',
      })) as unknown as typeof spawn
    const launch = openInBrowser(LINK, {
      log: (line) => lines.push(line),
      platform: 'linux',
      spawn: noBrowser,
      directory: parent,
    })
    await expect
      .poll(() => lines.join('\n'), { timeout: SPAWN_TIMEOUT_MS })
      .toMatch(/xdg-open exited with 3.*open the link above yourself/)
    launch.remove()
  })

  it('escapes the link in the page, whatever it contains', () => {
    const { spawn: fake } = recordingSpawn()
    const launch = openInBrowser('http://127.0.0.1:4810/enter?key=a"><script>x</script>&b', {
      log: () => undefined,
      platform: 'linux',
      spawn: fake,
      directory: parent,
    })
    const page = readFileSync(launch.file, 'utf8')
    expect(page).not.toContain('<script>')
    expect(page).toContain('key=a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;b')
    launch.remove()
  })
})
