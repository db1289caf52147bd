// @vitest-environment jsdom
import { flushPromises, type DOMWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { announcements, button, click, errorOf, field } from './support/queries.ts'

const VALID_CODE = 'AC3F-7KXD-9QMT'

/** GET /me/activation of a letter posted on Sunday, 17 May 2026. */
const LETTER_SENT = {
  state: 'letter_sent',
  letterSentOn: '2026-05-17',
  letterExpectedBy: '2026-05-20',
  codeValidUntil: '2026-06-16',
  attemptsLeft: 5,
}
const LOCKED = { state: 'locked', letterExpectedBy: '2026-05-21' }

describe('the activation code', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('GET', '/contracts', { status: 200, body: { items: [] } })
    api.on('GET', '/me/activation', { status: 200, body: LETTER_SENT })
  })

  afterEach(() => mounted.wrapper.unmount())

  const main = () => mounted.wrapper.get('main')
  const codeInput = () => field(main(), 'Aktivierungscode')

  /** Puts `value` into the field as typing or pasting does, and fires `input`. */
  async function type(input: DOMWrapper<HTMLInputElement>, value: string): Promise<void> {
    input.element.value = value
    await input.trigger('input')
  }

  async function submitCode(value: string): Promise<void> {
    await type(codeInput(), value)
    await click(button(main(), 'Code bestätigen'))
  }

  it('sends a customer who is not activated from the contracts to the activation code', async () => {
    mounted = await mountApp('/contracts', api)
    expect(mounted.router.currentRoute.value.name).toBe('activation')
    expect(main().get('h1').text()).toBe('Aktivierungscode eingeben')
    expect(api.callsTo('GET', '/contracts')).toHaveLength(0)
  })

  it('formats the code as it is typed or pasted, and cuts it at 12 characters', async () => {
    mounted = await mountApp('/activation', api)
    const input = codeInput()

    await type(input, 'ac3f7k')
    expect(input.element.value).toBe('AC3F-7K')

    await type(input, 'ac3f 7kxd 9qmt')
    expect(input.element.value).toBe('AC3F-7KXD-9QMT')

    await type(input, 'ac3f-7kxd-9qmt-4467')
    expect(input.element.value).toBe('AC3F-7KXD-9QMT')

    await type(input, 'AC3F7KXD9QMTWWW')
    expect(input.element.value).toBe('AC3F-7KXD-9QMT')
  })

  it('asks for the code when the field is empty, without sending anything', async () => {
    mounted = await mountApp('/activation', api)
    await click(button(main(), 'Code bestätigen'))
    expect(errorOf(codeInput())).toBe('Bitte geben Sie den Aktivierungscode aus dem Brief ein.')
    expect(api.callsTo('POST', '/me/activation')).toHaveLength(0)
  })

  it('names the characters that no code contains, without sending anything', async () => {
    mounted = await mountApp('/activation', api)
    await submitCode('O1O0-7KXD-9QMT')
    const message = errorOf(codeInput())
    expect(message).toContain('Diese Zeichen kommen in Aktivierungscodes nicht vor')
    // O, 1 and 0 once each; the valid characters are not named.
    expect(message).toMatch(/nicht vor: O, 1, 0\./)
    expect(api.callsTo('POST', '/me/activation')).toHaveLength(0)
  })

  it('says that the code has 12 characters when it is too short, without sending anything', async () => {
    mounted = await mountApp('/activation', api)
    await submitCode('AC3F-7KX')
    expect(errorOf(codeInput())).toBe(
      'Der Code hat 12 Zeichen. Bitte geben Sie ihn vollständig ein.',
    )
    expect(api.callsTo('POST', '/me/activation')).toHaveLength(0)
  })

  it('activates with a valid code and shows the contracts with a thank-you', async () => {
    api.on('POST', '/me/activation', { status: 200, body: { activated: true } })
    mounted = await mountApp('/contracts', api)
    expect(mounted.router.currentRoute.value.name).toBe('activation')

    await submitCode('ac3f 7kxd 9qmt')
    expect(api.callsTo('POST', '/me/activation')).toEqual([
      { method: 'POST', path: '/me/activation', body: { code: VALID_CODE } },
    ])
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('contracts'))
    await flushPromises()
    expect(mounted.wrapper.get('[data-testid="notice"]').text()).toContain(
      'Vielen Dank – Ihr Konto ist aktiviert.',
    )
    expect(api.callsTo('GET', '/contracts')).toHaveLength(1)
  })

  it('says when the code is not correct, at the field', async () => {
    api.on('POST', '/me/activation', apiError(400, 'activation_code_invalid'))
    mounted = await mountApp('/activation', api)
    await submitCode(VALID_CODE)
    expect(errorOf(codeInput())).toContain('Dieser Code ist nicht korrekt.')
    expect(mounted.router.currentRoute.value.name).toBe('activation')
  })

  it('says when the customer record is linked to another account already (409)', async () => {
    api.on('POST', '/me/activation', apiError(409, 'not_eligible'))
    mounted = await mountApp('/activation', api)
    await submitCode(VALID_CODE)
    expect(announcements(main())).toContain(
      'Ihre Kundendaten sind bereits mit einem anderen Konto verbunden. Bitte rufen Sie unsere Kundenbetreuung an.',
    )
    expect(main().text()).not.toContain('Dieser Service')
  })

  it('says when the letter was posted and the day it arrives by, not "a few working days"', async () => {
    mounted = await mountApp('/activation', api)
    expect(main().get('[data-testid="letter-expected"]').text()).toBe(
      'Wir haben Ihnen den Brief am 17.05.2026 geschickt. Er ist in der Regel bis 20.05.2026 bei Ihnen.',
    )
    expect(main().text()).not.toContain('weniger Werktage')
  })

  it('says how many tries are left after a wrong code, and one in the singular', async () => {
    let left = 3
    api.on('POST', '/me/activation', () => ({
      status: 400,
      body: { error: { code: 'activation_code_invalid', message: 'x', attemptsLeft: left } },
    }))
    mounted = await mountApp('/activation', api)
    await submitCode(VALID_CODE)
    expect(errorOf(codeInput())).toBe(
      'Dieser Code ist nicht korrekt. Bitte vergleichen Sie ihn mit dem Brief. Sie haben noch 3 Versuche, danach wird der Code gesperrt.',
    )
    left = 1
    await submitCode('AC3F-7KXD-9QMA')
    expect(errorOf(codeInput())).toBe(
      'Dieser Code ist nicht korrekt. Bitte vergleichen Sie ihn mit dem Brief. Sie haben noch 1 Versuch, danach wird der Code gesperrt.',
    )
  })

  it('after the fifth wrong code: field and button disabled, what happened, and the new letter with its day', async () => {
    let locked = false
    api.on('GET', '/me/activation', () => ({ status: 200, body: locked ? LOCKED : LETTER_SENT }))
    api.on('POST', '/me/activation', () => {
      locked = true
      return apiError(423, 'activation_locked')
    })
    mounted = await mountApp('/activation', api)
    expect(button(main(), 'Neuen Brief anfordern').classes()).toContain('button--secondary')

    await submitCode(VALID_CODE)
    const blocked = main().get('[data-testid="activation-blocked"]')
    expect(blocked.get('h2').text()).toBe('Ihr Code ist gesperrt')
    expect(announcements(blocked).join(' ')).toContain(
      'Der Aktivierungscode wurde fünfmal falsch eingegeben.',
    )
    expect(blocked.text()).toContain(
      'Wenn Sie den Brief heute anfordern, ist er in der Regel bis 21.05.2026 bei Ihnen.',
    )
    expect(codeInput().attributes('disabled')).toBeDefined()
    expect(button(main(), 'Code bestätigen').attributes('disabled')).toBeDefined()
    const letter = button(main(), 'Neuen Brief anfordern')
    expect(letter.classes()).toContain('button--primary')
    expect(document.activeElement).toBe(letter.element)
  })

  it('a locked code: the new letter goes at once, then the field is open again with the letter’s day', async () => {
    let locked = true
    api.on('GET', '/me/activation', () => ({ status: 200, body: locked ? LOCKED : LETTER_SENT }))
    api.on('POST', '/me/activation/letters', () => {
      locked = false
      return { status: 202, body: { status: 'letter_sent', letterExpectedBy: '2026-05-21' } }
    })
    mounted = await mountApp('/activation', api)
    expect(main().get('[data-testid="activation-blocked"] h2').text()).toBe('Ihr Code ist gesperrt')
    expect(codeInput().attributes('disabled')).toBeDefined()

    await click(button(main(), 'Neuen Brief anfordern'))
    expect(api.callsTo('POST', '/me/activation/letters')).toHaveLength(1)
    expect(main().get('[data-testid="letter-sent"]').text()).toBe(
      'Ein neuer Brief ist unterwegs. Er ist in der Regel bis 21.05.2026 bei Ihnen. Ihr bisheriger Code gilt nicht mehr.',
    )
    expect(main().find('[data-testid="activation-blocked"]').exists()).toBe(false)
    expect(codeInput().attributes('disabled')).toBeUndefined()
    expect(document.activeElement).toBe(codeInput().element)
  })

  it('an expired code says so, with the day a new letter arrives by', async () => {
    api.on('GET', '/me/activation', {
      status: 200,
      body: { state: 'code_expired', letterExpectedBy: '2026-06-19' },
    })
    mounted = await mountApp('/activation', api)
    const blocked = main().get('[data-testid="activation-blocked"]')
    expect(blocked.get('h2').text()).toBe('Ihr Code ist abgelaufen')
    expect(blocked.text()).toContain('bis 19.06.2026 bei Ihnen')
    expect(codeInput().attributes('disabled')).toBeDefined()
  })

  it('asks before requesting a new letter, then says it is on its way', async () => {
    api.on('POST', '/me/activation/letters', {
      status: 202,
      body: { status: 'letter_sent', letterExpectedBy: '2026-05-20' },
    })
    mounted = await mountApp('/activation', api)

    await click(button(main(), 'Neuen Brief anfordern'))
    expect(api.callsTo('POST', '/me/activation/letters')).toHaveLength(0)
    expect(main().text()).toContain('Mit dem neuen Brief wird Ihr bisheriger Code ungültig.')

    // "Abbrechen" goes back without a request.
    await click(button(main(), 'Abbrechen'))
    expect(api.callsTo('POST', '/me/activation/letters')).toHaveLength(0)

    await click(button(main(), 'Neuen Brief anfordern'))
    await click(button(main(), 'Ja, neuen Brief anfordern'))
    expect(api.callsTo('POST', '/me/activation/letters')).toHaveLength(1)
    expect(main().get('[data-testid="letter-sent"]').text()).toContain(
      'Ein neuer Brief ist unterwegs. Er ist in der Regel bis 20.05.2026 bei Ihnen.',
    )
  })

  it('still takes the code when the state cannot be loaded', async () => {
    api.on('GET', '/me/activation', 'network')
    api.on('POST', '/me/activation', { status: 200, body: { activated: true } })
    mounted = await mountApp('/activation', api)
    expect(main().get('[data-testid="state-unknown"]').text()).toContain(
      'Den Code können Sie trotzdem eingeben.',
    )
    await submitCode(VALID_CODE)
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('contracts'))
  })

  it('says when too many letters were requested', async () => {
    api.on('POST', '/me/activation/letters', apiError(429, 'rate_limited'))
    mounted = await mountApp('/activation', api)
    await click(button(main(), 'Neuen Brief anfordern'))
    await click(button(main(), 'Ja, neuen Brief anfordern'))
    expect(api.callsTo('POST', '/me/activation/letters')).toHaveLength(1)
    expect(announcements(main()).join(' ')).toContain(
      'Sie haben in den letzten 24 Stunden schon mehrere Briefe angefordert.',
    )
    expect(main().find('[data-testid="letter-sent"]').exists()).toBe(false)
  })

  it('names the customer-service phone number', async () => {
    mounted = await mountApp('/activation', api)
    const help = main().get('[aria-labelledby="activation-help"]').text()
    expect(help).toContain('+43 662 2191 4920')
    expect(help).toContain('ksc@mini.at')
  })

  it('speaks English when English is chosen', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    mounted = await mountApp('/activation', api)
    expect(main().get('h1').text()).toBe('Enter your activation code')
    const input = field(main(), 'Activation code')
    await click(button(main(), 'Confirm code'))
    expect(errorOf(input)).toBe('Please enter the activation code from the letter.')
    expect(button(main(), 'Request a new letter').exists()).toBe(true)
    expect(main().get('[data-testid="letter-expected"]').text()).toBe(
      'We posted the letter to you on 17/05/2026. It usually arrives by 20/05/2026.',
    )
    expect(main().text()).not.toContain('Aktivierungscode')
  })
})
