// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, type PropType } from 'vue'
import { installFakeApi, type FakeApi } from './support/fake-api.ts'
import { fakeMmf } from './support/fake-mmf.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, link } from './support/queries.ts'

const TOKEN = 'Y29uZmlybV90b2tlbl8xMjhfYml0cw'
const OUTBOX = [
  {
    id: 1,
    kind: 'email',
    to: 'anna.huber@example.at',
    subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
    text: 'Guten Tag Anna Huber,\nbitte bestätigen Sie Ihre Adresse.',
    links: [`myminifinance://confirm?token=${TOKEN}`],
    attachments: [],
    createdAt: '2026-05-17T08:30:00Z',
  },
  {
    id: 2,
    kind: 'letter',
    to: 'Anna Huber, Getreidegasse 9, 5020 Salzburg',
    subject: 'Ihr Aktivierungscode',
    text: 'Anna Huber\nGetreidegasse 9\n5020 Salzburg\n\nSehr geehrte Frau Huber,\n        Aktivierungscode:   ABCD-EFGH-JKMN',
    links: [],
    attachments: [],
    createdAt: '2026-05-17T09:00:00Z',
  },
  {
    id: 3,
    kind: 'email',
    to: 'lukas.gruber@example.at',
    subject: 'Neues Passwort festlegen',
    text: 'Hier ist Ihr Link.',
    links: [`myminifinance://reset?token=${TOKEN}`],
    attachments: [],
    createdAt: '2026-05-17T08:45:00Z',
  },
]
const CUSTOMERS = [
  {
    customerNumber: '100482117',
    firstName: 'Anna',
    lastName: 'Huber',
    dateOfBirth: '1984-03-12',
    registered: false,
    contracts: 3,
    demoLogin: null,
  },
  {
    customerNumber: '100517903',
    firstName: 'Lukas',
    lastName: 'Gruber',
    dateOfBirth: '1990-07-28',
    registered: true,
    contracts: 1,
    demoLogin: { email: 'demo@example.at', password: 'demo-passwort-fuer-alle' },
  },
]

const STATEMENT = '2026-05-17 Jahreskontoauszug 2025.pdf'
/** "Send to my e-mail" from a kiosk: the letter attached (and, made up, a second file). */
const WITH_ATTACHMENTS = {
  id: 4,
  kind: 'email',
  to: 'anna.huber@example.at',
  subject: 'Ihr Dokument „Jahreskontoauszug 2025“',
  text: 'Guten Tag Anna Huber,\nanbei das Dokument.',
  links: [],
  attachments: [
    { fileName: STATEMENT, contentType: 'application/pdf', sizeBytes: 48 * 1024 },
    { fileName: 'hinweise.txt', contentType: 'text/plain; charset=utf-8', sizeBytes: 1_258_291 },
  ],
  createdAt: '2026-05-17T10:00:00Z',
}

/** Stands in for pdf.js: shows the bytes it was given. */
const PdfViewerStub = defineComponent({
  props: {
    data: { type: Object as PropType<ArrayBuffer>, required: true },
    title: { type: String, required: true },
  },
  setup: (props) => () =>
    h('div', { 'data-testid': 'pdf-stub' }, new TextDecoder().decode(props.data)),
})

function demoApi(): FakeApi {
  return installFakeApi()
    .on('GET', '/client-info', { status: 200, body: { demo: true, kiosk: false, keychain: 'os' } })
    .on('GET', '/dev/outbox', { status: 200, body: { items: [...OUTBOX, WITH_ATTACHMENTS] } })
    .on('GET', '/dev/customers', { status: 200, body: { items: CUSTOMERS } })
}

