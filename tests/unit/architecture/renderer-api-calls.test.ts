/**
 * The stores own every API call (docs/style.md, Pinia): no view, component or
 * composable imports a function from src/renderer/src/api/ — types only, the
 * error mapping (api/errors.ts) and the few pure helpers listed below, which
 * build a URL or check a value and call nothing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parse as parseSfc } from '@vue/compiler-sfc'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const renderer = join(root, 'src/renderer/src')
const apiDir = join(renderer, 'api')

/** Where the API may not be called from. */
const UI_FOLDERS = ['views', 'components', 'composables']

/** The API modules (file name) whose values any UI file may import. */
const OPEN_MODULES = new Set(['errors.ts'])
/** Pure helpers of other API modules: no request behind them. */
const PURE_HELPERS: Record<string, readonly string[]> = {
  'dev.ts': ['outboxAttachmentUrl'],
  'shape.ts': ['oneOf'],
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(entry.name) ? [path] : []
  })
}

/** The TypeScript of a file: a component's <script> blocks, or the file itself. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.vue')) return text
  const { descriptor } = parseSfc(text, { filename: file })
  return [descriptor.script?.content ?? '', descriptor.scriptSetup?.content ?? ''].join('\n')
}

/** The values `code` (at `file`) takes from src/renderer/src/api/ beyond what is allowed. */
function apiCallImports(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const found: string[] = []
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement)
    if (!isImport && !ts.isExportDeclaration(statement)) continue
    const specifier = statement.moduleSpecifier
    if (!specifier || !ts.isStringLiteral(specifier)) continue
    const target = resolve(dirname(file), specifier.text)
    if (dirname(target) !== apiDir && !target.startsWith(`${apiDir}/`)) continue
    const module = relative(apiDir, target)
    if (OPEN_MODULES.has(module)) continue
    const helpers = PURE_HELPERS[module] ?? []
    const at = `${relative(root, file)}: ${specifier.text}`
    if (isImport) {
      const clause = statement.importClause
      if (!clause) found.push(`${at} (for its effects)`)
      else if (!clause.isTypeOnly) {
        if (clause.name) found.push(`${at} (default)`)
        const bindings = clause.namedBindings
        if (bindings && ts.isNamespaceImport(bindings))
          found.push(`${at} (* as ${bindings.name.text})`)
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            const name = (element.propertyName ?? element.name).text
            if (!element.isTypeOnly && !helpers.includes(name)) found.push(`${at} (${name})`)
          }
        }
      }
    } else if (!statement.isTypeOnly) {
      found.push(`${at} (re-export)`)
    }
  }
  return found
}

describe('the stores own every API call', () => {
  it('no view, component or composable imports an API call', () => {
    const files = UI_FOLDERS.flatMap((folder) => sourceFiles(join(renderer, folder)))
    expect(files.length).toBeGreaterThan(50)
    const found = files.flatMap((file) =>
      apiCallImports(file, scriptOf(file, readFileSync(file, 'utf8'))),
    )
    expect(found).toEqual([])
  })

  it('the check sees a call imported by name, as a namespace or re-exported; types pass', () => {
    const view = join(renderer, 'views/ProbeView.vue')
    const code = [
      "import { listContracts, type ContractSummary } from '../api/contracts.ts'",
      "import * as devApi from '../api/dev.ts'",
      "import { outboxAttachmentUrl } from '../api/dev.ts'",
      "import type { OutboxItem } from '../api/dev.ts'",
      "import { toUserError } from '../api/errors.ts'",
      "import { useContractsStore } from '../stores/contracts.ts'",
      "export { getSchedule } from '../api/contracts.ts'",
    ].join('\n')
    const script = scriptOf(
      view,
      `<script setup lang="ts">\n${code}\n</script>\n<template><p /></template>\n`,
    )
    expect(apiCallImports(view, script)).toEqual([
      'src/renderer/src/views/ProbeView.vue: ../api/contracts.ts (listContracts)',
      'src/renderer/src/views/ProbeView.vue: ../api/dev.ts (* as devApi)',
      'src/renderer/src/views/ProbeView.vue: ../api/contracts.ts (re-export)',
    ])
  })
})
