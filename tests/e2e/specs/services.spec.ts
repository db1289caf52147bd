/** Service requests end to end: a payoff quote answered at once, a travel permission the back office answers. */
import { advanceDemoClock, SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { earliestDate, germanDate } from '../pages/date-fields.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

/** YYYY-MM-DD plus days. */
function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

test.describe('services', () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    await page.getByRole('navigation').getByRole('link', { name: 'Services' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  })

  test('a payoff quote is answered at once with an itemised PDF', async ({ page }) => {
    const contract = page.getByLabel('Vertrag', { exact: true })
    const loan = await contract.locator('option', { hasText: 'Kredit' }).first().textContent()
    await contract.selectOption({ label: (loan as string).trim() })
    await page.getByRole('radio', { name: 'Ablöseangebot' }).check()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    const payoffDate = page.getByLabel('Ablösetermin')
    await payoffDate.fill(germanDate(plusDays(await earliestDate(payoffDate), 3)))
    await saveScreenshot(page, '40-service-payoff-form')
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    await page.getByRole('button', { name: 'Anfrage senden' }).click()

    const confirmation = page.getByTestId('service-confirmation')
    await expect(page.getByTestId('service-reference')).toHaveText(/^SR-\d{4}-\d{6}$/)
    await expect(confirmation).toContainText('Erledigt')
    await saveScreenshot(page, '41-service-payoff-confirmation')
    await confirmation.getByRole('button', { name: 'Dokument öffnen' }).click()
    const preview = page.getByTestId('preview')
    await expect(preview.getByRole('heading', { name: /Ablöse/ })).toBeVisible()
    await expect(preview.getByRole('img', { name: /^Seite 1 von \d+/ })).toBeVisible({
      timeout: 30_000,
    })
    // The PDF's text layer itemises the payoff amount.
    await expect(preview).toContainText(/Ablösebetrag/)
    await expect(preview).toContainText(/€\s?\d{1,3}(\.\d{3})*,\d{2}/)
    await saveScreenshot(page, '42-service-payoff-pdf')
    await page.keyboard.press('Escape')

    // The same request is listed, answered, and its letter is in the postbox.
    const requests = page.getByTestId('service-requests')
    await expect(requests.getByRole('listitem').first()).toContainText('Ablöseangebot')
    const documents = (await (
      await page.request.get('/api/v1/documents?category=service')
    ).json()) as {
      items: { title: string }[]
    }
    expect(documents.items.some((d) => /Ablöse/.test(d.title))).toBe(true)
  })

  test('a travel permission is answered by the back office after the demo clock moves on', async ({
    page,
  }) => {
    const contract = page.getByLabel('Vertrag', { exact: true })
    const leasing = await contract.locator('option', { hasText: 'Leasing' }).first().textContent()
    await contract.selectOption({ label: (leasing as string).trim() })
    await page.getByRole('radio', { name: 'Genehmigung für Fahrten ins Ausland' }).check()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    await page.getByRole('checkbox', { name: 'Schweiz' }).check()
    await page.getByRole('checkbox', { name: 'Norwegen' }).check()
    const from = page.getByLabel('Reisebeginn')
    const min = await earliestDate(from)
    await from.fill(germanDate(plusDays(min, 10)))
    await page.getByLabel('Reiseende').fill(germanDate(plusDays(min, 24)))
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    await expect(page.getByText('Schweiz')).toBeVisible()
    await page.getByRole('button', { name: 'Anfrage senden' }).click()
    const confirmation = page.getByTestId('service-confirmation')
    await expect(confirmation).toContainText('Eingegangen')
    const reference = (await page.getByTestId('service-reference').textContent()) as string

    // Two working days at most: three days on the demo clock always cover them.
    await advanceDemoClock(page.request, 3 * 86_400 + 3600)
    await page.getByRole('button', { name: 'Aktualisieren' }).click()
    const row = page
      .getByTestId('service-requests')
      .getByRole('listitem')
      .filter({ hasText: reference })
    await expect(row).toContainText('Erledigt')
    await saveScreenshot(page, '43-service-travel-completed')
    await row.getByRole('button', { name: /^Antwort öffnen/ }).click()
    await expect(
      page.getByTestId('preview').getByRole('img', { name: /^Seite 1 von/ }),
    ).toBeVisible({ timeout: 30_000 })
    // The customer was told by e-mail, without the letter's content.
    const outbox = (await (
      await page.request.get(`/api/v1/dev/outbox?to=${encodeURIComponent(ANNA.email)}&kind=email`)
    ).json()) as { items: { subject: string; text: string }[] }
    const notice = outbox.items.find((m) => /Neues? Dokument/.test(m.subject))
    expect(notice?.text).toMatch(
      /in Ihrem Postfach in der App My MINI Finance (liegt ein neues Dokument|liegen \d+ neue Dokumente)/,
    )
    expect(notice?.text).not.toContain('Genehmigung')
  })
})
