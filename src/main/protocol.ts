/** The privileged app:// scheme: the renderer's files and, under /api/, the gateway. */
import { protocol, type Session } from 'electron'
import { createAppRequestHandler } from './app-request-handler.ts'
import type { Gateway } from '../gateway/gateway.ts'

export const APP_SCHEME = 'app'

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
      },
    },
  ])
}

/** Serves app://mmf/ in the given session. */
export function handleAppScheme(
  session: Session,
  options: { files: (request: Request) => Promise<Response>; gateway: Gateway },
): void {
  session.protocol.handle(APP_SCHEME, createAppRequestHandler(options))
}
