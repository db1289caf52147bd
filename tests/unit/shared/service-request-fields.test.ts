/** The building blocks of the service catalogue's details schemas (src/shared/api/service-requests/fields.ts). */
import { describe, expect, it } from 'vitest'
import {
  date,
  details,
  int32,
  monthsDetails,
} from '../../../src/shared/api/service-requests/fields.ts'

describe('the catalogue’s field builders', () => {
  it('build closed details of annotated dates and whole numbers', () => {
    const label = { de: 'Tag', en: 'Day' }
    expect(details({ day: date({ 'x-label': label }) }, ['day'])).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['day'],
      properties: {
        day: { type: 'string', format: 'date', maxLength: 10, 'x-label': label },
      },
    })
    expect(int32(1, 3, { enum: [1, 2, 3] })).toEqual({
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: 3,
      enum: [1, 2, 3],
    })
  })

  it('ask for a number of months with help that names the bounds', () => {
    const label = { de: 'Laufzeit in Monaten', en: 'Term in months' }
    expect(monthsDetails(12, 48, label)).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['months'],
      properties: {
        months: {
          type: 'integer',
          format: 'int32',
          minimum: 12,
          maximum: 48,
          'x-label': label,
          'x-help': { de: '12 bis 48 Monate.', en: '12 to 48 months.' },
        },
      },
    })
  })
})
