// @vitest-environment jsdom
import { flushPromises, type DOMWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, onMounted, type PropType } from 'vue'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import { useDocumentsStore } from '../../../src/renderer/src/stores/documents.ts'
import { ANNA, apiError, installFakeApi, type FakeApi, type FakeReply } from './support/fake-api.ts'
import {
  installPostbox,
  LEASING_CONTRACT,
  letter,
  letters,
  type FakePostbox,
  docId,
} from './support/fake-documents.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, link } from './support/queries.ts'

/** Stands in for pdf.js (which needs a real browser): shows what it was given, then "renders". */
const PdfViewerStub = defineComponent({
  props: {
    data: { type: Object as PropType<ArrayBuffer>, required: true },
    title: { type: String, required: true },
  },
  emits: { rendered: (pages: number) => pages > 0, failed: (error: unknown) => error !== null },
  setup(props, { emit }) {
    onMounted(() => emit('rendered', 2))
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

function activatedSession(api: FakeApi): void {
  api.on('GET', '/session', {
    status: 200,
    body: { signedIn: true, customer: { ...ANNA, activated: true } },
  })
}

describe('the postbox list', () => {
  let mounted: MountedApp
  let api: FakeApi
  let postbox: FakePostbox

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    activatedSession(api)
    layOutThePage()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const listBox = () => main().get<HTMLElement>('[data-testid="document-list"]')
  const rows = () => listBox().findAll('li[data-index]')
  const rowOf = (id: string) => main().get(`li[data-document-id="${id}"]`)
  const titles = () => rows().map((row) => plain(row.get('.doc-row__title').text()))
  const countText = () => plain(main().get('.postbox__count').text())
  const rowHeight = () =>
    parseFloat(
      rows()[0]
        ?.attributes('style')
        ?.match(/height: ([\d.]+)px/)?.[1] ?? '0',
    )
  const listHeight = () =>
    parseFloat(
      listBox()
        .get('ul')
        .attributes('style')
        ?.match(/height: ([\d.]+)px/)?.[1] ?? '0',
    )

  /**
   * How far the page is scrolled past the list's top. jsdom lays nothing out, so
   * the list (which the page scrolls, not a box of its own) is told its place in
   * the window from this, and window.scrollBy moves it.
   */
  let pageScroll = 0
  function layOutThePage(): void {
    pageScroll = 0
    const measured = Element.prototype.getBoundingClientRect
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: Element,
    ) {
      if (this.getAttribute('role') !== 'list') return measured.call(this)
      const height = parseFloat((this as HTMLElement).style.height) || 0
      return { top: -pageScroll, bottom: height - pageScroll, left: 0, right: 800 } as DOMRect
    })
    vi.spyOn(window, 'scrollBy').mockImplementation(((x: number, y: number) => {
      pageScroll += y
      window.dispatchEvent(new Event('scroll'))
    }) as typeof window.scrollBy)
  }

  async function scrollTo(top: number): Promise<void> {
    pageScroll = top
    window.dispatchEvent(new Event('scroll'))
    await flushPromises()
  }

  async function open(path: string, docs: DocumentSummary[]): Promise<void> {
    postbox = installPostbox(api, docs)
    mounted = await mountApp(path, api, { stubs })
    await vi.waitFor(() =>
      expect(
        main().find('[data-testid="document-list"], [data-testid="postbox-empty"]').exists(),
      ).toBe(true),
    )
  }

  it('is in the navigation with the unread count, and shows what each letter is', async () => {
    const docs = [
      letter(1, {
        title: 'Jahreskontoauszug 2025',
        category: 'statement',
        contractId: LEASING_CONTRACT.id,
        createdAt: '2026-05-17T08:30:00Z',
        sizeBytes: 48 * 1024,
        read: false,
      }),
      letter(2, {
        title: 'Willkommen bei My MINI Finance',
        category: 'letter',
        contractId: null,
        createdAt: '2026-01-01T23:30:00Z', // already 2 January in Vienna
        sizeBytes: 1_258_291,
        read: true,
      }),
      // A contract the customer no longer has (not in GET /contracts).
      letter(3, {
        category: 'notice',
        contractId: '00000000-0000-4000-9000-00000000dead',
        read: false,
      }),
      letter(4, { category: 'contract', read: false }),
    ]
    await open('/postbox', docs)

    const nav = mounted.wrapper.get('[data-testid="nav-postbox"]')
    expect(plain(nav.text())).toBe('Postfach 3 ungelesen')
    expect(plain(nav.get('.visually-hidden').text())).toBe('ungelesen')
    expect(nav.attributes('href')).toBe('/postbox')
    expect(main().get('h1').text()).toBe('Postfach')

    const first = rowOf(docId(1))
    expect(plain(first.get('.doc-row__title').text())).toBe('Ungelesen: Jahreskontoauszug 2025')
    expect(plain(first.get('.doc-row__meta').text())).toBe(
      'Kontoauszug · Cooper SE · S-MINI 42 · 17.05.2026 · 48 KB',
    )
    expect(first.find('.doc-row--unread').exists()).toBe(true)

    const second = rowOf(docId(2))
    expect(plain(second.get('.doc-row__title').text())).toBe('Willkommen bei My MINI Finance')
    expect(plain(second.get('.doc-row__meta').text())).toBe(
      'Brief · Allgemein · 02.01.2026 · 1,2 MB',
    )
    expect(second.find('.doc-row--unread').exists()).toBe(false)
    expect(plain(rowOf(docId(3)).get('.doc-row__meta').text())).toMatch(/^Mitteilung · — · /)
    expect(plain(rowOf(docId(4)).get('.doc-row__meta').text())).toMatch(/^Vertrag · /)

    // A list for assistive technology: each row says where it is in how many.
    expect(listBox().get('ul').attributes('role')).toBe('list')
    expect(
      rows().map((r) => [r.attributes('aria-posinset'), r.attributes('aria-setsize')]),
    ).toEqual([
      ['1', '4'],
      ['2', '4'],
      ['3', '4'],
      ['4', '4'],
    ])
    expect(countText()).toBe('4 Dokumente')
  })

  it('speaks English, with the English category names', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    await open('/postbox', [
      letter(1, { category: 'service', contractId: null, createdAt: '2026-05-17T08:30:00Z' }),
      letter(2, { category: 'statement', contractId: LEASING_CONTRACT.id, read: false }),
    ])
    expect(plain(mounted.wrapper.get('[data-testid="nav-postbox"]').text())).toBe(
      'Postbox 1 unread',
    )
    expect(plain(rowOf(docId(1)).get('.doc-row__meta').text())).toBe(
      'Service · General · 17/05/2026 · 48 KB',
    )
    expect(plain(rowOf(docId(2)).get('.doc-row__meta').text())).toMatch(/^Statement · Cooper SE/)
    expect(plain(rowOf(docId(2)).get('.doc-row__title').text())).toMatch(/^Unread: /)
  })

  it('renders only a window of 10,000 letters and loads each page once as the end comes near', async () => {
    await open('/postbox', letters(10_000))
    expect(postbox.pageCalls(api)).toHaveLength(1)
    expect(postbox.pageCalls(api)[0]?.query).toEqual({ limit: '100' })
    expect(countText()).toBe('100 Dokumente geladen – weitere folgen beim Blättern.')
    expect(rows().length).toBeGreaterThan(5)
    expect(rows().length).toBeLessThan(40)
    // The size is not known yet: the rows say so.
    expect(rows()[0]?.attributes('aria-setsize')).toBe('-1')
    const height = rowHeight()
    expect(height).toBeGreaterThan(0)

    // Scrolling in the first page asks for nothing.
    await scrollTo(20 * height)
    expect(postbox.pageCalls(api)).toHaveLength(1)
    expect(titles()).toContain('Brief 25')
    expect(titles()).not.toContain('Brief 0')

    // Near the end of what is loaded: the next page, from the cursor.
    await scrollTo(75 * height)
    await vi.waitFor(() => expect(postbox.pageCalls(api)).toHaveLength(2))
    expect(postbox.pageCalls(api)[1]?.query).toEqual({ limit: '100', cursor: 'after-99' })
    await flushPromises()
    expect(countText()).toBe('200 Dokumente geladen – weitere folgen beim Blättern.')

    // All the way down, page by page.
    // All the way down, page by page: the store as the list's scrolling asks it
    // (a jump of a whole page at a time would draw every row anew in jsdom).
    const store = useDocumentsStore(mounted.pinia)
    for (let i = 0; i < 120 && !store.complete; i++) await store.loadMore()
    await flushPromises()
    expect(countText()).toBe('10.000 Dokumente')
    await scrollTo(listHeight())
    const cursors = postbox.pageCalls(api).map((call) => call.query?.cursor ?? 'first')
    expect(cursors).toHaveLength(100)
    expect(new Set(cursors).size).toBe(100)
    expect(new Set(store.items.map((item) => item.id)).size).toBe(10_000)

    // Still only a window in the DOM, wherever the list is.
    expect(rows().length).toBeLessThan(40)
    expect(rows().at(-1)?.attributes('aria-posinset')).toBe('10000')
    expect(rows()[0]?.attributes('aria-setsize')).toBe('10000')
    await scrollTo(5000 * height)
    expect(rows().length).toBeLessThan(40)
    const middle = rows().find((row) => row.attributes('aria-posinset') === '5001')
    expect(plain(middle?.get('.doc-row__title').text() ?? '')).toBe('Ungelesen: Brief 5000')
    expect(middle?.attributes('style')).toContain(`translateY(${5000 * height}px)`)
    expect(titles()).not.toContain('Brief 0')
    expect(titles()).not.toContain('Brief 9999')
  })

  it('fills the window and says how many letters follow below its edge, until the end is in view', async () => {
    await open('/postbox', letters(26))
    const more = () => main().find('[data-testid="more-below"]')
    const height = rowHeight()
    // The page scrolls, not a box of its own: the list is as tall as all its rows.
    expect(listHeight()).toBe(26 * height)
    const inView = Math.ceil(window.innerHeight / height)
    expect(plain(more().text())).toBe(`↓ Noch ${26 - inView} Dokumente weiter unten`)

    await scrollTo(24.5 * height - window.innerHeight)
    expect(plain(more().text())).toBe('↓ Noch 1 Dokument weiter unten')
    await scrollTo(26 * height - window.innerHeight)
    expect(more().exists()).toBe(false)

    resetLocale('en')
    await scrollTo(0)
    expect(plain(more().text())).toBe(`↓ ${26 - inView} more documents below`)
  })

  it('says that more letters follow while not all are loaded', async () => {
    await open('/postbox', letters(300))
    expect(plain(main().get('[data-testid="more-below"]').text())).toBe(
      '↓ Weitere Dokumente folgen beim Blättern',
    )
  })

  it('moves between letters with the arrow keys and keeps the focused row in the DOM', async () => {
    await open('/postbox', letters(300))
    const firstView = rows()[0]?.get('button')
    ;(firstView?.element as HTMLElement).focus()
    await firstView?.trigger('focusin')
    await firstView?.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe('2')

    await rowOf(docId(1)).get('button').trigger('keydown', { key: 'End' })
    await flushPromises()
    expect(document.activeElement?.closest('li')?.getAttribute('aria-posinset')).toBe('100')
    expect(plain(document.activeElement?.textContent ?? '')).toBe('Ansehen: Brief 99')

    // Scrolled far away, the focused row stays (out of view) so that the focus is not lost.
    await scrollTo(0)
    expect(
      main()
        .find(`li[data-document-id="${docId(99)}"]`)
        .exists(),
    ).toBe(true)
    expect(document.activeElement?.closest('li')?.getAttribute('data-document-id')).toBe(docId(99))
  })

  it('asks the server for the filters, starting the list afresh, and keeps them in the address', async () => {
    await open('/postbox', letters(500))
    await scrollTo(80 * rowHeight())
    await vi.waitFor(() => expect(postbox.pageCalls(api)).toHaveLength(2))

    await field<HTMLSelectElement>(main(), 'Kategorie').setValue('statement')
    await flushPromises()
    let last = postbox.pageCalls(api).at(-1)
    expect(last?.query).toEqual({ category: 'statement', limit: '100' })
    expect(mounted.router.currentRoute.value.query).toEqual({ category: 'statement' })
    // Back to the list's first row: the page scrolled up to it.
    expect(pageScroll).toBe(0)
    expect(rows().every((row) => row.text().includes('Kontoauszug'))).toBe(true)

    await field<HTMLSelectElement>(main(), 'Jahr').setValue('2026')
    await flushPromises()
    await field<HTMLSelectElement>(main(), 'Vertrag').setValue(LEASING_CONTRACT.id)
    await flushPromises()
    await field(main(), 'Nur ungelesene').setValue(true)
    await flushPromises()
    last = postbox.pageCalls(api).at(-1)
    expect(last?.query).toEqual({
      category: 'statement',
      year: '2026',
      contractId: LEASING_CONTRACT.id,
      unread: 'true',
      limit: '100',
    })
    expect(mounted.router.currentRoute.value.query).toEqual({
      category: 'statement',
      year: '2026',
      contract: LEASING_CONTRACT.id,
      unread: '1',
    })

    // The search is sent once typing pauses, not for every keystroke.
    const search = field(main(), 'Im Titel suchen')
    for (const text of ['B', 'Br', 'Brief 1']) await search.setValue(text)
    await vi.waitFor(() => expect(postbox.pageCalls(api).at(-1)?.query?.q).toBe('Brief 1'))
    const searched = postbox
      .pageCalls(api)
      .map((call) => call.query?.q)
      .filter(Boolean)
    expect(searched).toEqual(['Brief 1'])
    expect(mounted.router.currentRoute.value.query?.q).toBe('Brief 1')

    // Back: the filters before, and the list for them.
    const before = postbox.pageCalls(api).length
    mounted.router.back()
    await vi.waitFor(() => expect(postbox.pageCalls(api).length).toBe(before + 1))
    expect(postbox.pageCalls(api).at(-1)?.query).toEqual({
      category: 'statement',
      year: '2026',
      contractId: LEASING_CONTRACT.id,
      limit: '100',
    })
    expect(field(main(), 'Nur ungelesene').element.checked).toBe(false)
    expect(field(main(), 'Im Titel suchen').element.value).toBe('')
  })

  it('sends the search at once with Enter, and lists the years from the oldest contract on', async () => {
    await open('/postbox', letters(10))
    const years = field<HTMLSelectElement>(main(), 'Jahr')
      .findAll('option')
      .map((option) => option.text())
    const thisYear = new Date().getFullYear()
    expect(years[0]).toBe('Alle Jahre')
    expect(years[1]).toBe(String(thisYear))
    // LOAN_CONTRACT started in 2021.
    expect(years.at(-1)).toBe('2021')

    const search = field(main(), 'Im Titel suchen')
    await search.setValue('  Brief 3 ')
    await main().get('form[role="search"]').trigger('submit')
    await flushPromises()
    expect(postbox.pageCalls(api).at(-1)?.query).toEqual({ q: 'Brief 3', limit: '100' })
    expect(titles()).toEqual(['Brief 3'])
  })

  it('never lets the answer for an older filter overwrite the newer one', async () => {
    await open('/postbox', letters(50))
    let releaseStatements: (() => void) | undefined
    api.on('GET', '/documents', (request) => {
      const reply = postbox.answer(request)
      if (request.query?.category !== 'statement') return reply
      return new Promise<FakeReply>((resolve) => {
        releaseStatements = () => resolve(reply)
      })
    })

    await field<HTMLSelectElement>(main(), 'Kategorie').setValue('statement')
    await flushPromises()
    expect(main().text()).toContain('Ihre Dokumente werden geladen')
    await field<HTMLSelectElement>(main(), 'Kategorie').setValue('letter')
    await flushPromises()
    expect(titles().length).toBeGreaterThan(0)
    expect(rows().every((row) => row.text().includes('Brief'))).toBe(true)

    // The slow answer for "Kontoauszug" arrives last: it is dropped.
    releaseStatements?.()
    await flushPromises()
    expect(rows().every((row) => row.text().includes('Brief'))).toBe(true)
    expect(mounted.router.currentRoute.value.query).toEqual({ category: 'letter' })
  })

  it('drops a further page that arrives after the filter changed', async () => {
    await open('/postbox', letters(300))
    let releasePage: (() => void) | undefined
    api.on('GET', '/documents', (request) => {
      const reply = postbox.answer(request)
      if (request.query?.cursor === undefined) return reply
      return new Promise<FakeReply>((resolve) => {
        releasePage = () => resolve(reply)
      })
    })
    await scrollTo(80 * rowHeight())
    await vi.waitFor(() => expect(releasePage).toBeDefined())
    await field(main(), 'Nur ungelesene').setValue(true)
    await flushPromises()
    const unreadCount = postbox.docs.filter((d) => !d.read).length
    releasePage?.()
    await flushPromises()
    expect(useDocumentsStore(mounted.pinia).items.every((item) => !item.read)).toBe(true)
    expect(useDocumentsStore(mounted.pinia).items.length).toBe(Math.min(100, unreadCount))
  })

  it('says when nothing matches, with a way to clear the filters', async () => {
    await open('/postbox?category=service&q=nichts', letters(20))
    expect(postbox.pageCalls(api).at(-1)?.query).toEqual({
      category: 'service',
      q: 'nichts',
      limit: '100',
    })
    const empty = main().get('[data-testid="postbox-empty"]')
    expect(plain(empty.text())).toContain('Keine Dokumente gefunden')
    expect(field<HTMLInputElement>(main(), 'Im Titel suchen').element.value).toBe('nichts')

    await click(button(empty, 'Filter zurücksetzen'))
    await vi.waitFor(() => expect(countText()).toBe('20 Dokumente'))
    expect(mounted.router.currentRoute.value.query).toEqual({})
    expect(postbox.pageCalls(api).at(-1)?.query).toEqual({ limit: '100' })
    expect(field<HTMLInputElement>(main(), 'Im Titel suchen').element.value).toBe('')
  })

  it('says when the postbox is empty (without filters to clear)', async () => {
    await open('/postbox', [])
    const empty = main().get('[data-testid="postbox-empty"]')
    expect(plain(empty.text())).toContain('Ihr Postfach ist leer')
    expect(empty.findAll('button')).toHaveLength(0)
  })

  it('ignores filters in the address that are not filters', async () => {
    await open('/postbox?contract=../../x&category=secret&year=20266&unread=maybe', letters(5))
    expect(postbox.pageCalls(api).at(-1)?.query).toEqual({ limit: '100' })
    expect(rows()).toHaveLength(5)
  })

  it('says in words when the list cannot be loaded, and tries again', async () => {
    postbox = installPostbox(api, letters(5))
    api.on('GET', '/documents', apiError(500, 'internal_error'))
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    mounted = await mountApp('/postbox', api, { stubs })
    const alert = main().get('[role="alert"]')
    expect(plain(alert.get('p').text())).toBe(
      'Ihre Dokumente konnten nicht geladen werden. Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
    )
    expect(alert.text()).not.toContain('internal_error')

    api.on('GET', '/documents', (request) => postbox.answer(request))
    await click(button(alert, 'Erneut versuchen'))
    expect(rows()).toHaveLength(5)
    expect(main().find('[role="alert"]').exists()).toBe(false)
  })

  it('keeps the letters shown when a further page fails, and offers to try again', async () => {
    await open('/postbox', letters(250))
    api.on('GET', '/documents', 'network')
    await scrollTo(80 * rowHeight())
    const alert = await vi.waitFor(() => main().get('[role="alert"]'))
    expect(plain(alert.text())).toContain('Weitere Dokumente konnten nicht geladen werden.')
    expect(plain(alert.text())).toContain('Es besteht keine Verbindung.')
    expect(rows().length).toBeGreaterThan(0)

    api.on('GET', '/documents', (request) => postbox.answer(request))
    await click(button(alert, 'Erneut versuchen'))
    expect(countText()).toBe('200 Dokumente geladen – weitere folgen beim Blättern.')
  })

  it('treats a list of the wrong shape as an error, and shows nothing of it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    postbox = installPostbox(api, [])
    for (const body of [
      { items: [{ ...letter(1), id: '../../etc/passwd' }], nextCursor: null, unreadCount: 0 },
      { items: [{ ...letter(1), category: 'spam' }], nextCursor: null, unreadCount: 0 },
      { items: [letter(1)], nextCursor: null },
      [letter(1)],
    ]) {
      api.on('GET', '/documents', { status: 200, body })
      mounted = await mountApp('/postbox', api, { stubs })
      expect(main().get('[role="alert"]').text(), JSON.stringify(body)).toContain(
        'Ihre Dokumente konnten nicht geladen werden.',
      )
      expect(main().find('[data-testid="document-list"]').exists()).toBe(false)
      mounted.wrapper.unmount()
    }
    mounted = await mountApp('/', api)
  })

  it('is linked from a contract, filtered to it', async () => {
    postbox = installPostbox(api, letters(30))
    api.on('GET', `/contracts/${LEASING_CONTRACT.id}`, {
      status: 200,
      body: {
        ...LEASING_CONTRACT,
        financedAmountCents: 2000000,
        downPaymentCents: 300000,
        nominalRatePct: 3.99,
        effectiveRatePct: 4.25,
        finalInstalmentCents: null,
        residualValueCents: 1400000,
        mileagePerYearKm: 15000,
        paymentsRemaining: 16,
        paymentDay: 1,
        bankAccount: null,
        parties: [{ role: 'holder', name: 'Anna Huber' }],
      },
    })
    api.on('GET', `/contracts/${LEASING_CONTRACT.id}/schedule`, {
      status: 200,
      body: { currency: 'EUR', items: [] },
    })
    mounted = await mountApp(`/contracts/${LEASING_CONTRACT.id}`, api, { stubs })
    const documentsLink = await vi.waitFor(() => link(main(), 'Dokumente zu diesem Vertrag'))
    expect(documentsLink.attributes('href')).toBe(`/postbox?contract=${LEASING_CONTRACT.id}`)

    await click(documentsLink)
    await vi.waitFor(() => expect(main().find('[data-testid="document-list"]').exists()).toBe(true))
    expect(postbox.pageCalls(api).at(-1)?.query).toEqual({
      contractId: LEASING_CONTRACT.id,
      limit: '100',
    })
    expect(field<HTMLSelectElement>(main(), 'Vertrag').element.value).toBe(LEASING_CONTRACT.id)
    expect(rows().every((row) => row.text().includes('Cooper SE · S-MINI 42'))).toBe(true)
  })

  it('is for activated customers only', async () => {
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: false } },
    })
    postbox = installPostbox(api, letters(3))
    mounted = await mountApp('/postbox', api, { stubs })
    expect(mounted.router.currentRoute.value.name).toBe('activation')
    expect(mounted.wrapper.find('[data-testid="nav-postbox"]').exists()).toBe(false)
    expect(postbox.listCalls(api)).toHaveLength(0)
  })
})

