/** The keys a kiosk window swallows: nothing that reloads, inspects, closes or leaves the app. */
import { describe, expect, it } from 'vitest'
import { classifyKioskKey, type KeyInput } from '../../../../src/main/kiosk/kiosk-keys.ts'

const key = (k: string, mods: Partial<KeyInput> = {}, type = 'keyDown'): KeyInput => ({
  type,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
})

describe('kiosk keys on Windows and Linux', () => {
  it.each([
    ['F5', key('F5')],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['F12 (devtools)', key('F12')],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C (inspect)', key('C', { control: true, shift: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Ctrl+Q (quit)', key('q', { control: true })],
    ['Alt+F4 (close window)', key('F4', { alt: true })],
    ['Ctrl+F4', key('F4', { control: true })],
    ['Ctrl+N (new window)', key('n', { control: true })],
    ['Ctrl+S (save the page to disk)', key('s', { control: true })],
    ['Ctrl+P (print the page)', key('p', { control: true })],
    ['Ctrl+O (open a file)', key('o', { control: true })],
    ['Ctrl+U (view source)', key('u', { control: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right (forward)', key('ArrowRight', { alt: true })],
    ['the keyboard’s back key', key('BrowserBack')],
    ['F11 (leave full screen)', key('F11')],
  ])('swallows %s', (_name, input) => {
    expect(classifyKioskKey(input, 'win32')).toBe('swallow')
    expect(classifyKioskKey(input, 'linux')).toBe('swallow')
  })

  it.each([
    ['a letter', key('a')],
    ['a capital letter', key('A', { shift: true })],
    ['a digit of the PIN or IBAN', key('7')],
    ['Tab', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Escape (closes a dialog)', key('Escape')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste)', key('v', { control: true })],
    ['Ctrl+A (select all)', key('a', { control: true })],
    ['Ctrl+Plus (zoom)', key('+', { control: true })],
    ['Ctrl+Left (word left in a field)', key('ArrowLeft', { control: true })],
    [
      'Alt+Gr combinations (Ctrl+Alt+Q is @ on a German keyboard)',
      key('@', { control: true, alt: true }),
    ],
  ])('lets %s through to the page', (_name, input) => {
    expect(classifyKioskKey(input, 'win32')).toBe('pass')
    expect(classifyKioskKey(input, 'linux')).toBe('pass')
  })

  it('recognises the exit gesture Ctrl+Alt+Shift+K, and hides its key-up from the page', () => {
    const gesture = { control: true, alt: true, shift: true }
    expect(classifyKioskKey(key('K', gesture), 'linux')).toBe('exit-gesture')
    expect(classifyKioskKey(key('k', gesture), 'win32')).toBe('exit-gesture')
    expect(classifyKioskKey(key('K', gesture, 'keyUp'), 'linux')).toBe('swallow')
  })

  it('does not take near misses for the exit gesture', () => {
    expect(classifyKioskKey(key('K', { control: true, alt: true }), 'linux')).toBe('pass')
    expect(classifyKioskKey(key('K', { control: true, shift: true }), 'linux')).toBe('pass')
    expect(classifyKioskKey(key('K', { alt: true, shift: true }), 'linux')).toBe('pass')
    expect(
      classifyKioskKey(key('K', { control: true, alt: true, shift: true, meta: true }), 'linux'),
    ).toBe('pass')
  })
})

describe('kiosk keys on macOS', () => {
  it.each([
    ['Cmd+R', key('r', { meta: true })],
    ['Cmd+Q', key('q', { meta: true })],
    ['Cmd+W', key('w', { meta: true })],
    ['Cmd+Alt+I (devtools)', key('i', { meta: true, alt: true })],
    ['Cmd+[ (back)', key('[', { meta: true })],
    ['Cmd+] (forward)', key(']', { meta: true })],
    ['Cmd+Ctrl+F (leave full screen)', key('f', { meta: true, control: true })],
    ['Cmd+M (minimise)', key('m', { meta: true })],
    ['Cmd+H (hide)', key('h', { meta: true })],
  ])('swallows %s', (_name, input) => {
    expect(classifyKioskKey(input, 'darwin')).toBe('swallow')
  })

  it('lets Cmd+C and Cmd+V through, and takes Control (not Command) for the gesture', () => {
    expect(classifyKioskKey(key('c', { meta: true }), 'darwin')).toBe('pass')
    expect(classifyKioskKey(key('v', { meta: true }), 'darwin')).toBe('pass')
    expect(classifyKioskKey(key('k', { control: true, alt: true, shift: true }), 'darwin')).toBe(
      'exit-gesture',
    )
    expect(classifyKioskKey(key('k', { meta: true, alt: true, shift: true }), 'darwin')).toBe(
      'pass',
    )
  })
})
