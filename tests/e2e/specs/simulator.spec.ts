/**
 * The repayment simulator and payment difficulties end to end on the web
 * preview: compare the two variants of a special repayment and file it; preview
 * a payment deferral, sign it with the password and find the agreement in the
 * postbox once the demo clock has moved on. Screenshots s1-…; axe and the
 * layout at 800 and 1280 px in both languages.
 */
import {
  checkDialogInBothLanguages,
  checkInBothLanguages,
  switchLanguage,
} from '../fixtures/axe.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'
import { advanceDemoClock, SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { PaymentDifficultiesPage, SimulatorPage } from '../pages/simulator-pages.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

test.describe('simulator and payment difficulties', () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await contracts.open('Kredit')
  })

  test('compares a shorter term with a lower instalment and files the special repayment', async ({
    page,
  }) => {
    const simulator = new SimulatorPage(page)
    await simulator.openFromDetail()
    await simulator.simulate('3000', '€ 3.000,00')
    // Same instalment: ends earlier; same term: a lower instalment; both save interest.
    await expect(simulator.figure(simulator.shorter, 'Neues Vertragsende')).toContainText(
      /Monate? früher/,
    )
    await expect(simulator.figure(simulator.lower, 'Neue monatliche Rate')).toContainText('statt')
    const saved = async (variant: typeof simulator.shorter) =>
      Number(
        ((await simulator.figure(variant, 'Ersparte Zinsen').textContent()) ?? '')
          .replace(/[^\d,]/g, '')
          .replace(',', '.'),
      )
    expect(await saved(simulator.shorter)).toBeGreaterThan(await saved(simulator.lower))
    expect(await saved(simulator.lower)).toBeGreaterThan(0)
    await saveScreenshot(page, 's1-simulator-variants')
    await checkInBothLanguages(page, 'repayment simulator')
    await switchLanguage(page, 'en')
    await saveScreenshot(page, 's1b-simulator-800-en')
    await switchLanguage(page, 'de')
    await page.setViewportSize({ width: 1280, height: 900 })
    await saveScreenshot(page, 's2-simulator-variants-wide')

    const dialog = page.getByTestId('simulator-request-dialog')
    await checkDialogInBothLanguages(page, 'special repayment request', async () => {
      await page
        .getByRole('button', {
          name: /^(Diese Sondertilgung beantragen|Request this special repayment)$/,
        })
        .click()
      return dialog
    })
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByRole('button', { name: 'Diese Sondertilgung beantragen' }).click()
    await expect(dialog).toContainText('Sie beantragen eine Sondertilgung von € 3.000,00.')
    await dialog.getByRole('radio', { name: /^Kürzere Laufzeit: Vertragsende/ }).check()
    await saveScreenshot(page, 's3-simulator-confirm', { fullPage: false })
    await dialog.getByRole('button', { name: 'Verbindlich beantragen' }).click()
    const filed = page.getByTestId('simulator-filed')
    await expect(filed).toContainText(/SR-\d{4}-\d{6}/)
    await saveScreenshot(page, 's4-simulator-filed')
    const requests = (await (await page.request.get('/api/v1/service-requests')).json()) as {
      items: { type: string; details: { amountCents?: number } }[]
    }
    expect(requests.items[0]).toMatchObject({
      type: 'special_repayment',
      details: { amountCents: 300_000, keep: 'instalment' },
    })
  })

  test('previews a deferral, signs it with the password and finds the agreement in the postbox', async ({
    page,
  }) => {
    const difficulties = new PaymentDifficultiesPage(page)
    await difficulties.openFromDetail()
    await expect(page.getByText('Je früher Sie uns ansprechen')).toBeVisible()
    await page.getByLabel('Wie viele Raten?').selectOption('2')
    // From the instalment after next: the next one may fall due (and be collected)
    // within the three days the demo clock moves below, whatever day this runs on.
    await page.getByLabel('Ab der Rate am').selectOption({ index: 1 })
    await expect(difficulties.preview).toContainText('Neues Vertragsende')
    await expect(difficulties.preview).toContainText(/Zusätzliche Zinsen\s*€\s?\d/)
    await saveScreenshot(page, 's5-deferral-preview')
    await checkInBothLanguages(page, 'payment difficulties')
    await switchLanguage(page, 'en')
    await saveScreenshot(page, 's5b-deferral-preview-800-en')
    await switchLanguage(page, 'de')

    await page.getByLabel('Grund').fill('Kurzarbeit seit April, ab Juli wieder Vollzeit.')
    await page.getByLabel('Monatliches Einkommen in Euro (optional)').fill('1.850,00')
    await page.getByLabel('Ihr Passwort').fill(ANNA.password)
    await page.getByRole('button', { name: 'Stundung verbindlich beantragen' }).click()
    await expect(page.getByTestId('deferral-filed')).toContainText(/SR-\d{4}-\d{6}/)
    await saveScreenshot(page, 's6-deferral-filed')

    // Two working days at most: three days on the demo clock always cover them.
    await advanceDemoClock(page.request, 3 * 86_400 + 3600)
    const postbox = new PostboxPage(page)
    await postbox.open()
    await expect(postbox.rows.filter({ hasText: 'Stundungsvereinbarung' })).toHaveCount(1)
    await saveScreenshot(page, 's7-deferral-agreement-in-postbox')
  })
})
