/**
 * The profile's shared rules (src/shared): postal codes per country, addresses,
 * account holders and SEPA IBANs (phone numbers: tests/unit/shared/phone.test.ts).
 * The backend answers with them and the renderer validates inline with the same
 * functions. And the profile's migration.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import { createAccountsRepository } from '../../../src/backend/db/repositories/accounts-repository.ts'
import { openSqliteDatabase } from '../../../src/backend/db/sqlite-database.ts'
import {
  checkAccountHolder,
  checkAddress,
  COUNTRIES,
  normalisePostalCode,
  SUPPORTED_COUNTRIES,
} from '../../../src/shared/api/profile.ts'
import {
  checkSepaIban,
  formatIban,
  hasValidCheckDigits,
  ibanFromBban,
  SEPA_IBAN_LENGTHS,
} from '../../../src/shared/iban.ts'

describe('postal codes and addresses', () => {
  it('checks each country’s postal code', () => {
    expect(normalisePostalCode('AT', '5020')).toBe('5020')
    expect(normalisePostalCode('AT', '502')).toBeNull()
    expect(normalisePostalCode('AT', '05020')).toBeNull()
    expect(normalisePostalCode('AT', '0123')).toBeNull()
    expect(normalisePostalCode('DE', '80331')).toBe('80331')
    expect(normalisePostalCode('DE', '8033')).toBeNull()
    expect(normalisePostalCode('DE', '00123')).toBeNull()
    expect(normalisePostalCode('CH', '8001')).toBe('8001')
    expect(normalisePostalCode('CH', '80010')).toBeNull()
    expect(normalisePostalCode('IT', '39100')).toBe('39100')
    expect(normalisePostalCode('IT', '3910')).toBeNull()
    expect(normalisePostalCode('LI', '9490')).toBe('9490')
    expect(normalisePostalCode('LI', '8001')).toBeNull()
  })

  it('writes codes with letters or separators in the country’s form', () => {
    expect(normalisePostalCode('NL', ' 1012ab ')).toBe('1012 AB')
    expect(normalisePostalCode('NL', '1012 SA')).toBeNull()
    expect(normalisePostalCode('CZ', '11000')).toBe('110 00')
    expect(normalisePostalCode('SK', '811 01')).toBe('811 01')
    expect(normalisePostalCode('PL', '00950')).toBe('00-950')
    expect(normalisePostalCode('LU', 'L-1009')).toBe('1009')
  })

  it('gives every supported country a name in both languages and an example that passes', () => {
    expect(SUPPORTED_COUNTRIES).toEqual(expect.arrayContaining(['AT', 'DE', 'CH', 'IT']))
    for (const code of SUPPORTED_COUNTRIES) {
      const country = COUNTRIES[code]
      expect(country.name.de && country.name.en, code).toBeTruthy()
      expect(normalisePostalCode(code, country.postalCodeExample), code).not.toBeNull()
    }
  })

  it('trims an address and names each wrong part with its dotted field', () => {
    expect(
      checkAddress({
        street: ' Linzer Gasse ',
        houseNumber: '12/3',
        postalCode: '5020',
        city: 'Salzburg ',
        country: 'at',
      }),
    ).toEqual({
      ok: true,
      address: {
        street: 'Linzer Gasse',
        houseNumber: '12/3',
        postalCode: '5020',
        city: 'Salzburg',
        country: 'AT',
      },
    })
    expect(
      checkAddress({
        street: '  ',
        houseNumber: '1',
        postalCode: '123',
        city: 'Graz',
        country: 'AT',
      }),
    ).toEqual({
      ok: false,
      fields: { 'address.street': 'required', 'address.postalCode': 'invalid_format' },
    })
    expect(
      checkAddress({ street: 'A', houseNumber: '1', postalCode: '1', city: 'B', country: 'US' }),
    ).toEqual({ ok: false, fields: { 'address.country': 'invalid_value' } })
    expect(
      checkAddress({
        street: 'A\u0000',
        houseNumber: '1',
        postalCode: '',
        city: 'B',
        country: 'DE',
      }),
    ).toEqual({
      ok: false,
      fields: { 'address.street': 'invalid_format', 'address.postalCode': 'required' },
    })
  })

  it('trims the account holder and keeps it a name of 1–60 characters', () => {
    expect(checkAccountHolder('  Anna   Huber ')).toEqual({ ok: true, accountHolder: 'Anna Huber' })
    expect(checkAccountHolder('   ')).toEqual({ ok: false, reason: 'required' })
    expect(checkAccountHolder(' A ')).toEqual({ ok: true, accountHolder: 'A' })
    expect(checkAccountHolder('A'.repeat(60))).toMatchObject({ ok: true })
    expect(checkAccountHolder('A'.repeat(61))).toEqual({ ok: false, reason: 'too_long' })
    expect(checkAccountHolder('Anna\tHuber')).toEqual({ ok: false, reason: 'invalid_characters' })
  })
})

describe('checkSepaIban', () => {
  it('accepts valid Austrian and German IBANs typed with spaces and in lower case', () => {
    expect(checkSepaIban('at61 1904 3002 3457 3201')).toEqual({
      ok: true,
      iban: 'AT611904300234573201',
    })
    expect(checkSepaIban(' DE89 3704 0044 0532 0130 00 ')).toEqual({
      ok: true,
      iban: 'DE89370400440532013000',
    })
    expect(checkSepaIban('CH93 0076 2011 6238 5295 7')).toMatchObject({ ok: true })
    expect(checkSepaIban('GB82 WEST 1234 5698 7654 32')).toMatchObject({ ok: true })
  })

  it('refuses wrong check digits', () => {
    expect(checkSepaIban('AT62 1904 3002 3457 3201')).toEqual({
      ok: false,
      problem: 'invalid_checksum',
    })
    expect(checkSepaIban('DE89 3704 0044 0532 0130 01')).toEqual({
      ok: false,
      problem: 'invalid_checksum',
    })
  })

  it('refuses the check digits 01 and 99, which pass mod 97 in place of 98 and 02', () => {
    let bban = 1_000_000_000_000_000
    let iban = ''
    while (!/^AT98/.test(iban)) iban = ibanFromBban('AT', String(bban++))
    const aliased = `AT01${iban.slice(4)}`
    expect(hasValidCheckDigits(aliased)).toBe(true)
    expect(checkSepaIban(iban)).toMatchObject({ ok: true })
    expect(checkSepaIban(aliased)).toEqual({ ok: false, problem: 'invalid_checksum' })
  })

  it('refuses countries outside SEPA, even with right check digits', () => {
    const brazil = ibanFromBban('BR', '00360305000010009795493P1')
    expect(hasValidCheckDigits(brazil)).toBe(true)
    expect(checkSepaIban(brazil)).toEqual({ ok: false, problem: 'not_sepa' })
    expect(checkSepaIban('US12 3456 7890 1234 5678 90')).toEqual({ ok: false, problem: 'not_sepa' })
    expect(SEPA_IBAN_LENGTHS.US).toBeUndefined()
  })

  it('refuses a length other than the country’s', () => {
    expect(checkSepaIban('AT61 1904 3002 3457 320')).toEqual({
      ok: false,
      problem: 'invalid_length',
    })
    expect(checkSepaIban('DE89 3704 0044 0532 0130 000')).toEqual({
      ok: false,
      problem: 'invalid_length',
    })
  })

  it('refuses what is no IBAN at all', () => {
    for (const input of [
      '',
      'AT',
      '1234567890',
      'AT61-1904-3002-3457-3201',
      'ÄT611904300234573201',
    ])
      expect(checkSepaIban(input), input).toEqual({ ok: false, problem: 'invalid_format' })
  })

  it('prints in groups of four, also while typing', () => {
    expect(formatIban('at611904300234573201')).toBe('AT61 1904 3002 3457 3201')
    expect(formatIban('AT61 19')).toBe('AT61 19')
    expect(formatIban('AT61')).toBe('AT61')
    expect(formatIban('')).toBe('')
  })
})

describe('migration 7 (profile)', () => {
  it('upgrades a version-6 database: its accounts get the default preferences', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmf-profile-'))
    const db = openSqliteDatabase(join(dir, 'mmf.sqlite'))
    try {
      expect(await migrate(db, migrations.slice(0, 6))).toEqual([1, 2, 3, 4, 5, 6])
      await db.run(
        `INSERT INTO accounts (email, password_hash, salutation, first_name, last_name,
          date_of_birth, customer_number, locale, status, confirm_expires_at, created_at)
          VALUES ('eva@example.at', 'x', 'ms', 'Eva', 'Lang', '1980-01-01', '100000001', 'en',
          'confirmed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      expect(await migrate(db, migrations.slice(0, 7))).toEqual([7])
      expect(await createAccountsRepository(db).byEmail('eva@example.at')).toMatchObject({
        locale: 'en',
        paperless: false,
        marketingConsentAt: null,
        profileVersion: 0,
      })
      expect(await db.get('SELECT COUNT(*) AS n FROM sepa_mandates')).toEqual({ n: 0 })
    } finally {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
