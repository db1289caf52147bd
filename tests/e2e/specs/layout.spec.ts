/**
 * Layouts that fit (issue 13, points 12–15). Every screen and dialog, in German and
 * English, is checked at 800 px (nothing sideways, the header in at most two rows) and
 * 1280 px (one row) by the accessibility walks (fixtures/axe.ts checkScreen). Here the
 * screens the issue named,
 * at 1280 and 800 px with screenshots: the postbox (the window's height, "more
 * below", nothing cut at 200 % zoom), the instalment plan (opens at the next
 * instalment), the travel permission and the address dialog, the header.
 */
import type { Locator, Page } from '@playwright/test'
import { AppShell } from '../pages/app-shell.ts'
import { SignInPage } from '../pages/auth-pages.ts'
import { contractField, ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { ProfilePage } from '../pages/profile-page.ts'
import { headerRows, NARROW, sidewaysOverflow, WIDE } from '../fixtures/layout.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

async function signInAsAnna(page: Page): Promise<void> {
  await new SignInPage(page).open()
  await new SignInPage(page).signIn(ANNA.email, ANNA.password)
  await new ContractsPage(page).expectShown()
}

async function width(page: Page, pixels: number): Promise<void> {
  await page.setViewportSize({ width: pixels, height: page.viewportSize()?.height ?? 860 })
}

/** The element's box, which must be there. */
async function box(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox()
  if (!found) throw new Error(`${locator.toString()} has no box`)
  return found
}

test.describe('the screens issue 13 named, at 1280 and 800 px', () => {
  test('the postbox takes the window’s height and says that more letters follow', async ({
    page,
  }) => {
    await signInAsAnna(page)
    const postbox = new PostboxPage(page)
    await postbox.open()
    const list = page.getByTestId('document-list')
    // Not a box of a few rows: the page scrolls the list, and its rows reach the window's edge.
    expect(await list.evaluate((el) => getComputedStyle(el).overflowY)).toBe('visible')
    const more = page.getByTestId('more-below')
    await expect(more).toHaveText(/^↓ Noch \d+ Dokumente weiter unten$/)
    const bar = await box(more)
    const viewport = page.viewportSize()?.height ?? 860
    expect(Math.abs(bar.y + bar.height - viewport)).toBeLessThan(1)
    const lastDrawn = await box(postbox.rows.last())
    expect(lastDrawn.y + lastDrawn.height).toBeGreaterThan(viewport)
    await saveScreenshot(page, '95-postbox-1280', { fullPage: false })

    await width(page, NARROW)
    await expect(more).toBeVisible()
    expect(await sidewaysOverflow(page)).toEqual([])
    await saveScreenshot(page, '95-postbox-800', { fullPage: false })

    // At the end of the list the bar has nothing more to say.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    await expect(more).toHaveCount(0)
  })

  test.describe('at 200 % zoom (a 1280 × 860 window: 640 × 430 CSS pixels, two device pixels each)', () => {
    test.use({ viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 })

    test('the postbox cuts nothing off: every title, date and size is there in full', async ({
      page,
    }) => {
      await signInAsAnna(page)
      const postbox = new PostboxPage(page)
      await postbox.open()
      await expect(page.getByTestId('more-below')).toBeVisible()
      expect(await sidewaysOverflow(page)).toEqual([])
      const cut = await page.getByTestId('document-list').evaluate((list) =>
        [...list.querySelectorAll<HTMLElement>('li[data-index]')].flatMap((row) => {
          const problems: string[] = []
          const rowBox = row.getBoundingClientRect()
          for (const part of row.querySelectorAll<HTMLElement>('p, time, button, a')) {
            const partBox = part.getBoundingClientRect()
            const what = `${part.tagName} "${(part.textContent ?? '').trim()}"`
            if (part.scrollWidth > part.clientWidth + 1) problems.push(`${what} is cut`)
            if (partBox.bottom > rowBox.bottom + 0.5 || partBox.right > rowBox.right + 0.5)
              problems.push(`${what} sticks out of its row`)
          }
          return problems
        }),
      )
      expect(cut).toEqual([])
      await expect(postbox.rows.first().locator('time')).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/)
      // Scrolled to the list: its rows, and the bar at the window's edge.
      await page.getByTestId('document-list').evaluate((list) => list.scrollIntoView())
      const bar = await box(page.getByTestId('more-below'))
      expect(Math.abs(bar.y + bar.height - 430)).toBeLessThan(1)
      await saveScreenshot(page, '95-postbox-200-percent', { fullPage: false })
    })
  })

  test('the instalment plan opens at the next instalment; the FIN stays in its column', async ({
    page,
  }) => {
    await signInAsAnna(page)
    const contracts = new ContractsPage(page)
    // The balloon (48 instalments, 14 paid): Anna's leasing ends within 6 months, so its
    // window of 12 rows shows the plan's last 12 with the next instalment among them.
    await contracts.open('Ballonfinanzierung')
    const plan = page.getByTestId('schedule').locator('tbody tr')
    await expect(plan.first()).toHaveAttribute('aria-current', 'true')
    await expect(plan.first()).toContainText('Nächste Rate')
    await expect(plan).toHaveCount(12)
    await expect(page.getByTestId('schedule-range')).toHaveText(/^Raten \d+ bis \d+ von 48$/)
    // The plan is no box of its own that hides the next instalment below the paid ones.
    const region = page.getByRole('region', { name: 'Ratenplan als Tabelle' })
    expect(await region.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true)
    await page.getByRole('heading', { name: 'Ratenplan' }).scrollIntoViewIfNeeded()
    await saveScreenshot(page, '96-contract-plan-1280', { fullPage: false })
    await page.getByRole('button', { name: 'Alle anzeigen' }).click()
    await expect(plan).toHaveCount(48)
    await expect(page.locator('tr[aria-current="true"]')).toHaveCount(1)
    await page.getByRole('button', { name: 'Weniger anzeigen' }).click()
    await expect(plan).toHaveCount(12)

    // At 800 px, in both languages: every value inside its row, the FIN whole.
    await width(page, NARROW)
    for (const language of ['Deutsch', 'English'] as const) {
      await new AppShell(page).chooseLanguage(language)
      const outside = await page.getByTestId('contract-fields').evaluate((fields) =>
        [...fields.querySelectorAll('dd')].flatMap((value) => {
          const range = document.createRange()
          range.selectNodeContents(value)
          const text = range.getBoundingClientRect()
          const row = (value.parentElement as HTMLElement).getBoundingClientRect()
          return text.right > row.right + 0.5 ? [value.textContent ?? ''] : []
        }),
      )
      expect(outside, `values outside their rows (${language})`).toEqual([])
    }
    await new AppShell(page).chooseLanguage('Deutsch')
    const vin = contractField(page, 'Fahrgestellnummer (FIN)')
    await expect(vin).toHaveText(/^[A-HJ-NPR-Z0-9]{17}$/)
    // Whole: on one line.
    const lines = await vin.evaluate((value) => {
      const range = document.createRange()
      range.selectNodeContents(value)
      return new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size
    })
    expect(lines).toBe(1)
    expect(await sidewaysOverflow(page)).toEqual([])
    await saveScreenshot(page, '96-contract-800')
  })

  test('the travel permission: countries by name, an error that names what is missing, dates as wide as a date', async ({
    page,
  }) => {
    await signInAsAnna(page)
    await page.getByRole('navigation').getByRole('link', { name: 'Services' }).click()
    const contract = page.getByLabel('Vertrag', { exact: true })
    const leasing = await contract.locator('option', { hasText: 'Leasing' }).first().textContent()
    await contract.selectOption({ label: (leasing as string).trim() })
    await page.getByRole('radio', { name: 'Genehmigung für Fahrten ins Ausland' }).check()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    const countries = page.getByRole('group', { name: 'Reiseländer' })
    await expect(countries).toHaveAccessibleDescription(/Bitte wählen Sie mindestens ein Land\./)
    const names = await countries
      .getByRole('checkbox')
      .evaluateAll((boxes) =>
        boxes.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''),
      )
    expect(names).toEqual([...names].sort(new Intl.Collator('de').compare))
    expect(names.indexOf('Türkei')).toBe(names.indexOf('Tunesien') + 1)
    for (const label of ['Reisebeginn', 'Reiseende']) {
      // A date field as wide as a date (and its calendar button), not as the form.
      expect((await box(page.getByLabel(label))).width).toBeLessThanOrEqual(13 * 16)
    }
    await saveScreenshot(page, '97-travel-1280')
    await width(page, NARROW)
    expect(await sidewaysOverflow(page)).toEqual([])
    await saveScreenshot(page, '97-travel-800')
  })

  test('the address dialog: the country first, errors across the row', async ({ page }) => {
    await signInAsAnna(page)
    const profile = new ProfilePage(page)
    await profile.open()
    const dialog = await profile.openAddressDialog()
    await expect(dialog.getByRole('combobox', { name: 'Land' })).toBeFocused()
    await profile.fillAddress({ street: '', houseNumber: '', postalCode: '' })
    await dialog.getByRole('button', { name: 'Speichern' }).click()
    const houseNumber = dialog.getByLabel('Hausnummer', { exact: true })
    await expect(houseNumber).toHaveAttribute('aria-invalid', 'true')
    for (const pixels of [WIDE, NARROW]) {
      await width(page, pixels)
      // The narrow column's error runs across the row: a line or two, not a word per line.
      const error = dialog.locator('#address-house-number-error')
      await expect(error).not.toBeEmpty()
      const errorBox = await box(error)
      const inputBox = await box(houseNumber)
      expect(errorBox.width).toBeGreaterThan(inputBox.width * 1.5)
      expect(errorBox.height).toBeLessThan(3 * 24)
      // Inputs side by side line up, whichever has a hint.
      const postal = await box(dialog.getByLabel('Postleitzahl', { exact: true }))
      const city = await box(dialog.getByLabel('Ort', { exact: true }))
      expect(Math.abs(postal.y - city.y)).toBeLessThan(1)
      expect(await sidewaysOverflow(page)).toEqual([])
      await saveScreenshot(page, `98-address-${pixels}`, { fullPage: false })
    }
  })

  test('the header: one row at 1280 px, two at 800 px, the customer menu open', async ({
    page,
  }) => {
    await signInAsAnna(page)
    const shell = new AppShell(page)
    for (const language of ['English', 'Deutsch'] as const) {
      await shell.chooseLanguage(language)
      await width(page, WIDE)
      expect(await headerRows(page)).toBe(1)
      await saveScreenshot(page, `99-header-1280-${language === 'English' ? 'en' : 'de'}`, {
        fullPage: false,
      })
      await width(page, NARROW)
      expect(await headerRows(page)).toBe(2)
      await saveScreenshot(page, `99-header-800-${language === 'English' ? 'en' : 'de'}`, {
        fullPage: false,
      })
    }
    await shell.openAccountMenu()
    await expect(
      page.getByRole('banner').getByRole('link', { name: 'Passwort ändern' }),
    ).toBeVisible()
    await saveScreenshot(page, '99-header-800-menu', { fullPage: false })
  })

  test.describe('on a kiosk terminal', () => {
    test.use({ previewArgs: ['--kiosk'], viewport: { width: NARROW, height: 860 } })

    test('the start screen shows the support contacts once', async ({ page }) => {
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expect(page.getByTestId('kiosk-support')).toContainText('+43 662 2191 4920')
      await expect(page.getByText('+43 662 2191 4920')).toHaveCount(1)
      expect(await sidewaysOverflow(page)).toEqual([])
      await saveScreenshot(page, '99-kiosk-start-800')
    })
  })
})
