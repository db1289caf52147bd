/** Activation with the code by post, the contracts overview and a contract's detail, end to end. */
import { readFileSync } from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import {
  freeDemoCustomer,
  isoDate,
  registerAndConfirm,
  SignInPage,
  type Registrant,
} from '../pages/auth-pages.ts'
import {
  ActivationPage,
  codeFromNewestLetter,
  contractField,
  ContractsPage,
} from '../pages/contract-pages.ts'
import { AppShell } from '../pages/app-shell.ts'
import { AS_THE_APP, expect, saveScreenshot, test } from '../fixtures/test.ts'

const PASSWORD = 'Salzach-Ufer-Mozartkugel-Regen'
const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

async function registrant(
  api: APIRequestContext,
  customerNumber: string,
  email: string,
): Promise<Registrant> {
  const free = []
  for (let i = 0; ; i++) {
    const customer = await freeDemoCustomer(api, i).catch(() => null)
    if (!customer) break
    free.push(customer)
  }
  const customer = free.find((c) => c.customerNumber === customerNumber)
  if (!customer) throw new Error(`demo customer ${customerNumber} is not free`)
  return { ...customer, dateOfBirth: isoDate(customer.dateOfBirth), email, password: PASSWORD }
}

/** "€ 1.234,56" (de-AT) */
const MONEY_DE = /^€\s\d{1,3}(\.\d{3})*,\d{2}$/
const DATE_DE = /^\d{2}\.\d{2}\.\d{4}$/

