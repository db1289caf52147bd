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
  DEFERRAL_MONEY_MAX_CENTS,
  DEFERRAL_MONTHS_MAX,
  DEFERRAL_REASON_MAX_LENGTH,
  PAYMENT_DAYS,
  PAYOFF_MAX_DAYS_AHEAD,
  SPECIAL_REPAYMENT_MAX_CENTS,
  SPECIAL_REPAYMENT_KEEPS,
  SPECIAL_REPAYMENT_MIN_CENTS,
  TRAVEL_COUNTRIES,
  TRAVEL_MAX_COUNTRIES,
  TRAVEL_MAX_MONTHS_AHEAD,
  TRAVEL_PURPOSE_MAX_LENGTH,
  type ServiceDefinition,
  type ServiceType,
  type TravelCountry,
} from './types.ts'
import { ACTIVE, date, details, int32 } from './fields.ts'
import { LEASE_END_SERVICES } from './lease-end-catalogue.ts'

const TRAVEL_COUNTRY_CODES = Object.keys(TRAVEL_COUNTRIES) as TravelCountry[]

/** The products and contract states of the catalogue's entries (and the route schemas' enums). */
export const ALL_PRODUCTS = ['loan', 'leasing', 'balloon'] as const
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
        newPaymentDay: int32(Math.min(...PAYMENT_DAYS), Math.max(...PAYMENT_DAYS), {
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
        }),
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
      de: 'Zahlen Sie einen Teil Ihres Kredits vorzeitig zurück. Ihre monatliche Rate sinkt, oder Ihr Vertrag endet früher. Wir bestätigen Ihnen die neuen Beträge schriftlich.',
      en: 'Repay part of your loan early. Your monthly instalment goes down, or your contract ends sooner. We confirm the new figures in writing.',
    },
    products: ['loan', 'balloon'],
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        amountCents: int32(SPECIAL_REPAYMENT_MIN_CENTS, SPECIAL_REPAYMENT_MAX_CENTS, {
          'x-label': { de: 'Betrag', en: 'Amount' },
          'x-help': {
            de: 'Mindestens € 500 und weniger als der offene Betrag nach der nächsten Rate.',
            en: 'At least €500 and less than the balance left after the next instalment.',
          },
          'x-money': true,
        }),
        keep: {
          type: 'string',
          enum: [...SPECIAL_REPAYMENT_KEEPS],
          maxLength: 10,
          'x-label': { de: 'Was soll gleich bleiben?', en: 'What should stay the same?' },
          'x-help': {
            de: 'Ohne Angabe bleibt die Laufzeit gleich und Ihre Rate sinkt.',
            en: 'Without a choice the term stays the same and your instalment goes down.',
          },
          'x-enum-labels': {
            term: { de: 'Die Laufzeit (niedrigere Rate)', en: 'The term (lower instalment)' },
            instalment: {
              de: 'Die Rate (kürzere Laufzeit)',
              en: 'The instalment (shorter term)',
            },
          },
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
  {
    type: 'payment_deferral',
    title: { de: 'Stundung', en: 'Payment deferral' },
    description: {
      de: 'Sie können eine bis drei Raten vorübergehend nicht zahlen? Wir verschieben sie an das Ende Ihres Vertrags. Für die gestundeten Monate fallen weiter Zinsen an. Sie unterschreiben mit Ihrem Passwort.',
      en: 'Temporarily unable to pay one to three instalments? We move them to the end of your contract. Interest continues to accrue for the deferred months. You sign with your password.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        months: int32(1, DEFERRAL_MONTHS_MAX, {
          enum: Array.from({ length: DEFERRAL_MONTHS_MAX }, (_, i) => i + 1),
          'x-label': { de: 'Anzahl der Raten', en: 'Number of instalments' },
          'x-help': {
            de: 'Eine bis drei Raten hintereinander.',
            en: 'One to three instalments in a row.',
          },
          'x-enum-labels': {
            '1': { de: 'Eine Rate', en: 'One instalment' },
            '2': { de: 'Zwei Raten', en: 'Two instalments' },
            '3': { de: 'Drei Raten', en: 'Three instalments' },
          },
        }),
        firstDueDate: date({
          'x-label': { de: 'Erste gestundete Rate', en: 'First deferred instalment' },
          'x-help': {
            de: 'Der Fälligkeitstag einer Ihrer nächsten drei Raten.',
            en: 'The due date of one of your next three instalments.',
          },
        }),
        reason: {
          type: 'string',
          minLength: 1,
          maxLength: DEFERRAL_REASON_MAX_LENGTH,
          // No control characters but line breaks: the text is printed in the agreement.
          pattern: '^[^\\u0000-\\u0009\\u000B-\\u001F\\u007F]*$',
          'x-label': { de: 'Grund', en: 'Reason' },
          'x-help': {
            de: 'Zum Beispiel Arbeitslosigkeit, Krankheit oder eine unerwartete Ausgabe.',
            en: 'For example unemployment, illness or an unexpected expense.',
          },
        },
        monthlyIncomeCents: int32(0, DEFERRAL_MONEY_MAX_CENTS, {
          'x-label': { de: 'Monatliches Einkommen (optional)', en: 'Monthly income (optional)' },
          'x-help': {
            de: 'Netto, im Haushalt. Hilft uns, eine passende Lösung zu finden.',
            en: 'Net, for the household. Helps us find a suitable solution.',
          },
          'x-money': true,
        }),
        monthlyExpensesCents: int32(0, DEFERRAL_MONEY_MAX_CENTS, {
          'x-label': { de: 'Monatliche Ausgaben (optional)', en: 'Monthly expenses (optional)' },
          'x-help': {
            de: 'Miete, Kredite, Versicherungen und Lebenshaltung.',
            en: 'Rent, loans, insurance and living costs.',
          },
          'x-money': true,
        }),
      },
      ['months', 'firstDueDate', 'reason'],
    ),
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
