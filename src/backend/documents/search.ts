/**
 * The postbox's title search (`GET /documents?q=`): every word of the query
 * must occur in the title, in the language the list shows (the customer's
 * preferences.locale), ignoring case in every alphabet.
 *
 * Titles are not stored per language: a document's title follows from its
 * kind and snapshot (documents/content.ts). The search compares folded words
 * with folded titles in JavaScript, through an SQL function registered on the
 * connection (SQLite's LIKE folds ASCII letters only: "Ä" would not find "ä").
 * Folding is Unicode lower case after NFKC, with ß as "ss" (Unicode case
 * folding): "ä" = "Ä", "ß" = "ss" = "SS", but "ä" is not "a" or "ae" (an
 * umlaut is its own letter in German). A word is found as it is: "%", "_" and
 * "\" are only themselves.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { Locale } from '../../shared/api/auth.ts'
import { documentTitle } from './content.ts'
import type { DocumentParams } from './kinds.ts'

/**
 * The SQL function `(search, document id) → 1 | 0`: whether every word of the
 * search occurs in the document's title. `search` is the number
 * `titleSearchOf(db).run` hands to the query it runs.
 */
export const TITLE_MATCH_FUNCTION = 'mmf_title_matches'

/** Folds text for a case-insensitive comparison (see above). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('ß', 'ss')
}

/** The distinct, folded words of a query; empty when it has none. */
export function searchWords(query: string): string[] {
  const words = query
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => foldForSearch(word))
  return [...new Set(words)]
}

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

/** The searches running now, by the number their query passes to TITLE_MATCH_FUNCTION. */
const running = new Map<number, { titles: Map<number, string>; words: readonly string[] }>()
let nextSearch = 1

function titleMatches(search: unknown, documentId: unknown): number {
  const current = running.get(Number(search))
  const title = current?.titles.get(Number(documentId))
  return title !== undefined && current?.words.every((word) => title.includes(word)) ? 1 : 0
}

export interface TitleSearch {
  /**
   * Runs `query` (an SQL statement that uses TITLE_MATCH_FUNCTION with the
   * number it is given) for the customer's titles in `locale` and the folded
   * `words`.
   */
  run<T>(
    customerId: number,
    locale: Locale,
    words: readonly string[],
    query: (search: number) => T,
  ): T
}

const searches = new WeakMap<DatabaseSync, TitleSearch>()

/**
 * The connection's title search, made once per connection. Making 10,000
 * titles for every search would cost more than the search itself; a document
 * never changes what it was filed from, so its folded title is made once per
 * language, the first time the customer's postbox is searched in it, and kept
 * in memory (never stored: the titles follow the app's wording).
 */
export function titleSearchOf(db: DatabaseSync): TitleSearch {
  const existing = searches.get(db)
  if (existing) return existing
  db.function(TITLE_MATCH_FUNCTION, { deterministic: true, directOnly: true }, titleMatches)
  const newer = db.prepare(`SELECT d.id, d.spec_json ->> '$.params' AS params, c.number
    FROM documents d LEFT JOIN contracts c ON c.id = d.contract_id
    WHERE d.customer_id = ? AND d.id > ?`)
  const byCustomer = new Map<string, CustomerTitles>()
  let size = 0

  /** The customer's folded titles in `locale`, with the letters filed since the last search. */
  function titlesOf(customerId: number, locale: Locale): Map<number, string> {
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
    const rows = newer.all(customerId, entry.lastId) as {
      id: number
      params: string
      number: string | null
    }[]
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
    run(customerId, locale, words, query) {
      const id = nextSearch++
      running.set(id, { titles: titlesOf(customerId, locale), words })
      try {
        return query(id)
      } finally {
        running.delete(id)
      }
    },
  }
  searches.set(db, search)
  return search
}
