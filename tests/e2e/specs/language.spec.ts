/**
 * One language setting end to end (issue 13, point 9): an English-speaking
 * customer sees the app, the contracts' vehicles and the postbox's titles in
 * English from the sign-in on; a German customer who switches the header to
 * English changes her language setting, and with it what the backend writes.
 */
import type { APIRequestContext } from '@playwright/test'
import {
  freeDemoCustomer,
  isoDate,
  registerAndConfirmByApi,
  SignInPage,
} from '../pages/auth-pages.ts'
import { codeFromNewestLetter } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { AppShell } from '../pages/app-shell.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }
const ELENA = '100825371'
const PASSWORD = 'Inntal-Nordkette-Schneeflocke-42'

/** Elena Pichler, the demo's English-speaking customer, as a registrant in English. */
async function elena(api: APIRequestContext) {
  for (let i = 0; ; i++) {
    const customer = await freeDemoCustomer(api, i)
    if (customer.customerNumber !== ELENA) continue
    return {
      ...customer,
      dateOfBirth: isoDate(customer.dateOfBirth),
      email: 'elena.e2e@example.at',
      password: PASSWORD,
      locale: 'en' as const,
    }
  }
}

/** Every title of the postbox, as GET /documents answers it. */
async function titles(api: APIRequestContext): Promise<string[]> {
  const response = await api.get('/api/v1/documents?limit=100')
  expect(response.status()).toBe(200)
  return ((await response.json()) as { items: { title: string }[] }).items.map((d) => d.title)
}

const GERMAN =
  /Vertragsabschrift|Ratenplan|Kontoauszug|Kontoinformation|Aktivierungscode|Bestätigung/
const ENGLISH_TITLE =
  /^(Copy of contract|Instalment plan|Welcome to|Annual account statement|Account statement|Account information|Payment reminder|Your activation code|Confirmation of your)/

test.describe('one language', () => {
  test('an English-speaking customer: activation, contracts and postbox in English', async ({
    page,
  }) => {
    const person = await elena(page.request)
    await registerAndConfirmByApi(page.request, person)
    const shell = new AppShell(page)
    await new SignInPage(page).open()
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await new SignInPage(page).signIn(person.email, person.password)

    // From the sign-in on, the app speaks the customer's language.
    await expect(page.getByRole('heading', { name: 'Enter your activation code' })).toBeVisible()
    await expect(shell.languageButton('English')).toHaveAttribute('aria-pressed', 'true')
    await page
      .getByLabel('Activation code')
      .pressSequentially(await codeFromNewestLetter(page.request, person.lastName))
    await page.getByRole('button', { name: 'Confirm code' }).click()

    await expect(page.getByRole('heading', { name: 'My contracts', level: 1 })).toBeVisible()
    const card = page.getByTestId('contract-card').first()
    await expect(card).toContainText('MINI Cooper C 3-door')
    await expect(page.locator('main')).not.toContainText('Türer')
    await saveScreenshot(page, '85-language-contracts-en')

    await card.getByRole('link').click()
    await expect(page.getByTestId('schedule')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MINI Cooper C 3-door')
    await saveScreenshot(page, '86-language-contract-detail-en')

    const postbox = new PostboxPage(page)
    await postbox.open()
    const all = await titles(page.request)
    expect(all.length).toBeGreaterThan(1)
    for (const title of all) expect(title).toMatch(ENGLISH_TITLE)
    await expect(postbox.rows.first()).toContainText(all[0] as string)
    await expect(page.locator('main')).not.toContainText(GERMAN)
    await saveScreenshot(page, '87-language-postbox-en')
    // The search finds what the list shows.
    await page.getByLabel('Search titles').fill('plan')
    await expect(postbox.rows).toHaveCount(1)
    await expect(postbox.rows.first()).toContainText('Instalment plan')

    // A saved letter is named in English too.
    const downloading = page.waitForEvent('download')
    await postbox.rows.first().getByRole('link', { name: /^Save/ }).click()
    expect((await downloading).suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2} Instalment plan /)
  })

  test('the header’s switch is the customer’s language setting: titles and vehicles follow, and the next sign-in opens in it', async ({
    page,
  }) => {
    const shell = new AppShell(page)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await expect(page.getByRole('heading', { name: 'Meine Verträge', level: 1 })).toBeVisible()
    const leasing = page.getByTestId('contract-card').filter({ hasText: 'Leasing' })
    await expect(leasing).toContainText('MINI Cooper SE 3-Türer')

    await shell.chooseLanguage('English')
    await expect(page.getByRole('heading', { name: 'My contracts', level: 1 })).toBeVisible()
    await expect(leasing).toContainText('MINI Cooper SE 3-door')
    await saveScreenshot(page, '88-language-switched-contracts')

    const postbox = new PostboxPage(page)
    await postbox.open()
    await page.getByLabel('Search titles').fill('statement')
    await expect(postbox.rows.first()).toContainText(/Account statement|Annual account statement/)
    await expect(page.locator('main')).not.toContainText('Kontoauszug')
    for (const title of await titles(page.request)) expect(title).toMatch(ENGLISH_TITLE)
    await saveScreenshot(page, '89-language-switched-postbox')

    // The profile shows the same setting.
    await shell.navLink('Personal details').click()
    await expect(page.locator('dd[data-field="locale"]')).toHaveText('English')

    // Signed out, this computer goes back to German; signing in opens Anna's English.
    await shell.signOut()
    await shell.chooseLanguage('Deutsch')
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await expect(page.getByRole('heading', { name: 'My contracts', level: 1 })).toBeVisible()
    await expect(shell.languageButton('English')).toHaveAttribute('aria-pressed', 'true')
  })
})
