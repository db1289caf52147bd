/**
 * WCAG 2.1 AA with axe-core on every screen and every dialog of the web preview,
 * signed out and signed in, before and after activation, on a kiosk terminal, in
 * German and in English: 0 violations of any impact (experimental rules included).
 * Error states count as screens too: a form with its field errors, the locked account.
 */
import type { Locator, Page } from '@playwright/test'
import { freeDemoCustomer, isoDate, registerAndConfirm, SignInPage } from '../pages/auth-pages.ts'
import { ActivationPage, ContractsPage } from '../pages/contract-pages.ts'
import { earliestDate, germanDate } from '../pages/date-fields.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { expectAccessible } from '../fixtures/axe.ts'
import { DEMO_DESKTOP, emitBridgeEvent, installDesktopBridge } from '../fixtures/desktop-bridge.ts'
import { expect, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

type Language = 'de' | 'en'
const LANGUAGE_NAME: Record<Language, string> = { de: 'Deutsch', en: 'English' }

async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('group', { name: /^(Sprache|Language)$/ })
    .getByRole('button', { name: LANGUAGE_NAME[language] })
    .click()
  await expect(page.locator('html')).toHaveAttribute('lang', language)
}

/** Checks the screen as it is in German, then in English (through the header's switch), and goes back to German. */
async function checkInBothLanguages(page: Page, state: string): Promise<void> {
  await expectAccessible(page, `${state}, de`)
  await switchLanguage(page, 'en')
  await expectAccessible(page, `${state}, en`)
  await switchLanguage(page, 'de')
}

/**
 * Checks a modal dialog in both languages: the page behind a modal is inert, so the
 * language is switched with the dialog closed and the dialog opened again.
 */
async function checkDialogInBothLanguages(
  page: Page,
  state: string,
  open: () => Promise<Locator>,
): Promise<void> {
  for (const language of ['de', 'en'] as const) {
    await switchLanguage(page, language)
    const dialog = await open()
    await expect(dialog).toBeVisible()
    await expectAccessible(page, `${state}, ${language}`)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }
  await switchLanguage(page, 'de')
}

