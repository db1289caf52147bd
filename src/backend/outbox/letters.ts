/**
 * Postal letters (the activation code, an address change): a real letter layout
 * as plain text, in the customer's language.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import { formatActivationCode } from '../../shared/activation-code.ts'
import { RECENT_ADDRESS_CHANGE_DAYS } from '../../shared/api/service-requests.ts'
import { letterSalutation } from '../../shared/greeting.ts'

const COUNTRY_NAMES: Record<string, { de: string; en: string }> = {
  AT: { de: 'ÖSTERREICH', en: 'AUSTRIA' },
  DE: { de: 'DEUTSCHLAND', en: 'GERMANY' },
}

/** The address block's lines, as on an envelope window. */
export function addressBlock(customer: CustomerRecord, locale: Locale): string[] {
  const salutation =
    customer.salutation === 'ms'
      ? locale === 'de'
        ? 'Frau'
        : 'Ms'
      : customer.salutation === 'mr'
        ? locale === 'de'
          ? 'Herr'
          : 'Mr'
        : ''
  const country = COUNTRY_NAMES[customer.country]?.[locale] ?? customer.country
  return [
    ...(salutation ? [salutation] : []),
    `${customer.firstName} ${customer.lastName}`,
    `${customer.street} ${customer.houseNumber}`,
    `${customer.postalCode} ${customer.city}`,
    country,
  ]
}

/** One line naming the postal recipient (the outbox's "to" for letters). */
export function postalRecipient(customer: CustomerRecord): string {
  return `${customer.firstName} ${customer.lastName}, ${customer.street} ${customer.houseNumber}, ${customer.postalCode} ${customer.city}, ${customer.country}`
}

/** A date as the letter's date line writes it (Vienna). */
function letterDate(date: Date, de: boolean): string {
  return new Intl.DateTimeFormat(de ? 'de-AT' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Vienna',
  }).format(date)
}

/** "Sehr geehrte Frau Huber," / "Dear Ms Huber,"; without a salutation the full name. */
function letterGreeting(customer: CustomerRecord, de: boolean): string {
  return letterSalutation(customer, de ? 'de' : 'en')
}

/**
 * A letter's text in the bank's layout: sender line, the address block of
 * `customer` (the address it goes to), date, subject, customer number,
 * greeting, `body`, closing and the support contacts.
 */
function letterText(input: {
  customer: CustomerRecord
  locale: Locale
  date: Date
  subject: string
  body: string[]
  support: SupportContacts
}): string {
  const { customer, locale, support } = input
  const de = locale === 'de'
  return [
    'My MINI Finance · MINI Financial Services · Siegfried-Marcus-Straße 24 · 5020 Salzburg',
    '',
    ...addressBlock(customer, locale),
    '',
    `${' '.repeat(40)}Salzburg, ${letterDate(input.date, de)}`,
    '',
    input.subject.toUpperCase(),
    `${de ? 'Kundennummer' : 'Customer number'}: ${customer.customerNumber}`,
    '',
    letterGreeting(customer, de),
    '',
    ...input.body,
    '',
    de ? 'Mit freundlichen Grüßen' : 'Kind regards',
    de ? 'Ihr Team von My MINI Finance' : 'Your My MINI Finance team',
    '',
    '—',
    `${de ? 'Kundenbetreuung' : 'Customer service'}: ${support.phone} · ${support.email} · ${support.hours}`,
  ].join('\n')
}

/** The activation letter. */
export function activationLetter(input: {
  customer: CustomerRecord
  locale: Locale
  code: string
  validUntil: Date
  date: Date
  support: SupportContacts
}): { subject: string; text: string } {
  const de = input.locale === 'de'
  const subject = de
    ? 'Ihr Aktivierungscode für My MINI Finance'
    : 'Your activation code for My MINI Finance'
  const validUntil = letterDate(input.validUntil, de)
  const body = de
    ? [
        'Sie haben sich bei My MINI Finance registriert. Damit nur Sie Ihre Vertragsdaten sehen, bestätigen Sie Ihre Identität bitte mit diesem Aktivierungscode:',
        '',
        `        Aktivierungscode:   ${formatActivationCode(input.code)}`,
        '',
        `Geben Sie den Code nach der Anmeldung in der App ein. Er ist bis ${validUntil} gültig und kann einmal verwendet werden.`,
        'Falls Sie sich nicht registriert haben, rufen Sie uns bitte an.',
      ]
    : [
        'You have registered with My MINI Finance. So that only you can see your contract data, please confirm your identity with this activation code:',
        '',
        `        Activation code:   ${formatActivationCode(input.code)}`,
        '',
        `Enter the code in the app after signing in. It is valid until ${validUntil} and works once.`,
        'If you did not register, please call us.',
      ]
  return { subject, text: letterText({ ...input, subject, body }) }
}

/**
 * The letters of an address change, one to each address: `to: 'new'` confirms
 * the new address; `to: 'old'` tells the previous one that letters go
 * elsewhere now, without saying where (someone else may live there by now).
 * Either way a customer who did not make the change is asked to call at once.
 * `customer` is the record with the address the letter goes to.
 */
export function addressChangeLetter(input: {
  customer: CustomerRecord
  to: 'old' | 'new'
  date: Date
  support: SupportContacts
}): { subject: string; text: string } {
  const locale = input.customer.locale
  const de = locale === 'de'
  const day = letterDate(input.date, de)
  const subject =
    input.to === 'new'
      ? de
        ? 'Ihre neue Adresse bei My MINI Finance'
        : 'Your new address at My MINI Finance'
      : de
        ? 'Ihre Adresse bei My MINI Finance wurde geändert'
        : 'Your address at My MINI Finance has been changed'
  const body =
    input.to === 'new'
      ? de
        ? [
            `am ${day} wurde Ihre Postadresse in My MINI Finance auf diese Adresse geändert. Unsere Briefe erhalten Sie ab jetzt hier.`,
            'Haben Sie die Adresse nicht selbst geändert? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.',
          ]
        : [
            `On ${day} your postal address in My MINI Finance was changed to this address. From now on you will receive our letters here.`,
            'Did you not change the address yourself? Then please call our customer service at once.',
          ]
      : de
        ? [
            `am ${day} wurde Ihre Postadresse in My MINI Finance geändert. Unsere Briefe senden wir ab jetzt an die neue Adresse.`,
            `Zu Ihrer Sicherheit senden wir den Typenschein Ihres Fahrzeugs erst ${RECENT_ADDRESS_CHANGE_DAYS} Tage nach einer Adressänderung per Post.`,
            'Haben Sie die Adresse nicht selbst geändert? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.',
          ]
        : [
            `On ${day} your postal address in My MINI Finance was changed. From now on we send our letters to the new address.`,
            `For your security we send your vehicle certificate (Typenschein) by post only ${RECENT_ADDRESS_CHANGE_DAYS} days after an address change.`,
            'Did you not change the address yourself? Then please call our customer service at once.',
          ]
  return { subject, text: letterText({ ...input, locale, subject, body }) }
}
