/**
 * The German words of "Passphrase vorschlagen", chosen from the frequency lists
 * of @zxcvbn-ts/language-de when the app is built (scripts/passphrase-words-plugin.ts):
 * as many words as the English diceware list has (7,776 = 6^5), so that five
 * words keep its strength (about 64.6 bits) in either language.
 *
 * A word qualifies when it is short and plain German: 4 to 9 lowercase letters
 * (umlauts and ß included: a German keyboard has them, and passwords are
 * compared after NFC), spelt the way German words are (no y, q, x, th; c only
 * in ch and ck), not a first or last name, not an English diceware word, not a
 * common password (the list holds most English words and names that dubbed
 * films bring into German subtitles), not on the short list of crude, hurtful
 * or violent stems below, and attested in both sources: another word of the
 * other list starts with the same five letters (place names and foreign words
 * rarely are). The most frequent win: the two lists, each ranked by frequency,
 * are taken in turn, spoken (subtitles) and written (Wikipedia) German alike.
 */

/** How many words a passphrase list holds: the diceware size, 6^5. */
export const PASSPHRASE_LIST_SIZE = 7776

/** The frequency lists and what to leave out, as @zxcvbn-ts ships them. */
export interface GermanWordSources {
  /** Spoken German (film subtitles), most frequent first. */
  spoken: readonly string[]
  /** Written German (Wikipedia), most frequent first. */
  written: readonly string[]
  /** First and last names. */
  names: readonly string[]
  /** The English diceware words. */
  english: readonly string[]
  /** Common passwords. */
  commonPasswords: readonly string[]
}

const LETTERS = /^[a-zäöüß]{4,9}$/
/** Spellings German words do not have (loanwords, names, English). */
const FOREIGN_SPELLING = /[yqx]|c(?![hk])|th|oo|^sh|w$|(?:ing|ight|ough)$/
/** Crude, sexual, hurtful, violent or sad words: no suggestion should contain them. */
const BLOCKED = [
  /scheiß|scheiss|fick|fotze|hure|nutte|schlampe|wichs|arsch|kack|kotz|piss|pinkel|furz/,
  /bastard|schwul|lesb|neger|nigg|nazi|hitler|jude|jüd|rasse|zigeun|kanake|spast|weiber/,
  /muschi|schwanz|bordell|nackt|porn|sex|penis|vagina|titte|busen|geil|puff|strich/,
  /trottel|idiot|depp|blöd|dumm|behindert|krüppel|irrenhaus|fettsack|verarsch|hass/,
  /mord|mörd|töte|tötu|getötet|tödl|^to[dt]|leiche|leichn|folter|vergewalt|opfer|sterb|krebs/,
  /schieß|schuss|schoss|umbring|droge|kokain|heroin|überdosis|besoff|gift|blut|verreck|krepier/,
  /waffe|bombe|granate|pistole|gewehr|galgen|attentat|terror|krieg|hinricht|henker/,
  /jesus|christus|teufel|satan|dämon|hölle/,
]

/** true for a word the list may hold (before the check against the other source). */
function plainGerman(word: string, excluded: ReadonlySet<string>): boolean {
  return (
    LETTERS.test(word) &&
    !FOREIGN_SPELLING.test(word) &&
    !excluded.has(word) &&
    !BLOCKED.some((pattern) => pattern.test(word))
  )
}

const PREFIX = 5

/** The German passphrase words: `size` distinct words, the most frequent first. */
export function germanPassphraseWords(
  sources: GermanWordSources,
  size = PASSPHRASE_LIST_SIZE,
): string[] {
  const excluded = new Set([...sources.names, ...sources.english, ...sources.commonPasswords])
  const prefixes = (list: readonly string[]) => new Set(list.map((w) => w.slice(0, PREFIX)))
  const spokenPrefixes = prefixes(sources.spoken)
  const writtenPrefixes = prefixes(sources.written)
  const spoken = sources.spoken.filter(
    (w) => plainGerman(w, excluded) && writtenPrefixes.has(w.slice(0, PREFIX)),
  )
  const written = sources.written.filter(
    (w) => plainGerman(w, excluded) && spokenPrefixes.has(w.slice(0, PREFIX)),
  )
  const words = new Set<string>()
  for (let rank = 0; words.size < size && rank < Math.max(spoken.length, written.length); rank++) {
    for (const word of [spoken[rank], written[rank]]) {
      if (word !== undefined && words.size < size) words.add(word)
    }
  }
  if (words.size < size) throw new Error(`Only ${words.size} German words qualify, not ${size}.`)
  return [...words]
}
