/**
 * The standalone server's request log (Fastify's pino logger, JSON): one line per
 * request with method, route, status, duration and the request id the answer
 * carries in X-Request-Id; never a password, token, activation code, body, header,
 * query string or the path as sent. Real requests, the lines as written.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  GOOD_PASSWORD,
  createTestBackend,
  registration,
  tokenFrom,
  type TestBackend,
} from '../../helpers/backend.ts'
import { latestLetterCode } from '../../helpers/customers.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

async function loggedBackend(): Promise<{ backend: TestBackend; lines: string[] }> {
  const lines: string[] = []
  const b = await createTestBackend({
    operations: { logger: { stream: { write: (line) => lines.push(line) } } },
  })
  backend = b
  return { backend: b, lines }
}

/** The request lines as objects. */
const requestLines = (lines: string[]): Record<string, unknown>[] =>
  lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((l) => l.msg === 'request')

describe('the request log', () => {
  it('writes one JSON line per request: method, route, status, duration, request id', async () => {
    const { backend: b, lines } = await loggedBackend()
    const answer = await b.json('GET', '/api/v1/support')
    const missing = await b.json('GET', '/api/v1/documents/123456789')
    const logged = requestLines(lines)
    expect(logged).toHaveLength(2)
    expect(logged[0]).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/api/v1/support',
      status: 200,
      requestId: answer.headers['x-request-id'],
    })
    expect(logged[0]?.durationMs).toEqual(expect.any(Number))
    expect(String(logged[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    // The route as its pattern: the id as sent is not in the line.
    expect(logged[1]).toMatchObject({ route: '/api/v1/documents/:id', status: 401 })
    expect(lines.join('')).not.toContain('123456789')
    expect(missing.headers['x-request-id']).not.toBe(answer.headers['x-request-id'])
  })

  it('never writes a password, token, activation code, body, header or query string', async () => {
    const { backend: b, lines } = await loggedBackend()
    const body = registration()
    const email = String(body.email)
    await b.json('POST', '/api/v1/registrations', body)
    const confirmToken = tokenFrom(await b.lastMessage(email, 'email'))
    await b.json('POST', '/api/v1/registrations/confirm', { token: confirmToken })
    const signIn = await b.json('POST', '/api/v1/sessions', { email, password: GOOD_PASSWORD })
    const { accessToken, refreshToken } = signIn.json() as Record<string, string>
    const bearer = { authorization: `Bearer ${accessToken}` }
    const code = latestLetterCode(b)
    await b.json('POST', '/api/v1/me/activation', { code }, bearer)
    await b.json('POST', '/api/v1/sessions', { email, password: 'Falsches-Passwort-123456' })
    await b.json('POST', '/api/v1/sessions/refresh', { refreshToken })
    // A link's token in a query, on a route and on no route; a cookie.
    await b.json('GET', '/api/v1/me?token=query-secret-1', undefined, {
      ...bearer,
      cookie: 'session=cookie-secret',
    })
    await b.json('GET', '/nothing/here?token=query-secret-2')
    // A body that fails validation and one that is no JSON.
    await b.json('POST', '/api/v1/sessions', { email, password: GOOD_PASSWORD, extra: 'x' })
    await b.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'content-type': 'application/json' },
      payload: `{"password":"${GOOD_PASSWORD}"`,
    })
    const text = lines.join('')
    expect(requestLines(lines).length).toBeGreaterThanOrEqual(10)
    for (const secret of [
      GOOD_PASSWORD,
      'Falsches-Passwort-123456',
      accessToken,
      refreshToken,
      code,
      confirmToken,
      'query-secret-1',
      'query-secret-2',
      'cookie-secret',
      email,
      'token=',
      '?',
    ]) {
      expect(text).not.toContain(secret)
    }
    // The 404 is one line like any other (Fastify's own "Route … not found" names the URL).
    expect(requestLines(lines).find((l) => l.status === 404)).toMatchObject({
      route: 'unmatched',
      method: 'GET',
    })
  })

  it('censors a secret that a line carries by mistake, at the top and one level down', async () => {
    const { backend: b, lines } = await loggedBackend()
    const error = Object.assign(new Error('the mail server refused'), {
      code: 'EAUTH',
      password: 'smtp-secret-1',
    })
    b.app.log.warn({ code: '7K3P-9QX2', user: { password: 'secret-2', name: 'anna' }, err: error })
    b.app.log.error({ accessToken: 'secret-3', detail: { refreshToken: 'secret-4' } }, 'x')
    const text = lines.join('')
    for (const secret of ['7K3P-9QX2', 'smtp-secret-1', 'secret-2', 'secret-3', 'secret-4']) {
      expect(text).not.toContain(secret)
    }
    const [first] = lines.map(
      (line) => JSON.parse(line) as { err?: { stack?: string } } & Record<string, unknown>,
    )
    expect(first).toMatchObject({
      code: '[redacted]',
      user: { password: '[redacted]', name: 'anna' },
      // An error's own code helps the reader; its message and stack stay too.
      err: { type: 'Error', message: 'the mail server refused', code: 'EAUTH' },
    })
    expect(first?.err?.stack).toContain('the mail server refused')
  })
})
