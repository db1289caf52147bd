/** Routes app://mmf requests: /api/ to the gateway, everything else to the renderer's files. */
import type { Gateway } from '../gateway/gateway.ts'
import { errorResponse } from '../gateway/http.ts'

export const APP_HOST = 'mmf'

/** Creates the handler for the app scheme (plain TypeScript, tested on Node). */
export function createAppRequestHandler(options: {
  /** The renderer's files (the app host's). */
  files: (request: Request) => Promise<Response>
  gateway: Gateway
}): (request: Request) => Promise<Response> {
  const { files } = options
  return async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST)
      return errorResponse(404, 'not_found', 'There is nothing at this address.')
    if (url.pathname.startsWith('/api/')) return options.gateway.handle(request)
    return files(request)
  }
}
