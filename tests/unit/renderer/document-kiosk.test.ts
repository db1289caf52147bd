// @vitest-environment jsdom
/**
 * Letters on a kiosk terminal: nothing to save anywhere (rows, preview, toolbar),
 * "An meine E-Mail senden" instead, through the real API client and error mapping.
 */
import { flushPromises, type DOMWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KioskSettings } from '../../../src/shared/kiosk.ts'
import { useDocumentsStore } from '../../../src/renderer/src/stores/documents.ts'
import { apiError, installFakeApi, type FakeApi, type FakeReply } from './support/fake-api.ts'
import { installPostbox, letter, letters, docId } from './support/fake-documents.ts'
import { fakeMmf } from './support/fake-mmf.ts'
import { KIOSK_SETTINGS as SETTINGS, webClientInfo } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaSignedIn, stubs } from './support/postbox-view.ts'
import { button, click, hasButton, link } from './support/queries.ts'

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

const MASKED = 'a***.h***@example.at'
const SENT: FakeReply = { status: 202, body: { status: 'sent', to: MASKED } }
const SEND = 'An meine E-Mail senden'

/** The web preview of a kiosk terminal (the gateway's /client-info says so). */
function webKiosk(api: FakeApi, settings: KioskSettings = SETTINGS): void {
  webClientInfo(api, settings)
}

/** An answer the test lets go of when it wants (to look at the busy state). */
function deferred(reply: FakeReply) {
  let release: () => void = () => undefined
  const answer = () =>
    new Promise<FakeReply>((resolve) => {
      release = () => resolve(reply)
    })
  return { answer, release: () => release() }
}

