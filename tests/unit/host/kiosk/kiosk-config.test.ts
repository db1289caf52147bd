/** Kiosk mode's machine-wide config file: where it is, when it switches kiosk on, what it refuses. */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  kioskConfigPath,
  KioskConfigError,
  nonAdminWriteAccess,
} from '../../../../src/host/kiosk/kiosk-config-file.ts'
import {
  kioskApiBaseUrl,
  kioskSettingsOf,
  loadKioskConfig,
  parseKioskConfig,
  previewKioskSettings,
  type KioskConfig,
} from '../../../../src/host/kiosk/kiosk-config.ts'

// A real hash of "123456" (npm run kiosk:pin-hash).
const PIN_HASH =
  '$argon2id$v=19$m=65536,t=3,p=1$uWDdSZD1K/9H9AJPF+XNzw$A8snF3T2sV8OIIvcjjGmBx+C+G3zbLCX6VeGN6Tmozk'
const BANK_API = 'https://api.finance.mini.example/'
const VALID = {
  dealershipName: 'Autohaus Muster Wien',
  exitPinHash: PIN_HASH,
  apiBaseUrl: BANK_API,
}
const platform = process.platform === 'win32' ? 'linux' : process.platform
// The temp files belong to whoever runs the tests: that user plays root here.
const adminUid = process.getuid?.() ?? 0

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mmf-kiosk-config-'))
  await chmod(dir, 0o755)
  file = join(dir, 'kiosk.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function writeConfig(content: unknown): Promise<void> {
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content))
  await chmod(file, 0o644)
}
const load = (flag = false) => loadKioskConfig({ file, flag, platform, adminUid })

describe('kiosk config path', () => {
  it('is under %ProgramData% on Windows, with its default when the variable is missing or odd', () => {
    expect(kioskConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\My MINI Finance\\kiosk.json',
    )
    expect(kioskConfigPath('win32', {})).toBe('C:\\ProgramData\\My MINI Finance\\kiosk.json')
    expect(kioskConfigPath('win32', { ProgramData: 'relative\\dir' })).toBe(
      'C:\\ProgramData\\My MINI Finance\\kiosk.json',
    )
    expect(kioskConfigPath('win32', { ProgramData: '\\\\server\\share' })).toBe(
      'C:\\ProgramData\\My MINI Finance\\kiosk.json',
    )
  })

  it('is in /Library/Application Support on macOS and /etc on Linux, whatever the environment', () => {
    const env = { ProgramData: 'D:\\ProgramData', HOME: '/Users/anna', XDG_CONFIG_HOME: '/tmp' }
    expect(kioskConfigPath('darwin', env)).toBe(
      '/Library/Application Support/My MINI Finance/kiosk.json',
    )
    expect(kioskConfigPath('linux', env)).toBe('/etc/my-mini-finance/kiosk.json')
  })
})

