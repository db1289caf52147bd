/**
 * The shell of a kiosk terminal: the idle notice ("Sind Sie noch da?"), the exit
 * request (desktop app), and the session end that leaves nothing of one customer
 * for the next. Which platform drives the countdown is the platform driver's business (platform/);
 * the kiosk shell component connects this store while the app is in kiosk mode.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { assertNever } from '../../../shared/assert-never.ts'
import type { KioskExitResult, KioskIdleEvent } from '../../../shared/kiosk.ts'
import {
  canPrintSilently,
  endKioskSessionInPage,
  exitKiosk,
  IpcCallError,
  kioskIdleSource,
  onKioskExitRequested,
  printKioskPage,
  type KioskIdleSource,
  type KioskPageEndReason,
} from '../platform/index.ts'
import { useAppStore } from './app.ts'
import { falseOnFailure } from './false-on-failure.ts'
import { useSessionStore } from './session.ts'

/**
 * What the idle notice shows: the countdown, or that the session is ending now;
 * `visitor` when nobody is signed in (the typed input goes, nobody is signed out).
 */
export type KioskIdleNotice = ({ phase: 'counting'; secondsLeft: number } | { phase: 'ending' }) & {
  visitor: boolean
}

/** The PIN prompt after the exit gesture; `id` tells a new request from the open one. */
export interface KioskExitRequest {
  id: number
  pinRequired: boolean
}

/** main's answer to the PIN, or why there was none: the gesture is too old, or the call failed. */
export type KioskExitOutcome = KioskExitResult | { result: 'expired' } | { result: 'failed' }

/** sessionStorage key: this tab signed in to the web preview's session. */
export const PAGE_SESSION_MARK = 'mmf.kiosk.pageSession'

export const useKioskStore = defineStore('kiosk', () => {
  const app = useAppStore()
  const session = useSessionStore()
  /** null while nobody is asked whether they are still there. */
  const idleNotice = ref<KioskIdleNotice | null>(null)
  const exitRequest = ref<KioskExitRequest | null>(null)
  let source: KioskIdleSource | null = null
  let requests = 0
  /** Set once the page ends the session: later triggers must not run it again. */
  let ending = false
  /** Whether anyone has touched this page yet (a sign-in needs typing). */
  let touched = false

  function onIdleEvent(event: KioskIdleEvent): void {
    const visitor = !session.signedIn
    switch (event.phase) {
      case 'warning':
      case 'tick':
        idleNotice.value = { phase: 'counting', secondsLeft: event.secondsLeft, visitor }
        return
      case 'cleared':
        idleNotice.value = null
        return
      case 'expired':
        idleNotice.value = { phase: 'ending', visitor }
        // The desktop app's main ends the session itself and reloads this page.
        if (source?.endsSession === 'page') void endSession(visitor ? 'reset' : 'idle')
        return
      default:
        assertNever(event)
    }
  }

  /**
   * Ends the customer's session from the page: signs out (DELETE /sessions/current)
   * when someone is signed in, then empties the storages and loads the start screen
   * afresh. A failed sign-out does not keep the data on screen: the page is wiped
   * all the same.
   */
  async function endSession(reason: KioskPageEndReason): Promise<void> {
    if (ending) return
    ending = true
    source?.stop()
    if (session.signedIn) {
      try {
        await session.signOut()
      } catch (error) {
        console.error('Signing out failed; removing the page content all the same:', error)
      }
    }
    endKioskSessionInPage(reason)
  }

  /** The session ended without this page asking (a refused refresh): wipe the page too. */
  function sessionLost(): void {
    if (ending) return
    ending = true
    source?.stop()
    endKioskSessionInPage('sign-out')
  }

  /**
   * Starts the kiosk shell: the countdown's events, the exit requests, and the idle
   * watch on every sign-in. Returns the disconnect (the shell's unmount).
   */
  function connect(): () => void {
    const idle = kioskIdleSource(app.info?.kioskSettings ?? null)
    source = idle
    const offIdle = idle.onEvent(onIdleEvent)
    const offExit = onKioskExitRequested(({ pinRequired }) => {
      requests += 1
      exitRequest.value = { id: requests, pinRequired }
    })
    const stopWatching = watch(
      () => session.signedIn,
      (signedIn, before) => {
        if (signedIn) {
          if (idle.endsSession === 'page' && !claimPageSession()) {
            // A fresh page found a session nobody signed in to here: a browser closed
            // while signed in. It is not shown to whoever stands at the terminal now.
            void endSession('sign-out')
            return
          }
          idle.start()
        } else if (before) sessionLost()
      },
      { immediate: true },
    )
    return () => {
      stopWatching()
      offExit()
      offIdle()
      idle.stop()
      if (source === idle) source = null
      idleNotice.value = null
      exitRequest.value = null
    }
  }

  /**
   * Web preview: whether this tab owns the gateway's session — it signed in here (there
   * was input before the session appeared), or it did before a reload (the mark in
   * sessionStorage, which the session end empties).
   */
  function claimPageSession(): boolean {
    if (sessionStorage.getItem(PAGE_SESSION_MARK) === null && !touched) return false
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
    return true
  }

  /** Customer input anywhere on the page. */
  function activity(): void {
    touched = true
    source?.activity()
  }

  /** A form field changed (typing, pasting, choosing): from now on the idle watch runs. */
  function formInput(): void {
    touched = true
    source?.formInput()
  }

  /** "Ich bin noch da". */
  function stillHere(): void {
    source?.continue()
  }

  /** The kiosk's "Abmelden": sign out, wipe, start screen. */
  function signOut(): Promise<void> {
    return endSession('sign-out')
  }

  /** Sends the exit PIN to main (`''` without one). */
  async function exit(pin: string): Promise<KioskExitOutcome> {
    try {
      return await exitKiosk(pin)
    } catch (error) {
      if (error instanceof IpcCallError && error.code === 'not_allowed')
        return { result: 'expired' }
      console.error('Leaving kiosk mode failed:', error)
      return { result: 'failed' }
    }
  }

  /** Closes the PIN prompt (cancel). */
  function closeExit(): void {
    exitRequest.value = null
  }

  /**
   * Whether letters can be printed here: a terminal with a printer (kiosk.json), in
   * the desktop app, whose main prints without a dialog. Never in the web preview.
   */
  const canPrint = computed(
    () => app.kiosk && app.info?.kioskSettings?.printingAvailable === true && canPrintSilently(),
  )

  /** Prints the page (the print view) on the terminal's printer; false when it was not printed. */
  async function printPage(): Promise<boolean> {
    return falseOnFailure(printKioskPage, 'The letter could not be printed:', console.warn)
  }

  return {
    idleNotice,
    exitRequest,
    connect,
    activity,
    formInput,
    stillHere,
    signOut,
    exit,
    closeExit,
    canPrint,
    printPage,
  }
})