describe('letters on a kiosk terminal', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    installPostbox(api, [
      letter(1, { title: 'Jahreskontoauszug 2025', read: false }),
      ...letters(6).slice(2),
    ])
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const row = (id: string) => main().get(`li[data-document-id="${id}"]`)
  const preview = () => main().get('[data-testid="preview"]')
  const postboxStatus = () => main().get('.postbox [data-testid="email-status"]')
  const emailCalls = (id = docId(1)) => api.callsTo('POST', `/documents/${id}/email`)

  async function openPreview(id: string): Promise<ReturnType<typeof preview>> {
    await click(row(id).find<HTMLElement>('[data-action="preview"]'))
    return preview()
  }

  /** No way to keep a letter on the terminal: no save, download, "save all", folder or panel. */
  function expectNothingToSave(root: Pick<DOMWrapper<Element>, 'find' | 'findAll' | 'text'>): void {
    expect(root.findAll('a[download]')).toHaveLength(0)
    expect(root.findAll('a[href*="/content"]')).toHaveLength(0)
    expect(plain(root.text())).not.toMatch(/Speichern|speichern|Herunterladen|Download|Ordner/)
    expect(root.find('[data-testid="downloads-panel"]').exists()).toBe(false)
    expect(root.find('[data-testid="save-all-progress"]').exists()).toBe(false)
  }

  for (const platform of ['web preview', 'desktop app'] as const) {
    it(`offers e-mail instead of saving, in the rows and the preview (${platform})`, async () => {
      if (platform === 'web preview') webKiosk(api)
      else vi.stubGlobal('mmf', fakeMmf({ kiosk: true, kioskSettings: SETTINGS }))
      mounted = await mountApp('/postbox', api, { stubs })

      expect(main().findAll('li[data-document-id]')).toHaveLength(5)
      expectNothingToSave(main())
      // Printing only where main prints without a dialog: the desktop app with a printer.
      const printing = platform === 'desktop app'
      expect(plain(main().get('.lead').text())).toBe(
        printing
          ? 'Hier finden Sie alle Dokumente zu Ihren Verträgen, die neuesten zuerst. Sie können jedes Dokument ansehen, drucken und an Ihre E-Mail-Adresse senden. Auf diesem Gerät wird nichts gespeichert.'
          : 'Hier finden Sie alle Dokumente zu Ihren Verträgen, die neuesten zuerst. Sie können jedes Dokument ansehen und an Ihre E-Mail-Adresse senden. Auf diesem Gerät wird nichts gespeichert.',
      )
      // Each row: view it, or send it; named with the letter for screen readers.
      expect(
        row(docId(1))
          .findAll('button')
          .map((b) => plain(b.text())),
      ).toEqual(['Ansehen: Jahreskontoauszug 2025', `${SEND}: Jahreskontoauszug 2025`])

      const dialog = await openPreview(docId(1))
      expectNothingToSave(dialog)
      expect(hasButton(dialog, SEND)).toBe(true)
      expect(hasButton(dialog, 'Drucken')).toBe(printing)
      expect(hasButton(dialog, 'Schließen')).toBe(true)
      expect(emailCalls()).toHaveLength(0)
    })
  }

  it('sends a letter once, however often it is clicked, and says where it went', async () => {
    webKiosk(api)
    const reply = deferred(SENT)
    api.on('POST', `/documents/${docId(1)}/email`, reply.answer)
    mounted = await mountApp('/postbox', api, { stubs })

    const send = () => row(docId(1)).find<HTMLElement>('[data-action="email"]')
    await send().trigger('click')
    await send().trigger('click')
    await flushPromises()
    // On its way: busy (the focus can stay on it), and announced.
    expect(plain(send().text())).toBe('Wird gesendet …: Jahreskontoauszug 2025')
    expect(send().attributes('aria-busy')).toBe('true')
    expect(send().attributes('aria-disabled')).toBe('true')
    await send().trigger('click')
    expect(emailCalls()).toHaveLength(1)

    reply.release()
    await flushPromises()
    // The request names nothing but the letter: the server knows the address.
    expect(emailCalls()).toHaveLength(1)
    expect(emailCalls()[0]?.body).toBeNull()
    expect(emailCalls()[0]?.query).toBeUndefined()
    const status = postboxStatus().get('[role="status"]')
    expect(plain(status.text())).toBe(`Jahreskontoauszug 2025: Gesendet an ${MASKED}`)
    expect(plain(row(docId(1)).text())).toContain('Gesendet')
    expect(plain(send().text())).toBe(`${SEND}: Jahreskontoauszug 2025`)
    expect(send().attributes('aria-busy')).toBeUndefined()

    // The second click of a double click may come after a quick answer: still one e-mail.
    await click(send())
    expect(emailCalls()).toHaveLength(1)
    // Sending nothing marks nothing read.
    expect(api.callsTo('POST', `/documents/${docId(1)}/read`)).toHaveLength(0)

    // A while later the customer may send it again on purpose.
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + 5_000)
    await click(send())
    expect(emailCalls()).toHaveLength(2)
  })

  it('sends from the preview and confirms it there', async () => {
    webKiosk(api)
    api.on('POST', `/documents/${docId(2)}/email`, SENT)
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview(docId(2))
    await click(button(dialog, SEND))

    expect(emailCalls(docId(2))).toHaveLength(1)
    const status = dialog.get('[data-testid="email-status"] [role="status"]')
    expect(plain(status.text())).toBe(`Gesendet an ${MASKED}`)
    expect(dialog.find('[role="alert"]').exists()).toBe(false)
  })

  const LIMIT =
    'Sie haben in kurzer Zeit zu viele Dokumente an Ihre E-Mail-Adresse gesendet (höchstens 5 pro Stunde und 20 pro Tag).'
  for (const [retryAfter, wait] of [
    ['720', 'Bitte versuchen Sie es in 12 Minuten erneut.'],
    ['30', 'Bitte versuchen Sie es in einer Minute erneut.'],
    ['36000', 'Bitte versuchen Sie es in 10 Stunden erneut.'],
    [null, 'Bitte versuchen Sie es später erneut.'],
  ] as const) {
    it(`says when the e-mail limit is reached (Retry-After: ${retryAfter ?? 'none'})`, async () => {
      webKiosk(api)
      api.on(
        'POST',
        `/documents/${docId(1)}/email`,
        apiError(
          429,
          'rate_limited',
          undefined,
          retryAfter === null ? undefined : { 'retry-after': retryAfter },
        ),
      )
      mounted = await mountApp('/postbox', api, { stubs })
      await click(row(docId(1)).find<HTMLElement>('[data-action="email"]'))

      const alert = postboxStatus().get('[role="alert"]')
      expect(plain(alert.text())).toBe(
        `Jahreskontoauszug 2025: Das Dokument konnte nicht gesendet werden. ${LIMIT} ${wait}`,
      )
      expect(plain(postboxStatus().get('[role="status"]').text())).toBe('')
      expect(plain(row(docId(1)).text())).toContain('Nicht gesendet')
    })
  }

  it('says when there is no connection, in the preview, and sends when tried again', async () => {
    webKiosk(api)
    api.on('POST', `/documents/${docId(1)}/email`, 'network')
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview(docId(1))
    await click(button(dialog, SEND))
    expect(plain(dialog.get('[role="alert"]').text())).toBe(
      'Das Dokument konnte nicht gesendet werden. Es besteht keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    )

    api.on('POST', `/documents/${docId(1)}/email`, SENT)
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 5_000)
    await click(button(dialog, SEND))
    expect(emailCalls()).toHaveLength(2)
    expect(dialog.find('[role="alert"]').exists()).toBe(false)
    expect(plain(dialog.get('[role="status"]').text())).toBe(`Gesendet an ${MASKED}`)
  })

  it('says that a letter is gone (404)', async () => {
    webKiosk(api)
    api.on('POST', `/documents/${docId(3)}/email`, apiError(404, 'not_found'))
    mounted = await mountApp('/postbox', api, { stubs })
    await click(row(docId(3)).find<HTMLElement>('[data-action="email"]'))
    expect(plain(postboxStatus().get('[role="alert"]').text())).toBe(
      'Brief 3: Das Dokument konnte nicht gesendet werden. Die angeforderten Daten wurden nicht gefunden.',
    )
  })

  it('speaks English', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    webKiosk(api, { ...SETTINGS, printingAvailable: false })
    api.on('POST', `/documents/${docId(1)}/email`, SENT)
    mounted = await mountApp('/postbox', api, { stubs })
    expect(plain(main().get('.lead').text())).toContain(
      'You can view each document and send it to your e-mail address. Nothing is saved on this device.',
    )
    await click(button(row(docId(1)), 'Send to my e-mail: Jahreskontoauszug 2025'))
    expect(plain(postboxStatus().text())).toBe(`Jahreskontoauszug 2025: Sent to ${MASKED}`)
  })

  it('forgets what was sent when the session is reset for the next customer', async () => {
    webKiosk(api)
    api.on('POST', `/documents/${docId(1)}/email`, SENT)
    mounted = await mountApp('/postbox', api, { stubs })
    await click(row(docId(1)).find<HTMLElement>('[data-action="email"]'))
    expect(plain(postboxStatus().text())).toContain(MASKED)

    useDocumentsStore(mounted.pinia).reset()
    await flushPromises()
    expect(plain(main().text())).not.toContain(MASKED)
  })

  it('drops an answer that arrives after the session was reset', async () => {
    webKiosk(api)
    const reply = deferred(SENT)
    api.on('POST', `/documents/${docId(1)}/email`, reply.answer)
    mounted = await mountApp('/postbox', api, { stubs })
    await click(row(docId(1)).find<HTMLElement>('[data-action="email"]'))
    const documents = useDocumentsStore(mounted.pinia)
    documents.reset()
    reply.release()
    await flushPromises()
    expect(documents.emailStateOf(docId(1))).toBeNull()
    expect(documents.lastEmail).toBeNull()
  })
})

