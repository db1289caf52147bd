/** GET /api/v1/support: how customers reach customer service (the seed FAQ's contacts). */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import { closedObject, emailSchema } from './limits.ts'

export const supportContactsSchema = closedObject({
  phone: Type.String({ maxLength: 30, description: 'Phone number in international notation' }),
  email: emailSchema,
  hours: Type.String({ maxLength: 100, description: 'Opening hours, for people' }),
})
export type SupportContacts = Static<typeof supportContactsSchema>

export const supportRoutes = {
  'GET /support': {
    summary: 'Customer service contacts',
    tags: ['support'],
    answers: { 200: supportContactsSchema },
  },
} as const satisfies RouteTable
