// `npm test`: lint, types, the OpenAPI lint (Spectral), unit and integration tests (vitest), then the
// end-to-end tests (build + Playwright). Runs every stage, prints one summary
// line ("tests: N passed, N failed, N skipped") and fails if anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const bin = (name) => join(root, 'node_modules/.bin', name)
const results = join(root, 'test-results')
const vitestJson = join(results, 'vitest.json')
const vitestPostgresJson = join(results, 'vitest-postgres.json')
const playwrightJson = join(results, 'playwright.json')
rmSync(vitestJson, { force: true })
rmSync(vitestPostgresJson, { force: true })
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
  // The backend's tests once more, on PostgreSQL (a throwaway cluster, tests/helpers/postgres-cluster.ts).
  [
    'backend tests on PostgreSQL',
    bin('vitest'),
    [
      'run',
      'tests/unit/backend',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestPostgresJson}`,
    ],
    { MMF_TEST_ENGINE: 'postgres' },
  ],
  ['build', bin('electron-vite'), ['build']],
  [
    'end-to-end tests',
    bin('playwright'),
    ['test'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  ],
]

/** Why the PostgreSQL run cannot happen on this machine; null when it can. */
function postgresMissing() {
  if (process.env.MMF_TEST_POSTGRES_URL) return null
  const root = '/usr/lib/postgresql'
  const found =
    existsSync(root) &&
    readdirSync(root).some((version) => existsSync(join(root, version, 'bin', 'initdb')))
  return found
    ? null
    : `no PostgreSQL here (Debian: apt-get install postgresql; or set MMF_TEST_POSTGRES_URL)`
}

const failed = []
for (const [name, command, args, env] of stages) {
  console.log(`\n=== ${name}`)
  if (name === 'backend tests on PostgreSQL') {
    const missing = postgresMissing()
    if (missing) {
      console.log(`skipped: ${missing}`)
      // CI promises the PostgreSQL run: there it is a failure, not a skip.
      if (process.env.CI === 'true') failed.push(name)
      continue
    }
  }
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
/** The failed tests' names and the first line of their failure, repeated at the very end. */
const failures = []
const firstLine = (text) =>
  String(text ?? '')
    .trim()
    .split('\n')[0]
    .slice(0, 300)
for (const [file, label] of [
  [vitestJson, 'unit'],
  [vitestPostgresJson, 'PostgreSQL'],
]) {
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests
  failedTests += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  for (const suite of report.testResults ?? []) {
    const where = relative(root, suite.name ?? '')
    for (const test of suite.assertionResults ?? []) {
      if (test.status !== 'failed') continue
      failures.push(
        `[${label}] ${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
      )
    }
    // A file that failed before any test ran (an import, a hook) has a message of its own.
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0)
      failures.push(`[${label}] ${where}: ${firstLine(suite.message)}`)
  }
}
if (existsSync(playwrightJson)) {
  const report = JSON.parse(readFileSync(playwrightJson, 'utf8'))
  const stats = report.stats
  passed += stats.expected + stats.flaky
  failedTests += stats.unexpected
  skipped += stats.skipped
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue
        const error = test.results?.at(-1)?.error?.message
        failures.push(
          `[e2e] ${[...titles, spec.title].filter(Boolean).join(' › ')}: ${firstLine(error)}`,
        )
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title])
  }
  for (const suite of report.suites ?? []) walk(suite, [])
}
console.log('')
if (failures.length > 0)
  console.log(`failed tests:\n${failures.map((line) => `  ${line}`).join('\n')}`)
if (failed.length > 0) console.log(`failed stages: ${failed.join(', ')}`)
console.log(`tests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`)
process.exit(failed.length > 0 || failedTests > 0 ? 1 : 0)
