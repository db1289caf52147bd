/** Autocomplete tokens for sign-in fields; all off in kiosk mode (a shared device). */
import { useAppStore } from '../stores/app.ts'

/** Returns a function that gives the token, or "off" in kiosk mode. */
export function useAutocomplete(): (token: string) => string {
  const app = useAppStore()
  return (token) => (app.kiosk ? 'off' : token)
}
