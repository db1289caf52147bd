/**
 * Every screen checked (fixtures/axe.ts checkScreen): WCAG 2.1 AA with axe-core and a
 * layout that fits at 800 and 1280 px. Here the signed-in customer's screens and dialogs, in the web
 * preview and as the desktop app shows them (its preload bridge played in the page):
 * 0 violations of any impact. The visitor's, the new customer's and the kiosk's screens
 * are in accessibility.spec.ts (two files, so that the two e2e workers share the walk).
 */
import type { Page } from '@playwright/test'
import { AppShell } from '../pages/app-shell.ts'
import { SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { earliestDate, germanDate } from '../pages/date-fields.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import {
  checkDialogInBothLanguages,
  checkInBothLanguages,
  checkScreen,
  heading,
  switchLanguage,
  WALK_TIMEOUT_MS,
} from '../fixtures/axe.ts'
import { DEMO_DESKTOP, emitBridgeEvent, installDesktopBridge } from '../fixtures/desktop-bridge.ts'
import { expect, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }
async function signInAsAnna(page: Page): Promise<void> {
  await new SignInPage(page).open()
  await new SignInPage(page).signIn(ANNA.email, ANNA.password)
  await new ContractsPage(page).expectShown()
}

// One test per area, each with its own preview: the e2e workers share them.
// Every test has its own preview and signs in itself: they may run side by side.
test.describe.configure({ mode: 'parallel' })

