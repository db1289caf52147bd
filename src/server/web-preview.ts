/**
 * The web preview's requests: the one-time link lets a browser in, `/api/` (and
 * anything under `/dev/`) needs that browser's cookie and then goes to the
 * gateway, everything else is the app's own files (nothing personal in them).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Gateway } from '../gateway/gateway.ts'
import { errorResponse } from '../gateway/http.ts'
import { sendFetchResponse, toFetchRequest } from './node-fetch-bridge.ts'
import { ENTRY_PATH, notAdmitted, type PreviewAccess } from './preview-access.ts'

/** Paths that reach a customer's data or the demo's tools: only for the browser let in. */
const GUARDED_PREFIXES = ['/api/', '/dev/']

/** Creates the preview's handler for the HTTP server (which has checked the Host header). */
export function createWebPreviewHandler(options: {
  gateway: Pick<Gateway, 'handle'>
  files: (request: Request) => Promise<Response>
  access: PreviewAccess
  /**
   * Where refusals of API requests go (403: another site's page, 401: a browser not
   * let in): a line each with method and path, never the query, a header or a body.
   */
  log?: (line: string) => void
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    // The checked Host header is the origin the browser used: the gateway compares Origin with it.
    const request = toFetchRequest(req, `http://${req.headers.host ?? '127.0.0.1'}`)
    const path = new URL(request.url).pathname
    let response: Response
    if (path === ENTRY_PATH) {
      response = options.access.enter(request)
    } else if (GUARDED_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      if (!options.access.admits(request)) response = notAdmitted()
      else if (path.startsWith('/api/')) {
        response = await options.gateway.handle(request, {
          clientAddress: req.socket.remoteAddress ?? '',
        })
      } else response = errorResponse(404, 'not_found', 'There is nothing at this address.')
    } else {
      response = await options.files(request)
    }
    if (path.startsWith('/api/') && (response.status === 403 || response.status === 401)) {
      options.log?.(`refused ${request.method} ${path} ${response.status}`)
    }
    await sendFetchResponse(res, response)
  }
}