describe('the demo mailbox', () => {
  // The answers' checker loads with the first answer (a second, cold, in a test run): loaded
  // here first, the tests below read the page as soon as its answers have arrived.
  beforeAll(async () => {
    await import('../../../src/renderer/src/api/answer-check.ts')
  })

  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = demoApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  const main = () => mounted.wrapper.get('main')
  const items = () => main().findAll('ul.outbox > li')

  it('lists e-mails and letters, newest first, each readable when opened', async () => {
    mounted = await mountApp('/mailbox', api)
    expect(main().get('h1').text()).toBe('Demo-Briefkasten')
    expect(items().map((item) => item.get('summary').text())).toEqual([
      expect.stringContaining('Ihr Dokument „Jahreskontoauszug 2025“'),
      expect.stringContaining('Ihr Aktivierungscode'),
      expect.stringContaining('Neues Passwort festlegen'),
      expect.stringContaining('Bitte bestätigen Sie Ihre E-Mail-Adresse'),
    ])
    const letter = items()[1]
    expect(letter?.text()).toContain('Brief')
    expect(items()[2]?.text()).toContain('E-Mail')
    expect(items()[3]?.text()).toContain('an anna.huber@example.at')
    expect(items()[3]?.text()).toContain('17.05.2026, 10:30')

    const details = letter?.get('details')
    expect(details?.text()).toContain('ABCD-EFGH-JKMN')
    await details?.get('summary').trigger('click')
    // Native <details>: the text is there, shown once opened.
    // A letter reads as a letter: its lines, and the activation code set apart.
    const paper = letter?.get('[data-testid="letter"]')
    expect(paper?.findAll('.letter__line').map((line) => line.text())).toEqual([
      'Anna Huber',
      'Getreidegasse 9',
      '5020 Salzburg',
      '',
      'Sehr geehrte Frau Huber,',
    ])
    expect(paper?.get('[data-testid="letter-code"]').text()).toBe('ABCD-EFGH-JKMN')
    expect(paper?.get('.letter__code').text()).toContain('Aktivierungscode')
    // Only e-mails with links get a "Link öffnen" button.
    expect(letter?.find('button').exists()).toBe(false)
  })

  it('opens a link from an e-mail inside the web preview', async () => {
    api.on('POST', '/registrations/confirm', { status: 200, body: { status: 'confirmed' } })
    mounted = await mountApp('/mailbox', api)
    const confirmMail = items().find((item) => item.text().includes('Bitte bestätigen'))
    if (!confirmMail) throw new Error('no confirmation e-mail')
    await click(button(confirmMail, 'Link öffnen'))

    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('confirm'))
    expect(mounted.router.currentRoute.value.fullPath).toBe(`/confirm?token=${TOKEN}`)
    await vi.waitFor(() => expect(main().text()).toContain('Ihre E-Mail-Adresse ist bestätigt.'))
  })

  it('hands the link to the main window in the desktop app', async () => {
    const mmf = fakeMmf({ demo: true })
    vi.stubGlobal('mmf', mmf)
    mounted = await mountApp('/mailbox', api)
    const resetMail = items().find((item) => item.text().includes('Neues Passwort festlegen'))
    if (!resetMail) throw new Error('no reset e-mail')
    await click(button(resetMail, 'Link öffnen'))

    expect(mmf.links.openDeepLink).toHaveBeenCalledWith({
      url: `myminifinance://reset?token=${TOKEN}`,
    })
    expect(mounted.router.currentRoute.value.name).toBe('mailbox')
  })

  it('filters by recipient', async () => {
    mounted = await mountApp('/mailbox', api)
    await field(main(), 'Nach Empfänger filtern').setValue('LUKAS')
    expect(items()).toHaveLength(1)
    expect(items()[0]?.text()).toContain('Neues Passwort festlegen')
    await field(main(), 'Nach Empfänger filtern').setValue('nobody')
    expect(main().text()).toContain('Keine Nachrichten an diesen Empfänger.')
  })

  it('refreshes on request and every 3 seconds while open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    mounted = await mountApp('/mailbox', api)
    const loads = () => api.callsTo('GET', '/dev/outbox').length
    expect(loads()).toBe(1)

    await click(button(main(), 'Aktualisieren'))
    expect(loads()).toBe(2)
    vi.advanceTimersByTime(3_000)
    await vi.waitFor(() => expect(loads()).toBe(3))
    vi.advanceTimersByTime(3_000)
    await vi.waitFor(() => expect(loads()).toBe(4))

    await mounted.router.push('/')
    vi.advanceTimersByTime(9_000)
    expect(loads()).toBe(4)
  })

  it('shows whom to register as, and moves the demo clock', async () => {
    api.on('POST', '/dev/clock', {
      status: 200,
      body: { now: '2026-05-18T08:30:00Z', offsetSeconds: 86_400 },
    })
    mounted = await mountApp('/mailbox', api)
    const tools = main().get('section.demo-tools')
    expect(tools.text()).toContain('Demo-Werkzeuge')
    expect(tools.text()).toContain('Nur im Demo-Modus')
    expect(tools.text()).toContain('100482117')
    expect(tools.text()).toContain('12.03.1984')
    expect(tools.text()).toContain('demo@example.at')

    await click(button(tools, '1 Tag vor'))
    expect(api.callsTo('POST', '/dev/clock')[0]?.body).toEqual({ advanceSeconds: 86_400 })
    expect(tools.text()).toContain('Die Demo-Uhr steht jetzt auf 18.05.2026, 10:30.')
    await click(button(tools, '31 Tage vor'))
    expect(api.callsTo('POST', '/dev/clock')[1]?.body).toEqual({ advanceSeconds: 2_678_400 })
  })

  it('treats an outbox or a customer list of the wrong shape as an error, and shows nothing of it', async () => {
    // A message without a date, and a customer without a date of birth: not what the contract promises.
    api
      .on('GET', '/dev/outbox', {
        status: 200,
        body: { items: [{ ...WITH_ATTACHMENTS, createdAt: 'soon' }] },
      })
      .on('GET', '/dev/customers', {
        status: 200,
        body: { items: [{ ...CUSTOMERS[0], dateOfBirth: 'once' }] },
      })
    mounted = await mountApp('/mailbox', api)
    const alerts = () =>
      main()
        .findAll('[role="alert"]')
        .map((alert) => alert.text())
    await vi.waitFor(() => expect(alerts()).toHaveLength(2))
    for (const text of alerts()) {
      expect(text).toBe(
        'Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es erneut.',
      )
    }
    expect(items()).toHaveLength(0)
    expect(main().text()).not.toContain('Jahreskontoauszug')
    expect(main().get('section.demo-tools').text()).not.toContain('100482117')
  })

  it('is reached from the header in the web preview', async () => {
    mounted = await mountApp('/', api)
    await click(link(mounted.wrapper.get('header nav'), 'Demo-Briefkasten'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('mailbox'))
  })

  it('opens as its own window from the header in the desktop app', async () => {
    const mmf = fakeMmf({ demo: true })
    vi.stubGlobal('mmf', mmf)
    mounted = await mountApp('/', api)
    await click(link(mounted.wrapper.get('header nav'), 'Demo-Briefkasten'))
    expect(mmf.mailbox.open).toHaveBeenCalled()
    expect(mounted.router.currentRoute.value.name).toBe('start')
  })

  /** Each attachment as its parts read: name, type and size, then its controls. */
  const attachmentsOf = (index: number) =>
    (items()[index]?.findAll('[data-testid="attachment"]') ?? []).map((a) =>
      [...a.element.children]
        .map((part) => (part.textContent ?? '').replace(/\s+/g, ' ').trim())
        .join(' | '),
    )

  it('lists each e-mail’s attachments with name, type and size, and downloads them in the web preview', async () => {
    mounted = await mountApp('/mailbox', api)
    const mail = items()[0]
    if (!mail) throw new Error('no e-mail with attachments')
    expect(mail.get('ul').attributes('aria-label')).toBe('Anhänge')
    expect(attachmentsOf(0)).toEqual([
      `${STATEMENT} | PDF-Dokument · 48 KB | Ansehen: ${STATEMENT} | Herunterladen: ${STATEMENT}`,
      'hinweise.txt | text/plain; charset=utf-8 · 1,2 MB | Herunterladen: hinweise.txt',
    ])
    // The n-th attachment is /dev/outbox/{id}/attachments/{n}, a plain same-origin download.
    const first = link(mail, `Herunterladen: ${STATEMENT}`)
    expect(first.attributes('href')).toBe('/api/v1/dev/outbox/4/attachments/0')
    expect(first.attributes('download')).toBe(STATEMENT)
    expect(link(mail, 'Herunterladen: hinweise.txt').attributes('href')).toBe(
      '/api/v1/dev/outbox/4/attachments/1',
    )
    // Messages without attachments list none.
    expect(items()[1]?.find('[data-testid="attachment"]').exists()).toBe(false)
  })

  it('opens a PDF attachment in the app’s viewer, and keeps it open while the list refreshes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    api.on('GET', '/dev/outbox/4/attachments/0', {
      status: 200,
      body: new TextEncoder().encode('%PDF-1.7 statement').buffer,
    })
    mounted = await mountApp('/mailbox', api, { stubs: { PdfViewer: PdfViewerStub } })
    const mail = items()[0]
    if (!mail) throw new Error('no e-mail with attachments')
    await click(button(mail, `Ansehen: ${STATEMENT}`))

    const dialog = main().get('[data-testid="attachment-preview"]')
    expect(dialog.get('h2').text()).toBe(STATEMENT)
    await vi.waitFor(() =>
      expect(dialog.get('[data-testid="pdf-stub"]').text()).toBe('%PDF-1.7 statement'),
    )
    expect(api.callsTo('GET', '/dev/outbox/4/attachments/0')).toHaveLength(1)
    expect(link(dialog, 'Herunterladen').attributes('href')).toBe(
      '/api/v1/dev/outbox/4/attachments/0',
    )

    vi.advanceTimersByTime(3_000)
    await vi.waitFor(() => expect(api.callsTo('GET', '/dev/outbox')).toHaveLength(2))
    expect(main().find('[data-testid="attachment-preview"]').exists()).toBe(true)
    await click(button(dialog, 'Schließen'))
    expect(main().find('[data-testid="attachment-preview"]').exists()).toBe(false)
  })

  it('shows attachments in the app only, without a download, in the desktop app', async () => {
    vi.stubGlobal('mmf', fakeMmf({ demo: true }))
    mounted = await mountApp('/mailbox', api)
    expect(attachmentsOf(0)).toEqual([
      `${STATEMENT} | PDF-Dokument · 48 KB | Ansehen: ${STATEMENT}`,
      'hinweise.txt | text/plain; charset=utf-8 · 1,2 MB',
    ])
    expect(main().findAll('a[download]')).toHaveLength(0)
  })

  it('is not there outside demo mode', async () => {
    api = installFakeApi()
    mounted = await mountApp('/mailbox', api)
    expect(main().text()).toContain('Den Demo-Briefkasten gibt es nur im Demo-Modus.')
    expect(mounted.wrapper.get('header').text()).not.toContain('Demo-Briefkasten')
    expect(api.callsTo('GET', '/dev/outbox')).toHaveLength(0)
  })
})