test.describe('accessibility of the signed-in screens (axe-core)', () => {
  test('the contracts and each kind of contract', async ({ page }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    await signInAsAnna(page)
    const contracts = new ContractsPage(page)
    await checkInBothLanguages(page, 'contracts')
    // The customer menu in the header, open (Escape closes it).
    const shell = new AppShell(page)
    for (const language of ['de', 'en'] as const) {
      await switchLanguage(page, language)
      await shell.openAccountMenu()
      await checkScreen(page, `customer menu open, ${language}`)
      await page.keyboard.press('Escape')
      await expect(shell.accountMenu).toHaveAttribute('aria-expanded', 'false')
    }
    await switchLanguage(page, 'de')
    for (const product of ['Kredit', 'Leasing', 'Ballonfinanzierung']) {
      await page.goto('/#/contracts')
      await contracts.expectShown()
      await contracts.open(product)
      await expect(page.getByTestId('schedule')).toBeVisible()
      await checkInBothLanguages(page, `contract (${product})`)
    }
  })

  test('the postbox and a letter open', async ({ page }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    await signInAsAnna(page)
    const postbox = new PostboxPage(page)
    await postbox.open()
    await checkInBothLanguages(page, 'postbox')
    await page.getByLabel('Nur ungelesene').check()
    await checkInBothLanguages(page, 'postbox, unread only')
    await page.getByLabel('Nur ungelesene').uncheck()
    await checkDialogInBothLanguages(page, 'postbox, a letter open', async () => {
      await postbox.rows
        .first()
        .getByRole('button', { name: /^(Ansehen|View)/ })
        .click()
      const preview = page.getByTestId('preview')
      await expect(preview.locator('canvas').first()).toBeVisible({ timeout: 30_000 })
      return preview
    })
  })

  test('a service request, step by step, with its field errors', async ({ page }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    await signInAsAnna(page)
    await page.getByRole('navigation').getByRole('link', { name: 'Services' }).click()
    await heading(page)
    await checkInBothLanguages(page, 'services: choose')
    const contract = page.getByLabel('Vertrag', { exact: true })
    const loan = await contract.locator('option', { hasText: 'Kredit' }).first().textContent()
    await contract.selectOption({ label: (loan as string).trim() })
    await page.getByRole('radio', { name: 'Ablöseangebot' }).check()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    await expect(page.getByLabel('Ablösetermin')).toBeVisible()
    await checkInBothLanguages(page, 'services: details')
    await page.getByLabel('Ablösetermin').fill('')
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
    await checkInBothLanguages(page, 'services: details with field errors')
    const payoffDate = page.getByLabel('Ablösetermin')
    await payoffDate.fill(germanDate(await earliestDate(payoffDate)))
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    await expect(page.getByRole('button', { name: 'Anfrage senden' })).toBeVisible()
    await checkInBothLanguages(page, 'services: review')
    await page.getByRole('button', { name: 'Anfrage senden' }).click()
    await expect(page.getByTestId('service-reference')).toBeVisible()
    await checkInBothLanguages(page, 'services: confirmation and my requests')
  })

  test('the profile and every dialog, one with its field errors', async ({ page }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    await signInAsAnna(page)
    await page.getByRole('navigation').getByRole('link', { name: 'Persönliche Daten' }).click()
    await heading(page)
    await checkInBothLanguages(page, 'profile')
    for (const section of ['contact', 'address', 'bank', 'preferences']) {
      const buttons = page.locator(`[data-section="${section}"]`).getByRole('button')
      const count = await buttons.count()
      for (let index = 0; index < count; index += 1) {
        await checkDialogInBothLanguages(
          page,
          `profile: ${section} dialog ${index + 1}`,
          async () => {
            await buttons.nth(index).click()
            return page.getByRole('dialog')
          },
        )
      }
    }
    // A dialog with its field errors: the address emptied and saved.
    await switchLanguage(page, 'de')
    await page.locator('[data-section="address"]').getByRole('button').first().click()
    const address = page.getByRole('dialog')
    await address.getByLabel('Straße', { exact: true }).fill('')
    await address.getByRole('button', { name: 'Speichern' }).click()
    await expect(address.locator('[aria-invalid="true"]').first()).toBeVisible()
    await checkScreen(page, 'profile: address dialog with field errors, de')
  })

  test('the desktop app: the keychain note, saving letters and the downloads panel', async ({
    page,
  }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    await installDesktopBridge(page, DEMO_DESKTOP)
    const signIn = new SignInPage(page)
    await signIn.open()
    await expect(page.getByText(/kann sich Ihre Anmeldung nicht merken/)).toBeVisible()
    await checkInBothLanguages(page, 'desktop sign-in, keychain in memory only')
    await signIn.signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    const postbox = new PostboxPage(page)
    await postbox.open()
    await expect(page.getByRole('button', { name: /Alle speichern/ })).toBeVisible()
    await checkInBothLanguages(page, 'desktop postbox with saving')
    await expect(page.getByText('/home/anna/Downloads/My MINI Finance')).toBeVisible()
    await page.getByRole('button', { name: /^Liste anzeigen/ }).click()
    await expect(page.getByText(/Noch keine Downloads/)).toBeVisible()
    await checkInBothLanguages(page, 'desktop postbox, downloads panel open')
  })

  test('the desktop kiosk: the exit PIN dialog and the countdown that main drives', async ({
    page,
  }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    await installDesktopBridge(page, {
      ...DEMO_DESKTOP,
      kiosk: true,
      kioskSettings: {
        dealershipName: 'Autohaus Berger, Salzburg',
        printingAvailable: true,
        idleTimeoutSeconds: 120,
        warningSeconds: 30,
      },
    })
    await page.goto('/')
    await heading(page)
    await checkInBothLanguages(page, 'desktop kiosk start screen')
    // Nobody signed in, a form half-filled: the countdown says the input goes.
    for (const language of ['de', 'en'] as const) {
      await switchLanguage(page, language)
      await emitBridgeEvent(page, 'kiosk:idle', { phase: 'warning', secondsLeft: 30 })
      const notice = page.getByRole('alertdialog')
      await expect(notice).toContainText(/Eingaben|entered/)
      await checkScreen(page, `kiosk countdown for a visitor from main, ${language}`)
      await emitBridgeEvent(page, 'kiosk:idle', { phase: 'cleared' })
      await expect(notice).toBeHidden()
    }
    await switchLanguage(page, 'de')
    await page.getByRole('link', { name: 'Anmelden', exact: true }).click()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    const postbox = new PostboxPage(page)
    await postbox.open()
    await checkInBothLanguages(page, 'desktop kiosk postbox')
    await checkDialogInBothLanguages(
      page,
      'desktop kiosk letter with print and e-mail',
      async () => {
        await postbox.rows
          .first()
          .getByRole('button', { name: /^(Ansehen|View)/ })
          .click()
        const preview = page.getByTestId('preview')
        await expect(preview.getByRole('button', { name: /^(Drucken|Print)$/ })).toBeVisible()
        await expect(preview.locator('canvas').first()).toBeVisible({ timeout: 30_000 })
        return preview
      },
    )

    for (const language of ['de', 'en'] as const) {
      await switchLanguage(page, language)
      await emitBridgeEvent(page, 'kiosk:exitRequested', { pinRequired: true })
      const exit = page.getByTestId('kiosk-exit-dialog')
      await expect(exit).toBeVisible()
      await checkScreen(page, `kiosk exit dialog, ${language}`)
      await exit.getByLabel(/PIN/).fill('111111')
      await exit.getByLabel(/PIN/).press('Enter')
      await expect(exit.getByRole('alert')).toContainText('4')
      await checkScreen(page, `kiosk exit dialog with a wrong PIN, ${language}`)
      await page.keyboard.press('Escape')
      await expect(exit).toBeHidden()

      await emitBridgeEvent(page, 'kiosk:idle', { phase: 'warning', secondsLeft: 30 })
      const notice = page.getByRole('alertdialog')
      await expect(notice).toBeVisible()
      await checkScreen(page, `kiosk countdown from main, ${language}`)
      await emitBridgeEvent(page, 'kiosk:idle', { phase: 'cleared' })
      await expect(notice).toBeHidden()
    }
  })
})
