/**
 * Issue 13, points 3, 10 and 11 in the browser: the FAQ's answers as the app
 * works, one word per thing, German passphrases in German, "Angemeldet bleiben"
 * only where it can work, and date fields in the language's order whatever the
 * browser's language (this Chromium runs in English: a date input would show mm/dd/yyyy).
 */
import { SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { earliestDate } from '../pages/date-fields.ts'
import { DEMO_DESKTOP, installDesktopBridge } from '../fixtures/desktop-bridge.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

/** dd/mm/yyyy of YYYY-MM-DD plus days. */
function englishDate(day: string, plusDays: number): string {
  const date = new Date(`${day}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + plusDays)
  const [year, month, dayOfMonth] = date.toISOString().slice(0, 10).split('-')
  return `${dayOfMonth}/${month}/${year}`
}

test.describe('words, dates and sign-in options', () => {
  test('the FAQ sends a customer who is not activated to the code from the letter', async ({
    page,
  }) => {
    await page.goto('/#/help')
    await page.getByText('Mein Konto für My MINI Finance wurde noch nicht aktiviert').click()
    const answer = page.locator('details[open]')
    await expect(answer).toContainText(
      'Aktiviert ist Ihr Konto, sobald Sie den Aktivierungscode aus unserem Brief eingegeben haben.',
    )
    await expect(answer).toContainText('„Neuen Brief anfordern“')
    await page.getByText('Wie melde ich mich bei My MINI Finance an?').click()
    await expect(page.locator('details[open]').nth(1)).toContainText(
      'also schon bevor Ihr Konto aktiviert ist',
    )
    await saveScreenshot(page, '90-help-true-answers')
  })

  test('a device without a keychain does not offer "Angemeldet bleiben"', async ({ page }) => {
    await installDesktopBridge(page, DEMO_DESKTOP)
    await new SignInPage(page).open()
    await expect(page.getByText(/Dieses Gerät kann sich Ihre Anmeldung nicht merken/)).toBeVisible()
    await expect(page.getByRole('checkbox')).toHaveCount(0)
    await expect(page.getByText('Angemeldet bleiben')).toHaveCount(0)
    await saveScreenshot(page, '91-sign-in-without-keychain')
  })

  test('registration: the date of birth as TT.MM.JJJJ, a German passphrase', async ({ page }) => {
    await page.goto('/#/register')
    const birth = page.getByLabel('Geburtsdatum')
    await expect(birth).toHaveAttribute('placeholder', 'TT.MM.JJJJ')
    await expect(birth).toHaveAttribute('type', 'text')
    await birth.pressSequentially('31021984')
    await expect(birth).toHaveValue('31.02.1984')
    await page.getByLabel('Kundennummer').click()
    await expect(
      page.getByText('Dieses Datum gibt es nicht. Bitte prüfen Sie Ihr Geburtsdatum.'),
    ).toBeVisible()
    await page.getByRole('button', { name: 'Passphrase vorschlagen' }).click()
    const password = page.getByLabel('Passwort', { exact: true })
    await expect(password).toHaveValue(/^[a-zäöüß]{4,9}(-[a-zäöüß]{4,9}){4}$/)
    await saveScreenshot(page, '92-register-date-and-passphrase-de')

    // Backspace right behind a separator takes the digit before it (the separator would come back).
    await birth.fill('')
    await birth.pressSequentially('2903')
    await birth.press('ArrowLeft')
    await birth.press('ArrowLeft')
    await birth.press('Backspace')
    await expect(birth).toHaveValue('20.3')

    await birth.fill('')
    await birth.pressSequentially('29021984')
    await page.getByLabel('Kundennummer').click()
    await expect(birth).toHaveValue('29.02.1984')
    await expect(birth).not.toHaveAttribute('aria-invalid', 'true')
  })

  test('in English: dates as DD/MM/YYYY, contracts named as the glossary says', async ({
    page,
  }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    await expect(page.getByText('Guten Tag, Frau Huber.', { exact: false })).toBeVisible()
    await page
      .getByRole('group', { name: 'Sprache' })
      .getByRole('button', { name: 'English' })
      .click()
    await expect(page.getByRole('heading', { name: /^Current contracts/ })).toBeVisible()
    await expect(page.getByText('Hello Ms Huber.', { exact: false })).toBeVisible()
    await page
      .getByRole('link')
      .filter({ hasText: /Countryman|Cooper|Aceman/ })
      .first()
      .click()
    await expect(page.getByText(/^on the \d{1,2}(st|nd|rd|th) of each month$/)).toBeVisible()
    await saveScreenshot(page, '94-contract-detail-en')

    await page.getByRole('navigation').getByRole('link', { name: 'Services' }).click()
    const contract = page.getByLabel('Contract', { exact: true })
    const leasing = await contract.locator('option', { hasText: 'Leasing' }).first().textContent()
    await contract.selectOption({ label: (leasing as string).trim() })
    await page.getByRole('radio', { name: 'Permission to travel abroad' }).check()
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    const from = page.getByLabel('From', { exact: true })
    await expect(from).toHaveAttribute('placeholder', 'DD/MM/YYYY')
    const start = await earliestDate(from)
    await from.pressSequentially(englishDate(start, 10).replace(/\//g, ''))
    await expect(from).toHaveValue(englishDate(start, 10))
    await page.getByLabel('To', { exact: true }).fill(englishDate(start, 24))
    await page.getByRole('checkbox', { name: 'Switzerland' }).check()
    await saveScreenshot(page, '93-services-dates-en')
    await page.getByRole('button', { name: 'Continue to the check' }).click()
    // The review shows the day as typed; the request carries YYYY-MM-DD.
    await expect(page.getByTestId('service-review')).toContainText(englishDate(start, 10))
  })
})
