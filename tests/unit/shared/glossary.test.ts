/**
 * One word per thing (docs/glossary.md): the words the glossary lists under
 * "not" are nowhere in what a customer reads — the screens' texts in both
 * languages, every e-mail, the postal letters and the service catalogue — and
 * screens and e-mails greet a customer alike.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { activationLetter, addressChangeLetter } from '../../../src/backend/outbox/letters.ts'
import { renderNotificationEmail } from '../../../src/backend/outbox/notification-templates.ts'
import { renderEmail, type EmailTemplate } from '../../../src/backend/outbox/templates.ts'
import type { CustomerRecord } from '../../../src/backend/db/repositories/customers-repository.ts'
import { displayName } from '../../../src/backend/services/registrations.ts'
import type { Locale, Salutation } from '../../../src/shared/api/auth.ts'
import { SERVICE_CATALOGUE } from '../../../src/shared/api/service-requests.ts'
import { addressedName } from '../../../src/shared/greeting.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const LOCALES = ['de', 'en'] as const satisfies readonly Locale[]

/** The glossary's "not" columns: the words no text may use, per language. */
function forbiddenWords(): Record<Locale, string[]> {
  const markdown = readFileSync(resolve(ROOT, 'docs/glossary.md'), 'utf8')
  const words: Record<Locale, string[]> = { de: [], en: [] }
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim())
    // | thing | Deutsch | English | not (de) | not (en) |
    if (cells.length !== 7 || cells[1] === 'thing' || /^-+$/.test(cells[1] ?? '')) continue
    for (const [column, locale] of [
      [4, 'de'],
      [5, 'en'],
    ] as const) {
      const listed = (cells[column] ?? '').split(',').map((word) => word.trim())
      words[locale].push(...listed.filter((word) => word !== ''))
    }
  }
  return words
}

/** Every string in a nested messages object. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings)
  return []
}

const messages = (locale: Locale): unknown =>
  JSON.parse(readFileSync(resolve(ROOT, `src/renderer/src/i18n/${locale}.json`), 'utf8'))
/** With the messages a page loaded on demand brings (i18n/<feature>/<locale>.json). */
const allMessages = (locale: Locale): unknown[] => [
  messages(locale),
  JSON.parse(readFileSync(resolve(ROOT, `src/renderer/src/i18n/lease-end/${locale}.json`), 'utf8')),
]

const SUPPORT = { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8:00–17:00' }

function customer(salutation: Salutation, locale: Locale): CustomerRecord {
  return {
    id: 1,
    customerNumber: '100482117',
    salutation,
    firstName: 'Anna',
    lastName: 'Huber',
    dateOfBirth: '1984-03-12',
    street: 'Getreidegasse',
    houseNumber: '9',
    postalCode: '5020',
    city: 'Salzburg',
    country: 'AT',
    phone: null,
    email: null,
    locale,
    iban: null,
    accountHolder: null,
  }
}

/** One template of every kind the app e-mails. */
const TEMPLATES: EmailTemplate[] = [
  { kind: 'confirm_registration', name: 'Anna Huber', link: 'x://c', validHours: 24 },
  { kind: 'already_registered', name: 'Anna Huber', resetLink: 'x://r' },
  { kind: 'registration_unmatched', name: 'Anna Huber' },
  { kind: 'activation_letter_sent', name: 'Anna Huber' },
  { kind: 'account_locked', name: 'Anna Huber', resetLink: 'x://r' },
  { kind: 'password_reset', name: 'Anna Huber', link: 'x://r', validMinutes: 30 },
  { kind: 'password_changed', name: 'Anna Huber' },
  { kind: 'email_change_confirm', name: 'Anna Huber', link: 'x://e', validHours: 24 },
  { kind: 'email_change_requested', name: 'Anna Huber', newEmail: 'a@example.at' },
  { kind: 'email_change_address_taken', name: 'Anna Huber' },
  { kind: 'email_changed', name: 'Anna Huber', newEmail: 'a@example.at' },
  { kind: 'bank_account_changed', name: 'Anna Huber', ibanMasked: 'AT61 ****', accountHolder: 'A' },
  { kind: 'address_changed', name: 'Anna Huber', newAddress: ['Getreidegasse 9'] },
  { kind: 'document_copy', name: 'Anna Huber', title: 'Ratenplan', date: '12.03.2026' },
]

/** What a customer of `locale` reads from the backend: e-mails, letters, the service catalogue. */
function backendTexts(locale: Locale): string[] {
  const date = new Date('2026-03-12T10:00:00Z')
  const record = customer('ms', locale)
  const texts = TEMPLATES.map((template) => renderEmail(template, locale, SUPPORT))
    .concat(
      ...(
        [
          { kind: 'documents_new', name: 'Anna Huber', count: 1 },
          { kind: 'documents_new', name: 'Anna Huber', count: 3 },
          { kind: 'instalment_due', name: 'Anna Huber', dueDate: '2026-12-15', contracts: 1 },
          { kind: 'instalment_due', name: 'Anna Huber', dueDate: '2026-12-15', contracts: 2 },
        ] as const
      ).map((template) => renderNotificationEmail(template, locale, SUPPORT)),
    )
    .flatMap((mail) => [mail.subject, mail.text])
  const letters = [
    activationLetter({
      customer: record,
      locale,
      code: 'AC3F7KXD9QMT',
      validUntil: date,
      date,
      support: SUPPORT,
    }),
    addressChangeLetter({ customer: record, to: 'old', date, support: SUPPORT }),
    addressChangeLetter({ customer: record, to: 'new', date, support: SUPPORT }),
  ].flatMap((letter) => [letter.subject, letter.text])
  // The catalogue's words (titles, descriptions, labels, help), not its codes.
  const catalogue = strings(SERVICE_CATALOGUE).filter((text) => /\s/.test(text))
  return [...texts, ...letters, ...catalogue]
}

/** Finds `word` as a whole word (not inside another), in any case. */
function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text)
}

