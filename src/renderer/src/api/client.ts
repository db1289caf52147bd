/**
 * The renderer's HTTP client. Relative URLs only: the API is same-origin both in
 * the app (app://mmf/api/v1) and in the web preview; the gateway in front of it
 * keeps the tokens, so no request from here ever carries a token. The only cookie
 * is the web preview's own (the browser that opened its one-time link), sent to
 * the same origin only.
 */
import axios, { AxiosHeaders } from 'axios'

export const API_BASE_URL = '/api/v1'
export const API_TIMEOUT_MS = 20_000

export const apiClient = axios.create({
  baseURL: API_BASE_URL,
  timeout: API_TIMEOUT_MS,
  headers: { Accept: 'application/json' },
  // app:// is registered with supportFetchAPI; fetch is also what the web preview uses.
  adapter: 'fetch',
  // No withCredentials: the fetch adapter then uses fetch's own default, same-origin
  // credentials. (false would send none, and the web preview would answer 401.)
  // Both adapters then report a timeout as ETIMEDOUT, which api/errors.ts relies on.
  transitional: { clarifyTimeoutError: true },
})

// Defence in depth: a token must never leave the renderer, even if some code sets one.
apiClient.interceptors.request.use((config) => {
  const headers = AxiosHeaders.from(config.headers)
  headers.delete('Authorization')
  config.headers = headers
  return config
})

/** Codes of a 401 that mean the session is gone (not a wrong password at sign-in). */
const SESSION_LOST_CODES: readonly string[] = ['unauthenticated', 'session_revoked']

let sessionLostHandler: (() => void) | null = null
let previewLockedHandler: (() => void) | null = null
let accountLockedHandler: (() => void) | null = null

/**
 * Sets what happens when a signed-in call answers 401 (the session has ended
 * elsewhere or expired): the router installs a handler that resets the session
 * and sends the customer to sign-in. Returns its removal.
 */
export function onSessionLost(handler: () => void): () => void {
  sessionLostHandler = handler
  return () => {
    if (sessionLostHandler === handler) sessionLostHandler = null
  }
}

/**
 * Sets what happens when the web preview refuses this browser (401
 * preview_link_required: it was not opened through the preview's one-time link,
 * or the preview restarted since). Returns its removal.
 */
export function onPreviewLocked(handler: () => void): () => void {
  previewLockedHandler = handler
  return () => {
    if (previewLockedHandler === handler) previewLockedHandler = null
  }
}

/**
 * Sets what happens when a call answers 423 account_locked: a wrong password
 * confirming a change was the third in a row, and the backend has ended every
 * session. The router installs a handler that signs out here too and shows
 * the sign-in page with the locked-account text. Returns its removal.
 */
export function onAccountLocked(handler: () => void): () => void {
  accountLockedHandler = handler
  return () => {
    if (accountLockedHandler === handler) accountLockedHandler = null
  }
}

function errorCodeOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null
  const error = (data as { error: unknown }).error
  if (typeof error !== 'object' || error === null) return null
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : null
}

apiClient.interceptors.response.use(undefined, (error: unknown) => {
  if (axios.isAxiosError(error) && error.response?.status === 401) {
    const code = errorCodeOf(error.response.data)
    if (code !== null && SESSION_LOST_CODES.includes(code)) sessionLostHandler?.()
    if (code === 'preview_link_required') previewLockedHandler?.()
  }
  if (
    axios.isAxiosError(error) &&
    error.response?.status === 423 &&
    errorCodeOf(error.response.data) === 'account_locked'
  ) {
    accountLockedHandler?.()
  }
  return Promise.reject(error)
})
