import type { DatabaseSync } from 'node:sqlite'

/** Key/value settings of the backend (demo clock offset, seed flag). */
export function createSettingsRepository(db: DatabaseSync) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?')
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  return {
    get(key: string): string | null {
      const row = get.get(key) as { value: string } | undefined
      return row?.value ?? null
    },
    set(key: string, value: string): void {
      put.run(key, value)
    },
  }
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>
