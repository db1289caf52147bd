import { type Queryable, prepare } from '../sql.ts'

/** Key/value settings of the backend (demo clock offset, seed flag). */
export function createSettingsRepository(db: Queryable) {
  const get = prepare(db, 'SELECT value FROM settings WHERE key = ?')
  const put = prepare(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  return {
    async get(key: string): Promise<string | null> {
      const row = await get.get<{ value: string }>(key)
      return row?.value ?? null
    },
    async set(key: string, value: string): Promise<void> {
      await put.run(key, value)
    },
  }
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>