test.describe('activation and contracts', () => {
  test('register → confirm → sign in → code from the letter → contracts → detail', async ({
    page,
  }) => {
    // Lukas Gruber: one leasing contract.
    const person = await registrant(page.request, '100517903', 'e2e.lukas@example.at')
    await registerAndConfirm(page, person)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(person.email, person.password)

    const activation = new ActivationPage(page)
    await activation.expectShown()
    await expect(page.getByText(/per Post/).first()).toBeVisible()
    await expect(page.getByRole('button', { name: 'Neuen Brief anfordern' })).toBeVisible()
    await expect(page.getByText('+43 662 2191 4920').first()).toBeVisible()
    await saveScreenshot(page, '20-activation')

    // Contract data stays closed until then: the page's own API answers 403.
    const closed = await page.request.get('/api/v1/contracts')
    expect(closed.status()).toBe(403)
    expect((await closed.json()).error.code).toBe('activation_required')

    // The letter in the demo mailbox looks like a letter, with the code set apart.
    const code = await codeFromNewestLetter(page.request, person.lastName)
    await page.goto('/#/mailbox')
    const letter = page.locator('li[data-kind="letter"]').first()
    await letter.getByText('Ihr Aktivierungscode für My MINI Finance', { exact: true }).click()
    await expect(letter.getByTestId('letter-code')).toHaveText(code)
    await expect(letter.getByTestId('letter')).toContainText('Mariahilfer Straße 45/12')
    await expect(letter.getByTestId('letter')).toContainText('1060 Wien')
    await saveScreenshot(page, '21-activation-letter')

    // Typed in lower case without dashes, the field formats it as in the letter.
    await page.goto('/#/activation')
    await activation.code.pressSequentially(code.replace(/-/g, '').toLowerCase())
    await expect(activation.code).toHaveValue(code)
    await page.getByRole('button', { name: 'Code bestätigen' }).click()

    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await expect(page.getByText('Ihr Konto ist aktiviert')).toBeVisible()
    await expect(contracts.cards).toHaveCount(1)
    const card = contracts.cards.first()
    await expect(card).toContainText('Leasing')
    await expect(card).toContainText('MINI Cooper 5-Türer')
    await expect(card).toContainText('W-381 LG')
    await expect(card.getByTestId('progress')).toHaveText(/^\d+ von 36 Raten bezahlt$/)
    await saveScreenshot(page, '22-contracts-lukas')

    await contracts.open('Cooper 5-Türer')
    const contractUrl = page.url()
    for (const label of ['Finanzierungsbetrag', 'Anzahlung', 'Restwert', 'Monatliche Rate'])
      await expect(contractField(page, label)).toHaveText(MONEY_DE)
    await expect(contractField(page, 'Sollzinssatz p. a.')).toHaveText('4,29 %')
    await expect(contractField(page, 'Effektivzinssatz p. a.')).toHaveText(/^4,\d\d\s%$/)
    await expect(contractField(page, 'Kilometerleistung pro Jahr')).toHaveText('10.000 km')
    await expect(contractField(page, 'Laufzeit')).toHaveText('36 Monate')
    await expect(contractField(page, 'Vertragsbeginn')).toHaveText(DATE_DE)
    await expect(contractField(page, 'Abbuchungskonto')).toHaveText(/^AT\d\d( \*{4}){3} \d{4}$/)
    // The plan opens at the next instalment, marked, a year of rows; "Alle anzeigen" shows the rest.
    const plan = page.getByTestId('schedule').locator('tbody tr')
    await expect(plan).toHaveCount(12)
    await expect(plan.first()).toHaveAttribute('data-status', 'due')
    await expect(plan.first()).toHaveAttribute('aria-current', 'true')
    await page.getByRole('button', { name: 'Alle anzeigen' }).click()
    await expect(plan).toHaveCount(36)
    await expect(page.locator('tr[data-status="due"]')).toHaveCount(1)
    await expect(page.getByTestId('chart-today')).toBeVisible()
    await expect(page.getByTestId('chart-end')).toContainText('Restwert € 13.900,00')
    await saveScreenshot(page, '23-contract-detail')

    // The plan as CSV: German spreadsheet dialect, one line per instalment.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als CSV exportieren' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('Ratenplan-LS-2025-051791.csv')
    const csv = readFileSync((await download.path()) as string, 'utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('Nr.;Fällig am;Rate;Zinsen;Tilgung;Offen danach;Status')
    expect(lines).toHaveLength(37)
    expect(lines.at(-1)).toMatch(
      /^36;\d{2}\.\d{2}\.\d{4};\d+,\d{2};\d+,\d{2};\d+,\d{2};13900,00;Geplant$/,
    )

    // Another customer's contract is "not found" for Anna, not an error dump.
    await new AppShell(page).signOut()
    // The app moves to the start page once signed out; going on before would be overtaken.
    await expect(page.getByText('Sie wurden abgemeldet.')).toBeVisible()
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await contracts.expectShown()
    await page.goto(contractUrl)
    await expect(page.getByTestId('contract-not-found')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Vertrag nicht gefunden' })).toBeVisible()
    await expect(page.getByText('W-381 LG')).toHaveCount(0)
    await saveScreenshot(page, '24-contract-not-found')
  })

  test('five wrong codes lock activation; a new letter voids the old code and opens it again', async ({
    page,
  }) => {
    // Sophie Wagner: a settled loan and a running balloon financing.
    const person = await registrant(page.request, '100603258', 'e2e.sophie@example.at')
    await registerAndConfirm(page, person)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(person.email, person.password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    const firstCode = await codeFromNewestLetter(page.request, person.lastName)

    // Characters that no code contains are named before anything is sent.
    await activation.enter('OOOO-1111-0000')
    await expect(
      page.getByText(/Diese Zeichen kommen in Aktivierungscodes nicht vor: O, 1, 0/),
    ).toBeVisible()

    const wrong = firstCode.startsWith('AAAA') ? 'CCCC-CCCC-CCCC' : 'AAAA-AAAA-AAAA'
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await activation.send(wrong)).toBe(400)
      await expect(page.getByText(/Dieser Code ist nicht korrekt/)).toBeVisible()
    }
    expect(await activation.send(wrong)).toBe(423)
    await expect(page.getByTestId('activation-blocked')).toContainText('Ihr Code ist gesperrt')
    // Locked: nothing to type any more, and even the right code no longer works.
    await expect(activation.code).toBeDisabled()
    const right = await page.request.post('/api/v1/me/activation', {
      headers: AS_THE_APP,
      data: { code: firstCode },
    })
    expect(right.status()).toBe(423)
    await saveScreenshot(page, '25-activation-locked')

    await activation.requestNewLetter({ confirm: false })
    const secondCode = await codeFromNewestLetter(page.request, person.lastName, firstCode)
    expect(await activation.send(firstCode)).toBe(400)
    await expect(page.getByText(/Dieser Code ist nicht korrekt/)).toBeVisible()
    expect(await activation.send(secondCode.toLowerCase())).toBe(200)

    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await expect(page.getByRole('heading', { name: 'Laufende Verträge (1)' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Beendete Verträge (1)' })).toBeVisible()
    const settled = contracts.cards.filter({ hasText: 'Beendet' })
    await expect(settled).toContainText('Kredit')
    await expect(settled.getByTestId('progress')).toHaveText('48 von 48 Raten bezahlt')
    await saveScreenshot(page, '26-contracts-with-settled')

    await contracts.open('Aceman')
    await expect(contractField(page, 'Schlussrate')).toHaveText(MONEY_DE)
    await expect(page.getByTestId('chart-end')).toContainText('Schlussrate')
    const rows = page.getByTestId('schedule').locator('tbody tr')
    await expect(rows).toHaveCount(12)
    await page.getByRole('button', { name: 'Alle anzeigen' }).click()
    await expect(rows).toHaveCount(36)
    // The balloon is the plan's last row: the balance afterwards is zero.
    await expect(rows.last().locator('td').nth(5)).toHaveText(/^€\s0,00$/)
    await saveScreenshot(page, '27-contract-balloon')
  })

  test('the ready demo login goes straight to its contracts, in either language', async ({
    page,
  }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await expect(contracts.cards).toHaveCount(3)
    for (const product of ['Kredit', 'Leasing', 'Ballonfinanzierung'])
      await expect(contracts.cards.filter({ hasText: product })).toHaveCount(1)
    const figures = contracts.cards.first().locator('dd')
    await expect(figures.nth(0)).toHaveText(MONEY_DE)
    await expect(figures.nth(2)).toHaveText(DATE_DE)
    await saveScreenshot(page, '28-contracts-anna')

    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByRole('heading', { name: 'My contracts', level: 1 })).toBeVisible()
    await expect(figures.nth(0)).toHaveText(/^€\d{1,3}(,\d{3})*\.\d{2}$/)
    await expect(figures.nth(2)).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/)
    await contracts.open('Leasing')
    await expect(contractField(page, 'Residual value')).toHaveText('€14,800.00')
    await expect(contractField(page, 'Mileage per year')).toHaveText('15,000 km')
    await saveScreenshot(page, '29-contract-detail-en')
  })
})
