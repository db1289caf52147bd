/**
 * Which key presses a kiosk window lets through to the page, without Electron:
 * main sees every key before the page (`before-input-event`) and asks this.
 * Reload, developer tools, closing, quitting, new windows, saving or printing the
 * page, going back and leaving full screen are swallowed; the exit gesture opens
 * the PIN prompt. Everything else (typing, Tab, Enter, zoom) reaches the page.
 */
import { KIOSK_EXIT_GESTURE } from '../../shared/kiosk.ts'

/** The part of Electron's `Input` this needs. */
export interface KeyInput {
  type: string
  key: string
  control: boolean
  meta: boolean
  alt: boolean
  shift: boolean
}

export type KioskKeyAction = 'exit-gesture' | 'swallow' | 'pass'

/** Keys swallowed with any modifier (or none). */
const ALWAYS = new Set([
  'F5', // reload
  'F11', // full screen
  'F12', // developer tools
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserStop',
])

/** Letters swallowed with Ctrl (Cmd on macOS): reload, close, quit, new window or tab, save, print, open, history, downloads, view source, minimise. */
const WITH_COMMAND = new Set(['r', 'w', 'q', 'n', 't', 's', 'p', 'o', 'h', 'j', 'u', 'm'])
/** Letters swallowed with Ctrl+Shift / Cmd+Alt: developer tools and inspector. */
const DEVTOOLS = new Set(['i', 'j', 'c'])

/** Decides what a key press in the kiosk window does. */
export function classifyKioskKey(input: KeyInput, platform: NodeJS.Platform): KioskKeyAction {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') {
    // Key-ups carry nothing Chromium acts on, but the gesture's own must not reach the page.
    return isExitGesture(input) ? 'swallow' : 'pass'
  }
  if (isExitGesture(input)) return 'exit-gesture'
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key
  if (ALWAYS.has(key)) return 'swallow'
  const command = platform === 'darwin' ? input.meta : input.control
  if (command && DEVTOOLS.has(key) && (input.shift || input.alt)) return 'swallow'
  if (command && WITH_COMMAND.has(key)) return 'swallow'
  // Alt+F4 closes the window on Windows and Linux; Ctrl+F4 closes a tab.
  if (key === 'F4' && (input.alt || input.control)) return 'swallow'
  // Back and forward: Alt+Left/Right, Cmd+[ and Cmd+], Backspace is the page's own.
  if (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight') && !input.control) return 'swallow'
  if (platform === 'darwin' && input.meta && (key === '[' || key === ']')) return 'swallow'
  // macOS: Cmd+Ctrl+F leaves full screen, Cmd+, opens preferences, Cmd+` cycles windows.
  if (platform === 'darwin' && input.meta && (key === 'f' || key === ',' || key === '`'))
    return 'swallow'
  return 'pass'
}

function isExitGesture(input: KeyInput): boolean {
  const gesture = KIOSK_EXIT_GESTURE
  return (
    input.key.toLowerCase() === gesture.key &&
    input.control === gesture.control &&
    input.alt === gesture.alt &&
    input.shift === gesture.shift &&
    !input.meta
  )
}
