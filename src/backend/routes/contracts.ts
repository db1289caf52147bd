import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { PRODUCTS } from '../../shared/api/contracts.ts'
import { getContract, getSchedule, listContracts } from '../services/contracts.ts'
import { itemsSchema } from './schemas.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]
const date = { type: 'string', format: 'date' } as const
const cents = { type: 'integer' } as const
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const
const errors = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const

const summaryProperties = {
  id: { type: 'string' },
  number: { type: 'string' },
  product: { type: 'string', enum: PRODUCTS },
  status: { type: 'string', enum: ['active', 'settled'] },
  vehicle: {
    type: 'object',
    additionalProperties: false,
    required: ['make', 'model', 'vin', 'registrationPlate'],
    properties: {
      make: { type: 'string' },
      model: { type: 'string' },
      vin: { type: 'string' },
      registrationPlate: { type: 'string' },
    },
  },
  startDate: date,
  endDate: date,
  termMonths: { type: 'integer' },
  monthlyInstalmentCents: cents,
  outstandingBalanceCents: cents,
  nextPaymentDate: nullable(date),
  paymentsMade: { type: 'integer' },
  currency: { type: 'string' },
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
  nominalRatePct: { type: 'number' },
  effectiveRatePct: { type: 'number' },
  finalInstalmentCents: nullable(cents),
  residualValueCents: nullable(cents),
  mileagePerYearKm: nullable({ type: 'integer' }),
  paymentsRemaining: { type: 'integer' },
  paymentDay: { type: 'integer' },
  bankAccount: nullable({
    type: 'object',
    additionalProperties: false,
    required: ['ibanMasked'],
    properties: { ibanMasked: { type: 'string' } },
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
    n: { type: 'integer' },
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
        response: { 200: itemsSchema(summarySchema) },
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
              currency: { type: 'string' },
              items: { type: 'array', items: rowSchema },
            },
          },
        },
        errors: { ...errors, 404: 'not_found (no such contract of this customer)' },
      },
    },
    async (request) => getSchedule(ctx, requirePrincipal(api, request), request.params.id),
  )
}
