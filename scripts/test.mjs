// `npm test`: lint, types, the OpenAPI lint (Spectral), unit and integration tests (vitest), then the
// end-to-end tests (build + Playwright). Runs every stage, prints one summary
// line ("tests: N passed, N failed, N skipped") and fails if anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const bin = (name) => join(root, 'node_modules/.bin', name)
const results = join(root, 'test-results')
const vitestJson = join(results, 'vitest.json')
const playwrightJson = join(results, 'playwright.json')
rmSync(vitestJson, { force: true })
rmSync(playwrightJson, { force: true })

const stages = [
  ['lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']],
  ['format (prettier)', bin('prettier'), ['--check', '.']],
  ['types (main, backend, gateway)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['types (renderer)', bin('vue-tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['api lint (spectral)', process.execPath, [join(root, 'scripts/lint-api.mjs')]],
  [
    'unit and integration tests',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  ],
  ['build', bin('electron-vite'), ['build']],
  [
    'end-to-end tests',
    bin('playwright'),
    ['test'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  ],
]

const failed = []
for (const [name, command, args, env] of stages) {
  console.log(`\n=== ${name}`)
  if (name === 'end-to-end tests' && failed.includes('build')) {
    failed.push(name)
    console.log('skipped: the build failed')
    continue
  }
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) failed.push(name)
}

let passed = 0
let failedTests = 0
let skipped = 0
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += report.numPassedTests
  failedTests += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
}
if (existsSync(playwrightJson)) {
  const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats
  passed += stats.expected + stats.flaky
  failedTests += stats.unexpected
  skipped += stats.skipped
}
console.log('')
if (failed.length > 0) console.log(`failed stages: ${failed.join(', ')}`)
console.log(`tests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`)
process.exit(failed.length > 0 || failedTests > 0 ? 1 : 0)
