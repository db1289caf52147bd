/**
 * The renderer's HTTP client. Relative URLs only: the API is same-origin both in
 * the app (app://mmf/api/v1) and in the web preview; the gateway in front of it
 * keeps the tokens, so no request from here ever carries credentials.
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
  withCredentials: false,
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
