import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { answerSchemas } from './scripts/answer-schemas-plugin.ts'
import { passphraseWords } from './scripts/passphrase-words-plugin.ts'

export default defineConfig({
  // The German passphrase words are built as the app builds them (a virtual module).
  plugins: [vue(), passphraseWords(), answerSchemas()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup/renderer.ts'],
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
})
