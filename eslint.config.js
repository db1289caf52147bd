import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

/**
 * The parts of src/ and the other parts each may import (docs/architecture.md, "The
 * parts and their arrows"). A part always imports itself. The check reads the import
 * as written: a relative path that climbs out of the part into another one
 * ("../../gateway/…"), so no folder inside a part bears a part's name.
 */
const ARROWS = {
  shared: [],
  backend: ['shared'],
  gateway: ['shared'],
  host: ['backend', 'gateway', 'shared'],
  main: ['host', 'gateway', 'shared'],
  server: ['host', 'gateway', 'shared'],
  preload: ['shared'],
  renderer: ['shared'],
}
const PARTS = Object.keys(ARROWS)
const ARCHITECTURE = 'docs/architecture.md, "The parts and their arrows"'

/** Only the IPC adapters may touch Electron's IPC objects (style.md, habit 1). */
const ELECTRON = {
  name: 'electron',
  message: 'Electron belongs in src/main and src/preload adapters.',
}
/** The backend's door: outside src/backend, nothing imports past src/backend/index.ts. */
const BACKEND_DOOR = {
  regex: '^(\\.\\./)+backend/(?!index\\.ts$)',
  message: `Import the backend only through src/backend/index.ts (${ARCHITECTURE}).`,
}
/** Shared code and the sandboxed renderer run in the browser too: no Node modules. */
const NO_NODE = {
  regex: '^node:',
  message: `src/shared and src/renderer run in the browser: no Node modules (${ARCHITECTURE}).`,
}
/** Production code does not depend on the demo: createBackend injects what demo mode adds. */
const NO_DEMO = {
  regex: '^(\\.{1,2}/)+demo/',
  message: `Only src/backend/index.ts and the dev routes import demo/; inject the rest (${ARCHITECTURE}).`,
}
/** The app factory's types are in app-types.ts; importing app.ts makes an import circle. */
const NO_APP = {
  regex: '^(\\.{1,2}/)+app\\.ts$',
  message: `Import the types from app-types.ts, not app.ts (an import circle) (${ARCHITECTURE}).`,
}
/** documents/ is below db/: the repositories use its kinds, never the other way. */
const NO_DB = {
  regex: '^(\\.{1,2}/)+db/',
  message: `documents/ imports nothing of db/; db/ imports documents/ (${ARCHITECTURE}).`,
}
/** The configuration is the backend's bottom: it imports nothing of the backend. */
const NO_BACKEND_MODULE = {
  regex: '^\\./',
  message: `config.ts imports nothing of the backend; types it needs are declared there (${ARCHITECTURE}).`,
}

/** `no-restricted-imports` for a part: the parts it may not import, plus `extra` patterns. */
function importRule(part, extra = []) {
  const forbidden = PARTS.filter((other) => other !== part && !ARROWS[part].includes(other))
  const allowed = ARROWS[part].length > 0 ? ARROWS[part].join(', ') : 'nothing but itself'
  const patterns = [
    {
      regex: `^(\\.\\./)+(${forbidden.join('|')})/`,
      message: `src/${part} may import ${allowed} (${ARCHITECTURE}).`,
    },
    ...(ARROWS[part].includes('backend') ? [BACKEND_DOOR] : []),
    ...(part === 'shared' || part === 'renderer' ? [NO_NODE] : []),
    ...extra,
  ]
  const paths = part === 'main' || part === 'preload' ? [] : [ELECTRON]
  return ['error', { paths, patterns }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  // The parts of src/ import one way (docs/architecture.md "The parts and their arrows").
  ...PARTS.map((part) => ({
    files: [`src/${part}/**/*.ts`, `src/${part}/**/*.vue`],
    rules: { 'no-restricted-imports': importRule(part) },
  })),
  // The backend's own back-arrows (issue 14): each block repeats the backend's arrows,
  // since a later block's options replace an earlier one's for the same file.
  {
    files: ['src/backend/**/*.ts'],
    rules: { 'no-restricted-imports': importRule('backend', [NO_DEMO, NO_APP]) },
  },
  { files: ['src/backend/index.ts'], rules: { 'no-restricted-imports': importRule('backend') } },
  {
    files: ['src/backend/demo/**/*.ts', 'src/backend/routes/dev.ts'],
    rules: { 'no-restricted-imports': importRule('backend', [NO_APP]) },
  },
  {
    files: ['src/backend/documents/**/*.ts'],
    rules: { 'no-restricted-imports': importRule('backend', [NO_DEMO, NO_APP, NO_DB]) },
  },
  {
    files: ['src/backend/config.ts'],
    rules: { 'no-restricted-imports': importRule('backend', [NO_BACKEND_MODULE]) },
  },
  prettier,
)