async function heading(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

test.describe('accessibility (axe-core, WCAG 2.1 AA and best practice)', () => {
  test('every screen a visitor sees, with its error states', async ({ page }) => {
    test.setTimeout(240_000)
    for (const path of [
      '/',
      '/help',
      '/sign-in',
      '/register',
      '/forgot-password',
      '/register/check-email',
      '/forgot-password/check-email',
      '/mailbox',
      '/no-such-page',
    ]) {
      await page.goto(`/#${path}`)
      await heading(page)
      await checkInBothLanguages(page, path)
    }

    // Every answer of the FAQ open at once.
    await page.goto('/#/help')
    for (const question of await page.locator('details summary').all()) await question.click()
    await checkInBothLanguages(page, 'help, all answers open')

    // Links from e-mails that are not (or no longer) valid.
    for (const path of ['/confirm?token=x', '/reset?token=x', '/email-change?token=x']) {
      await page.goto(`/#${path}`)
      await expect(page.locator('main [role="alert"], main [role="status"]').first()).toBeVisible()
      await checkInBothLanguages(page, path)
    }

    // Forms with every field's error shown.
    for (const [path, submit] of [
      ['/sign-in', 'Anmelden'],
      ['/register', 'Registrieren'],
      ['/forgot-password', 'Link anfordern'],
    ] as const) {
      await page.goto(`/#${path}`)
      await page.getByRole('main').getByRole('button', { name: submit }).last().click()
      await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
      await checkInBothLanguages(page, `${path} with field errors`)
    }

    // A wrong password, then the locked account.
    const signIn = new SignInPage(page)
    await signIn.open()
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await signIn.signIn('nobody.here@example.at', 'Ein-falsches-Passwort-123')
      await expect(page.getByRole('alert').first()).toBeVisible()
      if (attempt === 1) await checkInBothLanguages(page, 'sign-in, wrong password')
    }
    await expect(page.getByText(/gesperrt/).first()).toBeVisible()
    await checkInBothLanguages(page, 'sign-in, account locked')
  })

  test('a new customer: check e-mail, the mailbox, activation and the profile before it', async ({
    page,
  }) => {
    test.setTimeout(240_000)
    const customer = await freeDemoCustomer(page.request)
    const person = {
      firstName: customer.firstName,
      lastName: customer.lastName,
      dateOfBirth: isoDate(customer.dateOfBirth),
      customerNumber: customer.customerNumber,
      email: `a11y.${customer.customerNumber}@beispiel.at`,
      password: 'Lindenblatt-Morgentau-Kiesweg-42',
    }
    await registerAndConfirm(page, person)
    await checkInBothLanguages(page, 'e-mail confirmed')

    // The demo mailbox with its messages, one of them opened.
    await page.goto('/#/mailbox')
    const letter = page
      .locator('details')
      .filter({ hasText: 'Ihr Aktivierungscode für My MINI Finance' })
    await letter.locator('summary').click()
    await expect(letter).toHaveAttribute('open', '')
    await checkInBothLanguages(page, 'demo mailbox, a message open')

    await new SignInPage(page).open()
    await new SignInPage(page).signIn(person.email, person.password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    await checkInBothLanguages(page, 'activation')
    await activation.enter('AAAA-AAAA-AAAA')
    await expect(activation.code).toHaveAttribute('aria-invalid', 'true')
    await checkInBothLanguages(page, 'activation, wrong code')

    await page.goto('/#/profile')
    await heading(page)
    await checkInBothLanguages(page, 'profile before activation')
    await page.goto('/#/settings/password')
    await heading(page)
    await checkInBothLanguages(page, 'change password')
    await page.getByRole('button', { name: 'Passwort speichern' }).click()
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
    await checkInBothLanguages(page, 'change password with field errors')
  })

  test('the signed-in customer: contracts, postbox, services, profile and every dialog', async ({
    page,
  }) => {
    test.setTimeout(300_000)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    await checkInBothLanguages(page, 'contracts')
    for (const product of ['Kredit', 'Leasing', 'Ballonfinanzierung']) {
      await page.goto('/#/contracts')
      await contracts.expectShown()
      await contracts.open(product)
      await expect(page.getByTestId('schedule')).toBeVisible()
      await checkInBothLanguages(page, `contract (${product})`)
    }

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
    await expectAccessible(page, 'profile: address dialog with field errors, de')
  })

  test('the desktop app: the keychain note, saving letters and the downloads panel', async ({
    page,
  }) => {
    test.setTimeout(240_000)
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
    test.setTimeout(240_000)
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
      await expectAccessible(page, `kiosk exit dialog, ${language}`)
      await exit.getByLabel(/PIN/).fill('111111')
      await exit.getByLabel(/PIN/).press('Enter')
      await expect(exit.getByRole('alert')).toContainText('4')
      await expectAccessible(page, `kiosk exit dialog with a wrong PIN, ${language}`)
      await page.keyboard.press('Escape')
      await expect(exit).toBeHidden()

      await emitBridgeEvent(page, 'kiosk:idle', { phase: 'warning', secondsLeft: 30 })
      const notice = page.getByRole('alertdialog')
      await expect(notice).toBeVisible()
      await expectAccessible(page, `kiosk countdown from main, ${language}`)
      await emitBridgeEvent(page, 'kiosk:idle', { phase: 'cleared' })
      await expect(notice).toBeHidden()
    }
  })

  test.describe('on a kiosk terminal', () => {
    test.use({ previewArgs: ['--kiosk'] })

    test('start screen, sign-in, contracts with the banner, the postbox and the idle countdown', async ({
      page,
    }) => {
      test.setTimeout(240_000)
      await page.clock.install()
      await page.goto('/')
      await heading(page)
      await checkInBothLanguages(page, 'kiosk start screen')
      await page.getByRole('link', { name: 'Anmelden', exact: true }).click()
      const signIn = new SignInPage(page)
      await expect(signIn.email).toBeVisible()
      await checkInBothLanguages(page, 'kiosk sign-in')
      await signIn.signIn(ANNA.email, ANNA.password)
      await new ContractsPage(page).expectShown()
      await checkInBothLanguages(page, 'kiosk contracts with the shared-terminal banner')
      const postbox = new PostboxPage(page)
      await postbox.open()
      await checkInBothLanguages(page, 'kiosk postbox')

      for (const language of ['de', 'en'] as const) {
        await switchLanguage(page, language)
        await page.clock.fastForward('01:35')
        const notice = page.getByRole('alertdialog')
        await expect(notice).toBeVisible()
        await expectAccessible(page, `kiosk idle countdown, ${language}`)
        await notice.getByRole('button').click()
        await expect(notice).toBeHidden()
      }
    })
  })
})
