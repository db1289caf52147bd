/**
 * The end-of-term services of the catalogue (issue 17; api.md "Lease end,
 * mileage"): a purchase quote and a return appointment for leasing, an
 * extension of a leasing contract, the refinancing of a balloon's final
 * instalment. Annotated like the rest of the catalogue (catalogue.ts), of the
 * same building blocks (fields.ts).
 */
import {
  EXTENSION_MONTHS_MAX,
  EXTENSION_MONTHS_MIN,
  LEASE_RETURN_BRANCHES,
  REFINANCE_MONTHS_MAX,
  REFINANCE_MONTHS_MIN,
  RETURN_APPOINTMENT_MIN_DAYS_AHEAD,
  type ServiceDefinition,
} from './types.ts'
import { ACTIVE, date, details, monthsDetails } from './fields.ts'

export const LEASE_END_SERVICES: readonly ServiceDefinition[] = [
  {
    type: 'purchase_quote',
    title: { de: 'Kaufangebot zum Restwert', en: 'Purchase quote at the residual value' },
    description: {
      de: 'Sie möchten Ihr Leasingfahrzeug am Vertragsende kaufen? Sie erhalten sofort ein Angebot zum vereinbarten Restwert in Ihr Postfach.',
      en: 'Would you like to buy your leased car at the end of term? You get a quote at the agreed residual value in your postbox at once.',
    },
    products: ['leasing'],
    contractStatuses: ACTIVE,
    handling: 'immediate',
    endpoint: null,
    fields: details({}, []),
  },
  {
    type: 'lease_return_appointment',
    title: { de: 'Termin für die Fahrzeugrückgabe', en: 'Appointment to return the car' },
    description: {
      de: 'Zum Vertragsende geben Sie Ihr Leasingfahrzeug bei einem MINI Partner zurück. Wählen Sie Tag und Ort; wir bestätigen den Termin schriftlich.',
      en: 'At the end of term you return your leased car to a MINI partner. Choose the day and the place; we confirm the appointment in writing.',
    },
    products: ['leasing'],
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        date: date({
          'x-label': { de: 'Wunschtermin', en: 'Preferred day' },
          'x-help': {
            de: `Frühestens in ${RETURN_APPOINTMENT_MIN_DAYS_AHEAD} Tagen, spätestens zwei Wochen nach dem Vertragsende.`,
            en: `In ${RETURN_APPOINTMENT_MIN_DAYS_AHEAD} days at the earliest, two weeks after the end of term at the latest.`,
          },
          'x-min-days-from-today': RETURN_APPOINTMENT_MIN_DAYS_AHEAD,
        }),
        branch: {
          type: 'string',
          enum: Object.keys(LEASE_RETURN_BRANCHES),
          'x-label': { de: 'Ort der Rückgabe', en: 'Where to return it' },
          'x-help': {
            de: 'Der MINI Partner, bei dem Sie das Fahrzeug abgeben.',
            en: 'The MINI partner where you leave the car.',
          },
          'x-enum-labels': LEASE_RETURN_BRANCHES,
        },
      },
      ['date', 'branch'],
    ),
  },
  {
    type: 'contract_extension',
    title: { de: 'Vertragsverlängerung', en: 'Contract extension' },
    description: {
      de: 'Sie möchten Ihr Leasingfahrzeug länger fahren? Wir berechnen die neue Rate für die Verlängerung und senden Ihnen das Angebot.',
      en: 'Would you like to keep your leased car longer? We calculate the new instalment for the extension and send you the offer.',
    },
    products: ['leasing'],
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: monthsDetails(EXTENSION_MONTHS_MIN, EXTENSION_MONTHS_MAX, {
      de: 'Verlängerung in Monaten',
      en: 'Extension in months',
    }),
  },
  {
    type: 'final_instalment_refinance',
    title: { de: 'Schlussrate finanzieren', en: 'Refinance the final instalment' },
    description: {
      de: 'Sie möchten die Schlussrate nicht auf einmal zahlen? Wir finanzieren sie in monatlichen Raten zum aktuellen Zinssatz und senden Ihnen den neuen Ratenplan.',
      en: 'Would you rather not pay the final instalment at once? We finance it in monthly instalments at today’s rate and send you the new instalment plan.',
    },
    products: ['balloon'],
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: monthsDetails(REFINANCE_MONTHS_MIN, REFINANCE_MONTHS_MAX, {
      de: 'Laufzeit in Monaten',
      en: 'Term in months',
    }),
  },
]
