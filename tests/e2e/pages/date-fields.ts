/**
 * The app's date fields as a customer uses them: typed in the language's order
 * (TT.MM.JJJJ in German), the bounds read from the field's description.
 */
import type { Locator } from '@playwright/test'

/** A day as the German date fields take it: `12.03.1984`, from `1984-03-12` or as it is. */
export function germanDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date
}

/**
 * The first date a date field's description names ("Möglich: 01.12.2026 bis …",
 * "Possible: 01/12/2026 to …"), as YYYY-MM-DD.
 */
export async function earliestDate(field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean)
  const texts = await Promise.all(
    ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()),
  )
  const m = /(\d{2})[./](\d{2})[./](\d{4})/.exec(texts.join(' '))
  if (!m) throw new Error(`no date in the description of the field: ${texts.join(' ')}`)
  return `${m[3]}-${m[2]}-${m[1]}`
}
