/**
 * vitest's global setup for the backend's second run: with MMF_TEST_ENGINE=postgres
 * every test backend runs on PostgreSQL, each in a database of its own on one
 * throwaway cluster started here (or on MMF_TEST_POSTGRES_URL's server when
 * given). Without PostgreSQL on the machine the run says why and its backend tests
 * skip; with CI=true that is a failure.
 */
import type { TestProject } from 'vitest/node'
import { findPostgres, startCluster, type Cluster } from './postgres-cluster.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The admin URL of the PostgreSQL server the tests make their databases on; '' when not on PostgreSQL. */
    postgresUrl: string
    /** Why the PostgreSQL run cannot happen here; '' when it can (or is not asked for). */
    postgresMissing: string
  }
}

let cluster: Cluster | null = null

export async function setup(project: TestProject): Promise<void> {
  project.provide('postgresUrl', '')
  project.provide('postgresMissing', '')
  if (process.env.MMF_TEST_ENGINE !== 'postgres') return
  const given = process.env.MMF_TEST_POSTGRES_URL
  if (given) {
    project.provide('postgresUrl', given)
    return
  }
  const found = findPostgres()
  if ('missing' in found) {
    const reason = `PostgreSQL run skipped: ${found.missing}`
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: this is a failure)`)
    console.log(reason)
    project.provide('postgresMissing', reason)
    return
  }
  cluster = await startCluster()
  console.log(`PostgreSQL run: a throwaway cluster at ${cluster.url}`)
  project.provide('postgresUrl', cluster.url)
}

export function teardown(): void {
  cluster?.stop()
}
