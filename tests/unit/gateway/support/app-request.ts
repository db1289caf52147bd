/**
 * A request as the app's own page sends it to the gateway: the browser adds the
 * page's `Origin` to every POST, PUT, PATCH and DELETE, and the API client labels
 * a body as JSON. Tests of other rules build their requests with this, so that
 * only the rule under test decides.
 */
export function appRequest(url: string, init: RequestInit = {}): Request {
  const target = new URL(url)
  const headers = new Headers(init.headers)
  if (!headers.has('origin')) headers.set('origin', `${target.protocol}//${target.host}`)
  if (typeof init.body === 'string' && !headers.has('content-type')) {
    headers.set('content-type', 'application/json')
  }
  return new Request(url, { ...init, headers })
}
