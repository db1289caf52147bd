/**
 * The postbox's title search (`GET /documents?q=`): every word of the query
 * must occur in the title, ignoring case in every alphabet.
 *
 * SQLite's LIKE folds ASCII letters only ("Ä" would not find "ä"), so both
 * sides are folded here, in JavaScript: the title through an SQL function
 * registered on the connection, the words before they become parameters.
 * Folding is Unicode lower case after NFKC, with ß as "ss" (Unicode case
 * folding): "ä" = "Ä", "ß" = "ss" = "SS", but "ä" is not "a" or "ae" (an
 * umlaut is its own letter in German). LIKE's wildcards in a word are escaped,
 * so "%" and "_" only find themselves.
 */
import type { DatabaseSync } from 'node:sqlite'

/** The SQL function that folds a title for the search (registered per connection). */
export const FOLD_FUNCTION = 'mmf_search_fold'

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

/** A LIKE pattern (with `ESCAPE '\'`) that finds the word anywhere, wildcards taken literally. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Makes FOLD_FUNCTION available on this connection (only to SQL the app runs itself). */
export function registerSearchFunction(db: DatabaseSync): void {
  db.function(FOLD_FUNCTION, { deterministic: true, directOnly: true }, (value) =>
    typeof value === 'string' ? foldForSearch(value) : null,
  )
}
