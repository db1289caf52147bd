/** GET /client-info (gateway only): what the web preview's renderer cannot ask over IPC. */
import {
  KIOSK_DEFAULT_SETTINGS,
  parseKioskSettings,
  type KioskSettings,
} from '../../../shared/kiosk.ts'
import { apiClient } from './client.ts'

export interface ClientInfo {
  demo: boolean
  kiosk: boolean
  /** The terminal's settings in kiosk mode; null otherwise. */
  kioskSettings: KioskSettings | null
  keychain: 'os' | 'memory'
}

/** Loads demo, kiosk and where a sign-in would be kept. */
export async function getClientInfo(): Promise<ClientInfo> {
  const { data } = await apiClient.get<unknown>('/client-info')
  if (typeof data !== 'object' || data === null) {
    throw new TypeError('GET /client-info answered with an unexpected shape')
  }
  const { demo, kiosk, keychain } = data as Record<string, unknown>
  if (typeof demo !== 'boolean' || typeof kiosk !== 'boolean') {
    throw new TypeError('GET /client-info answered with an unexpected shape')
  }
  // A kiosk stays a kiosk even when its settings are unreadable: then the defaults.
  const kioskSettings = kiosk
    ? (parseKioskSettings((data as Record<string, unknown>).kioskSettings) ?? {
        ...KIOSK_DEFAULT_SETTINGS,
      })
    : null
  // An older gateway does not say; "memory" is the cautious reading.
  return { demo, kiosk, kioskSettings, keychain: keychain === 'os' ? 'os' : 'memory' }
}
