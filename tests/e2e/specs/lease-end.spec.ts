/**
 * Lease end and mileage end to end (issue 17, points 2, 3 and 8): Anna records
 * an odometer reading on her leasing contract and sees the projection in words
 * and as a chart, then opens the contract's end-of-term page and from it asks
 * for a purchase quote and a return appointment; both screens accessible and fitting at 800 and
 * 1280 px, in both languages.
 */
import { SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { earliestDate, germanDate } from '../pages/date-fields.ts'
import { checkInBothLanguages } from '../fixtures/axe.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

test.describe('lease end', () => {
  test('a reading shows the projection in words and as a chart; the end-of-term page shows days left, options and milestones', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const signIn = new SignInPage(page)
    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await contracts.open('Leasing')

    const mileage = page.getByTestId('mileage')
    await expect(mileage.getByRole('heading', { name: 'Kilometerstand', level: 2 })).toBeVisible()
    await expect(mileage.getByTestId('mileage-words')).toHaveText(
      /^Erfassen Sie Ihren Kilometerstand/,
    )

    // A reading that is not a number is refused under its field, nothing is sent.
    const km = mileage.getByLabel('Kilometerstand', { exact: true })
    await km.fill('viel')
    await mileage.getByRole('button', { name: 'Kilometerstand speichern' }).click()
    await expect(km).toHaveAttribute('aria-invalid', 'true')

    // 60,000 km after 43 of 48 months: about 7,000 km beyond 60,000 km, 4,500 beyond the tolerance.
    await km.fill('60.000')
    await mileage.getByRole('button', { name: 'Kilometerstand speichern' }).click()
    await expect(mileage.getByTestId('mileage-recorded')).toHaveText(
      'Der Kilometerstand ist gespeichert.',
    )
    await expect(mileage.getByTestId('mileage-words')).toHaveText(
      /^Bei gleicher Fahrleistung fahren Sie bis Vertragsende etwa \d{1,3}\.\d{3} km mehr als vereinbart: rund €\s\d{1,3}(\.\d{3})*,\d{2}\.$/,
    )
    const chart = mileage.getByRole('img', { name: /^Kilometer über die Laufzeit/ })
    await expect(chart).toBeVisible()
    await expect(mileage.getByTestId('mileage-reading-point')).toHaveCount(1)
    await expect(mileage.getByTestId('mileage-projection')).toBeAttached()
    await expect(mileage.locator('tbody tr')).toHaveCount(1)
    await mileage.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'l1-mileage-projection')

    // The same reading again: the server's reason under the date.
    await km.fill('60.000')
    await mileage.getByRole('button', { name: 'Kilometerstand speichern' }).click()
    await expect(
      mileage.getByText('Für diesen Tag ist schon ein Kilometerstand erfasst.'),
    ).toBeVisible()
    await checkInBothLanguages(page, 'contract detail with mileage')
    await saveScreenshot(page, 'l2-mileage-800')

    // The end of term: days left, the three options, the milestones.
    await page.getByRole('link', { name: 'Vertragsende planen' }).click()
    await expect(page.getByRole('heading', { name: 'Vertragsende', level: 1 })).toBeVisible()
    await expect(page.getByTestId('days-left')).toHaveText(
      /^Ihr Vertrag endet am \d{2}\.\d{2}\.\d{4}: in \d+ Tagen\.$/,
    )
    await expect(page.getByTestId('option-purchase')).toContainText('zum Restwert von € 14.800,00')
    await expect(page.getByTestId('option-return')).toBeVisible()
    await expect(page.getByTestId('option-extension')).toBeVisible()
    await expect(page.getByRole('listitem').filter({ hasText: '180 Tage vorher' })).toContainText(
      'erreicht',
    )
    await saveScreenshot(page, 'l3-end-of-term')
    await checkInBothLanguages(page, 'end-of-term page')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByTestId('days-left')).toHaveText(
      /^Your contract ends on .*: in \d+ days\.$/,
    )
    await saveScreenshot(page, 'l4-end-of-term-en')
    await page.getByRole('button', { name: 'Deutsch' }).click()

    // "Kaufangebot anfordern" opens the services page with the contract and the service chosen;
    // the quote is answered at once.
    await page.getByRole('link', { name: 'Kaufangebot anfordern' }).click()
    await expect(page.getByRole('radio', { name: 'Kaufangebot zum Restwert' })).toBeChecked()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    await page.getByRole('button', { name: 'Anfrage senden' }).click()
    await expect(page.getByTestId('service-reference')).toHaveText(/^SR-\d{4}-\d{6}$/)
    await expect(page.getByTestId('service-confirmation')).toContainText('Erledigt')
    await saveScreenshot(page, 'l5-purchase-quote')

    // "Rückgabetermin vereinbaren": a day and a MINI partner; the back office confirms it later.
    await page.goBack()
    await page.getByRole('link', { name: 'Rückgabetermin vereinbaren' }).click()
    await expect(page.getByRole('radio', { name: 'Termin für die Fahrzeugrückgabe' })).toBeChecked()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    const day = page.getByLabel('Wunschtermin')
    await day.fill(germanDate(await earliestDate(day)))
    await page
      .getByLabel('Ort der Rückgabe')
      .selectOption({ label: 'MINI Wien, Heiligenstädter Straße' })
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    await page.getByRole('button', { name: 'Anfrage senden' }).click()
    await expect(page.getByTestId('service-confirmation')).toContainText('Eingegangen')
    await saveScreenshot(page, 'l6-return-appointment')
  })
})
