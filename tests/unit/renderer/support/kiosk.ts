/**
 * Kiosk fixtures for renderer tests: a terminal's settings, and the gateway's
 * /client-info of the web preview that says whether it is one.
 */
import type { KioskSettings } from '../../../../src/shared/kiosk.ts'
import type { FakeApi } from './fake-api.ts'

/** A showroom terminal with a printer. */
export const KIOSK_SETTINGS: KioskSettings = {
  dealershipName: 'MINI Salzburg',
  printingAvailable: true,
  idleTimeoutSeconds: 120,
  warningSeconds: 30,
}

/** The web preview's /client-info: a kiosk terminal with `settings`, or no kiosk for null. */
export function webClientInfo(api: FakeApi, settings: KioskSettings | null): void {
  api.on('GET', '/client-info', {
    status: 200,
    body: { demo: false, kiosk: settings !== null, kioskSettings: settings, keychain: 'memory' },
  })
}
