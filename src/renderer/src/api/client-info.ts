/** GET /client-info (gateway only): what the web preview's renderer cannot ask over IPC. */
import type { ClientInfoAnswer } from '../../../shared/api/gateway.ts'
import {
  KIOSK_DEFAULT_SETTINGS,
  parseKioskSettings,
  type KioskSettings,
} from '../../../shared/kiosk.ts'
import { call } from './call.ts'

export interface ClientInfo {
  demo: boolean
  kiosk: boolean
  /** The terminal's settings in kiosk mode; null otherwise. */
  kioskSettings: KioskSettings | null
  keychain: ClientInfoAnswer['keychain']
}

/** Loads demo, kiosk and where a sign-in would be kept. */
export async function getClientInfo(): Promise<ClientInfo> {
  const { demo, kiosk, kioskSettings, keychain } = await call('GET /client-info', {})
  // A kiosk stays a kiosk even when its settings are unreadable: then the defaults.
  return {
    demo,
    kiosk,
    kioskSettings: kiosk
      ? (parseKioskSettings(kioskSettings) ?? { ...KIOSK_DEFAULT_SETTINGS })
      : null,
    keychain,
  }
}
