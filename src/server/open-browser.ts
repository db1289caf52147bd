/**
 * Opens the web preview's one-time link in the default browser (`npm start`'s
 * fallback). The link is not put on a command line, where every user of the
 * computer could read it in the process list and use it first: the opener gets
 * a page in a private folder (readable by the owner only) that forwards to it.
 * The page is removed once the link was used, or when the server stops.
 */
import { spawn as nodeSpawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface BrowserLaunch {
  /** The forwarding page handed to the browser. */
  readonly file: string
  /** Removes the forwarding page and its folder (again: nothing happens). */
  remove(): void
}

/** The program that opens a file in the default browser, per operating system. */
export function openerFor(platform: NodeJS.Platform, file: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [file]]
  if (platform === 'win32') return ['explorer.exe', [file]]
  return ['xdg-open', [file]]
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
}

/** The forwarding page: straight on to the link, and a plain link where that is blocked. */
export function forwardingPage(url: string): string {
  const href = escapeHtml(url)
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>My MINI Finance – Web-Vorschau</title>
</head>
<body>
<p><a href="${href}">Web-Vorschau öffnen</a> · <a href="${href}" lang="en">Open the web preview</a></p>
</body>
</html>
`
}

/** Writes the forwarding page and asks the system to open it; failures are logged, not thrown. */
export function openInBrowser(
  url: string,
  options: {
    log: (line: string) => void
    platform?: NodeJS.Platform
    spawn?: typeof nodeSpawn
    directory?: string
  },
): BrowserLaunch {
  // mkdtemp makes the folder readable by its owner only (0700); the page is 0600 as well.
  const folder = mkdtempSync(join(options.directory ?? tmpdir(), 'mmf-preview-'))
  const file = join(folder, 'open.html')
  writeFileSync(file, forwardingPage(url), { mode: 0o600 })
  const platform = options.platform ?? process.platform
  const [command, args] = openerFor(platform, file)
  const failed = (reason: string): void =>
    options.log(`Could not open a browser (${reason}): open the link above yourself.`)
  try {
    const child = (options.spawn ?? nodeSpawn)(command, args, { detached: true, stdio: 'ignore' })
    child.once('error', (error) => failed(error.message))
    // xdg-open and open say by their exit code when nothing could open the page;
    // explorer.exe exits with 1 even when it did.
    child.once('exit', (code) => {
      if (code !== 0 && code !== null && platform !== 'win32')
        failed(`${command} exited with ${code}`)
    })
    child.unref()
  } catch (error) {
    failed(error instanceof Error ? error.message : String(error))
  }
  return {
    file,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  }
}
