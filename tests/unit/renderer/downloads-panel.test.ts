// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type {
  BatchSnapshot,
  JobSnapshot,
  TransferErrorCode,
} from '../../../src/shared/downloads.ts'
import { SAVED_FILES_MAX_IDS } from '../../../src/shared/ipc.ts'
import { savedDocuments } from '../../../src/renderer/src/platform/index.ts'
import { TRANSFER_ERROR_KEYS } from '../../../src/renderer/src/stores/downloads.ts'
import { installFakeApi, type FakeApi } from './support/fake-api.ts'
import { installPostbox, letter, letters, docId } from './support/fake-documents.ts'
import { DEFAULT_FOLDER, fakeMmf, nextJobId, type FakeMmf } from './support/fake-mmf.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaSignedIn, stubs } from './support/postbox-view.ts'
import { button, click, hasButton, link } from './support/queries.ts'

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

const TITLE = 'Jahreskontoauszug 2025'

function job(patch: Partial<JobSnapshot> & { id: string }): JobSnapshot {
  return {
    documentId: docId(1),
    batchId: null,
    fileName: `2026-01-01 ${TITLE}.pdf`,
    state: 'running',
    bytes: 0,
    total: 48 * 1024,
    error: null,
    path: null,
    ...patch,
  }
}

describe('saving letters in the desktop app', () => {
  let mounted: MountedApp | undefined
  let api: FakeApi
  let mmf: FakeMmf

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    installPostbox(api, [
      // Dated 1 January in Vienna (still 31 December in UTC).
      letter(1, { title: TITLE, createdAt: '2025-12-31T23:30:00Z', sizeBytes: 48 * 1024 }),
      ...letters(30).slice(2),
    ])
    mmf = fakeMmf()
    vi.stubGlobal('mmf', mmf)
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  function app(): MountedApp {
    if (!mounted) throw new Error('the app is not mounted')
    return mounted
  }
  const main = () => app().wrapper.get('main')
  const row = (id: string) => main().get(`li[data-document-id="${id}"]`)
  const panel = () => main().get('[data-testid="downloads-panel"]')
  const panelJob = (id: string) => panel().get(`[data-job-id="${id}"]`)

  async function openPostbox(path = '/postbox'): Promise<void> {
    mounted = await mountApp(path, api, { stubs })
    await vi.waitFor(() => expect(main().find('[data-testid="document-list"]').exists()).toBe(true))
  }

  async function emit(jobSnapshot: JobSnapshot, batch: BatchSnapshot | null = null): Promise<void> {
    mmf.emit('documents:changed', { job: jobSnapshot, batch })
    await flushPromises()
  }

  it('saves a letter through main, follows its progress, and then opens it', async () => {
    const jobId = nextJobId()
    vi.mocked(mmf.documents.save).mockResolvedValueOnce({ ok: true, value: { jobId } })
    await openPostbox()

    await click(button(row(docId(1)), `Speichern: ${TITLE}`))
    // The renderer names the letter by its id only; main reads its title, day, size and
    // digest from the API, and chooses the file name and the folder.
    expect(mmf.documents.save).toHaveBeenCalledWith({ documentId: docId(1) })
    expect(panel().get('[aria-controls="downloads-jobs"]').attributes('aria-expanded')).toBe('true')
    expect(plain(panelJob(jobId).text())).toContain('Wartet …')

    await emit(job({ id: jobId, state: 'running', bytes: 24 * 1024 }))
    const bar = panelJob(jobId).get('[role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBe(String(24 * 1024))
    expect(bar.attributes('aria-valuemax')).toBe(String(48 * 1024))
    expect(bar.attributes('aria-valuetext')).toBe('24 KB von 48 KB')
    const nameId = bar.attributes('aria-labelledby') ?? ''
    expect(document.getElementById(nameId)?.textContent).toBe(`2026-01-01 ${TITLE}.pdf`)
    expect(plain(panelJob(jobId).text())).toContain('Wird gespeichert: 24 KB von 48 KB')
    expect(plain(row(docId(1)).text())).toContain('Wird gespeichert … 50 %')
    expect(plain(panel().text())).toContain('Wird gespeichert: 1')

    await click(button(row(docId(1)), `Abbrechen: ${TITLE}`))
    expect(mmf.documents.cancel).toHaveBeenCalledWith({ jobId })

    await emit(job({ id: jobId, state: 'done', bytes: 48 * 1024, path: '/home/anna/x.pdf' }))
    expect(panelJob(jobId).find('[role="progressbar"]').exists()).toBe(false)
    expect(plain(panelJob(jobId).text())).toContain('Gespeichert')
    expect(hasButton(row(docId(1)), `Speichern: ${TITLE}`)).toBe(false)

    await click(button(row(docId(1)), `Öffnen: ${TITLE}`))
    expect(mmf.documents.open).toHaveBeenCalledWith({ documentId: docId(1) })
    await click(button(row(docId(1)), `Im Ordner anzeigen: ${TITLE}`))
    expect(mmf.documents.showInFolder).toHaveBeenCalledWith({ documentId: docId(1) })
    await click(button(panelJob(jobId), `Öffnen: 2026-01-01 ${TITLE}.pdf`))
    expect(mmf.documents.open).toHaveBeenCalledTimes(2)
    // Only ever the letter's id: the renderer never names a path for main to open.
    for (const call of vi.mocked(mmf.documents.open).mock.calls) {
      expect(call).toEqual([{ documentId: docId(1) }])
    }
  })

  it('explains every transfer failure in German and in English, never by its code', async () => {
    await openPostbox()
    const codes = Object.keys(TRANSFER_ERROR_KEYS) as TransferErrorCode[]
    expect(codes).toHaveLength(9)
    const ids = new Map(codes.map((code) => [code, nextJobId()]))
    const idOf = (code: TransferErrorCode): string => ids.get(code) ?? ''
    for (const code of codes) {
      await emit(job({ id: idOf(code), state: 'failed', error: code, fileName: `${code}.pdf` }))
    }

    const textsIn = () => codes.map((code) => plain(panelJob(idOf(code)).get('.job__state').text()))
    const german = textsIn()
    expect(new Set(german).size).toBe(codes.length)
    german.forEach((text, i) => {
      expect(text.length, codes[i]).toBeGreaterThan(20)
      expect(text, codes[i]).not.toContain(codes[i])
      expect(text, codes[i]).not.toMatch(/_|downloads\./)
    })
    const byCode = new Map(codes.map((code, i) => [code, german[i] ?? '']))
    expect(byCode.get('digest_mismatch')).toMatch(/beschädigt.*nicht gespeichert/)
    expect(byCode.get('disk_full')).toMatch(/nicht genug Platz/)
    expect(byCode.get('folder_not_writable')).toMatch(/anderen Speicherort/)
    expect(byCode.get('connection_lost')).toMatch(/dort weiter, wo es aufgehört hat/)
    expect(byCode.get('unauthenticated')).toMatch(/melden Sie sich erneut an/)

    // A failed letter can be tried again (main resumes it where it stopped).
    const lost = idOf('connection_lost')
    await click(button(panelJob(lost), 'Erneut versuchen: connection_lost.pdf'))
    expect(mmf.documents.retry).toHaveBeenCalledWith({ jobId: lost })

    await click(button(app().wrapper, 'English'))
    const english = textsIn()
    expect(new Set(english).size).toBe(codes.length)
    english.forEach((text, i) => {
      expect(text).not.toBe(german[i])
      expect(text, codes[i]).not.toMatch(/_|downloads\./)
    })
    expect(english[codes.indexOf('digest_mismatch')]).toMatch(/arrived damaged and was not saved/)
    expect(english[codes.indexOf('folder_not_writable')]).toMatch(/choose another folder/)
  })

  it('says in the row when saving failed, and tries again from there', async () => {
    await openPostbox()
    const id = nextJobId()
    await emit(job({ id, state: 'failed', error: 'disk_full' }))
    expect(plain(row(docId(1)).text())).toContain('Nicht gespeichert')
    await click(button(row(docId(1)), `Erneut versuchen: ${TITLE}`))
    expect(mmf.documents.retry).toHaveBeenCalledWith({ jobId: id })
  })

  it('shows which letters are saved, and offers to save again when the file has gone', async () => {
    vi.mocked(mmf.documents.savedFiles).mockImplementation(async ({ documentIds }) => ({
      ok: true as const,
      value: {
        files: documentIds.flatMap((documentId) =>
          documentId === docId(1) || documentId === docId(2)
            ? [{ documentId, fileName: `${documentId}.pdf`, exists: documentId === docId(1) }]
            : [],
        ),
      },
    }))
    await openPostbox()
    await vi.waitFor(() => expect(mmf.documents.savedFiles).toHaveBeenCalled())
    await flushPromises()
    const asked = vi.mocked(mmf.documents.savedFiles).mock.calls.flatMap(([arg]) => arg.documentIds)
    const shown = main()
      .findAll('li[data-document-id]')
      .map((li) => li.attributes('data-document-id'))
    expect(asked.sort()).toEqual([...shown].sort())

    expect(hasButton(row(docId(1)), `Öffnen: ${TITLE}`)).toBe(true)
    expect(hasButton(row(docId(1)), `Speichern: ${TITLE}`)).toBe(false)
    await click(button(row(docId(2)), 'Datei nicht mehr vorhanden – erneut speichern: Brief 2'))
    expect(mmf.documents.save).toHaveBeenLastCalledWith({ documentId: docId(2) })
    expect(hasButton(row(docId(3)), 'Speichern: Brief 3')).toBe(true)

    // The file was deleted since: opening says so and the row asks main again.
    vi.mocked(mmf.documents.open).mockResolvedValueOnce({ ok: true, value: { opened: false } })
    const callsBefore = vi.mocked(mmf.documents.savedFiles).mock.calls.length
    await click(button(row(docId(1)), `Öffnen: ${TITLE}`))
    expect(plain(panel().get('[role="alert"]').text())).toContain(
      'Die Datei konnte nicht geöffnet werden.',
    )
    expect(vi.mocked(mmf.documents.savedFiles).mock.calls.slice(callsBefore)).toEqual([
      [{ documentIds: [docId(1)] }],
    ])
  })

  it('asks which letters are saved in chunks the contract allows', async () => {
    const ids = Array.from({ length: 1201 }, (_, i) => `doc-${i}`)
    vi.mocked(mmf.documents.savedFiles).mockImplementation(async ({ documentIds }) => ({
      ok: true as const,
      value: {
        files: documentIds.map((documentId) => ({ documentId, fileName: 'x.pdf', exists: true })),
      },
    }))
    const files = await savedDocuments.savedFiles(ids)
    const sizes = vi
      .mocked(mmf.documents.savedFiles)
      .mock.calls.map(([arg]) => arg.documentIds.length)
    expect(sizes).toEqual([SAVED_FILES_MAX_IDS, SAVED_FILES_MAX_IDS, 201])
    expect(files.map((f) => f.documentId)).toEqual(ids)
  })

  it('saves every letter of the filter with one overall progress, and cancels it', async () => {
    const batchId = nextJobId()
    vi.mocked(mmf.documents.saveAll).mockResolvedValueOnce({
      ok: true,
      value: { batchId, count: 40 },
    })
    await openPostbox('/postbox?category=statement&year=2026&q=Brief')
    await click(button(main(), 'Alle speichern'))
    // The filter as the list has it: main lists the letters itself.
    expect(mmf.documents.saveAll).toHaveBeenCalledWith({
      filter: { category: 'statement', year: 2026, q: 'Brief' },
    })
    const progress = () => main().get('[data-testid="save-all-progress"]')
    expect(plain(progress().text())).toContain('0 von 40 Dokumenten gespeichert')

    const batch: BatchSnapshot = {
      id: batchId,
      jobs: 40,
      done: 12,
      failed: 0,
      cancelled: 0,
      bytes: 12 * 4096,
      total: 40 * 4096,
      finished: false,
    }
    await emit(job({ id: nextJobId(), batchId, state: 'done' }), batch)
    expect(plain(progress().text())).toContain('12 von 40 Dokumenten gespeichert')
    const bar = progress().get('[role="progressbar"]')
    expect([bar.attributes('aria-valuenow'), bar.attributes('aria-valuemax')]).toEqual(['12', '40'])
    expect(bar.attributes('aria-valuetext')).toBe('12 von 40 Dokumenten gespeichert')

    await click(button(progress(), 'Abbrechen'))
    expect(mmf.documents.cancelBatch).toHaveBeenCalledWith({ batchId })
    await emit(job({ id: nextJobId(), batchId, state: 'cancelled', error: 'cancelled' }), {
      ...batch,
      cancelled: 28,
      finished: true,
    })
    expect(plain(progress().text())).toContain('Nicht gespeichert: 28.')
    expect(plain(progress().text())).toContain('Fertig: 12 von 40 Dokumenten gespeichert.')
    await click(button(progress(), 'Ausblenden'))
    expect(main().find('[data-testid="save-all-progress"]').exists()).toBe(false)
  })

  it('says when "save all" finds nothing to save', async () => {
    vi.mocked(mmf.documents.saveAll).mockResolvedValueOnce({
      ok: true,
      value: { batchId: nextJobId(), count: 0 },
    })
    await openPostbox()
    await click(button(main(), 'Alle speichern'))
    expect(plain(main().get('[data-testid="save-all-progress"]').text())).toContain(
      'Zu dieser Auswahl gibt es keine Dokumente zum Speichern.',
    )
  })

  it('shows the download folder and changes it with the system’s folder picker', async () => {
    await openPostbox()
    const folderText = () => plain(panel().get('.downloads__folder-text').text())
    expect(folderText()).toBe('Speicherort: /home/anna/Downloads/My MINI Finance (Standardordner)')
    expect(hasButton(panel(), 'Standardordner')).toBe(false)

    // Cancelled in the picker: nothing changes.
    await click(button(panel(), 'Ändern…'))
    expect(mmf.settings.chooseDownloadFolder).toHaveBeenCalledTimes(1)
    expect(folderText()).toContain(DEFAULT_FOLDER.folder)

    vi.mocked(mmf.settings.chooseDownloadFolder).mockResolvedValueOnce({
      ok: true,
      value: { folder: '/media/usb/Briefe', isDefault: false, chosen: true },
    })
    await click(button(panel(), 'Ändern…'))
    expect(folderText()).toBe('Speicherort: /media/usb/Briefe')

    await click(button(panel(), 'Standardordner'))
    expect(mmf.settings.resetDownloadFolder).toHaveBeenCalledTimes(1)
    expect(folderText()).toContain('(Standardordner)')
  })

  it('says when main refused an action', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.mocked(mmf.documents.save).mockResolvedValueOnce({
      ok: false,
      error: { code: 'failed' },
    })
    await openPostbox()
    await click(button(row(docId(1)), `Speichern: ${TITLE}`))
    expect(plain(panel().get('[role="alert"]').text())).toBe(
      'Das Dokument konnte nicht zum Speichern vorgemerkt werden. Bitte versuchen Sie es erneut.',
    )
  })

  it('says when the letter is no longer there (main found nothing under its id), in German and English', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.mocked(mmf.documents.save).mockResolvedValue({ ok: false, error: { code: 'not_found' } })
    await openPostbox()
    await click(button(row(docId(1)), `Speichern: ${TITLE}`))
    expect(plain(panel().get('[role="alert"]').text())).toBe(
      'Dieses Dokument ist nicht mehr verfügbar.',
    )
    await click(button(app().wrapper, 'English'))
    await click(button(row(docId(1)), `Save: ${TITLE}`))
    expect(plain(panel().get('[role="alert"]').text())).toBe(
      'This document is no longer available.',
    )
    expect(panel().find('[data-job-id]').exists()).toBe(false)
  })

  it('picks up the queue main already has, and stops following it when the page is left', async () => {
    const running = nextJobId()
    vi.mocked(mmf.documents.downloads).mockResolvedValueOnce({
      ok: true,
      value: { jobs: [job({ id: running, bytes: 1024 })], batches: [] },
    })
    await openPostbox()
    expect(plain(panelJob(running).text())).toContain('Wird gespeichert: 1 KB von 48 KB')
    expect(mmf.listeners('documents:changed')).toBe(1)

    await app().router.push('/help')
    await flushPromises()
    expect(mmf.listeners('documents:changed')).toBe(0)
  })

  it('ignores what main pushes in an unexpected shape', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await openPostbox()
    const bad: unknown[] = [
      { job: { ...job({ id: nextJobId() }), state: 'exploded' }, batch: null },
      { job: { ...job({ id: nextJobId() }), fileName: 42 }, batch: null },
      { job: { ...job({ id: nextJobId() }), bytes: -1 }, batch: null },
      { job: job({ id: nextJobId() }), batch: { id: 'b', jobs: '40' } },
      null,
    ]
    for (const payload of bad) {
      mmf.emit('documents:changed', payload as never)
    }
    await flushPromises()
    expect(panel().findAll('[data-job-id]')).toHaveLength(0)
    expect(warn).toHaveBeenCalledTimes(bad.length)
  })
})

