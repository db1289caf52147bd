// @vitest-environment jsdom
/**
 * Date fields write dates as the customer's language does, whatever the
 * browser's: TT.MM.JJJJ in German, DD/MM/YYYY in English, and only real days
 * pass (no 31 February; 29 February only in a leap year). The API still gets
 * YYYY-MM-DD.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  dateText,
  editDate,
  maskDate,
  readDate,
} from '../../../src/renderer/src/forms/date-input.ts'
import { checkDateOfBirth } from '../../../src/renderer/src/forms/validators.ts'
import { installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, description, errorOf, field, fill } from './support/queries.ts'

describe('reading a typed date', () => {
  it.each([
    ['12.03.1984', '1984-03-12'],
    ['12/03/1984', '1984-03-12'],
    ['1.3.1984', '1984-03-01'],
    [' 01-03-1984 ', '1984-03-01'],
    ['12031984', '1984-03-12'],
    ['29.02.2024', '2024-02-29'],
    ['29.02.2000', '2000-02-29'],
    ['1984-03-12', '1984-03-12'],
  ])('%j is %s', (typed, iso) => {
    expect(readDate(typed)).toEqual({ state: 'date', iso })
  })

  it.each([
    '31.02.2024',
    '29.02.2023',
    '29.02.1900',
    '31.04.2026',
    '00.01.2026',
    '12.13.2026',
    '12.00.2026',
  ])('refuses %j: no such day', (typed) => {
    expect(readDate(typed)).toEqual({ state: 'nonexistent' })
  })

  it.each(['12', '12.03.', '12.03.84', '12.03.198', 'morgen', '12.03.1984 10:00'])(
    'calls %j incomplete: day, month and a four-digit year are needed',
    (typed) => {
      expect(readDate(typed)).toEqual({ state: 'incomplete' })
    },
  )

  it('takes two-digit years as incomplete, never guessing the century', () => {
    // 12.03.24 could be 1924 or 2024: the customer writes the year out.
    expect(readDate('12.03.24').state).toBe('incomplete')
    expect(checkDateOfBirth('12.03.84', new Date('2026-05-17T10:00:00Z'))).toBe('incomplete')
  })
})

describe('typing a date', () => {
  it.each([
    ['de', '1', '1'],
    ['de', '12', '12'],
    ['de', '120', '12.0'],
    ['de', '1203', '12.03'],
    ['de', '12031', '12.03.1'],
    ['de', '12031984', '12.03.1984'],
    ['de', '120319845', '12.03.1984'],
    ['de', '12.', '12.'],
    ['de', '1.3.', '1.3.'],
    ['de', '12/03/1984', '12.03.1984'],
    ['de', '1984-03-12', '12.03.1984'],
    ['en', '12031984', '12/03/1984'],
    ['en', '12.03.1984', '12/03/1984'],
    ['en', '1/3/1984', '1/3/1984'],
    ['de', '12..03', '12.03'],
    ['de', 'gestern', 'gestern'],
  ] as const)('in %s, %j shows as %j', (locale, typed, shown) => {
    expect(maskDate(typed, locale)).toBe(shown)
  })

  it('keeps the caret behind the same digit when separators are put in', () => {
    // "1203|1984" with the caret after the 4th digit: "12.03|.1984".
    expect(editDate('', '12031984', 4, 'insertFromPaste', 'de')).toEqual({
      value: '12.03.1984',
      caret: 5,
    })
    expect(editDate('12.0', '12.03', 5, 'insertText', 'de')).toEqual({ value: '12.03', caret: 5 })
    // A digit typed in the middle: the caret stays behind it.
    expect(editDate('12.03.1984', '12.033.1984', 6, 'insertText', 'de')).toEqual({
      value: '12.03.3198',
      caret: 7,
    })
  })

  it('takes the digit before a separator when Backspace would only remove the separator', () => {
    // "12.|03" Backspace: the separator alone would come back at once; the 2 goes instead.
    expect(editDate('12.03', '1203', 2, 'deleteContentBackward', 'de')).toEqual({
      value: '10.3',
      caret: 1,
    })
    // At the end, Backspace removes the last digit as usual.
    expect(editDate('12.03', '12.0', 4, 'deleteContentBackward', 'de')).toEqual({
      value: '12.0',
      caret: 4,
    })
  })

  it('takes the digit after a separator when Delete would only remove the separator', () => {
    // "12|/03" Delete: the 0 goes, the caret stays behind the 2.
    expect(editDate('12/03', '1203', 2, 'deleteContentForward', 'en')).toEqual({
      value: '12/3',
      caret: 2,
    })
    // A separator typed twice is simply not doubled.
    expect(editDate('12.', '12..', 4, 'insertText', 'de')).toEqual({ value: '12.', caret: 3 })
  })

  it('writes a day the language’s way', () => {
    expect(dateText('1984-03-12', 'de')).toBe('12.03.1984')
    expect(dateText('1984-03-12', 'en')).toBe('12/03/1984')
  })
})

describe('the date of birth on the registration form', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    api = installFakeApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    resetLocale()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')

  /** Types into the field character by character, as a customer does. */
  async function typeInto(label: string, text: string): Promise<void> {
    const input = field(main(), label)
    for (const char of text) {
      input.element.value += char
      await input.trigger('input')
    }
    await input.trigger('blur')
  }

  it('shows TT.MM.JJJJ in German, with the format in its description, never the browser’s date input', async () => {
    resetLocale('de')
    mounted = await mountApp('/register', api)
    const input = field(main(), 'Geburtsdatum')
    expect(input.attributes('type')).toBe('text')
    expect(input.attributes('placeholder')).toBe('TT.MM.JJJJ')
    expect(input.attributes('autocomplete')).toBe('bday')
    expect(description(input)).toBe(
      'Für My MINI Finance müssen Sie mindestens 18 Jahre alt sein. Format: TT.MM.JJJJ, zum Beispiel 12.03.1984',
    )
    await typeInto('Geburtsdatum', '12031984')
    expect(input.element.value).toBe('12.03.1984')
    expect(errorOf(input)).toBe('')
  })

  it('shows DD/MM/YYYY in English', async () => {
    resetLocale('en')
    mounted = await mountApp('/register', api)
    const input = field(main(), 'Date of birth')
    expect(input.attributes('placeholder')).toBe('DD/MM/YYYY')
    expect(description(input)).toContain('Format: DD/MM/YYYY, for example 12/03/1984')
    await typeInto('Date of birth', '1231984')
    // Typed without a leading zero: the month takes the next two digits.
    expect(input.element.value).toBe('12/31/984')
    expect(errorOf(input)).toBe(
      'Please enter your whole date of birth: day, month and a four-digit year.',
    )
  })

  it('refuses a day that does not exist, and a two-digit year, in words', async () => {
    resetLocale('de')
    mounted = await mountApp('/register', api)
    const input = field(main(), 'Geburtsdatum')
    await fill(input, '31.02.1984')
    expect(errorOf(input)).toBe('Dieses Datum gibt es nicht. Bitte prüfen Sie Ihr Geburtsdatum.')
    await fill(input, '12.03.84')
    expect(errorOf(input)).toBe(
      'Bitte geben Sie Ihr Geburtsdatum vollständig ein: Tag, Monat und Jahr mit vier Ziffern.',
    )
    await fill(input, '29.02.1984')
    expect(errorOf(input)).toBe('')
  })

  it('sends YYYY-MM-DD to the API', async () => {
    resetLocale('en')
    api.on('POST', '/registrations', {
      status: 202,
      body: { status: 'confirmation_sent', expiresAt: '2026-05-18T08:30:00Z' },
    })
    mounted = await mountApp('/register', api)
    await fill(field(main(), 'First name'), 'Anna')
    await fill(field(main(), 'Last name'), 'Huber')
    await typeInto('Date of birth', '12031984')
    await fill(field(main(), 'Customer number'), '100482117')
    await fill(field(main(), 'E-mail address'), 'anna.huber@example.at')
    await fill(field(main(), 'Password'), 'tulpe-wolke-fenster-regen')
    await field(main(), 'I have read the terms of use and accept them.').setValue(true)
    await click(button(main(), 'Register'))
    expect(api.callsTo('POST', '/registrations')[0]?.body).toMatchObject({
      dateOfBirth: '1984-03-12',
    })
  })

  it('writes the same day the other way round when the language changes', async () => {
    resetLocale('de')
    mounted = await mountApp('/register', api)
    await fill(field(main(), 'Geburtsdatum'), '12.03.1984')
    await click(button(mounted.wrapper.get('header'), 'English'))
    expect(field(main(), 'Date of birth').element.value).toBe('12/03/1984')
  })
})