describe('loading the kiosk config', () => {
  it('leaves kiosk mode off without the file and without --kiosk', async () => {
    expect(await load(false)).toBeNull()
  })

  it('uses the defaults, no dealership name and no exit PIN with --kiosk alone', async () => {
    expect(await load(true)).toEqual({
      source: 'flag',
      file: null,
      idleTimeoutSeconds: 120,
      warningSeconds: 30,
      dealershipName: null,
      exitPinHash: null,
      apiBaseUrl: null,
      demo: false,
      printer: null,
    })
  })

  it('switches kiosk mode on when the file exists, with its settings and the defaults for the rest', async () => {
    await writeConfig(VALID)
    expect(await load(false)).toEqual({
      source: 'machine-file',
      file,
      idleTimeoutSeconds: 120,
      warningSeconds: 30,
      dealershipName: 'Autohaus Muster Wien',
      exitPinHash: PIN_HASH,
      apiBaseUrl: BANK_API,
      demo: false,
      printer: null,
    })
  })

  it('takes every setting from the file, also with --kiosk; a byte-order mark is fine', async () => {
    const settings = {
      idleTimeoutSeconds: 30,
      warningSeconds: 5,
      dealershipName: '  MINI Salzburg – Süd  ',
      exitPinHash: PIN_HASH,
      demo: true,
      printer: ' \\\\print-01\\HP LaserJet 4250 (Empfang) ',
    }
    await writeConfig(`\uFEFF${JSON.stringify(settings, null, 2)}`)
    expect(await load(true)).toMatchObject({
      source: 'machine-file',
      idleTimeoutSeconds: 30,
      warningSeconds: 5,
      dealershipName: 'MINI Salzburg – Süd',
      apiBaseUrl: null,
      demo: true,
      printer: '\\\\print-01\\HP LaserJet 4250 (Empfang)',
    })
    await writeConfig({ ...settings, idleTimeoutSeconds: 3600, warningSeconds: 120 })
    expect(await load()).toMatchObject({ idleTimeoutSeconds: 3600, warningSeconds: 120 })
  })

  it.each([
    [
      'a timeout that is text',
      { idleTimeoutSeconds: 'abc' },
      'idleTimeoutSeconds must be a whole number of seconds from 30 to 3600 (found "abc")',
    ],
    [
      'a timeout below 30 s',
      { idleTimeoutSeconds: 29 },
      'idleTimeoutSeconds must be a whole number of seconds from 30 to 3600 (found 29)',
    ],
    ['a timeout above an hour', { idleTimeoutSeconds: 3601 }, 'from 30 to 3600 (found 3601)'],
    ['a fractional timeout', { idleTimeoutSeconds: 90.5 }, 'from 30 to 3600 (found 90.5)'],
    ['a null timeout', { idleTimeoutSeconds: null }, 'from 30 to 3600 (found null)'],
    [
      'a warning below 5 s',
      { warningSeconds: 4 },
      'warningSeconds must be a whole number of seconds from 5 to 120 (found 4)',
    ],
    ['a warning above 120 s', { warningSeconds: 121 }, 'from 5 to 120 (found 121)'],
    [
      'a warning as long as the timeout',
      { idleTimeoutSeconds: 60, warningSeconds: 60 },
      'warningSeconds must be less than idleTimeoutSeconds (found 60 and 60)',
    ],
    [
      'the default warning with the shortest timeout',
      { idleTimeoutSeconds: 30 },
      'warningSeconds must be less than idleTimeoutSeconds (found 30 (the default) and 30)',
    ],
    [
      'an empty dealership name',
      { dealershipName: '   ' },
      'dealershipName must be text of 1 to 80',
    ],
    ['a dealership name of 81 characters', { dealershipName: 'A'.repeat(81) }, 'found "AAAA'],
    [
      'a dealership name with a line break',
      { dealershipName: 'MINI\nWien' },
      'without line breaks',
    ],
    ['a dealership name that is a number', { dealershipName: 42 }, 'dealershipName must be text'],
    [
      'a missing dealership name',
      { dealershipName: undefined },
      'dealershipName is required: the name shown on the start screen',
    ],
    [
      'a missing exit PIN hash',
      { exitPinHash: undefined },
      'exitPinHash is required: the line `npm run kiosk:pin-hash` prints',
    ],
    [
      'a PIN instead of its hash',
      { exitPinHash: '123456' },
      'exitPinHash must be an argon2id hash',
    ],
    [
      'an argon2i hash',
      { exitPinHash: PIN_HASH.replace('argon2id', 'argon2i') },
      'exitPinHash must be an argon2id hash',
    ],
    [
      'printingAllowed of earlier versions',
      { printingAllowed: true },
      'printingAllowed is no longer a setting: name the system printer in "printer"',
    ],
    ['printingAllowed: false as well', { printingAllowed: false }, 'name the system printer'],
    ['an empty printer name', { printer: '  ' }, "printer must be the system printer's name"],
    ['a printer name of 201 characters', { printer: 'P'.repeat(201) }, '1 to 200 characters'],
    ['a printer name with a line break', { printer: 'HP\nLaserJet' }, 'without line breaks'],
    ['a printer that is true', { printer: true }, 'without line breaks (found true)'],
    [
      'neither apiBaseUrl nor demo',
      { apiBaseUrl: undefined },
      'apiBaseUrl is required: the https address of the bank\'s API; only a demonstration terminal runs on the demo data instead, with "demo": true',
    ],
    [
      '"demo": false without apiBaseUrl',
      { apiBaseUrl: undefined, demo: false },
      'apiBaseUrl is required',
    ],
    [
      'apiBaseUrl together with "demo": true',
      { demo: true },
      'apiBaseUrl and "demo": true exclude each other',
    ],
    [
      'an http API on the network',
      { apiBaseUrl: 'http://api.finance.mini.example/' },
      'apiBaseUrl: The API base URL must use https (http only for 127.0.0.1, localhost or [::1])',
    ],
    [
      'an API address with credentials',
      { apiBaseUrl: 'https://kiosk:secret@api.finance.mini.example/' },
      'apiBaseUrl: The API base URL must not contain credentials',
    ],
    ['an API address that is no URL', { apiBaseUrl: 'api.finance' }, 'is not a valid URL'],
    [
      'an API address that is a number',
      { apiBaseUrl: 443 },
      'apiBaseUrl must be the https address',
    ],
    [
      'demo as text',
      { apiBaseUrl: undefined, demo: 'yes' },
      'demo must be true or false (found "yes")',
    ],
    [
      'an unknown setting',
      { idleTimeout: 60 },
      '"idleTimeout" is not a setting (allowed: dealershipName, exitPinHash, apiBaseUrl, demo, idleTimeoutSeconds, warningSeconds, printer)',
    ],
  ])('refuses %s, naming the file and the setting', async (_, change, message) => {
    await writeConfig({ ...VALID, ...change })
    const error = await load(true).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(KioskConfigError)
    expect((error as Error).message).toContain(`${file}: `)
    expect((error as Error).message).toContain(message)
  })

  it('names every problem of the file in the one error', async () => {
    await writeConfig({ idleTimeoutSeconds: 10, printingAllowed: 1, theme: 'dark' })
    const message = await load().then(
      () => '',
      (error: unknown) => (error as Error).message,
    )
    for (const part of [
      'idleTimeoutSeconds',
      'printingAllowed',
      '"theme"',
      'dealershipName',
      'exitPinHash',
    ]) {
      expect(message).toContain(part)
    }
  })

  it('accepts an API on this computer over http, as --api-base-url does, and normalises it', async () => {
    await writeConfig({ ...VALID, apiBaseUrl: 'http://127.0.0.1:4810' })
    expect(await load()).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:4810/', demo: false })
    await writeConfig({ ...VALID, apiBaseUrl: 'https://bank.example/portal', demo: false })
    expect(await load()).toMatchObject({ apiBaseUrl: 'https://bank.example/portal/', demo: false })
  })

  it.each([
    ['malformed JSON', '{"dealershipName": "MINI Wien",', 'is not valid JSON'],
    ['an empty file', '', 'is not valid JSON'],
    ['an array', '[]', 'must hold a JSON object'],
    ['null', 'null', 'must hold a JSON object'],
  ])('refuses %s instead of starting without kiosk mode', async (_, text, message) => {
    await writeConfig(text)
    await expect(load(false)).rejects.toThrow(`${file}: ${message}`)
  })

  it('refuses a folder in the file’s place and a file too large to be a config', async () => {
    await mkdir(file)
    await expect(load()).rejects.toThrow(`${file}: is not a file`)
    await rm(file, { recursive: true })
    await writeConfig(JSON.stringify({ ...VALID, pad: ' '.repeat(70_000) }))
    await expect(load()).rejects.toThrow('is larger than')
  })

  it.skipIf(process.platform === 'win32' || adminUid === 0)(
    'refuses a file the app cannot read',
    async () => {
      await writeConfig(VALID)
      await chmod(file, 0o200)
      await expect(load()).rejects.toThrow(`${file}: cannot be read (EACCES)`)
    },
  )
})

