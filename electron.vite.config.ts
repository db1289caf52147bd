import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { answerSchemas } from './scripts/answer-schemas-plugin.ts'
import { passphraseWords } from './scripts/passphrase-words-plugin.ts'

/**
 * Copies the files pdf.js loads by name at run time into the renderer's build,
 * under `pdfjs-<version>/` (src/renderer/src/pdf/pdf-document.ts): the standard
 * fonts (the letters use Helvetica without embedding it) and the JavaScript image
 * decoders (the CSP allows no WebAssembly). Same origin, nothing from a CDN; the
 * version in the path keeps long-cached copies of an older pdf.js apart.
 */
function pdfjsFiles(): Plugin {
  const root = resolve(import.meta.dirname, 'node_modules/pdfjs-dist')
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    version: string
  }
  const files = [
    ...readdirSync(resolve(root, 'standard_fonts')).map((name) => `standard_fonts/${name}`),
    ...readdirSync(resolve(root, 'wasm'))
      .filter((name) => /_nowasm_fallback\.js$|^LICENSE_(PDFJS_)?(JBIG2|OPENJPEG)$/.test(name))
      .map((name) => `wasm/${name}`),
  ]
  return {
    name: 'mmf:pdfjs-files',
    apply: 'build',
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `pdfjs-${version}/${file}`,
          source: readFileSync(resolve(root, file)),
        })
      }
    },
  }
}

export default defineConfig({
  main: {
    build: {
      // The keychain libraries are native: loaded from node_modules, never bundled.
      // TypeBox is bundled: only its type builders are used, and loading its ~700 files
      // from node_modules was a sixth of the standalone server's start.
      externalizeDeps: { include: ['@napi-rs/keyring', 'keytar'], exclude: ['typebox'] },
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // The standalone server, bundled: starts in about half the time of the sources.
          server: resolve(import.meta.dirname, 'src/server/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
        // The contract's schemas (src/shared/api) are built by calls to TypeBox's
        // `Type`, which have no side effects: a screen that imports a constant
        // from a contract file does not pull the schemas into its chunk.
        treeshake: {
          manualPureFunctions: [
            'Type',
            // limits.ts's and auth.ts's builders, which call only Type.
            'countSchema',
            'textSchema',
            'codeSchema',
            'itemsSchema',
            'nullable',
            'statusSchema',
            'pageQueryProperties',
          ],
        },
      },
      minify: true,
      // No inline scripts or styles: the CSP allows 'self' only.
      assetsInlineLimit: 0,
    },
    plugins: [vue(), pdfjsFiles(), passphraseWords(), answerSchemas()],
    // Drop what the app does not use from Vue's and vue-i18n's production builds.
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
  },
})
