/**
 * The catalogue of service requests (api.md "Service requests"): each type
 * with a JSON schema of its `details`. The catalogue's schemas carry what a form needs besides
 * the constraints, as `x-` annotations in German and English: `x-label`,
 * `x-help`, `x-enum-labels` (per value) and date bounds relative to today
 * (`x-min-days-from-today`, `x-max-days-from-today`, `x-max-months-from-today`,
 * `x-not-before` naming another field); `x-money`: an amount in cents, typed
 * and shown as money. Validation uses the same schemas without the annotations
 * (`stripAnnotations`). Asked for one contract (`GET /service-types?contractId`),
 * the schemas also carry that contract's concrete bounds as standard keywords
 * (`formatMinimum`/`formatMaximum` for dates, `maximum`, a narrowed `enum`).
 */
import {
  PAYMENT_DAYS,
  PAYOFF_MAX_DAYS_AHEAD,
  SPECIAL_REPAYMENT_MAX_CENTS,
  SPECIAL_REPAYMENT_MIN_CENTS,
  TRAVEL_COUNTRIES,
  TRAVEL_MAX_COUNTRIES,
  TRAVEL_MAX_MONTHS_AHEAD,
  TRAVEL_PURPOSE_MAX_LENGTH,
  type DetailsSchema,
  type JsonSchema,
  type ServiceDefinition,
  type ServiceType,
  type TravelCountry,
} from './types.ts'
import { LEASE_END_SERVICES } from './lease-end-catalogue.ts'

const TRAVEL_COUNTRY_CODES = Object.keys(TRAVEL_COUNTRIES) as TravelCountry[]

const date = (extra: JsonSchema): JsonSchema => ({
  type: 'string',
  format: 'date',
  maxLength: 10,
  ...extra,
})
const details = (properties: Record<string, JsonSchema>, required: string[]): DetailsSchema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
})

/** The products and contract states of the catalogue's entries (and the route schemas' enums). */
export const ALL_PRODUCTS = ['loan', 'leasing', 'balloon'] as const
const ACTIVE = ['active'] as const
export const ANY_STATUS = ['active', 'settled'] as const