describe('who may write the kiosk config (POSIX)', () => {
  it.skipIf(process.platform === 'win32')(
    'refuses a file or folder anyone may write, with the command that fixes it',
    async () => {
      await writeConfig(VALID)
      await chmod(file, 0o666)
      await expect(load()).rejects.toThrow(
        `${file}: must be writable by administrators only, but everyone may write it; run: sudo chown root`,
      )
      await chmod(file, 0o644)
      await chmod(dir, 0o777)
      await expect(load()).rejects.toThrow('its folder must be writable by administrators only')
    },
  )

  it.skipIf(process.platform === 'win32')(
    'refuses a file that does not belong to root',
    async () => {
      await writeConfig(VALID)
      const stranger = adminUid + 1
      await expect(
        loadKioskConfig({ file, flag: false, platform, adminUid: stranger }),
      ).rejects.toThrow(`but it belongs to uid ${adminUid}, not to root`)
    },
  )

  it('allows group write for the administrators’ group only', () => {
    const linux = { platform: 'linux' as const }
    expect(nonAdminWriteAccess({ mode: 0o100644, uid: 0, gid: 0 }, linux)).toBeNull()
    expect(nonAdminWriteAccess({ mode: 0o100664, uid: 0, gid: 0 }, linux)).toBeNull()
    expect(nonAdminWriteAccess({ mode: 0o100664, uid: 0, gid: 1000 }, linux)).toBe(
      'group 1000 may write it',
    )
    expect(
      nonAdminWriteAccess({ mode: 0o40775, uid: 0, gid: 80 }, { platform: 'darwin' }),
    ).toBeNull()
    expect(nonAdminWriteAccess({ mode: 0o40775, uid: 0, gid: 80 }, linux)).toBe(
      'group 80 may write it',
    )
    expect(nonAdminWriteAccess({ mode: 0o100646, uid: 0, gid: 0 }, linux)).toBe(
      'everyone may write it',
    )
    expect(nonAdminWriteAccess({ mode: 0o100600, uid: 501, gid: 20 }, linux)).toBe(
      'it belongs to uid 501, not to root',
    )
  })

  it('does not check modes on Windows (the folder’s ACL decides there)', async () => {
    await writeConfig(VALID)
    if (process.platform !== 'win32') await chmod(file, 0o666)
    await expect(
      loadKioskConfig({ file, flag: false, platform: 'win32', adminUid: adminUid + 1 }),
    ).resolves.toMatchObject({ source: 'machine-file' })
  })
})