describe('saving letters in the web preview and in kiosk mode', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    installPostbox(api, letters(5))
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const row = (id: string) => main().get(`li[data-document-id="${id}"]`)

  it('is an ordinary browser download in the web preview, without panel or "save all"', async () => {
    mounted = await mountApp('/postbox', api, { stubs })
    const save = link(row(docId(1)), 'Speichern: Brief 1')
    expect(save.attributes('href')).toBe(`/api/v1/documents/${docId(1)}/content`)
    expect(save.attributes('download')).toBeDefined()
    expect(main().find('[data-testid="downloads-panel"]').exists()).toBe(false)
    expect(hasButton(main(), 'Alle speichern')).toBe(false)
    expect(main().text()).not.toContain('Speicherort')
  })

  it('offers no saving at all on a kiosk terminal (desktop app)', async () => {
    const mmf = fakeMmf({ kiosk: true })
    vi.stubGlobal('mmf', mmf)
    mounted = await mountApp('/postbox', api, { stubs })
    expect(main().findAll('li[data-document-id]').length).toBe(5)
    expect(main().text()).not.toContain('Speichern')
    expect(main().findAll('a[download]')).toHaveLength(0)
    expect(main().find('[data-testid="downloads-panel"]').exists()).toBe(false)
    expect(mmf.documents.downloads).not.toHaveBeenCalled()
    expect(mmf.listeners('documents:changed')).toBe(0)

    await click(
      main().find<HTMLElement>(`li[data-document-id="${docId(1)}"] [data-action="preview"]`),
    )
    const dialog = main().get('[data-testid="preview"]')
    expect(dialog.text()).not.toContain('Speichern')
    expect(hasButton(dialog, 'Schließen')).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(mmf.documents.savedFiles).not.toHaveBeenCalled()
  })

  it('offers no saving at all on a kiosk terminal (web preview)', async () => {
    api.on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: true, keychain: 'memory' },
    })
    mounted = await mountApp('/postbox', api, { stubs })
    expect(main().findAll('li[data-document-id]').length).toBe(5)
    expect(main().findAll('a[download]')).toHaveLength(0)
    expect(main().text()).not.toContain('Speichern')
  })
})
