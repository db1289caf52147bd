/** The postbox end to end: the list, filters, preview (marks read), download, the unread count, 10,000 letters. */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import { freeDemoCustomer, registerAndConfirmByApi, SignInPage } from '../pages/auth-pages.ts'
import { ActivationPage, codeFromNewestLetter, ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

interface ListItem {
  id: string
  title: string
  category: string
  sha256: string
  sizeBytes: number
  read: boolean
}

async function listAll(api: APIRequestContext, query = ''): Promise<ListItem[]> {
  const items: ListItem[] = []
  let cursor: string | null = null
  do {
    const response = await api.get(
      `/api/v1/documents?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    expect(response.status()).toBe(200)
    const page = (await response.json()) as { items: ListItem[]; nextCursor: string | null }
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== null)
  return items
}

test.describe('the postbox', () => {
  test('list, filters, preview marks read, download, unread count', async ({ page }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()

    const postbox = new PostboxPage(page)
    await expect(postbox.navLink).toHaveAccessibleName('Postfach 4 ungelesen')
    await postbox.open()
    const all = await listAll(page.request)
    expect(all.length).toBeGreaterThanOrEqual(24)
    await expect(postbox.status).toHaveText(`${all.length} Dokumente`)
    // Newest first, with category, contract, date and size on each row.
    const first = postbox.rows.first()
    await expect(first).toContainText(all[0]?.title as string)
    await expect(first).toContainText(/\d{2}\.\d{2}\.\d{4}/)
    await expect(first).toContainText(/\d+ KB/)
    await saveScreenshot(page, '30-postbox')

    // Unread only: the four newest letters, each marked.
    await page.getByRole('checkbox', { name: 'Nur ungelesene' }).check()
    await expect(page).toHaveURL(/unread=1/)
    await expect(postbox.rows).toHaveCount(4)
    await expect(postbox.rows.filter({ hasText: 'Ungelesen:' })).toHaveCount(4)
    await page.getByRole('checkbox', { name: 'Nur ungelesene' }).uncheck()

    // A category, then a search in the titles: the list asks the server and agrees with it.
    await postbox.selectFilter('Kategorie', 'Kontoauszug')
    const statements = all.filter((d) => d.category === 'statement')
    await expect(postbox.status).toHaveText(`${statements.length} Dokumente`)
    await page.getByLabel('Im Titel suchen').fill('Jahreskontoauszug')
    const annual = statements.filter((d) => /jahreskontoauszug/i.test(d.title))
    expect(annual.length).toBeGreaterThan(0)
    await expect(postbox.status).toHaveText(
      annual.length === 1 ? '1 Dokument' : `${annual.length} Dokumente`,
    )
    for (const title of await postbox.rows.locator('.doc-row__title').allTextContents())
      expect(title).toMatch(/Jahreskontoauszug/)
    await saveScreenshot(page, '31-postbox-filtered')
    await page.getByLabel('Im Titel suchen').fill('gibt es nicht')
    await expect(page.getByRole('heading', { name: 'Keine Dokumente gefunden' })).toBeVisible()
    await page
      .getByTestId('postbox-empty')
      .getByRole('button', { name: 'Filter zurücksetzen' })
      .click()
    await expect(postbox.status).toHaveText(`${all.length} Dokumente`)

    // Preview the newest unread letter inside the app: its pages are drawn, it counts as read.
    const unread = all.find((d) => !d.read) as ListItem
    const row = postbox.row(unread.title)
    await row.getByRole('button', { name: /^Ansehen/ }).click()
    const dialog = page.getByTestId('preview')
    await expect(dialog.getByRole('heading', { name: unread.title })).toBeVisible()
    await expect(dialog.getByRole('img', { name: /^Seite 1 von \d+/ })).toBeVisible({
      timeout: 30_000,
    })
    await expect(dialog.locator('canvas').first()).toBeVisible()
    await expect(postbox.navLink).toHaveAccessibleName('Postfach 3 ungelesen')
    await saveScreenshot(page, '32-postbox-preview')
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(row.getByText('Ungelesen:')).toHaveCount(0)
    const after = await listAll(page.request)
    expect(after.find((d) => d.id === unread.id)?.read).toBe(true)

    // Save: in the web preview an ordinary browser download of the same bytes.
    const target = all[1] as ListItem
    const downloading = page.waitForEvent('download')
    // In the web preview "Speichern" is a link to the content (in the desktop app a button).
    await postbox
      .row(target.title)
      .getByRole('link', { name: /^Speichern/ })
      .click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const bytes = readFileSync(await download.path())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.byteLength).toBe(target.sizeBytes)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(target.sha256)
  })

  test('a contract’s page opens its documents; English texts', async ({ page }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await contracts.open('Leasing')
    await page.getByRole('link', { name: 'Dokumente zu diesem Vertrag' }).click()
    const postbox = new PostboxPage(page)
    await postbox.expectShown()
    await expect(page).toHaveURL(/contract=/)
    const contractId = /contract=([^&]+)/.exec(page.url())?.[1] as string
    const ofContract = await listAll(page.request, `&contractId=${contractId}`)
    expect(ofContract.length).toBeGreaterThan(0)
    await expect(postbox.status).toHaveText(`${ofContract.length} Dokumente`)
    await page.getByRole('button', { name: 'English' }).click()
    await expect(postbox.heading).toHaveText('Postbox')
    await expect(postbox.status).toHaveText(`${ofContract.length} documents`)
    await saveScreenshot(page, '33-postbox-contract-en')
  })

  test('10,000 letters: only a window of rows is drawn, pages load as you scroll', async ({
    page,
  }) => {
    // Katharina Steiner (the demo's 10,000-letter customer), registered via the API, activated in the app.
    const api = page.request
    const free = []
    for (let i = 0; ; i++) {
      const c = await freeDemoCustomer(api, i).catch(() => null)
      if (!c) break
      free.push(c)
    }
    const katharina = free.find((c) => c.customerNumber === '101046219')
    if (!katharina) throw new Error('the 10,000-letter demo customer is not free')
    const email = 'katharina.steiner@example.at'
    const password = 'Schlossberg-Fiaker-Sachertorte-7'
    await registerAndConfirmByApi(api, { ...katharina, email, password })
    const code = await codeFromNewestLetter(api, katharina.lastName)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(email, password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    await activation.enter(code)
    await new ContractsPage(page).expectShown()
    await new PostboxPage(page).open()

    const postbox = new PostboxPage(page)
    const drawn = await postbox.rows.count()
    expect(drawn).toBeLessThan(60)
    // Scrolling to the end of what is loaded fetches the next pages; still only a window drawn.
    const firstIndex = async (): Promise<number> =>
      Number(await postbox.rows.first().getAttribute('aria-posinset'))
    await expect(postbox.status).toHaveText('100 Dokumente geladen – weitere folgen beim Blättern.')
    await expect
      .poll(
        async () => {
          await postbox.rows.last().scrollIntoViewIfNeeded()
          return postbox.status.textContent()
        },
        { timeout: 60_000, intervals: [100] },
      )
      .toMatch(/^[2-9]00 Dokumente geladen/)
    expect(await firstIndex()).toBeGreaterThan(50)
    await expect(postbox.rows.first()).toHaveAttribute('aria-setsize', /^(-1|\d{3,})$/)
    expect(await postbox.rows.count()).toBeLessThan(60)
    await saveScreenshot(page, '34-postbox-10000')
  })
})
