/**
 * What the page does to itself, the same under both drivers: start afresh, and a
 * kiosk's session end that leaves nothing of one customer for the next.
 */
import { kioskStartHash } from '../../../shared/kiosk.ts'
import type { KioskPageEndReason } from './contract.ts'

/** Starts the app afresh on the start page (the crash screen's way out). */
export function reloadApp(): void {
  window.location.hash = '#/'
  window.location.reload()
}

/**
 * The start screen after a session end: this page's address without query, then
 * `#/?ended=…` (or `#/` after a reset).
 */
export function kioskStartUrl(reason: KioskPageEndReason, current: string): string {
  const url = new URL(current)
  url.search = ''
  url.hash = ''
  return `${url.href}${kioskStartHash(reason)}`
}

/**
 * Removes the customer's traces from the page and starts it afresh on the start
 * screen: both web storages emptied (the next customer starts in German, with
 * nothing kept), then a full load of `#/?ended=<reason>`, so no Pinia state
 * survives and the ended history entry is replaced. Call it after the sign-out.
 */
export function endKioskSessionInPage(reason: KioskPageEndReason): void {
  try {
    window.sessionStorage.clear()
  } catch (error) {
    console.warn('The session storage could not be emptied:', error)
  }
  try {
    window.localStorage.clear()
  } catch (error) {
    console.warn('The local storage could not be emptied:', error)
  }
  const target = kioskStartUrl(reason, window.location.href)
  window.location.replace(target)
  // When only the hash differed, replace() moved inside the page: load it for real.
  if (window.location.href === target) window.location.reload()
}

/**
 * Kiosk only: when the page is left, `removeCustomerData` runs and the body is
 * emptied (nothing for a back/forward cache snapshot); a page that comes back
 * from that cache is loaded afresh. The back button never shows the previous
 * customer's page. Returns the uninstall.
 */
export function installKioskPageGuards(removeCustomerData: () => void): () => void {
  /** Set once the page was left: from then on the reload on return must stay, whatever unmounts. */
  let left = false
  let uninstalled = false
  const onPageHide = (): void => {
    left = true
    try {
      removeCustomerData()
    } catch (error) {
      console.warn('Removing the page content failed; emptying the page:', error)
    } finally {
      document.body.replaceChildren()
    }
  }
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) window.location.reload()
    if (uninstalled) window.removeEventListener('pageshow', onPageShow)
  }
  window.addEventListener('pagehide', onPageHide)
  window.addEventListener('pageshow', onPageShow)
  return () => {
    uninstalled = true
    window.removeEventListener('pagehide', onPageHide)
    // Unmounting the app on pagehide calls this too: then the reload waits for the return.
    if (!left) window.removeEventListener('pageshow', onPageShow)
  }
}
