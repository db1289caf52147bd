/**
 * Every screen checked (fixtures/axe.ts checkScreen): a layout that fits at 800 and
 * 1280 px (nothing sideways, the header's rows), and WCAG 2.1 AA with axe-core on every screen and every dialog of the web preview,
 * signed out and signed in, before and after activation, on a kiosk terminal, in
 * German and in English: 0 violations of any impact (experimental rules included).
 * Error states count as screens too: a form with its field errors, the locked account.
 */
import {
  advanceDemoClock,
  demoRegistrant,
  freeDemoCustomer,
  isoDate,
  registerAndConfirm,
  registerAndConfirmByApi,
  requestResetLink,
  SignInPage,
  swapLastTwo,
} from '../pages/auth-pages.ts'
import { ActivationPage, codeFromNewestLetter, ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import {
  checkDialogInBothLanguages,
  checkInBothLanguages,
  checkScreen,
  heading,
  switchLanguage,
  WALK_TIMEOUT_MS,
} from '../fixtures/axe.ts'
import { expect, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

// Every test has its own preview and signs in itself: they may run side by side.
test.describe.configure({ mode: 'parallel' })

test.describe('accessibility (axe-core, WCAG 2.1 AA and best practice)', () => {
  test('every screen a visitor sees, with its error states', async ({ page }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
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

    // After "Passwort vergessen": the address, when, and the link sent again.
    await page.goto('/#/forgot-password')
    await page.getByLabel('E-Mail-Adresse').fill('somebody.else@example.at')
    await page.getByRole('button', { name: 'Link anfordern' }).click()
    await expect(page.getByTestId('reset-sent-to')).toBeVisible()
    await checkInBothLanguages(page, 'forgot password, check your e-mail')
    await page.getByRole('button', { name: 'Link erneut senden' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'erneut gesendet' })).toBeVisible()
    await checkInBothLanguages(page, 'forgot password, link sent again')

    // A wrong password, then the locked account.
    const signIn = new SignInPage(page)
    await signIn.open()
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await signIn.signIn('nobody.here@example.at', 'Ein-falsches-Passwort-123')
      await expect(page.getByRole('alert').first()).toBeVisible()
      if (attempt === 2) {
        await expect(page.getByTestId('sign-in-wrong')).toContainText('Noch 1 Versuch')
        await checkInBothLanguages(page, 'sign-in, wrong password, one attempt left')
      }
    }
    await expect(page.getByText(/gesperrt/).first()).toBeVisible()
    await checkInBothLanguages(page, 'sign-in, account locked')
  })

  test('a new customer: check e-mail, the mailbox, activation and the profile before it', async ({
    page,
  }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
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

    // A reset link: usable (the form for its address), then expired (said at once).
    const mailbox = await requestResetLink(page, person.email)
    await mailbox.openLinkIn(/neues Passwort/i)
    await expect(page.getByTestId('reset-for')).toBeVisible()
    await checkInBothLanguages(page, 'reset link, usable')
    await advanceDemoClock(page.request, 31 * 60)
    await page.reload()
    await expect(page.getByRole('alert')).toContainText('Dieser Link ist abgelaufen')
    await checkInBothLanguages(page, 'reset link, expired')

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

  test('an account that matched no record: the screen, its errors, the correction and the deletion dialog', async ({
    page,
  }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    const registrant = await demoRegistrant(
      page.request,
      0,
      'a11y.typo@beispiel.at',
      'Lindenblatt-Morgentau-Kiesweg-42',
    )
    const number = registrant.customerNumber
    const person = { ...registrant, customerNumber: swapLastTwo(number) }
    await registerAndConfirmByApi(page.request, person)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(person.email, person.password)
    const activation = new ActivationPage(page)
    await activation.expectNotMatched()
    await checkInBothLanguages(page, 'activation, details not matched')
    await page.getByLabel('Kundennummer', { exact: true }).fill('12345678A')
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
    await checkInBothLanguages(page, 'activation, details with a field error')
    await activation.correctCustomerNumber('999999999')
    await expect(page.getByTestId('identity-not-matched')).toBeVisible()
    await checkInBothLanguages(page, 'activation, details still not matched')
    await checkDialogInBothLanguages(page, 'activation, delete the account', async () => {
      await page.getByRole('button', { name: /^(Konto löschen|Delete account)$/ }).click()
      return page.getByRole('dialog')
    })

    await activation.correctCustomerNumber(number)
    await activation.expectShown()
    await expect(page.getByTestId('letter-sent')).toBeVisible()
    await checkInBothLanguages(page, 'activation, details matched')
  })

  test('the tries left, a locked code, and deleting the account from the profile', async ({
    page,
  }) => {
    test.setTimeout(WALK_TIMEOUT_MS)
    const person = await demoRegistrant(
      page.request,
      0,
      'a11y.locked@beispiel.at',
      'Lindenblatt-Morgentau-Kiesweg-42',
    )
    await registerAndConfirmByApi(page.request, person)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(person.email, person.password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    const code = await codeFromNewestLetter(page.request, person.lastName)
    const wrong = code.startsWith('AAAA') ? 'CCCC-CCCC-CCCC' : 'AAAA-AAAA-AAAA'
    for (let attempt = 1; attempt <= 4; attempt += 1) expect(await activation.send(wrong)).toBe(400)
    await checkInBothLanguages(page, 'activation, one try left')
    expect(await activation.send(wrong)).toBe(423)
    await expect(page.getByTestId('activation-blocked')).toBeVisible()
    await checkInBothLanguages(page, 'activation, code locked')

    await page.goto('/#/profile')
    await heading(page)
    await checkDialogInBothLanguages(page, 'profile: delete the account', async () => {
      await page
        .locator('[data-section="delete"]')
        .getByRole('button', { name: /^(Konto löschen|Delete account)$/ })
        .click()
      return page.getByRole('dialog')
    })
    // The dialog with a field error: sent without the password.
    await page.locator('[data-section="delete"]').getByRole('button').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Konto endgültig löschen' }).click()
    await expect(dialog.locator('[aria-invalid="true"]').first()).toBeVisible()
    await checkScreen(page, 'profile: delete the account with a field error, de')
  })

  test.describe('on a kiosk terminal', () => {
    test.use({ previewArgs: ['--kiosk'] })

    test('start screen, sign-in, contracts with the banner, the postbox and the idle countdown', async ({
      page,
    }) => {
      test.setTimeout(WALK_TIMEOUT_MS)
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
        await checkScreen(page, `kiosk idle countdown, ${language}`)
        await notice.getByRole('button').click()
        await expect(notice).toBeHidden()
      }
    })
  })
})