describe('the glossary', () => {
  const forbidden = forbiddenWords()

  it('lists the words we used to mix in, in both languages', () => {
    // The table is read, not skipped: the review's mix-ups are all in it.
    expect(forbidden.de).toEqual(
      expect.arrayContaining([
        'Account',
        'Kundenkonto',
        'Finanzierungsvereinbarung',
        'Demo-Postfach',
      ]),
    )
    expect(forbidden.en).toEqual(expect.arrayContaining(['Running contracts', 'agreement']))
    expect(containsWord('Ihr Account ist gesperrt', 'Account')).toBe(true)
    expect(containsWord('ein bankAccount-Feld', 'Account')).toBe(false)
  })

  for (const locale of LOCALES) {
    it(`is kept by every screen text in ${locale}`, () => {
      const offending = strings(allMessages(locale)).flatMap((text) =>
        forbidden[locale]
          .filter((word) => containsWord(text, word))
          .map((word) => `${word}: ${text}`),
      )
      expect(offending).toEqual([])
    })

    it(`is kept by the e-mails, letters and services in ${locale}`, () => {
      const texts = backendTexts(locale)
      expect(texts.length).toBeGreaterThan(TEMPLATES.length * 2)
      const offending = texts.flatMap((text) =>
        forbidden[locale]
          .filter((word) => containsWord(text, word))
          .map((word) => `${word}: ${text}`),
      )
      expect(offending).toEqual([])
    })
  }
})

describe('screens and e-mails greet alike', () => {
  const cases = [
    ['de', 'ms', 'Guten Tag, Frau Huber'],
    ['de', 'mr', 'Guten Tag, Herr Huber'],
    ['de', 'none', 'Guten Tag, Anna Huber'],
    ['en', 'ms', 'Hello Ms Huber'],
    ['en', 'none', 'Hello Anna Huber'],
  ] as const

  it.each(cases)('%s, salutation %s: "%s"', (locale, salutation, expected) => {
    const account = { salutation, firstName: 'Anna', lastName: 'Huber', locale }
    const mail = renderEmail(
      { kind: 'password_changed', name: displayName(account) },
      locale,
      SUPPORT,
    )
    const screen = (
      messages(locale) as { contracts: { leadNamed: string } }
    ).contracts.leadNamed.replace('{name}', addressedName(account, locale))
    expect(mail.text.split('\n')[0]).toBe(`${expected},`)
    expect(screen.startsWith(`${expected}.`)).toBe(true)
  })

  it('letters keep the letter’s form, with the name even without a salutation', () => {
    const date = new Date('2026-03-12T10:00:00Z')
    const letter = (salutation: Salutation, locale: Locale) =>
      addressChangeLetter({
        customer: customer(salutation, locale),
        to: 'new',
        date,
        support: SUPPORT,
      }).text
    expect(letter('ms', 'de')).toContain('\nSehr geehrte Frau Huber,\n')
    expect(letter('none', 'de')).toContain('\nGuten Tag, Anna Huber,\n')
    expect(letter('mr', 'en')).toContain('\nDear Mr Huber,\n')
    expect(letter('none', 'en')).toContain('\nDear Anna Huber,\n\nOn ')
  })
})
