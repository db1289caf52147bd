/**
 * The layering is checked by the tools (issue 14, point 5): ESLint, as `npm test`
 * runs it, fails on an import that docs/architecture.md forbids. Each case lints a
 * small file, placed in memory where it would sit in src/, with the project's own
 * eslint.config.js.
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

/** The messages of the import rule for `code` placed at `file` (relative to the project). */
async function importFindings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.fatal)
    .map((message) => message.message)
}

const ts = (source: string): string => `import { x } from '${source}'\nexport const y = x\n`

describe('the layering rule refuses', () => {
  it.each([
    // The server never imports main, nor main the server.
    ['src/server/probe.ts', '../main/window.ts', 'src/server may import host, gateway, shared'],
    ['src/server/probe.ts', '../main/kiosk/kiosk-runtime.ts', 'src/server may import'],
    ['src/main/probe.ts', '../server/args.ts', 'src/main may import host, gateway, shared'],
    // The roots reach the backend through the host.
    ['src/main/probe.ts', '../backend/index.ts', 'src/main may import'],
    ['src/server/probe.ts', '../backend/config.ts', 'src/server may import'],
    // The backend imports shared only.
    ['src/backend/services/probe.ts', '../../gateway/gateway.ts', 'src/backend may import shared'],
    ['src/backend/probe.ts', '../host/password-hasher.ts', 'src/backend may import shared'],
    ['src/backend/routes/probe.ts', '../../main/settings.ts', 'src/backend may import shared'],
    ['src/backend/probe.ts', '../server/args.ts', 'src/backend may import shared'],
    ['src/backend/probe.ts', '../renderer/src/api/client.ts', 'src/backend may import shared'],
    // The gateway imports shared only: no backend, no roots.
    ['src/gateway/probe.ts', '../backend/index.ts', 'src/gateway may import shared'],
    ['src/gateway/probe.ts', '../backend/services/context.ts', 'src/gateway may import shared'],
    ['src/gateway/probe.ts', '../host/vault/memory-vault.ts', 'src/gateway may import shared'],
    ['src/gateway/probe.ts', '../main/session-end.ts', 'src/gateway may import shared'],
    ['src/gateway/probe.ts', '../server/http-server.ts', 'src/gateway may import shared'],
    // The host enters the backend by its door only, and imports no root.
    ['src/host/probe.ts', '../backend/services/context.ts', 'only through src/backend/index.ts'],
    ['src/host/kiosk/probe.ts', '../../backend/db/connection.ts', 'only through'],
    ['src/host/probe.ts', '../main/window.ts', 'src/host may import backend, gateway, shared'],
    ['src/host/probe.ts', '../server/args.ts', 'src/host may import backend, gateway, shared'],
    // Shared imports nothing of ours but shared, and nothing of Node.
    ['src/shared/probe.ts', '../backend/errors.ts', 'src/shared may import nothing but itself'],
    ['src/shared/api/probe.ts', '../../gateway/http.ts', 'src/shared may import nothing'],
    ['src/shared/probe.ts', 'node:fs', 'no Node modules'],
    // The renderer imports shared only.
    [
      'src/renderer/src/stores/probe.ts',
      '../../../gateway/gateway.ts',
      'src/renderer may import shared',
    ],
    ['src/renderer/src/probe.ts', '../../backend/index.ts', 'src/renderer may import shared'],
    ['src/renderer/src/probe.ts', '../../host/app-host.ts', 'src/renderer may import shared'],
    ['src/renderer/src/probe.ts', 'node:fs', 'no Node modules'],
    ['src/preload/probe.ts', '../main/ipc/register.ts', 'src/preload may import shared'],
    // Electron only in main and preload.
    ['src/host/probe.ts', 'electron', 'Electron belongs in src/main and src/preload'],
    ['src/server/probe.ts', 'electron', 'Electron belongs in src/main and src/preload'],
    // The backend's own back-arrows.
    ['src/backend/services/probe.ts', '../demo/back-office.ts', 'Only src/backend/index.ts'],
    ['src/backend/routes/probe.ts', '../demo/seed.ts', 'Only src/backend/index.ts'],
    ['src/backend/documents/probe.ts', '../db/repositories/x.ts', 'documents/ imports nothing'],
    ['src/backend/routes/probe.ts', '../app.ts', 'not app.ts'],
    ['src/backend/services/probe.ts', '../app.ts', 'not app.ts'],
    ['src/backend/config.ts', './services/rate-limiter.ts', 'config.ts imports nothing'],
  ])('%s importing %s', async (file, source, expected) => {
    const findings = await importFindings(file, ts(source))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toContain(expected)
  })

  it('a type-only import as well', async () => {
    const code =
      "import type { Gateway } from '../../gateway/gateway.ts'\nexport type G = Gateway\n"
    const findings = await importFindings('src/backend/services/probe.ts', code)
    expect(findings).toEqual([expect.stringContaining('src/backend may import shared')])
  })

  it('a re-export as well', async () => {
    const code = "export { runBackOffice } from '../demo/back-office.ts'\n"
    expect(await importFindings('src/backend/services/probe.ts', code)).toHaveLength(1)
  })

  it('in a Vue component too', async () => {
    const code =
      '<script setup lang="ts">\nimport { createBackend } from \'../../../backend/index.ts\'\nvoid createBackend\n</script>\n<template><p /></template>\n'
    const findings = await importFindings('src/renderer/src/views/ProbeView.vue', code)
    expect(findings).toEqual([expect.stringContaining('src/renderer may import shared')])
  })
})

describe('the layering rule allows the arrows of docs/architecture.md', () => {
  it.each([
    ['src/server/probe.ts', '../host/app-host.ts'],
    ['src/server/probe.ts', '../host/kiosk/kiosk-config.ts'],
    ['src/server/probe.ts', '../gateway/http.ts'],
    ['src/server/probe.ts', '../shared/kiosk.ts'],
    ['src/main/probe.ts', '../host/kiosk/exit-pin.ts'],
    ['src/main/kiosk/probe.ts', '../../gateway/gateway.ts'],
    ['src/main/probe.ts', 'electron'],
    ['src/preload/probe.ts', 'electron'],
    ['src/host/probe.ts', '../backend/index.ts'],
    ['src/host/vault/probe.ts', '../../gateway/vault.ts'],
    ['src/gateway/probe.ts', '../shared/errors.ts'],
    ['src/backend/services/probe.ts', '../../shared/api/auth.ts'],
    ['src/backend/services/probe.ts', '../db/connection.ts'],
    ['src/backend/db/repositories/probe.ts', '../../documents/kinds.ts'],
    ['src/backend/routes/dev.ts', '../demo/seed.ts'],
    ['src/backend/index.ts', './demo/back-office.ts'],
    ['src/backend/index.ts', './app.ts'],
    ['src/backend/routes/probe.ts', '../app-types.ts'],
    ['src/renderer/src/stores/probe.ts', '../../../shared/api/contracts.ts'],
    ['src/renderer/src/probe.ts', './main.ts'],
    ['src/shared/api/probe.ts', '../dates.ts'],
  ])('%s importing %s', async (file, source) => {
    expect(await importFindings(file, ts(source))).toEqual([])
  })
})
