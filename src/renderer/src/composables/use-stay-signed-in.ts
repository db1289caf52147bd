/**
 * "Angemeldet bleiben" is offered only where it can work: once the app knows it is
 * not a kiosk (a shared device never keeps a sign-in) and has a keychain to keep the
 * sign-in in. Without a keychain the page says so instead of offering it.
 */
import { computed, type ComputedRef } from 'vue'
import { useAppStore } from '../stores/app.ts'

export interface StaySignedIn {
  /** The checkbox is shown. */
  offered: ComputedRef<boolean>
  /** The note that this device cannot keep a sign-in is shown. */
  impossible: ComputedRef<boolean>
}

export function useStaySignedIn(): StaySignedIn {
  const app = useAppStore()
  const personalDevice = computed(() => app.info !== null && !app.kiosk)
  return {
    offered: computed(() => personalDevice.value && app.keychain === 'os'),
    impossible: computed(() => personalDevice.value && app.keychain === 'memory'),
  }
}
