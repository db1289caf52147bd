/**
 * The title search's titles (documents/search.ts says how it compares): a
 * document's title follows from its kind and snapshot, so the folded titles are
 * made in JavaScript from the stored snapshots and kept per database.
 */
import type { Locale } from '../../shared/api/auth.ts'
import { documentTitle } from '../documents/content.ts'
import type { DocumentParams } from '../documents/kinds.ts'
import { foldForSearch } from '../documents/search.ts'
import { jsonFieldSql, type Queryable } from './database.ts'

/**
 * Enough for the demo's 10,000-letter customer in both languages and many
 * ordinary postboxes; beyond it the index starts afresh.
 */
const MAX_INDEXED_TITLES = 100_000

/** The folded titles of one customer's documents in one language, by document id. */
interface CustomerTitles {
  /** The highest document id indexed: a customer's later letters have higher ids. */
  lastId: number
  titles: Map<number, string>
}

export interface TitleSearch {
  /**
   * The ids of the customer's documents whose title in `locale` has all the
   * folded `words`, read through `db` (the database or the caller's transaction).
   */
  matching(
    db: Queryable,
    customerId: number,
    locale: Locale,
    words: readonly string[],
  ): Promise<number[]>
}

/** Per database (not per transaction): the titles outlive the requests that made them. */
const searches = new WeakMap<object, TitleSearch>()

/**
 * The database's title search, made once per database. Making 10,000 titles
 * for every search would cost more than the search itself; a document never
 * changes what it was filed from, so its folded title is made once per
 * language, the first time the customer's postbox is searched in it, and kept
 * in memory (never stored: the titles follow the app's wording).
 */
export function titleSearchOf(db: Queryable): TitleSearch {
  const existing = searches.get(db.identity)
  if (existing) return existing
  const newer = `SELECT d.id, ${jsonFieldSql(db.engine, 'd.spec_json', 'params')} AS params, c.number
    FROM documents d LEFT JOIN contracts c ON c.id = d.contract_id
    WHERE d.customer_id = ? AND d.id > ?`
  const byCustomer = new Map<string, CustomerTitles>()
  let size = 0

  /** The customer's folded titles in `locale`, with the letters filed since the last search. */
  async function titlesOf(
    db: Queryable,
    customerId: number,
    locale: Locale,
  ): Promise<Map<number, string>> {
    const key = `${customerId}:${locale}`
    let entry = byCustomer.get(key)
    if (!entry) {
      if (size > MAX_INDEXED_TITLES) {
        byCustomer.clear()
        size = 0
      }
      entry = { lastId: 0, titles: new Map() }
      byCustomer.set(key, entry)
    }
    const rows = await db.all<{ id: number; params: string; number: string | null }>(
      newer,
      customerId,
      entry.lastId,
    )
    for (const row of rows) {
      const params = JSON.parse(row.params) as DocumentParams
      const contract = row.number === null ? null : { number: row.number }
      entry.titles.set(row.id, foldForSearch(documentTitle(params, locale, contract)))
      entry.lastId = Math.max(entry.lastId, row.id)
    }
    size += rows.length
    return entry.titles
  }

  const search: TitleSearch = {
    async matching(db, customerId, locale, words) {
      const ids: number[] = []
      for (const [id, title] of await titlesOf(db, customerId, locale)) {
        if (words.every((word) => title.includes(word))) ids.push(id)
      }
      return ids
    },
  }
  searches.set(db.identity, search)
  return search
}
