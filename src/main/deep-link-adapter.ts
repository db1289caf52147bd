/** Registers myminifinance:// with the OS and finds links in a launch's arguments. */
import { resolve } from 'node:path'
import { app } from 'electron'
import { DEEP_LINK_SCHEME } from '../shared/deep-links.ts'

/** Makes the app the handler of myminifinance:// links (installers do it too; this covers dev runs). */
export function registerProtocolClient(): void {
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])])
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  }
}

/** The first myminifinance:// argument (Windows and Linux pass the link on the command line). */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) ?? null
}
