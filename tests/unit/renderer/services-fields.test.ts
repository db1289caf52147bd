import { describe, expect, it } from 'vitest'
import { serviceDefinition } from '../../../src/shared/api/service-requests.ts'
import {
  detailsFields,
  detailsOf,
  eurosText,
  fieldOfServerPath,
  fieldProblem,
  parseEuros,
  type DetailsField,
} from '../../../src/renderer/src/components/services/details-fields.ts'

const TODAY = '2026-01-31'

/** The field of that name (the test fails when there is none). */
function named(fields: DetailsField[], name: string): DetailsField {
  const found = fields.find((f) => f.name === name)
  if (!found) throw new Error(`no field ${name}`)
  return found
}

describe('the details form of a service schema', () => {
  it('derives each field’s kind, label and bounds, the date hints relative to today', () => {
    const travel = detailsFields(serviceDefinition('travel_abroad_permission').fields, TODAY)
    expect(travel.map((f) => [f.name, f.kind, f.label.de, f.required])).toEqual([
      ['countries', 'multi', 'Reiseländer', true],
      ['from', 'date', 'Reisebeginn', true],
      ['to', 'date', 'Reiseende', true],
      ['purpose', 'text', 'Reisezweck (optional)', false],
    ])
    // From today to 12 months ahead (31 January + 12 months).
    expect(travel[1]).toMatchObject({ min: '2026-01-31', max: '2027-01-31', notBefore: null })
    expect(travel[2]).toMatchObject({ notBefore: 'from' })
    expect(travel[0]?.options.find((o) => o.value === 'CH')?.label).toEqual({
      de: 'Schweiz',
      en: 'Switzerland',
    })

    const payoff = detailsFields(serviceDefinition('payoff_quote').fields, TODAY)
    expect(payoff[0]).toMatchObject({ kind: 'date', min: '2026-01-31', max: '2026-03-02' })
    const balance = detailsFields(serviceDefinition('balance_confirmation').fields, TODAY)
    expect(balance[0]).toMatchObject({ kind: 'date', min: null, max: TODAY, required: false })
    const money = detailsFields(serviceDefinition('special_repayment').fields, TODAY)
    expect(money[0]).toMatchObject({ kind: 'money', min: 50_000, max: 100_000_000 })
    const day = detailsFields(serviceDefinition('payment_day_change').fields, TODAY)
    expect(day[0]).toMatchObject({ kind: 'choice', integer: true })
    expect(detailsFields(serviceDefinition('contract_copy').fields, TODAY)).toEqual([])
  })

  it('prefers the contract’s concrete bounds to the relative hints', () => {
    const schema = serviceDefinition('payoff_quote').fields
    const bounded = {
      ...schema,
      properties: {
        payoffDate: {
          ...schema.properties.payoffDate,
          formatMinimum: '2026-02-02',
          formatMaximum: '2026-02-15',
        },
      },
    }
    expect(detailsFields(bounded, TODAY)[0]).toMatchObject({
      min: '2026-02-02',
      max: '2026-02-15',
    })
  })

  it('checks values and builds the details with the schema’s types', () => {
    const fields = detailsFields(serviceDefinition('travel_abroad_permission').fields, TODAY)
    const countries = named(fields, 'countries')
    const to = named(fields, 'to')
    const purpose = named(fields, 'purpose')
    const values = {
      countries: ['CH', 'NO'],
      from: '2026-06-10',
      to: '2026-06-01',
      purpose: 'Urlaub\nmit Familie',
    }
    expect(fieldProblem(to, values, 'de')).toBe('out_of_range')
    expect(fieldProblem(countries, { ...values, countries: ['CH', 'FR'] }, 'de')).toBe(
      'invalid_value',
    )
    expect(fieldProblem(countries, { ...values, countries: [] }, 'de')).toBe('required')
    const many = ['AL', 'BA', 'CH', 'GB', 'IS', 'LI', 'MA', 'MD', 'ME', 'MK', 'NO']
    expect(fieldProblem(countries, { ...values, countries: many }, 'de')).toBe('too_long')
    expect(fieldProblem(purpose, { ...values, purpose: 'ä'.repeat(201) }, 'de')).toBe('too_long')
    expect(fieldProblem(purpose, { ...values, purpose: '' }, 'de')).toBeNull()
    expect(
      detailsOf(fields, { ...values, to: '2026-06-12', purpose: '  Urlaub\nmit Familie ' }, 'de'),
    ).toEqual({
      countries: ['CH', 'NO'],
      from: '2026-06-10',
      to: '2026-06-12',
      purpose: 'Urlaub mit Familie',
    })
    // An optional field left empty is not sent.
    expect(detailsOf(fields, { ...values, purpose: ' ' }, 'de')).not.toHaveProperty('purpose')

    const day = detailsFields(serviceDefinition('payment_day_change').fields, TODAY)
    expect(detailsOf(day, { newPaymentDay: '15' }, 'de')).toEqual({ newPaymentDay: 15 })
    expect(fieldProblem(named(day, 'newPaymentDay'), { newPaymentDay: '7' }, 'de')).toBe(
      'invalid_value',
    )
  })

  it('reads amounts in euros as each language writes them', () => {
    expect(parseEuros('1.234,56', 'de')).toBe(123_456)
    expect(parseEuros('€ 1234,5', 'de')).toBe(123_450)
    expect(parseEuros('2 500,00', 'de')).toBe(250_000)
    expect(parseEuros('1,234.56', 'en')).toBe(123_456)
    expect(parseEuros('€500', 'en')).toBe(50_000)
    // The other language's decimal point is not silently a hundredfold.
    expect(parseEuros('1234.56', 'de')).toBeNull()
    expect(parseEuros('12,345', 'de')).toBeNull()
    expect(parseEuros('1,5', 'en')).toBeNull()
    for (const bad of ['', 'abc', '-500', '1e5', '500,001', '1.23.4']) {
      expect(parseEuros(bad, 'de'), bad).toBeNull()
    }
    expect(eurosText(250_000, 'de')).toBe('2.500,00')
    expect(eurosText(250_000, 'en')).toBe('2,500.00')
  })

  it('puts a server error on the field its path names', () => {
    const fields = detailsFields(serviceDefinition('travel_abroad_permission').fields, TODAY)
    expect(fieldOfServerPath('details.countries.0', fields)).toBe('countries')
    expect(fieldOfServerPath('details.to', fields)).toBe('to')
    expect(fieldOfServerPath('details.colour', fields)).toBeNull()
    expect(fieldOfServerPath('contractId', fields)).toBeNull()
  })
})