describe('letters outside kiosk mode', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    installPostbox(api, letters(3))
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')

  it('keep the browser download in the web preview, without e-mail or print', async () => {
    mounted = await mountApp('/postbox', api, { stubs })
    const row = main().get(`li[data-document-id="${docId(1)}"]`)
    expect(link(row, 'Speichern: Brief 1').attributes('download')).toBeDefined()
    expect(main().text()).not.toContain(SEND)
    expect(main().find('[data-testid="email-status"]').exists()).toBe(false)
    await click(row.find<HTMLElement>('[data-action="preview"]'))
    const dialog = main().get('[data-testid="preview"]')
    expect(link(dialog, 'Speichern').attributes('href')).toBe(
      `/api/v1/documents/${docId(1)}/content`,
    )
    expect(hasButton(dialog, SEND)).toBe(false)
    expect(hasButton(dialog, 'Drucken')).toBe(false)
  })

  it('keep saving and "save all" in the desktop app, without e-mail or print', async () => {
    vi.stubGlobal('mmf', fakeMmf())
    mounted = await mountApp('/postbox', api, { stubs })
    expect(hasButton(main(), 'Alle speichern')).toBe(true)
    expect(main().find('[data-testid="downloads-panel"]').exists()).toBe(true)
    const row = main().get(`li[data-document-id="${docId(1)}"]`)
    expect(hasButton(row, 'Speichern: Brief 1')).toBe(true)
    expect(main().text()).not.toContain(SEND)
    await click(row.find<HTMLElement>('[data-action="preview"]'))
    const dialog = main().get('[data-testid="preview"]')
    expect(hasButton(dialog, 'Speichern')).toBe(true)
    expect(hasButton(dialog, SEND)).toBe(false)
    expect(hasButton(dialog, 'Drucken')).toBe(false)
  })
})
