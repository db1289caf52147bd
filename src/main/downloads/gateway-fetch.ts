/**
 * The downloads' FetchLike in the app: requests go to the gateway in process,
 * exactly as the renderer's do (app://mmf/api/…), so the gateway adds the token
 * and the renderer never sees the bytes.
 */
import { API_PREFIX, type Gateway } from '../../gateway/gateway.ts'
import { APP_HOST } from '../app-request-handler.ts'
import type { FetchLike } from './transfer.ts'

/**
 * A FetchLike that hands `/api/v1/…` paths to `gateway.handle`. The signal stays
 * with the transfer, which cancels the body itself: neither upstream hands a
 * request's signal on, and a Request that follows one costs more than a letter's
 * whole answer on its way through the gateway.
 */
export function gatewayFetch(gateway: Pick<Gateway, 'handle'>): FetchLike {
  return async (path, init) => {
    if (!path.startsWith(API_PREFIX)) throw new TypeError('downloads only call the API')
    init.signal.throwIfAborted()
    return gateway.handle(new Request(`app://${APP_HOST}${path}`, { headers: init.headers }))
  }
}