describe('the preview', () => {
  let mounted: MountedApp
  let api: FakeApi
  let postbox: FakePostbox

  beforeEach(async () => {
    resetLocale()
    api = installFakeApi()
    activatedSession(api)
    postbox = installPostbox(api, [
      letter(1, { title: 'Zahlungserinnerung', read: false, category: 'notice' }),
      letter(2, { read: false }),
      letter(3, { read: false }),
      letter(4, { read: true }),
    ])
    mounted = await mountApp('/postbox', api, { stubs })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const badge = () => plain(mounted.wrapper.get('[data-testid="nav-postbox"]').text())
  const viewButton = (id: string): DOMWrapper<HTMLButtonElement> =>
    main().find<HTMLButtonElement>(`li[data-document-id="${id}"] [data-action="preview"]`)

  it('shows the letter’s bytes in a dialog and marks it read, in the list and the badge', async () => {
    expect(badge()).toBe('Postfach 3 ungelesen')
    viewButton(docId(1)).element.focus()
    await click(viewButton(docId(1)))

    const dialog = main().get('[data-testid="preview"]')
    expect(dialog.element.tagName).toBe('DIALOG')
    expect(dialog.attributes('open')).toBeDefined()
    const title = dialog.get('h2')
    expect(title.text()).toBe('Zahlungserinnerung')
    expect(dialog.attributes('aria-labelledby')).toBe(title.attributes('id'))
    await vi.waitFor(() =>
      expect(dialog.get('[data-testid="pdf-stub"]').text()).toBe(
        `Zahlungserinnerung: %PDF-1.7 ${docId(1)}`,
      ),
    )
    expect(api.callsTo('GET', `/documents/${docId(1)}/content`)).toHaveLength(1)
    expect(api.callsTo('POST', `/documents/${docId(1)}/read`)).toHaveLength(1)
    expect(plain(dialog.text())).toContain('Das Dokument hat 2 Seiten.')

    // Read now: no marker, one fewer in the badge, and no list reload for it.
    const listCalls = postbox.listCalls(api).length
    expect(badge()).toBe('Postfach 2 ungelesen')
    const row = main().get(`li[data-document-id="${docId(1)}"]`)
    expect(row.find('.doc-row--unread').exists()).toBe(false)
    expect(row.text()).not.toContain('Ungelesen')
    expect(postbox.listCalls(api)).toHaveLength(listCalls)
    expect(document.activeElement?.textContent?.trim()).toBe('Schließen')

    // Escape closes it and the focus goes back to where it was.
    await dialog.trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(main().find('[data-testid="preview"]').exists()).toBe(false)
    expect(document.activeElement).toBe(viewButton(docId(1)).element)
  })

  it('does not mark a letter read twice, and closes with its button', async () => {
    await click(viewButton(docId(4)))
    expect(api.callsTo('POST', `/documents/${docId(4)}/read`)).toHaveLength(0)
    expect(badge()).toBe('Postfach 3 ungelesen')
    await click(button(main().get('[data-testid="preview"]'), 'Schließen'))
    expect(main().find('[data-testid="preview"]').exists()).toBe(false)
  })

  it('puts the badge back when the server did not take the "read"', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    api.onMatch('POST', /\/read$/, apiError(500, 'internal_error'))
    await click(viewButton(docId(2)))
    await flushPromises()
    expect(badge()).toBe('Postfach 3 ungelesen')
    expect(
      main()
        .get(`li[data-document-id="${docId(2)}"]`)
        .find('.doc-row--unread')
        .exists(),
    ).toBe(true)
  })

  it('says why a letter cannot be shown, and tries again', async () => {
    api.onMatch('GET', /\/content$/, apiError(404, 'not_found'))
    await click(viewButton(docId(3)))
    const dialog = main().get('[data-testid="preview"]')
    const alert = await vi.waitFor(() => dialog.get('[role="alert"]'))
    expect(plain(alert.text())).toContain('Das Dokument konnte nicht geladen werden.')
    expect(plain(alert.text())).toContain('Die angeforderten Daten wurden nicht gefunden.')
    expect(dialog.find('[data-testid="pdf-stub"]').exists()).toBe(false)

    api.onMatch('GET', /\/content$/, { status: 200, body: new TextEncoder().encode('%PDF').buffer })
    await click(button(alert, 'Erneut versuchen'))
    await vi.waitFor(() => expect(dialog.find('[data-testid="pdf-stub"]').exists()).toBe(true))
  })

  it('offers the browser’s download in the web preview', async () => {
    await click(viewButton(docId(1)))
    const save = link(main().get('[data-testid="preview"]'), 'Speichern')
    expect(save.attributes('href')).toBe(`/api/v1/documents/${docId(1)}/content`)
    expect(save.attributes('download')).toBeDefined()
  })
})
