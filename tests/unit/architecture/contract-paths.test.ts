/**
 * No API path is written by hand in the renderer or in main (issue 14, point 1):
 * each comes from its route's key in the contract (`pathOf`), so a renamed route
 * cannot leave a caller behind, and every parameter is encoded the same way.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { templateOf, type RouteKey } from '../../../src/shared/api/contract.ts'
import { appRoutes } from '../../../src/shared/api/gateway.ts'

const root = join(import.meta.dirname, '../../..')

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesBelow(path)
    return /\.(ts|vue)$/.test(entry.name) ? [path] : []
  })
}

/** The first segments of the contract's paths: `contracts`, `documents`, `me` … */
const segments = [
  ...new Set(Object.keys(appRoutes).map((key) => templateOf(key as RouteKey).split('/')[1])),
]
/** A quoted string that starts like an API path: `'/me/…`, `` `/api/v1/documents/${id}` `` … */
const handWritten = new RegExp(`['"\`](?:/api/v1)?/(?:${segments.join('|')})(?=[/'"\`?])`, 'g')

/** The router's own paths are screens, not API routes. */
const SCREEN_ROUTES = join('src', 'renderer', 'src', 'router', 'routes.ts')

describe('API paths', () => {
  it('the pattern finds a hand-built path (the check itself works)', () => {
    expect('get(`/documents/${id}/content`)'.match(handWritten)).toHaveLength(1)
    expect("post('/api/v1/sessions')".match(handWritten)).toHaveLength(1)
    expect(segments).toEqual(expect.arrayContaining(['contracts', 'documents', 'me', 'sessions']))
  })

  it('are never written by hand in the renderer or in main', () => {
    const found = ['src/renderer/src', 'src/main', 'src/preload']
      .flatMap((dir) => filesBelow(join(root, dir)))
      .filter((file) => relative(root, file) !== SCREEN_ROUTES)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/)/.test(line))
          .flatMap((line) => line.match(handWritten) ?? [])
          .map((match) => `${relative(root, file)}: ${match}`),
      )
    expect(found).toEqual([])
  })
})
