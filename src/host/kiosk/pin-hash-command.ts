/**
 * `npm run kiosk:pin-hash`: reads an exit PIN and prints its argon2id hash, the
 * line to paste into kiosk.json as "exitPinHash". At a terminal the PIN is read
 * without echo and asked twice; from a pipe, the first line is taken. Only the
 * hash goes to stdout (so it can be piped on); prompts and hints go to stderr.
 */
import { hashExitPin, isValidExitPin } from './exit-pin.ts'

/** The parts of process.stdin the command uses; `isTTY`/`setRawMode` only at a terminal. */
export interface PinInput extends NodeJS.EventEmitter {
  isTTY?: boolean
  setRawMode?(raw: boolean): unknown
  setEncoding(encoding: BufferEncoding): unknown
  resume(): unknown
  pause(): unknown
}

export interface PinHashIo {
  stdin: PinInput
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
}

/** Typed Ctrl-C at the prompt. */
class Cancelled extends Error {}

/** More than any PIN; a longer pipe is not read further. */
const MAX_INPUT_CHARS = 1024

/** Reads one line at a terminal with echo off; backspace deletes, Ctrl-C cancels. */
export function readHiddenLine(input: PinInput, prompt: (text: string) => void, text: string) {
  return new Promise<string>((resolve, reject) => {
    let line = ''
    const finish = (error: Error | null): void => {
      input.removeListener('data', onData)
      input.setRawMode?.(false)
      input.pause()
      prompt('\n')
      if (error) reject(error)
      else resolve(line)
    }
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null)
        if (char === '\u0003') return finish(new Cancelled())
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1)
        else if (line.length < MAX_INPUT_CHARS) line += char
      }
    }
    // Echo off before the prompt shows, so that nothing typed after it is echoed.
    input.setRawMode?.(true)
    prompt(text)
    input.setEncoding('utf8')
    input.on('data', onData)
    input.resume()
  })
}

/** Reads the first line of a pipe (without its line ending). */
export function readPipedLine(input: PinInput): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = ''
    const done = (): void => {
      input.removeListener('data', onData)
      input.removeListener('end', done)
      input.removeListener('error', reject)
      input.pause()
      resolve(text.split(/\r?\n/)[0] ?? '')
    }
    const onData = (chunk: string): void => {
      text += chunk
      if (text.includes('\n') || text.length > MAX_INPUT_CHARS) done()
    }
    input.setEncoding('utf8')
    input.on('data', onData)
    input.once('end', done)
    input.once('error', reject)
    input.resume()
  })
}

/** Runs the command; resolves to the process's exit code. */
export async function runPinHashCommand(io: PinHashIo): Promise<number> {
  const say = (text: string): void => void io.stderr.write(text)
  const terminal = io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function'
  let pin: string
  try {
    if (terminal) {
      pin = await readHiddenLine(io.stdin, say, 'Exit PIN (6 to 12 digits): ')
      if (isValidExitPin(pin)) {
        const again = await readHiddenLine(io.stdin, say, 'The same PIN again: ')
        if (again !== pin) {
          say('The two PINs differ. Nothing was printed.\n')
          return 1
        }
      }
    } else {
      pin = await readPipedLine(io.stdin)
    }
  } catch (error) {
    if (error instanceof Cancelled) return 130
    throw error
  }
  if (!isValidExitPin(pin)) {
    say('The exit PIN must be 6 to 12 digits (0-9), nothing else. Nothing was printed.\n')
    return 1
  }
  const hash = await hashExitPin(pin)
  io.stdout.write(`${hash}\n`)
  say('Paste this line into kiosk.json as the value of "exitPinHash".\n')
  return 0
}
