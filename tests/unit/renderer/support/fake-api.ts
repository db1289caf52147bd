/**
 * A fake gateway behind the renderer's real API client: an axios adapter that
 * answers by method and path, records every request, and fails like axios does
 * (AxiosError with the response), so api/errors.ts maps the answers for real.
 */
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios'
import { apiClient } from '../../../../src/renderer/src/api/client.ts'

export interface FakeRequest {
  method: string
  path: string
  /** The query parameters (axios `params` and any in the URL), as strings; absent when none. */
  query?: Record<string, string>
  body: unknown
}

export interface FakeReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** A reply, a function of the request, or 'network' for a failed connection. */
export type FakeAnswer =
  | FakeReply
  | 'network'
  | ((request: FakeRequest) => FakeReply | 'network' | Promise<FakeReply | 'network'>)

export const SUPPORT_CONTACTS = {
  phone: '+43 662 2191 4920',
  email: 'ksc@mini.at',
  hours: 'Mo–Fr 8:00–17:00',
}

export const ANNA = {
  customerNumber: '100482117',
  salutation: 'ms',
  firstName: 'Anna',
  lastName: 'Huber',
  email: 'anna.huber@example.at',
  locale: 'de',
  activated: false,
} as const

/** The API's error format. */
export function apiError(
  status: number,
  code: string,
  fields?: Record<string, string>,
  headers?: Record<string, string>,
): FakeReply {
  return {
    status,
    body: { error: { code, message: code, ...(fields ? { fields } : {}) } },
    ...(headers ? { headers } : {}),
  }
}

export interface FakeApi {
  /** Every request, in order. */
  readonly calls: FakeRequest[]
  /** Sets the answer for `METHOD /path` (without /api/v1 and query). */
  on(method: string, path: string, answer: FakeAnswer): FakeApi
  /** Sets the answer for every `METHOD` path matching `pattern` that has no exact answer. */
  onMatch(method: string, pattern: RegExp, answer: FakeAnswer): FakeApi
  /** The requests to `METHOD /path`. */
  callsTo(method: string, path: string): FakeRequest[]
  /**
   * The signed-in customer's language setting (preferences.locale) in every `GET
   * /session` answer, whatever the answer set: the app speaks it from the start.
   */
  customerSpeaks(locale: 'de' | 'en'): FakeApi
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data ?? null
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

/** A GET /session answer whose customer (if any) has the language setting `locale`. */
function withCustomerLocale(reply: FakeReply, locale: 'de' | 'en'): FakeReply {
  const body = reply.body as { customer?: Record<string, unknown> } | undefined
  if (!body?.customer) return reply
  return { ...reply, body: { ...body, customer: { ...body.customer, locale } } }
}

/**
 * Puts a fake gateway behind apiClient, replacing any earlier one. By default a
 * signed-out web preview that is neither demo nor kiosk, with the support contacts
 * and an empty postbox.
 */
export function installFakeApi(): FakeApi {
  const answers = new Map<string, FakeAnswer>()
  const patterns: { method: string; pattern: RegExp; answer: FakeAnswer }[] = []
  const calls: FakeRequest[] = []
  let customerLocale: 'de' | 'en' | null = null
  const api: FakeApi = {
    calls,
    on(method, path, answer) {
      answers.set(`${method.toUpperCase()} ${path}`, answer)
      return api
    },
    onMatch(method, pattern, answer) {
      patterns.unshift({ method: method.toUpperCase(), pattern, answer })
      return api
    },
    callsTo(method, path) {
      return calls.filter((call) => call.method === method.toUpperCase() && call.path === path)
    },
    customerSpeaks(locale) {
      customerLocale = locale
      return api
    },
  }
  api
    .on('GET', '/session', { status: 200, body: { signedIn: false } })
    .on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: false, keychain: 'os' },
    })
    .on('GET', '/support', { status: 200, body: SUPPORT_CONTACTS })
    // The header asks for the unread count once contract data is open: none by default.
    .on('GET', '/documents', { status: 200, body: { items: [], nextCursor: null, unreadCount: 0 } })
    // The bell asks for the unread notifications while signed in: none by default.
    .on('GET', '/notifications/unread-count', { status: 200, body: { count: 0 } })
    // The profile shows whether the second factor is on: off by default.
    .on('GET', '/me/mfa', { status: 200, body: { enabled: false, recoveryCodesLeft: 0 } })

  const adapter: AxiosAdapter = async (config) => {
    const method = (config.method ?? 'get').toUpperCase()
    const [path = '', search = ''] = (config.url ?? '').split('?')
    const query: Record<string, string> = Object.fromEntries(new URLSearchParams(search))
    for (const [key, value] of Object.entries((config.params ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) query[key] = String(value)
    }
    const request: FakeRequest = {
      method,
      path,
      ...(Object.keys(query).length > 0 ? { query } : {}),
      body: parseBody(config.data),
    }
    calls.push(request)
    const answer =
      answers.get(`${method} ${path}`) ??
      patterns.find((p) => p.method === method && p.pattern.test(path))?.answer ??
      apiError(404, 'not_found')
    let reply = typeof answer === 'function' ? await answer(request) : answer
    if (reply === 'network') {
      throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config)
    }
    if (customerLocale && method === 'GET' && path === '/session') {
      reply = withCustomerLocale(reply, customerLocale)
    }
    const response: AxiosResponse = {
      data: reply.body ?? '',
      status: reply.status,
      statusText: '',
      headers: new AxiosHeaders(reply.headers ?? {}),
      config,
      request: {},
    }
    const ok = config.validateStatus
      ? config.validateStatus(reply.status)
      : reply.status >= 200 && reply.status < 300
    if (ok) return response
    throw new AxiosError(
      `Request failed with status code ${reply.status}`,
      reply.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      {},
      response,
    )
  }
  apiClient.defaults.adapter = adapter
  return api
}
