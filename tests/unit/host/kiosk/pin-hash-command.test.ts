/** `npm run kiosk:pin-hash`: run as a child process with the PIN piped in, and its hidden prompt. */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { verify } from '@node-rs/argon2'
import { describe, expect, it } from 'vitest'
import { parseKioskConfig } from '../../../../src/host/kiosk/kiosk-config.ts'
import { readHiddenLine, type PinInput } from '../../../../src/host/kiosk/pin-hash-command.ts'

const root = join(import.meta.dirname, '../../../..')
const script = join(root, 'scripts/kiosk-pin-hash.mjs')

/** Runs the script on the project's Node with `input` on stdin. */
function run(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: root, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(input)
  })
}

describe('kiosk:pin-hash command', () => {
  it('prints only the argon2id hash line of a piped PIN, which kiosk.json accepts', async () => {
    const { code, stdout, stderr } = await run('73915402\n')
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines).toHaveLength(2)
    const hash = lines[0] ?? ''
    expect(hash).toMatch(/^\$argon2id\$/)
    expect(await verify(hash, '73915402')).toBe(true)
    expect(stdout).not.toContain('73915402')
    expect(stderr).toContain('exitPinHash')
    const text = JSON.stringify({ dealershipName: 'MINI Graz', exitPinHash: hash, demo: true })
    expect(parseKioskConfig(text, 'kiosk.json').exitPinHash).toBe(hash)
  })

  it('takes a PIN without a line ending, and a Windows line ending', async () => {
    for (const input of ['123456', '123456\r\n']) {
      const { code, stdout } = await run(input)
      expect(code).toBe(0)
      expect(await verify(stdout.trim(), '123456')).toBe(true)
    }
  })

  it.each(['12345', '1234567890123', '12 3456', 'abcdef', ''])(
    'refuses %j and prints no hash',
    async (pin) => {
      const { code, stdout, stderr } = await run(`${pin}\n`)
      expect(code).toBe(1)
      expect(stdout).toBe('')
      expect(stderr).toContain('6 to 12 digits')
    },
  )

  it('is the package script `kiosk:pin-hash`', () => {
    const npm = spawnSync('npm', ['run', '--silent', 'kiosk:pin-hash'], {
      cwd: root,
      input: '908172\n',
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
    })
    expect(npm.status).toBe(0)
    expect(npm.stdout).toMatch(/^\$argon2id\$v=19\$\S+\n$/)
  })
})

/** A terminal's stdin: records raw mode; the test types into it. */
function fakeTerminal() {
  const input = new EventEmitter() as PinInput & { raw: boolean[] }
  input.isTTY = true
  input.raw = []
  input.setRawMode = (raw: boolean) => input.raw.push(raw)
  input.setEncoding = () => input
  input.resume = () => input
  input.pause = () => input
  return input
}

/** util-linux `script` gives the command a real terminal (a pty). */
const hasScript = process.platform === 'linux' && existsSync('/usr/bin/script')

/** Runs the command in a pty, typing each of `answers` when the next prompt appears. */
function runInTerminal(answers: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const command = `'${process.execPath}' '${script}'`
    const child = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], { cwd: root })
    let output = ''
    let prompts = 0
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const seen = (output.match(/(digits\)|again): /g) ?? []).length
      while (prompts < seen && prompts < answers.length) child.stdin.write(answers[prompts++] ?? '')
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe.skipIf(!hasScript)('kiosk:pin-hash at a real terminal', () => {
  it('asks twice without echoing the PIN and prints the hash', async () => {
    const { code, output } = await runInTerminal(['135790\r', '135790\r'])
    expect(code).toBe(0)
    expect(output).toContain('The same PIN again')
    expect(output).not.toContain('135790')
    const hash = output.match(/\$argon2id\$\S+/)?.[0] ?? ''
    expect(await verify(hash, '135790')).toBe(true)
  })

  it('prints nothing when the two PINs differ', async () => {
    const { code, output } = await runInTerminal(['135790\r', '135791\r'])
    expect(code).toBe(1)
    expect(output).toContain('The two PINs differ')
    expect(output).not.toContain('$argon2id$')
  })
})

describe('reading the PIN at a terminal', () => {
  it('turns echo off while reading, honours backspace and turns echo back on', async () => {
    const input = fakeTerminal()
    let shown = ''
    const line = readHiddenLine(input, (text) => (shown += text), 'Exit PIN: ')
    input.emit('data', '12')
    input.emit('data', '39\u007f45')
    input.emit('data', '67\r')
    expect(await line).toBe('1234567')
    expect(input.raw).toEqual([true, false])
    expect(shown).toBe('Exit PIN: \n')
    expect(input.listenerCount('data')).toBe(0)
  })

  it('cancels on Ctrl-C and still turns echo back on', async () => {
    const input = fakeTerminal()
    const line = readHiddenLine(input, () => undefined, 'Exit PIN: ')
    input.emit('data', '12\u0003')
    await expect(line).rejects.toThrow()
    expect(input.raw).toEqual([true, false])
  })
})
