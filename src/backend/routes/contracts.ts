import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { CONTRACTS_MAX, PRODUCTS } from '../../shared/api/contracts.ts'
import {
  centsSchema,
  CONTRACT_NUMBER_PATTERN,
  countSchema,
  dateSchema,
  IBAN_MASKED_PATTERN,
  TERM_MONTHS_MAX,
  uuidSchema,
} from '../../shared/api/limits.ts'
import { getContract, getSchedule, listContracts } from '../services/contracts.ts'
import { itemsSchema } from './schemas.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]
const date = dateSchema
const cents = centsSchema
const instalments = countSchema(TERM_MONTHS_MAX)
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const
const errors = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const

const summaryProperties = {
  id: uuidSchema,
  number: { type: 'string', maxLength: 30, pattern: CONTRACT_NUMBER_PATTERN },
  product: { type: 'string', enum: PRODUCTS },
  status: { type: 'string', enum: ['active', 'settled'] },
  vehicle: {
    type: 'object',
    additionalProperties: false,
    required: ['make', 'model', 'vin', 'registrationPlate'],
    properties: {
      make: { type: 'string', maxLength: 60 },
      model: { type: 'string', maxLength: 80 },
      vin: { type: 'string', maxLength: 17, pattern: '^[A-Z0-9]{17}$' },
      registrationPlate: { type: 'string', maxLength: 15 },
    },
  },
  startDate: date,
  endDate: date,
  termMonths: { ...instalments, minimum: 1 },
  monthlyInstalmentCents: cents,
  outstandingBalanceCents: cents,
  nextPaymentDate: nullable(date),
  paymentsMade: instalments,
  currency: { type: 'string', maxLength: 3, pattern: '^[A-Z]{3}$' },
} as const

const summarySchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const

const detailProperties = {
  ...summaryProperties,
  financedAmountCents: cents,
  downPaymentCents: cents,
  nominalRatePct: { type: 'number', minimum: 0, maximum: 100 },
  effectiveRatePct: { type: 'number', minimum: 0, maximum: 100 },
  finalInstalmentCents: nullable(cents),
  residualValueCents: nullable(cents),
  mileagePerYearKm: nullable(countSchema(200_000)),
  paymentsRemaining: instalments,
  paymentDay: { type: 'integer', format: 'int32', minimum: 1, maximum: 31 },
  bankAccount: nullable({
    type: 'object',
    additionalProperties: false,
    required: ['ibanMasked'],
    properties: { ibanMasked: { type: 'string', maxLength: 50, pattern: IBAN_MASKED_PATTERN } },
  }),
} as const

const rowSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'n',
    'dueDate',
    'instalmentCents',
    'interestCents',
    'principalCents',
    'balanceAfterCents',
    'status',
  ],
  properties: {
    n: { ...instalments, minimum: 1 },
    dueDate: date,
    instalmentCents: cents,
    interestCents: cents,
    principalCents: cents,
    balanceAfterCents: cents,
    status: { type: 'string', enum: ['paid', 'due', 'upcoming'] },
  },
} as const

const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

/** The activated customer's financing agreements. */
export function registerContractRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.get(
    '/contracts',
    {
      schema: {
        summary: 'The customer’s financing agreements, newest first',
        tags: ['contracts'],
        security: bearer,
        response: { 200: itemsSchema(CONTRACTS_MAX, summarySchema) },
        errors,
      },
    },
    async (request) => ({ items: listContracts(ctx, requirePrincipal(api, request)) }),
  )
  api.get<{ Params: { id: string } }>(
    '/contracts/:id',
    {
      schema: {
        summary: 'One financing agreement with all its figures',
        tags: ['contracts'],
        security: bearer,
        params: idParams,
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: Object.keys(detailProperties),
            properties: detailProperties,
          },
        },
        errors: { ...errors, 404: 'not_found (no such contract of this customer)' },
      },
    },
    async (request) => getContract(ctx, requirePrincipal(api, request), request.params.id),
  )
  api.get<{ Params: { id: string } }>(
    '/contracts/:id/schedule',
    {
      schema: {
        summary: 'The instalment plan: paid, due and upcoming instalments',
        tags: ['contracts'],
        security: bearer,
        params: idParams,
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['currency', 'items'],
            properties: {
              currency: { type: 'string', maxLength: 3, pattern: '^[A-Z]{3}$' },
              items: { type: 'array', maxItems: TERM_MONTHS_MAX, items: rowSchema },
            },
          },
        },
        errors: { ...errors, 404: 'not_found (no such contract of this customer)' },
      },
    },
    async (request) => getSchedule(ctx, requirePrincipal(api, request), request.params.id),
  )
}
