/** The request log: one line per request, never the query string (links carry tokens there). */
import { describe, expect, it } from 'vitest'
import { requestLogLine } from '../../../src/server/request-log.ts'

const entry = {
  time: new Date('2026-05-17T08:30:00Z'),
  method: 'POST',
  status: 200,
  durationMs: 3.14159,
}

describe('the request log', () => {
  it('writes time, method, path, status and duration', () => {
    expect(requestLogLine({ ...entry, url: '/api/v1/support' })).toBe(
      '2026-05-17T08:30:00.000Z POST /api/v1/support 200 3.1ms',
    )
  })

  it.each([
    '/api/v1/registrations/confirm?token=secret-link-token',
    '/api/v1/x?a=1&token=secret-link-token',
    '/api/v1/x?token=secret-link-token?again',
    '/?token=secret-link-token',
  ])('never writes the query string of %s', (url) => {
    const line = requestLogLine({ ...entry, url })
    expect(line).not.toContain('secret-link-token')
    expect(line).not.toContain('?')
  })

  it('writes an empty query as nothing', () => {
    expect(requestLogLine({ ...entry, url: '/api/v1/me?' })).toBe(
      '2026-05-17T08:30:00.000Z POST /api/v1/me 200 3.1ms',
    )
  })
})
