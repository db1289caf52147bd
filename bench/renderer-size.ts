/**
 * The renderer's initial JavaScript (entry + preloaded chunks), gzip-compressed.
 * Issue 14's budget is 125 KB; the baseline is the 131 KB measured before English
 * was loaded on demand (the contract's schemas load with the first answer).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { report } from './stats.ts'

const rendererDir = join(import.meta.dirname, '../out/renderer')

/** Prints the initial JS size; needs `npm run build` first. */
export function benchRendererSize(): void {
  const indexFile = join(rendererDir, 'index.html')
  if (!existsSync(indexFile)) {
    console.log('renderer initial JS: skipped, run "npm run build" first')
    return
  }
  const html = readFileSync(indexFile, 'utf8')
  const scripts = [
    ...html.matchAll(
      /<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g,
    ),
  ]
    .map((m) => m[1])
    .filter((s): s is string => s !== undefined)
  let gzip = 0
  for (const file of scripts)
    gzip += gzipSync(readFileSync(join(rendererDir, file)), { level: 9 }).length
  report(
    `renderer initial JS, ${scripts.length} file(s), gzip (budget ≤ 125 KB)`,
    gzip / 1024,
    'KB',
    131,
  )
}
