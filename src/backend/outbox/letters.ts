/** Postal letters (the activation code): a real letter layout as plain text, in the customer's language. */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import { formatActivationCode } from '../../shared/activation-code.ts'

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

/** The activation letter. */
export function activationLetter(input: {
  customer: CustomerRecord
  locale: Locale
  code: string
  validUntil: Date
  date: Date
  support: SupportContacts
}): { subject: string; text: string } {
  const { customer, locale, support } = input
  const de = locale === 'de'
  const fmt = (d: Date): string =>
    new Intl.DateTimeFormat(de ? 'de-AT' : 'en-GB', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Vienna',
    }).format(d)
  const subject = de
    ? 'Ihr Aktivierungscode für My MINI Finance'
    : 'Your activation code for My MINI Finance'
  const dear = de
    ? customer.salutation === 'ms'
      ? `Sehr geehrte Frau ${customer.lastName},`
      : customer.salutation === 'mr'
        ? `Sehr geehrter Herr ${customer.lastName},`
        : `Guten Tag ${customer.firstName} ${customer.lastName},`
    : `Dear ${customer.salutation === 'ms' ? 'Ms' : customer.salutation === 'mr' ? 'Mr' : ''} ${customer.lastName},`.replace(
        '  ',
        ' ',
      )
  const body = de
    ? [
        'Sie haben sich bei My MINI Finance registriert. Damit nur Sie Ihre Vertragsdaten sehen, bestätigen Sie Ihre Identität bitte mit diesem Aktivierungscode:',
        '',
        `        Aktivierungscode:   ${formatActivationCode(input.code)}`,
        '',
        `Geben Sie den Code nach der Anmeldung in der App ein. Er ist bis ${fmt(input.validUntil)} gültig und kann einmal verwendet werden.`,
        'Falls Sie sich nicht registriert haben, rufen Sie uns bitte an.',
      ]
    : [
        'You have registered with My MINI Finance. So that only you can see your contract data, please confirm your identity with this activation code:',
        '',
        `        Activation code:   ${formatActivationCode(input.code)}`,
        '',
        `Enter the code in the app after signing in. It is valid until ${fmt(input.validUntil)} and works once.`,
        'If you did not register, please call us.',
      ]
  const text = [
    'My MINI Finance · MINI Financial Services · Siegfried-Marcus-Straße 24 · 5020 Salzburg',
    '',
    ...addressBlock(customer, locale),
    '',
    `${' '.repeat(40)}Salzburg, ${fmt(input.date)}`,
    '',
    subject.toUpperCase(),
    `${de ? 'Kundennummer' : 'Customer number'}: ${customer.customerNumber}`,
    '',
    dear,
    '',
    ...body,
    '',
    de ? 'Mit freundlichen Grüßen' : 'Kind regards',
    de ? 'Ihr Team von My MINI Finance' : 'Your My MINI Finance team',
    '',
    '—',
    `${de ? 'Kundenbetreuung' : 'Customer service'}: ${support.phone} · ${support.email} · ${support.hours}`,
  ].join('\n')
  return { subject, text }
}
