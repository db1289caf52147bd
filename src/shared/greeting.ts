/**
 * How the app addresses a customer (docs/glossary.md, "Forms of address"): by
 * salutation and last name ("Frau Huber", "Ms Huber"), or by the full name when
 * no salutation was chosen ("Anna Huber"). Screens and e-mails greet with it,
 * so that both say the same; letters put it into their own formula.
 */
import type { Locale, Salutation } from './api/auth.ts'
import { printableName } from './names.ts'

/** The parts of a person the form of address needs. */
export interface Addressee {
  salutation: Salutation
  firstName: string
  lastName: string
}

const TITLES: Record<Locale, Record<Exclude<Salutation, 'none'>, string>> = {
  de: { ms: 'Frau', mr: 'Herr' },
  en: { ms: 'Ms', mr: 'Mr' },
}

/** "Frau Huber" / "Ms Huber", or "Anna Huber" without a salutation; one printable line. */
export function addressedName(person: Addressee, locale: Locale): string {
  const name =
    person.salutation === 'none'
      ? `${person.firstName} ${person.lastName}`
      : `${TITLES[locale][person.salutation]} ${person.lastName}`
  return printableName(name)
}

/** The greeting of screens and e-mails, without punctuation after it: "Guten Tag, Frau Huber". */
export function greeting(name: string, locale: Locale): string {
  return locale === 'de' ? `Guten Tag, ${name}` : `Hello ${name}`
}

/**
 * The salutation line of a letter or PDF document: "Sehr geehrte Frau Huber," /
 * "Dear Ms Huber,"; without a salutation "Guten Tag, Anna Huber," / "Dear Anna Huber,".
 */
export function letterSalutation(person: Addressee, locale: Locale): string {
  const name = addressedName(person, locale)
  if (locale === 'en') return `Dear ${name},`
  if (person.salutation === 'ms') return `Sehr geehrte ${name},`
  if (person.salutation === 'mr') return `Sehr geehrter ${name},`
  return `${greeting(name, locale)},`
}
