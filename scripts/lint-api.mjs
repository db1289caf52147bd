// `npm run lint:api` (and a stage of `npm test`): builds the backend in process, in
// production mode and in demo mode (whose /dev routes the document lists too), writes
// each mode's OpenAPI document to a temporary file and lints it with Spectral
// (.spectral.yaml: spectral:oas and the OWASP API Security Top 10 rules) with
// --fail-severity=error. Errors are listed and fail the run; warnings are counted per
// rule (`--warnings` lists each one).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend } from '../src/backend/index.ts'
import { createPasswordHasher } from '../src/host/password-hasher.ts'

const root = join(import.meta.dirname, '..')
const spectral = join(root, 'node_modules/.bin/spectral')
const listWarnings = process.argv.includes('--warnings')
const SEVERITIES = ['error', 'warning', 'info', 'hint']

/** The OpenAPI document of a backend built in a fresh data directory. */
async function documentOf(demo, dataDir) {
  mkdirSync(dataDir, { recursive: true })
  const backend = await createBackend({
    dataDir,
    demo,
    demoBulkDocuments: false,
    hasher: createPasswordHasher(),
  })
  try {
    const response = await backend.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    if (response.statusCode !== 200) {
      throw new Error(`GET /api/v1/openapi.json answered ${response.statusCode}`)
    }
    return response.json()
  } finally {
    await backend.close()
  }
}

/** One finding as a line: where, how bad, which rule, what. */
function line(result) {
  const where = result.path.length ? result.path.join('.') : '(document)'
  return `  ${SEVERITIES[result.severity] ?? result.severity}  ${result.code}  ${where}\n      ${result.message}`
}

const work = mkdtempSync(join(tmpdir(), 'mmf-lint-api-'))
let failed = false
try {
  for (const mode of ['production', 'demo']) {
    const document = await documentOf(mode === 'demo', join(work, mode))
    const file = join(work, `openapi-${mode}.json`)
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`)
    const run = spawnSync(
      spectral,
      [
        'lint',
        file,
        '--ruleset',
        join(root, '.spectral.yaml'),
        '--fail-severity=error',
        '--format=json',
        '--quiet',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    let results
    try {
      results = JSON.parse(run.stdout || '[]')
    } catch {
      console.error(run.stdout, run.stderr)
      throw new Error(`Spectral did not answer with JSON (exit ${run.status})`)
    }
    const errors = results.filter((r) => r.severity === 0)
    const warnings = results.filter((r) => r.severity > 0)
    const perRule = new Map()
    for (const r of warnings) perRule.set(r.code, (perRule.get(r.code) ?? 0) + 1)
    const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`
    const paths = Object.keys(document.paths).length
    console.log(
      `${mode}: ${count(paths, 'path')}, ${count(errors.length, 'error')}, ${count(warnings.length, 'warning')}` +
        [...perRule].map(([code, n]) => `\n  ${n} × ${code}`).join(''),
    )
    for (const r of errors) console.log(line(r))
    if (listWarnings) for (const r of warnings) console.log(line(r))
    if (run.status !== 0 || errors.length > 0) failed = true
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(failed ? 'api lint: failed' : 'api lint: no errors')
process.exit(failed ? 1 : 0)
