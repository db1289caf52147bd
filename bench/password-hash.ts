/**
 * Password hashing with the chosen argon2id parameters (aim: 50–250 ms here)
 * beside OWASP's minimum (m=19 MiB, t=2), and sign-in latency through inject.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend } from '../src/backend/index.ts'
import { DEMO_LOGINS } from '../src/backend/demo/seed.ts'
import { createPasswordHasher, DEFAULT_HASH_PARAMETERS } from '../src/host/password-hasher.ts'
import { percentile, report } from './stats.ts'

async function timeHashes(
  hasher: ReturnType<typeof createPasswordHasher>,
  runs: number,
): Promise<number[]> {
  await hasher.hash('warm-up password of some length')
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await hasher.hash(`a long passphrase number ${i}`)
    times.push(performance.now() - started)
  }
  return times
}

/** Prints hash time and sign-in latency. */
export async function benchPasswordHash(): Promise<void> {
  const p = DEFAULT_HASH_PARAMETERS
  const chosen = await timeHashes(createPasswordHasher(), 15)
  const floor = await timeHashes(
    createPasswordHasher({ memoryCostKiB: 19_456, timeCost: 2, parallelism: 1 }),
    15,
  )
  report(
    `argon2id hash m=${p.memoryCostKiB / 1024} MiB t=${p.timeCost} p=${p.parallelism} (p50; aim 50–250 ms)`,
    percentile(chosen, 50),
    'ms',
    percentile(floor, 50),
  )

  const dir = mkdtempSync(join(tmpdir(), 'mmf-bench-signin-'))
  const backend = await createBackend({ dataDir: dir, demo: true, hasher: createPasswordHasher() })
  try {
    const login = Object.values(DEMO_LOGINS)[0]
    if (!login) throw new Error('no demo login')
    const times: number[] = []
    for (let i = 0; i < 30; i++) {
      const started = performance.now()
      const response = await backend.app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: login,
        remoteAddress: `10.0.0.${i}`,
      })
      if (response.statusCode !== 201) throw new Error(`sign-in answered ${response.statusCode}`)
      times.push(performance.now() - started)
    }
    report('sign-in POST /sessions via inject (p50)', percentile(times, 50), 'ms')
    report('sign-in POST /sessions via inject (p99)', percentile(times, 99), 'ms')
  } finally {
    await backend.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
