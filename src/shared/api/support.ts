/** GET /api/v1/support: how customers reach customer service (the seed FAQ's contacts). */
export interface SupportContacts {
  phone: string
  email: string
  hours: string
}

export const supportContactsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['phone', 'email', 'hours'],
  properties: {
    phone: { type: 'string', maxLength: 30, description: 'Phone number in international notation' },
    email: { type: 'string', format: 'email', maxLength: 254 },
    hours: { type: 'string', maxLength: 100, description: 'Opening hours, for people' },
  },
} as const
