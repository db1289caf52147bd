import type { InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../../../src/renderer/src/api/client.ts'

/** Sends a request through the real client and returns what would have gone out. */
async function outgoing(headers: Record<string, string> = {}): Promise<InternalAxiosRequestConfig> {
  let sent: InternalAxiosRequestConfig | undefined
  await apiClient.get('/support', {
    headers,
    adapter: async (config) => {
      sent = config
      return { data: {}, status: 200, statusText: 'OK', headers: {}, config }
    },
  })
  if (!sent) throw new Error('nothing was sent')
  return sent
}

describe('the API client', () => {
  it('talks to the same origin under /api/v1, as JSON', async () => {
    const config = await outgoing()
    expect(apiClient.getUri(config)).toBe('/api/v1/support')
    expect(config.headers.get('Accept')).toBe('application/json')
    expect(config.timeout).toBeGreaterThan(0)
  })

  it('sends cookies to its own origin only (the web preview’s), never to another', async () => {
    let sent: Request | undefined
    await apiClient.get('/support', {
      // The page's own address, as a browser resolves the relative URL.
      baseURL: 'http://127.0.0.1:4810/api/v1',
      env: {
        fetch: async (input: string | URL | Request, init?: RequestInit) => {
          sent = new Request(input, init)
          return new Response('{}', { headers: { 'content-type': 'application/json' } })
        },
      },
    })
    expect(sent?.url).toBe('http://127.0.0.1:4810/api/v1/support')
    expect(sent?.credentials).toBe('same-origin')
  })

  it('never sends a token, even when some code tries to', async () => {
    expect((await outgoing()).headers.has('Authorization')).toBe(false)
    const config = await outgoing({ Authorization: 'Bearer stolen' })
    expect(config.headers.has('Authorization')).toBe(false)
  })
})
