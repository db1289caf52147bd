/**
 * The postbox's title search (`GET /documents?q=`): every word of the query
 * must occur in the title, in the language the list shows (the customer's
 * preferences.locale), ignoring case in every alphabet.
 *
 * Titles are not stored per language: a document's title follows from its
 * kind and snapshot (documents/content.ts). The search compares folded words
 * with folded titles in JavaScript (SQL's LIKE folds ASCII letters only on
 * SQLite, none on PostgreSQL: "Ä" would not find "ä") and hands the query the
 * ids of the documents that match.
 * Folding is Unicode lower case after NFKC, with ß as "ss" (Unicode case
 * folding): "ä" = "Ä", "ß" = "ss" = "SS", but "ä" is not "a" or "ae" (an
 * umlaut is its own letter in German). A word is found as it is: "%", "_" and
 * "\" are only themselves.
 */

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