/** The config a machine file with `settings` loads as. */
function fileConfig(settings: Record<string, unknown>): KioskConfig {
  return {
    source: 'machine-file',
    file: '/etc/my-mini-finance/kiosk.json',
    ...parseKioskConfig(JSON.stringify({ ...VALID, ...settings }), 'kiosk.json'),
  }
}

describe('the backend of a terminal', () => {
  it('is the file’s apiBaseUrl, also when --api-base-url repeats it', () => {
    const config = fileConfig({})
    expect(kioskApiBaseUrl(config, null)).toBe(BANK_API)
    expect(kioskApiBaseUrl(config, 'https://api.finance.mini.example')).toBe(BANK_API)
  })

  it('is the embedded demo backend with "demo": true', () => {
    expect(kioskApiBaseUrl(fileConfig({ apiBaseUrl: undefined, demo: true }), null)).toBeNull()
  })

  it('is not changed by the command line or the environment: a different address stops the start', () => {
    expect(() => kioskApiBaseUrl(fileConfig({}), 'https://elsewhere.example/')).toThrow(
      "/etc/my-mini-finance/kiosk.json: decides this terminal's backend (https://api.finance.mini.example/), but --api-base-url or MMF_API_BASE_URL names https://elsewhere.example/",
    )
    const demo = fileConfig({ apiBaseUrl: undefined, demo: true })
    expect(() => kioskApiBaseUrl(demo, BANK_API)).toThrow(
      'decides this terminal\'s backend ("demo": true)',
    )
  })

  it('follows the command line with --kiosk alone (trying it out)', async () => {
    const flag = await loadKioskConfig({
      file: join(tmpdir(), 'no-such-dir', 'kiosk.json'),
      flag: true,
      platform,
    })
    expect(flag).not.toBeNull()
    expect(kioskApiBaseUrl(flag as KioskConfig, null)).toBeNull()
    expect(kioskApiBaseUrl(flag as KioskConfig, BANK_API)).toBe(BANK_API)
  })
})

describe('what the renderer learns', () => {
  it('whether letters can be printed, never the printer’s name, the PIN hash or the backend', () => {
    const config = fileConfig({ printer: 'HP LaserJet (Empfang)' })
    const settings = kioskSettingsOf(config, { silentPrinting: true })
    expect(settings).toEqual({
      dealershipName: 'Autohaus Muster Wien',
      printingAvailable: true,
      idleTimeoutSeconds: 120,
      warningSeconds: 30,
    })
    expect(JSON.stringify(settings)).not.toMatch(/LaserJet|argon2|finance\.mini/)
    expect(kioskSettingsOf(fileConfig({}), { silentPrinting: true }).printingAvailable).toBe(false)
  })

  it('in the web preview: no printing even with a printer, and no file with a bank’s API', () => {
    const demoFile = JSON.stringify({ ...VALID, apiBaseUrl: undefined, demo: true, printer: 'HP' })
    expect(previewKioskSettings(demoFile, 'kiosk.json').printingAvailable).toBe(false)
    expect(() => previewKioskSettings(JSON.stringify(VALID), 'kiosk.json')).toThrow(
      'kiosk.json: apiBaseUrl: the web preview runs its own backend',
    )
  })
})
