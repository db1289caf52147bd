/** Contracts (api.md "Contracts"): what the backend answers and the renderer shows. */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import {
  centsSchema,
  closedObject,
  codeSchema,
  CONTRACT_NUMBER_PATTERN,
  countSchema,
  dateSchema,
  ibanMaskedSchema,
  itemsSchema,
  nullable,
  TERM_MONTHS_MAX,
  uuidSchema,
} from './limits.ts'

export const PRODUCTS = ['loan', 'leasing', 'balloon'] as const
export const CONTRACT_STATUSES = ['active', 'settled'] as const
export const INSTALMENT_STATUSES = ['paid', 'due', 'upcoming'] as const
/** The caller's part in a contract: its holder, or a co-borrower who reads it (api.md "Co-borrowers"). */
export const CONTRACT_ROLES = ['holder', 'co_borrower'] as const
/** `GET /contracts` lists at most this many (newest first): far more than any customer has. */
export const CONTRACTS_MAX = 100
export type Product = (typeof PRODUCTS)[number]
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number]
export type ContractRole = (typeof CONTRACT_ROLES)[number]

const instalments = countSchema(TERM_MONTHS_MAX)
/** ISO 4217, e.g. `EUR`. */
const currencySchema = Type.String({ maxLength: 3, pattern: '^[A-Z]{3}$' })

export const vehicleSchema = closedObject({
  make: Type.String({ maxLength: 60 }),
  model: Type.String({ maxLength: 80 }),
  vin: Type.String({ maxLength: 17, pattern: '^[A-Z0-9]{17}$' }),
  registrationPlate: Type.String({ maxLength: 15 }),
})
export type Vehicle = Static<typeof vehicleSchema>

const summaryProperties = {
  id: uuidSchema,
  number: Type.String({ maxLength: 30, pattern: CONTRACT_NUMBER_PATTERN }),
  product: codeSchema(PRODUCTS),
  status: codeSchema(CONTRACT_STATUSES),
  vehicle: vehicleSchema,
  startDate: dateSchema,
  endDate: dateSchema,
  termMonths: countSchema(TERM_MONTHS_MAX, 1),
  monthlyInstalmentCents: centsSchema,
  outstandingBalanceCents: centsSchema,
  /** null once settled. */
  nextPaymentDate: nullable(dateSchema),
  /** Project extension: instalments paid so far (the overview's progress). */
  paymentsMade: instalments,
  currency: currencySchema,
  /** The caller's part in it: co-borrowers read, only the holder changes (403 holder_only). */
  role: codeSchema(CONTRACT_ROLES),
}

/** A party to the contract: its holder and, where there is one, its co-borrower. */
export const contractPartySchema = closedObject({
  role: codeSchema(CONTRACT_ROLES),
  name: Type.String({ maxLength: 200 }),
})
export type ContractParty = Static<typeof contractPartySchema>

/** One item of `GET /contracts`. */
export const contractSummarySchema = closedObject(summaryProperties)
export type ContractSummary = Static<typeof contractSummarySchema>

/** `GET /contracts/{id}`. Product-specific fields are null where they do not apply. */
export const contractDetailSchema = closedObject({
  ...summaryProperties,
  financedAmountCents: centsSchema,
  downPaymentCents: centsSchema,
  nominalRatePct: Type.Number({ minimum: 0, maximum: 100 }),
  effectiveRatePct: Type.Number({ minimum: 0, maximum: 100 }),
  /** Balloon only. */
  finalInstalmentCents: nullable(centsSchema),
  /** Leasing only. */
  residualValueCents: nullable(centsSchema),
  /** Leasing only. */
  mileagePerYearKm: nullable(countSchema(200_000)),
  paymentsRemaining: instalments,
  paymentDay: countSchema(31, 1),
  /** The holder's account; null for a co-borrower (the holder's personal data). */
  bankAccount: nullable(closedObject({ ibanMasked: ibanMaskedSchema })),
  /** The holder first, then the co-borrower if the contract names one. */
  parties: Type.Array(contractPartySchema, { maxItems: 2 }),
})
export type ContractDetail = Static<typeof contractDetailSchema>

/**
 * The figures of an instalment, after its number `n`: a row of the plan, and of
 * the plans the simulator works out (simulator.ts), which are read alike.
 */
export const instalmentFigures = {
  dueDate: dateSchema,
  instalmentCents: centsSchema,
  interestCents: centsSchema,
  principalCents: centsSchema,
  balanceAfterCents: centsSchema,
}

/** One row of `GET /contracts/{id}/schedule`. */
export const scheduleRowSchema = closedObject({
  n: countSchema(TERM_MONTHS_MAX, 1),
  ...instalmentFigures,
  status: codeSchema(INSTALMENT_STATUSES),
})
export type ScheduleRow = Static<typeof scheduleRowSchema>

export const scheduleSchema = closedObject({
  currency: currencySchema,
  items: Type.Array(scheduleRowSchema, { maxItems: TERM_MONTHS_MAX }),
})
export type Schedule = Static<typeof scheduleSchema>

/** A contract's id in a path: the routes on one contract (here, and in every domain that has them). */
export const contractIdParams = closedObject({ id: Type.String({ minLength: 1, maxLength: 64 }) })
/** What the contract routes answer before they look at a contract: not signed in, not activated. */
export const CONTRACT_ERRORS = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const
/** … and when the customer has no such contract: the other domains' routes on one contract. */
export const NO_SUCH_CONTRACT_ERRORS = {
  ...CONTRACT_ERRORS,
  404: 'not_found (no such contract of this customer)',
} as const
/**
 * The tag, the session and the id in the path of a route on one of the customer's
 * contracts (lease end, simulator …): spread into the route.
 */
export const onContract = { tags: ['contracts'], session: true, params: contractIdParams } as const
const notFound = {
  ...CONTRACT_ERRORS,
  404: 'not_found (no such contract of this customer, nor one shared with them)',
} as const

export const contractsRoutes = {
  'GET /contracts': {
    summary:
      'The customer’s financing agreements, newest first, then those they read as co-borrower',
    tags: ['contracts'],
    session: true,
    answers: { 200: itemsSchema(CONTRACTS_MAX, contractSummarySchema) },
    errors: CONTRACT_ERRORS,
  },
  'GET /contracts/{id}': {
    summary: 'One financing agreement with all its figures',
    ...onContract,
    answers: { 200: contractDetailSchema },
    errors: notFound,
  },
  'GET /contracts/{id}/schedule': {
    summary: 'The instalment plan: paid, due and upcoming instalments',
    ...onContract,
    answers: { 200: scheduleSchema },
    errors: notFound,
  },
} as const satisfies RouteTable
