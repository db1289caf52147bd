// `npm start`: builds the app and starts it on the embedded demo backend. Where
// the Electron binary cannot be installed (no access to its download host), it
// says so and starts the same app as the web preview instead.
import { spawnSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import { findElectronBinary } from './electron-binary.mjs'

const root = join(import.meta.dirname, '..')
const run = (command, args) => {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

let electron = findElectronBinary()
if (!electron.path) {
  // Electron downloads its binary on first use; try once.
  console.log("Downloading Electron's binary (first start) …")
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    stdio: 'inherit',
  })
  if (result.status === 0) electron = findElectronBinary()
}

run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])

if (electron.path) {
  const child = spawn(electron.path, ['.', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(`\nElectron cannot start here: ${electron.reason}.`)
  console.log('Starting the same app as the web preview on the embedded demo backend instead.')
  console.log('It opens in your browser; if it does not, open the link it prints below.\n')
  const child = spawn(
    process.execPath,
    [
      join(root, 'src/server/index.ts'),
      '--web',
      '--open',
      '--demo',
      '--data',
      join(root, '.data/web-preview'),
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit' },
  )
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}
