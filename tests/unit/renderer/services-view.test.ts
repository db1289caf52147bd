// @vitest-environment jsdom
import { flushPromises, type DOMWrapper } from '@vue/test-utils'
import { AxiosHeaders, type AxiosAdapter } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, onMounted, type PropType } from 'vue'
import {
  SERVICE_CATALOGUE,
  type NotEligibleReason,
  type ServiceRequestStatus,
  type ServiceRequestView,
  type ServiceType,
  type ServiceTypeInfo,
} from '../../../src/shared/api/service-requests.ts'
import { apiClient } from '../../../src/renderer/src/api/client.ts'
import { setLocale } from '../../../src/renderer/src/i18n/index.ts'
import { ANNA, apiError, installFakeApi, type FakeApi, type FakeReply } from './support/fake-api.ts'
import {
  installPostbox,
  LEASING_CONTRACT,
  LOAN_CONTRACT,
  letter,
  docId,
} from './support/fake-documents.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, description, errorOf, field, fill, link } from './support/queries.ts'

/** Stands in for pdf.js (which needs a real browser): shows what it was given, then "renders". */
const PdfViewerStub = defineComponent({
  props: {
    data: { type: Object as PropType<ArrayBuffer>, required: true },
    title: { type: String, required: true },
  },
  emits: { rendered: (pages: number) => pages > 0, failed: (error: unknown) => error !== null },
  setup(props, { emit }) {
    onMounted(() => emit('rendered', 1))
    return () =>
      h(
        'div',
        { 'data-testid': 'pdf-stub' },
        `${props.title}: ${new TextDecoder().decode(props.data)}`,
      )
  },
})
const stubs = { PdfViewer: PdfViewerStub }

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** An element's text as read aloud: its blocks and cells apart, each run of white space one space. */
function words(element: { element: Element }): string {
  const parts: string[] = []
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '')
    else if (node.nodeType === Node.ELEMENT_NODE) {
      const block = !['SPAN', 'A', 'STRONG', 'LABEL'].includes((node as Element).tagName)
      if (block) parts.push(' ')
      node.childNodes.forEach(walk)
      if (block) parts.push(' ')
    }
  }
  walk(element.element)
  return plain(parts.join(''))
}

/** The bounds the backend gives for the leasing contract (GET /service-types?contractId). */
const BOUNDS: Partial<Record<ServiceType, Record<string, Record<string, unknown>>>> = {
  payoff_quote: { payoffDate: { formatMinimum: '2026-12-01', formatMaximum: '2026-12-31' } },
  payment_day_change: { newPaymentDay: { enum: [15] } },
  travel_abroad_permission: {
    from: { formatMinimum: '2026-12-01', formatMaximum: '2027-12-01' },
    to: { formatMinimum: '2026-12-01', formatMaximum: '2027-12-01' },
  },
  special_repayment: { amountCents: { maximum: 1_549_999 } },
}

/** The catalogue as the backend answers it for a contract: eligibility and that contract's bounds. */
function catalogue(
  reasons: Partial<Record<ServiceType, NotEligibleReason>> = {},
): ServiceTypeInfo[] {
  return SERVICE_CATALOGUE.map((definition) => {
    const copy = structuredClone(definition) as ServiceTypeInfo
    for (const [name, bound] of Object.entries(BOUNDS[definition.type] ?? {})) {
      copy.fields.properties[name] = { ...copy.fields.properties[name], ...bound }
    }
    const reason = reasons[definition.type] ?? null
    return { ...copy, eligibility: { eligible: reason === null, reason } }
  })
}

const DEFAULT_REASONS = {
  bank_details_change: 'use_profile',
  vehicle_certificate_release: 'product_not_eligible',
  special_repayment: 'product_not_eligible',
} as const

/** The id of request `n` of a list: a UUID, as the backend hands out. */
const requestId = (n: number): string => `7f1c2a4e-1b2c-4d5e-8f90-${String(n).padStart(12, '0')}`