/** The catalogue (GET /service-types), in the order the app shows it. */
export const SERVICE_CATALOGUE: readonly ServiceDefinition[] = [
  {
    type: 'payoff_quote',
    title: { de: 'Ablöseangebot', en: 'Payoff quote' },
    description: {
      de: 'Sie möchten Ihren Vertrag vorzeitig zurückzahlen? Sie erhalten sofort ein Angebot mit dem Ablösebetrag zu Ihrem Wunschtermin: offenes Kapital, Zinsen bis zu diesem Tag und die gesetzliche Entschädigung.',
      en: 'Would you like to repay your contract early? You get a quote at once with the payoff amount on the day you choose: principal outstanding, interest to that day and the statutory fee.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'immediate',
    endpoint: null,
    fields: details(
      {
        payoffDate: date({
          'x-label': { de: 'Ablösetermin', en: 'Payoff date' },
          'x-help': {
            de: `Der Tag, an dem Ihre Zahlung bei uns eingeht: heute bis in ${PAYOFF_MAX_DAYS_AHEAD} Tagen, vor dem Vertragsende.`,
            en: `The day your payment reaches us: today up to ${PAYOFF_MAX_DAYS_AHEAD} days ahead, before the end of the contract.`,
          },
          'x-min-days-from-today': 0,
          'x-max-days-from-today': PAYOFF_MAX_DAYS_AHEAD,
        }),
      },
      ['payoffDate'],
    ),
  },
  {
    type: 'payment_day_change',
    title: { de: 'Abbuchungstag ändern', en: 'Change the payment day' },
    description: {
      de: 'Sie können wählen, ob wir Ihre Rate am 1. oder am 15. des Monats abbuchen. Den neuen Abbuchungstag bestätigen wir Ihnen schriftlich.',
      en: 'You can choose whether we collect your instalment on the 1st or the 15th of the month. We confirm the new payment day in writing.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        newPaymentDay: {
          type: 'integer',
          format: 'int32',
          minimum: Math.min(...PAYMENT_DAYS),
          maximum: Math.max(...PAYMENT_DAYS),
          enum: [...PAYMENT_DAYS],
          'x-label': { de: 'Neuer Abbuchungstag', en: 'New payment day' },
          'x-help': {
            de: 'Der Tag im Monat, an dem wir die Rate abbuchen. Er muss sich vom bisherigen unterscheiden.',
            en: 'The day of the month we collect the instalment. It must differ from the current one.',
          },
          'x-enum-labels': {
            '1': { de: 'am 1. des Monats', en: 'on the 1st of the month' },
            '15': { de: 'am 15. des Monats', en: 'on the 15th of the month' },
          },
        },
      },
      ['newPaymentDay'],
    ),
  },
  {
    type: 'bank_details_change',
    title: { de: 'Bankverbindung ändern', en: 'Change the bank details' },
    description: {
      de: 'Die Bankverbindung für die Abbuchung ändern Sie unter „Persönliche Daten“: mit dem SEPA-Lastschriftmandat und Ihrem Passwort.',
      en: 'You change the bank details for the direct debit under “Personal details”, with the SEPA direct debit mandate and your password.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'profile',
    endpoint: 'PUT /me/bank-account',
    fields: details({}, []),
  },
  {
    type: 'vehicle_certificate_release',
    title: {
      de: 'Freigabe des Typenscheins',
      en: 'Release of the vehicle certificate (Typenschein)',
    },
    description: {
      de: 'Solange Ihr Vertrag läuft, bewahren wir den Typenschein als Sicherheit auf. Nach der letzten Rate senden wir ihn Ihnen zu oder Sie holen ihn ab.',
      en: 'While your contract runs, we keep the vehicle certificate (Typenschein) as security. After the last instalment we send it to you, or you collect it.',
    },
    products: ['loan', 'balloon'],
    contractStatuses: ['settled'],
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        delivery: {
          type: 'string',
          enum: ['post', 'pickup'],
          'x-label': { de: 'Zustellung', en: 'Delivery' },
          'x-help': {
            de: 'Per Einschreiben an Ihre Adresse (unter „Persönliche Daten“), oder zur Abholung in unserem Kundencenter in Salzburg (mit Lichtbildausweis).',
            en: 'By registered post to your address (under “Personal details”), or for collection at our customer centre in Salzburg (with photo ID).',
          },
          'x-enum-labels': {
            post: { de: 'Per Post an meine Adresse', en: 'By post to my address' },
            pickup: { de: 'Ich hole ihn ab', en: 'I will collect it' },
          },
        },
      },
      ['delivery'],
    ),
  },
  {
    type: 'travel_abroad_permission',
    title: { de: 'Genehmigung für Fahrten ins Ausland', en: 'Permission to travel abroad' },
    description: {
      de: 'Solange Ihr Vertrag läuft, gehört das Fahrzeug uns. Für Fahrten in Länder außerhalb der EU brauchen Sie unsere schriftliche Genehmigung.',
      en: 'While your contract runs, the vehicle belongs to us. For trips to countries outside the EU you need our written permission.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        countries: {
          type: 'array',
          minItems: 1,
          maxItems: TRAVEL_MAX_COUNTRIES,
          uniqueItems: true,
          items: { type: 'string', enum: TRAVEL_COUNTRY_CODES },
          'x-label': { de: 'Reiseländer', en: 'Countries' },
          'x-help': {
            de: `Die Länder außerhalb der EU, in die Sie fahren (höchstens ${TRAVEL_MAX_COUNTRIES}).`,
            en: `The countries outside the EU you are going to (at most ${TRAVEL_MAX_COUNTRIES}).`,
          },
          'x-enum-labels': TRAVEL_COUNTRIES,
        },
        from: date({
          'x-label': { de: 'Reisebeginn', en: 'From' },
          'x-help': { de: 'Nicht in der Vergangenheit.', en: 'Not in the past.' },
          'x-min-days-from-today': 0,
          'x-max-months-from-today': TRAVEL_MAX_MONTHS_AHEAD,
        }),
        to: date({
          'x-label': { de: 'Reiseende', en: 'To' },
          'x-help': {
            de: `Nicht vor dem Reisebeginn, höchstens ${TRAVEL_MAX_MONTHS_AHEAD} Monate ab heute.`,
            en: `Not before the start of the trip, at most ${TRAVEL_MAX_MONTHS_AHEAD} months from today.`,
          },
          'x-min-days-from-today': 0,
          'x-max-months-from-today': TRAVEL_MAX_MONTHS_AHEAD,
          'x-not-before': 'from',
        }),
        purpose: {
          type: 'string',
          maxLength: TRAVEL_PURPOSE_MAX_LENGTH,
          // No control characters: the text is printed in the letter.
          pattern: '^[^\\u0000-\\u001F\\u007F]*$',
          'x-label': { de: 'Reisezweck (optional)', en: 'Purpose of the trip (optional)' },
          'x-help': {
            de: 'Zum Beispiel Urlaub oder Besuch bei der Familie.',
            en: 'For example a holiday or a family visit.',
          },
        },
      },
      ['countries', 'from', 'to'],
    ),
  },
  {
    type: 'balance_confirmation',
    title: { de: 'Saldobestätigung', en: 'Balance confirmation' },
    description: {
      de: 'Sie erhalten sofort eine Bestätigung des offenen Betrags Ihres Vertrags zu einem Stichtag, etwa für Ihre Bank oder Ihre Steuerberatung.',
      en: 'You get a confirmation of your contract’s outstanding balance on a given day at once, for your bank or tax adviser, say.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ANY_STATUS,
    handling: 'immediate',
    endpoint: null,
    fields: details(
      {
        asOf: date({
          'x-label': { de: 'Stichtag', en: 'As of' },
          'x-help': {
            de: 'Zwischen Vertragsbeginn und heute; ohne Angabe: heute.',
            en: 'Between the start of the contract and today; without one: today.',
          },
          'x-max-days-from-today': 0,
        }),
      },
      [],
    ),
  },
  {
    type: 'special_repayment',
    title: { de: 'Sondertilgung', en: 'Special repayment' },
    description: {
      de: 'Zahlen Sie einen Teil Ihres Kredits vorzeitig zurück. Die Laufzeit bleibt, Ihre monatliche Rate sinkt. Wir bestätigen Ihnen die neuen Beträge schriftlich.',
      en: 'Repay part of your loan early. The term stays the same and your monthly instalment goes down. We confirm the new figures in writing.',
    },
    products: ['loan', 'balloon'],
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        amountCents: {
          type: 'integer',
          format: 'int32',
          minimum: SPECIAL_REPAYMENT_MIN_CENTS,
          maximum: SPECIAL_REPAYMENT_MAX_CENTS,
          'x-label': { de: 'Betrag', en: 'Amount' },
          'x-help': {
            de: 'Mindestens € 500 und weniger als der offene Betrag nach der nächsten Rate.',
            en: 'At least €500 and less than the balance left after the next instalment.',
          },
          'x-money': true,
        },
      },
      ['amountCents'],
    ),
  },
  {
    type: 'contract_copy',
    title: { de: 'Vertragsabschrift', en: 'Copy of the contract' },
    description: {
      de: 'Eine Abschrift Ihres Vertrags mit allen Konditionen legen wir sofort in Ihr Postfach.',
      en: 'We put a copy of your contract with all its terms into your postbox at once.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ANY_STATUS,
    handling: 'immediate',
    endpoint: null,
    fields: details({}, []),
  },
  ...LEASE_END_SERVICES,
]

/** The catalogue entry of a type. */
export function serviceDefinition(type: ServiceType): ServiceDefinition {
  const found = SERVICE_CATALOGUE.find((entry) => entry.type === type)
  if (!found) throw new RangeError(`no service type ${type}`)
  return found
}

/** A schema without the catalogue's `x-` annotations (what validation compiles). */
export function stripAnnotations<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item: unknown) => stripAnnotations(item)) as T
  if (typeof schema !== 'object' || schema === null) return schema
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, value]) => [key, stripAnnotations(value)]),
  ) as T
}
