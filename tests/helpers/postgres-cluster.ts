/**
 * A throwaway PostgreSQL cluster for tests and benches: Debian's postgresql
 * binaries (initdb, pg_ctl), a temp directory, trust authentication on
 * 127.0.0.1 and a free port. As root (CI) the cluster runs as the unprivileged
 * user `postgres`, which PostgreSQL requires.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string
  stop(): void
}

/** The binaries of the newest installed PostgreSQL, or why there are none. */
export function findPostgres(): { bin: string } | { missing: string } {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) {
    return { missing: `no PostgreSQL at ${root} (install Debian's "postgresql" package)` }
  }
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  const newest = versions[0]
  if (newest === undefined) return { missing: `no initdb under ${root}/*/bin` }
  return { bin: join(root, newest, 'bin') }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Runs a PostgreSQL binary, as `postgres` when this process is root. */
function runAs(asPostgres: boolean, command: string, args: string[]): void {
  const [file, argv] = asPostgres
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args]
  const result = spawnSync(file, argv, { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${command} failed: ${result.stderr || result.stdout || result.error?.message}`)
  }
}

/** Starts a cluster; `stop()` shuts it down and removes its directory. */
export async function startCluster(): Promise<Cluster> {
  const found = findPostgres()
  if ('missing' in found) throw new Error(found.missing)
  const asPostgres = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'mmf-pg-'))
  const data = join(dir, 'data')
  if (asPostgres) {
    chmodSync(dir, 0o777)
    execFileSync('chown', ['postgres', dir])
  }
  const port = await freePort()
  runAs(asPostgres, join(found.bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ])
  runAs(asPostgres, join(found.bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    // fsync stays on: the kill -9 test counts on committed writes surviving.
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB`,
    'start',
  ])
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return
      stopped = true
      try {
        runAs(asPostgres, join(found.bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