function filed(patch: Partial<ServiceRequestView> = {}): ServiceRequestView {
  return {
    id: '7f1c2a4e-1b2c-4d5e-8f90-123456789abc',
    reference: 'SR-2026-000042',
    type: 'travel_abroad_permission',
    contractId: LEASING_CONTRACT.id,
    contractNumber: LEASING_CONTRACT.number,
    status: 'received',
    details: {},
    createdAt: '2026-12-01T09:15:00Z',
    updatedAt: '2026-12-01T09:15:00Z',
    documentId: null,
    documentTitle: null,
    ...patch,
  }
}

interface Posted {
  key: string | undefined
  body: unknown
}

describe('the services page', () => {
  let mounted: MountedApp
  let api: FakeApi
  /** Every POST /service-requests with its Idempotency-Key. */
  let posts: Posted[]
  let requests: ServiceRequestView[]

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    installPostbox(api, [])
    requests = []
    api.on('GET', '/service-types', (request) =>
      request.query?.contractId === LEASING_CONTRACT.id ||
      request.query?.contractId === LOAN_CONTRACT.id
        ? { status: 200, body: { items: catalogue(DEFAULT_REASONS) } }
        : apiError(404, 'not_found'),
    )
    // Copies, as JSON over the wire would be.
    api.on('GET', '/service-requests', () => ({
      status: 200,
      body: { items: requests.map((request) => ({ ...request })) },
    }))
    // The fake gateway records no headers: this records the key of each filing.
    posts = []
    const inner = apiClient.defaults.adapter as AxiosAdapter
    apiClient.defaults.adapter = (config) => {
      if (config.method?.toUpperCase() === 'POST' && config.url === '/service-requests') {
        const key = AxiosHeaders.from(config.headers).get('Idempotency-Key')
        posts.push({
          key: typeof key === 'string' ? key : undefined,
          body: JSON.parse(String(config.data)) as unknown,
        })
      }
      return inner(config)
    }
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')

  async function open(path = `/services?contract=${LEASING_CONTRACT.id}`): Promise<void> {
    mounted = await mountApp(path, api, { stubs })
    await vi.waitFor(() => expect(main().find('[name="service"]').exists()).toBe(true))
  }

  async function choose(title: string): Promise<void> {
    await field(main(), title).setValue(true)
    await click(button(main(), 'Weiter'))
  }

  const form = () => main().get('[data-testid="service-details-form"]')
  const group = (legend: string): DOMWrapper<HTMLElement> => {
    const found = main()
      .findAll<HTMLElement>('fieldset')
      .filter((set) => plain(set.find('legend').text()) === legend)
    if (found.length !== 1) throw new Error(`${found.length} groups read "${legend}"`)
    return found[0] as DOMWrapper<HTMLElement>
  }

  async function fillTravel(): Promise<void> {
    await field(main(), 'Schweiz').setValue(true)
    await field(main(), 'Norwegen').setValue(true)
    await fill(field(main(), 'Reisebeginn'), '2027-07-01')
    await fill(field(main(), 'Reiseende'), '2027-07-20')
    await fill(field<HTMLTextAreaElement>(main(), 'Reisezweck (optional)'), 'Urlaub')
  }

  it('is in the navigation and preselects the contract of the query', async () => {
    await open(`/services?contract=${LOAN_CONTRACT.id}`)
    expect(link(mounted.wrapper.get('nav'), 'Services').attributes('href')).toBe('/services')
    const select = field<HTMLSelectElement>(main(), 'Vertrag')
    expect(select.element.value).toBe(LOAN_CONTRACT.id)
    expect(plain(select.get('option:checked').text())).toBe(
      'One · L-ONE 1 · Kredit (KR-2021-000017)',
    )
    expect(api.callsTo('GET', '/service-types').at(-1)?.query).toEqual({
      contractId: LOAN_CONTRACT.id,
    })

    await select.setValue(LEASING_CONTRACT.id)
    await flushPromises()
    expect(mounted.router.currentRoute.value.query).toEqual({ contract: LEASING_CONTRACT.id })
    expect(api.callsTo('GET', '/service-types').at(-1)?.query).toEqual({
      contractId: LEASING_CONTRACT.id,
    })
  })

  it('shows a service that does not fit the contract disabled, with the reason in words', async () => {
    await open()
    const release = field(main(), 'Freigabe des Typenscheins')
    expect(release.element.disabled).toBe(true)
    expect(description(release)).toContain('Diesen Service gibt es für Ihre Vertragsart nicht.')
    expect(description(release)).not.toContain('product_not_eligible')
    const bank = field(main(), 'Bankverbindung ändern')
    expect(bank.element.disabled).toBe(true)
    expect(description(bank)).toContain('Ihre Bankverbindung ändern Sie unter „Persönliche Daten“.')
    expect(field(main(), 'Ablöseangebot').element.disabled).toBe(false)

    setLocale('en')
    await flushPromises()
    const english = field(main(), 'Release of the vehicle certificate (Typenschein)')
    expect(description(english)).toContain(
      'This service is not available for your type of contract.',
    )
  })

  it('treats a catalogue or a request list of the wrong shape as an error, and shows nothing of it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const [first, ...rest] = catalogue(DEFAULT_REASONS)
    // A product the app does not know: the catalogue is not what the contract promises.
    api.on('GET', '/service-types', {
      status: 200,
      body: { items: [{ ...first, products: ['bicycle'] }, ...rest] },
    })
    mounted = await mountApp(`/services?contract=${LEASING_CONTRACT.id}`, api, { stubs })
    const typesAlert = await vi.waitFor(() => main().get('[role="alert"]'))
    expect(words(typesAlert)).toBe(
      'Die Services konnten nicht geladen werden. Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es erneut. Erneut versuchen',
    )
    expect(main().find('[name="service"]').exists()).toBe(false)
    mounted.wrapper.unmount()

    // A request whose answer document would lie outside the postbox, or whose date is none.
    api.on('GET', '/service-types', { status: 200, body: { items: catalogue(DEFAULT_REASONS) } })
    for (const bad of [
      { ...filed(), status: 'completed', documentId: '../../me', documentTitle: 'Antwort' },
      { ...filed(), updatedAt: 'soon' },
    ]) {
      api.on('GET', '/service-requests', { status: 200, body: { items: [bad] } })
      await open()
      const alert = await vi.waitFor(() =>
        main()
          .findAll('[role="alert"]')
          .find((found) => words(found).startsWith('Ihre Anfragen konnten nicht geladen werden.')),
      )
      expect(alert && words(alert), JSON.stringify(bad)).toContain(
        'Es ist ein unerwarteter Fehler aufgetreten.',
      )
      expect(main().find('[data-testid="service-requests"] li').exists()).toBe(false)
      mounted.wrapper.unmount()
    }
    mounted = await mountApp('/', api)
  })

  it('generates the form from the schema: labels, help and choices in German and English', async () => {
    await open()
    await choose('Genehmigung für Fahrten ins Ausland')

    const from = field(form(), 'Reisebeginn')
    // A text field in the language's format, the bounds and the format in its description.
    expect(from.attributes('type')).toBe('text')
    expect(from.attributes('placeholder')).toBe('TT.MM.JJJJ')
    expect(description(from)).toBe(
      'Nicht in der Vergangenheit. Möglich: 01.12.2026 bis 01.12.2027. Format: TT.MM.JJJJ, zum Beispiel 01.12.2026',
    )
    const countries = group('Reiseländer')
    expect(plain(countries.text())).toContain(
      'Die Länder außerhalb der EU, in die Sie fahren (höchstens 10).',
    )
    expect(countries.findAll('input[type="checkbox"]')).toHaveLength(14)
    expect(field(countries, 'Türkei').attributes('type')).toBe('checkbox')
    expect(field(form(), 'Reisezweck (optional)').element.tagName).toBe('TEXTAREA')
    // Never the schema's names.
    expect(form().text()).not.toMatch(/\b(countries|from|to|purpose)\b/)

    setLocale('en')
    await flushPromises()
    expect(description(field(form(), 'From'))).toBe(
      'Not in the past. Possible: 01/12/2026 to 01/12/2027. Format: DD/MM/YYYY, for example 01/12/2026',
    )
    expect(field(form(), 'From').attributes('placeholder')).toBe('DD/MM/YYYY')
    expect(field(group('Countries'), 'Switzerland').exists()).toBe(true)
    expect(field(form(), 'Purpose of the trip (optional)').exists()).toBe(true)
  })

  it('lists the countries of a trip by name in the customer’s language, Türkei among the Ts', async () => {
    await open()
    await choose('Genehmigung für Fahrten ins Ausland')
    const names = (legend: string) =>
      group(legend)
        .findAll('label')
        .map((label) => plain(label.text()))
    // German order (Ü as U): not by code, and not "Türkei" after the Z as a plain sort has it.
    expect(names('Reiseländer')).toEqual([
      'Albanien',
      'Bosnien und Herzegowina',
      'Island',
      'Liechtenstein',
      'Marokko',
      'Moldau',
      'Montenegro',
      'Nordmazedonien',
      'Norwegen',
      'Schweiz',
      'Serbien',
      'Tunesien',
      'Türkei',
      'Vereinigtes Königreich',
    ])
    setLocale('en')
    await flushPromises()
    expect(names('Countries')).toEqual([
      'Albania',
      'Bosnia and Herzegovina',
      'Iceland',
      'Liechtenstein',
      'Moldova',
      'Montenegro',
      'Morocco',
      'North Macedonia',
      'Norway',
      'Serbia',
      'Switzerland',
      'Tunisia',
      'Türkiye',
      'United Kingdom',
    ])
  })

  it('offers an enum as a drop-down of its labels, narrowed to the contract', async () => {
    await open()
    await choose('Abbuchungstag ändern')
    const select = field<HTMLSelectElement>(form(), 'Neuer Abbuchungstag')
    const options = select.findAll('option').map((o) => plain(o.text()))
    // The backend narrowed the enum: the 1st is the day in force.
    expect(options).toEqual(['Bitte wählen', 'am 15. des Monats'])
    await select.setValue('15')
    await click(button(form(), 'Weiter zur Prüfung'))
    const review = main().get('[data-testid="service-review"]')
    expect(words(review)).toContain('Neuer Abbuchungstag am 15. des Monats')
  })

  it('checks the fields as the schema says, with the bounds in the message', async () => {
    await open()
    await choose('Ablöseangebot')
    const date = field(form(), 'Ablösetermin')

    // Nothing given: "Weiter" stays on the form and says what is missing.
    await click(button(form(), 'Weiter zur Prüfung'))
    expect(main().find('[data-testid="service-review"]').exists()).toBe(false)
    expect(errorOf(date)).toBe('Bitte geben Sie ein Datum ein.')
    expect(document.activeElement).toBe(date.element)

    await fill(date, '15.01.2027')
    expect(errorOf(date)).toBe('Bitte wählen Sie ein Datum von 01.12.2026 bis 31.12.2026.')
    await fill(date, '31.11.2026')
    expect(errorOf(date)).toBe('Dieses Datum gibt es nicht. Bitte prüfen Sie Tag und Monat.')
    await fill(date, '10.12.26')
    expect(errorOf(date)).toBe(
      'Bitte geben Sie das Datum vollständig ein: Tag, Monat und Jahr mit vier Ziffern.',
    )
    await fill(date, '10.12.2026')
    expect(errorOf(date)).toBe('')

    setLocale('en')
    await fill(date, '30/11/2026')
    expect(errorOf(date)).toBe('Please choose a date from 01/12/2026 to 31/12/2026.')
  })

  it('checks a trip: a country at least, the end not before the start, the purpose’s length', async () => {
    await open()
    await choose('Genehmigung für Fahrten ins Ausland')
    await click(button(form(), 'Weiter zur Prüfung'))
    const countries = group('Reiseländer')
    // The message names what is missing.
    expect(errorOf(countries)).toBe('Bitte wählen Sie mindestens ein Land.')
    expect(errorOf(field(form(), 'Reisebeginn'))).toBe('Bitte geben Sie ein Datum ein.')
    setLocale('en')
    await flushPromises()
    expect(errorOf(group('Countries'))).toBe('Please choose at least one country.')
    setLocale('de')
    await flushPromises()

    await field(countries, 'Serbien').setValue(true)
    await flushPromises()
    expect(errorOf(countries)).toBe('')

    await fill(field(form(), 'Reisebeginn'), '10.07.2027')
    const to = field(form(), 'Reiseende')
    await fill(to, '01.07.2027')
    // The start of the trip is the lower bound of its end, in the error and the hint.
    expect(errorOf(to)).toBe('Bitte wählen Sie ein Datum von 10.07.2027 bis 01.12.2027.')
    expect(description(to)).toContain('Möglich: 10.07.2027 bis 01.12.2027.')
    await fill(to, '12.07.2027')
    expect(errorOf(to)).toBe('')

    const purpose = field<HTMLTextAreaElement>(form(), 'Reisezweck (optional)')
    await fill(purpose, 'x'.repeat(201))
    expect(errorOf(purpose)).toBe('Bitte verwenden Sie höchstens 200 Zeichen.')
  })

  /** The catalogue with every service open (the Typenschein too) but the bank details. */
  function serveLoanCatalogue(): void {
    api.on('GET', '/service-types', {
      status: 200,
      body: { items: catalogue({ bank_details_change: 'use_profile' }) },
    })
  }
  /** The refusal of a Typenschein by post within 14 days of an address change. */
  const ADDRESS_CHANGE_HOLD: FakeReply = {
    status: 409,
    body: {
      error: { code: 'not_eligible', message: 'not eligible', reason: 'recent_address_change' },
    },
  }

  it('reads an amount in euros in the language’s format and checks it against the contract', async () => {
    serveLoanCatalogue()
    await open(`/services?contract=${LOAN_CONTRACT.id}`)
    await choose('Sondertilgung')
    const amount = field(form(), 'Betrag')
    expect(description(amount)).toBe(
      'Mindestens € 500 und weniger als der offene Betrag nach der nächsten Rate. Möglich: € 500,00 bis € 15.499,99.',
    )
    await fill(amount, 'zwei Tausend')
    expect(errorOf(amount)).toBe('Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 1.500,00.')
    await fill(amount, '499,99')
    expect(errorOf(amount)).toBe('Bitte geben Sie einen Betrag von € 500,00 bis € 15.499,99 ein.')
    await fill(amount, '2500')
    expect(errorOf(amount)).toBe('')
    expect(amount.element.value).toBe('2.500,00')
    // The other language reads and shows the amount its way.
    setLocale('en')
    await flushPromises()
    expect(amount.element.value).toBe('2,500.00')
    setLocale('de')
    await flushPromises()
    expect(amount.element.value).toBe('2.500,00')

    await click(button(form(), 'Weiter zur Prüfung'))
    expect(words(main().get('[data-testid="service-review"]'))).toContain('Betrag € 2.500,00')
    api.on('POST', '/service-requests', {
      status: 201,
      body: filed({ type: 'special_repayment', contractId: LOAN_CONTRACT.id }),
    })
    await click(button(main(), 'Anfrage senden'))
    expect(posts[0]?.body).toEqual({
      type: 'special_repayment',
      contractId: LOAN_CONTRACT.id,
      details: { amountCents: 250_000 },
    })
  })

  it('shows the backend’s field errors at their fields', async () => {
    await open()
    await choose('Genehmigung für Fahrten ins Ausland')
    await fillTravel()
    await click(button(form(), 'Weiter zur Prüfung'))
    api.on(
      'POST',
      '/service-requests',
      apiError(400, 'validation_failed', {
        'details.to': 'out_of_range',
        'details.countries.1': 'invalid_value',
      }),
    )
    await click(button(main(), 'Anfrage senden'))

    // Back on the form, the fields marked.
    expect(errorOf(field(form(), 'Reiseende'))).toBe(
      'Bitte wählen Sie ein Datum von 01.07.2027 bis 01.12.2027.',
    )
    expect(errorOf(group('Reiseländer'))).toBe('Bitte wählen Sie nur Länder aus der Liste.')
    expect(errorOf(field(form(), 'Reisebeginn'))).toBe('')
    expect(words(form().get('[role="alert"]'))).toContain(
      'Wir konnten die Anfrage so nicht annehmen.',
    )
  })

  it('sends one Idempotency-Key per submission: the same on a retry, a new one for a new request', async () => {
    await open()
    await choose('Genehmigung für Fahrten ins Ausland')
    await fillTravel()
    await click(button(form(), 'Weiter zur Prüfung'))
    const review = main().get('[data-testid="service-review"]')
    // By name, as the form lists them; sent in the catalogue's order.
    expect(words(review)).toContain('Reiseländer Norwegen, Schweiz')
    expect(words(review)).toContain('Reisebeginn 01.07.2027')

    api.on('POST', '/service-requests', 'network')
    await click(button(main(), 'Anfrage senden'))
    expect(posts).toHaveLength(1)
    expect(posts[0]?.key).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(posts[0]?.body).toEqual({
      type: 'travel_abroad_permission',
      contractId: LEASING_CONTRACT.id,
      details: { countries: ['CH', 'NO'], from: '2027-07-01', to: '2027-07-20', purpose: 'Urlaub' },
    })
    expect(words(main().get('[role="alert"]'))).toContain('Die Anfrage wurde nicht gesendet.')

    // The retry of the same submission: the same key. A double click sends it once.
    let answer: (reply: FakeReply) => void = () => undefined
    api.on(
      'POST',
      '/service-requests',
      () => new Promise<FakeReply>((resolve) => (answer = resolve)),
    )
    const retry = button(main(), 'Erneut senden')
    await retry.trigger('click')
    await retry.trigger('click')
    await flushPromises()
    expect(retry.attributes('aria-disabled')).toBe('true')
    expect(posts).toHaveLength(2)
    expect(posts[1]?.key).toBe(posts[0]?.key)
    answer({ status: 201, body: filed() })
    await flushPromises()
    expect(main().get('[data-testid="service-reference"]').text()).toBe('SR-2026-000042')

    // A new request with the very same details is a new submission: a new key.
    await click(button(main(), 'Weitere Anfrage stellen'))
    await choose('Genehmigung für Fahrten ins Ausland')
    await fillTravel()
    await click(button(form(), 'Weiter zur Prüfung'))
    api.on('POST', '/service-requests', {
      status: 201,
      body: filed({ id: requestId(43), reference: 'SR-2026-000043' }),
    })
    await click(button(main(), 'Anfrage senden'))
    expect(posts).toHaveLength(3)
    expect(posts[2]?.key).toMatch(/^[0-9a-f-]{36}$/)
    expect(posts[2]?.key).not.toBe(posts[0]?.key)
  })

  it('says in words why a request was refused (409 not_eligible) and when the contract is not found', async () => {
    await open()
    await choose('Abbuchungstag ändern')
    await field<HTMLSelectElement>(form(), 'Neuer Abbuchungstag').setValue('15')
    await click(button(form(), 'Weiter zur Prüfung'))
    api.on('POST', '/service-requests', {
      status: 409,
      body: { error: { code: 'not_eligible', message: 'not eligible', reason: 'request_pending' } },
    })
    await click(button(main(), 'Anfrage senden'))
    const alert = words(main().get('[data-testid="service-review"] [role="alert"]'))
    expect(alert).toBe(
      'Diese Anfrage ist für diesen Vertrag nicht möglich. Wir bearbeiten bereits eine solche Anfrage zu diesem Vertrag.',
    )
    expect(main().text()).not.toContain('request_pending')
    // Trying again would not help: back to the choice, whose catalogue is asked again.
    expect(
      main()
        .findAll('button')
        .map((b) => plain(b.text())),
    ).not.toContain('Erneut senden')
    const asked = api.callsTo('GET', '/service-types').length
    await click(button(main(), 'Zurück zur Auswahl'))
    expect(api.callsTo('GET', '/service-types')).toHaveLength(asked + 1)

    await choose('Vertragsabschrift')
    expect(words(main().get('[data-testid="service-review"]'))).toContain(
      'Für diesen Service brauchen wir keine weiteren Angaben.',
    )
    api.on('POST', '/service-requests', apiError(404, 'not_found'))
    await click(button(main(), 'Anfrage senden'))
    expect(words(main().get('[data-testid="service-review"] [role="alert"]'))).toContain(
      'Diesen Vertrag haben wir nicht gefunden.',
    )
  })

  it('explains that the Typenschein goes by post only 14 days after an address change, and offers collection', async () => {
    serveLoanCatalogue()
    await open(`/services?contract=${LOAN_CONTRACT.id}`)
    await choose('Freigabe des Typenscheins')
    await field<HTMLSelectElement>(form(), 'Zustellung').setValue('post')
    await click(button(form(), 'Weiter zur Prüfung'))
    api.on('POST', '/service-requests', ADDRESS_CHANGE_HOLD)
    await click(button(main(), 'Anfrage senden'))
    const alert = words(main().get('[data-testid="service-review"] [role="alert"]'))
    expect(alert).toBe(
      'Diese Anfrage ist für diesen Vertrag nicht möglich. Ihre Adresse wurde vor Kurzem geändert. Zu Ihrer Sicherheit senden wir den Typenschein erst 14 Tage nach einer Adressänderung per Post. Abholen können Sie ihn schon jetzt.',
    )
    expect(main().text()).not.toContain('recent_address_change')

    // One click to collection instead: the review says so, and sending files it.
    await click(button(main(), 'Zur Abholung wechseln'))
    const review = main().get('[data-testid="service-review"]')
    expect(words(review)).toContain('Zustellung Ich hole ihn ab')
    expect(review.find('[role="alert"]').exists()).toBe(false)
    expect(document.activeElement).toBe(button(main(), 'Anfrage senden').element)
    api.on('POST', '/service-requests', {
      status: 201,
      body: filed({
        type: 'vehicle_certificate_release',
        contractId: LOAN_CONTRACT.id,
        contractNumber: LOAN_CONTRACT.number,
        details: { delivery: 'pickup' },
      }),
    })
    await click(button(main(), 'Anfrage senden'))
    expect(posts.map((p) => (p.body as { details: unknown }).details)).toEqual([
      { delivery: 'post' },
      { delivery: 'pickup' },
    ])
  })

  it('explains the hold after an address change in English too', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    serveLoanCatalogue()
    await open(`/services?contract=${LOAN_CONTRACT.id}`)
    await field(main(), 'Release of the vehicle certificate (Typenschein)').setValue(true)
    await click(button(main(), 'Continue'))
    await field<HTMLSelectElement>(form(), 'Delivery').setValue('post')
    await click(button(form(), 'Continue to the check'))
    api.on('POST', '/service-requests', ADDRESS_CHANGE_HOLD)
    await click(button(main(), 'Send request'))
    expect(words(main().get('[data-testid="service-review"] [role="alert"]'))).toContain(
      'Your address was changed recently. For your security we send the vehicle certificate by post only 14 days after an address change. You can collect it right away.',
    )
    expect(button(main(), 'Switch to collection').exists()).toBe(true)
  })

  it('confirms an answer given at once with its reference and opens its document', async () => {
    const quote = letter(1, {
      id: docId(1001),
      title: 'Ablöseangebot zum 15.12.2026',
      category: 'contract',
      contractId: LEASING_CONTRACT.id,
      read: false,
    })
    installPostbox(api, [quote, letter(4, { contractId: LEASING_CONTRACT.id })])
    await open()
    await choose('Ablöseangebot')
    await fill(field(form(), 'Ablösetermin'), '2026-12-15')
    await click(button(form(), 'Weiter zur Prüfung'))
    expect(words(main().get('[data-testid="service-review"]'))).toContain('Ablösetermin 15.12.2026')
    api.on('POST', '/service-requests', {
      status: 201,
      body: filed({
        type: 'payoff_quote',
        status: 'completed',
        reference: 'SR-2026-000007',
        documentId: docId(1001),
        documentTitle: quote.title,
      }),
    })
    await click(button(main(), 'Anfrage senden'))

    const done = main().get('[data-testid="service-confirmation"]')
    expect(words(done)).toContain('Ihre Anfrage ist erledigt.')
    expect(words(done)).toContain('Referenznummer SR-2026-000007')
    expect(words(done)).toContain('Status Erledigt')
    expect(words(done)).toContain('Das Dokument liegt in Ihrem Postfach.')

    await click(button(done, 'Dokument öffnen'))
    const dialog = main().get('[data-testid="preview"]')
    expect(dialog.get('h2').text()).toBe('Ablöseangebot zum 15.12.2026')
    await vi.waitFor(() =>
      expect(dialog.get('[data-testid="pdf-stub"]').text()).toBe(
        `Ablöseangebot zum 15.12.2026: %PDF-1.7 ${docId(1001)}`,
      ),
    )
    expect(api.callsTo('POST', `/documents/${docId(1001)}/read`)).toHaveLength(1)
  })

  it('lists the requests with their status in words and asks again when the page is shown', async () => {
    const statuses: ServiceRequestStatus[] = ['received', 'in_progress', 'completed', 'rejected']
    requests = statuses.map((status, n) =>
      filed({ id: requestId(n), reference: `SR-2026-00000${n}`, status }),
    )
    requests[2] = {
      ...(requests[2] as ServiceRequestView),
      type: 'payoff_quote',
      documentId: docId(1002),
      documentTitle: 'Ablöseangebot',
    }
    installPostbox(api, [
      letter(1, { id: docId(1002), title: 'Ablöseangebot', contractId: LEASING_CONTRACT.id }),
    ])
    await open()
    const list = () => main().get('[data-testid="service-requests"]')
    const rows = () =>
      list()
        .findAll('li')
        .map((row) => words(row))
    await vi.waitFor(() => expect(rows()).toHaveLength(4))
    expect(rows()[0]).toBe(
      'Genehmigung für Fahrten ins Ausland Cooper SE · S-MINI 42 (LE-2025-000731) · 01.12.2026 · SR-2026-000000 Eingegangen',
    )
    expect(rows()[1]).toMatch(/SR-2026-000001 In Bearbeitung$/)
    expect(rows()[2]).toMatch(/SR-2026-000002 Erledigt Antwort öffnen$/)
    expect(rows()[3]).toMatch(/SR-2026-000003 Abgelehnt$/)
    expect(rows().join(' ')).not.toMatch(/received|in_progress|completed|rejected/)

    const answer = list().find<HTMLButtonElement>(`[data-request-id="${requestId(2)}"] button`)
    expect(answer.text()).toBe('Antwort öffnen')
    expect(answer.attributes('aria-label')).toBe('Antwort öffnen: Ablöseangebot')
    await click(answer)
    expect(main().get('[data-testid="preview"] h2').text()).toBe('Ablöseangebot')

    setLocale('en')
    await flushPromises()
    expect(rows()[1]).toContain('In progress')
    expect(rows()[3]).toContain('Rejected')

    // The back office moved one on: shown again, the page asks and shows it.
    requests[0] = { ...(requests[0] as ServiceRequestView), status: 'in_progress' }
    const asked = api.callsTo('GET', '/service-requests').length
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(api.callsTo('GET', '/service-requests')).toHaveLength(asked + 1)
    expect(rows()[0]).toContain('In progress')
  })
})
