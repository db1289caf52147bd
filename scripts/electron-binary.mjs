// Finds the Electron binary without triggering its download (electron's own
// index.js downloads on first use; these machines cannot reach its host).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

/** Returns { path } when the Electron binary is installed, else { reason }. */
export function findElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { path: process.env.ELECTRON_OVERRIDE_DIST_PATH }
  }
  let dir
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' }
  }
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      reason: 'the Electron binary is not downloaded (node_modules/electron/path.txt missing)',
    }
  }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { reason: `the Electron binary ${binary} is missing` }
  return { path: binary }
}
