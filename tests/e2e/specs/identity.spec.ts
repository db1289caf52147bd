/**
 * No dead end for a new customer (issue 13, points 1 and 5), end to end: the customer
 * number checked as it is typed; a typo that matched no record shown plainly, corrected,
 * the letter in the demo mailbox, its code activating; the tries left and the locked
 * code with a new letter; and the account deleted from the profile page, after which
 * the address registers again.
 */
import {
  DemoMailbox,
  demoRegistrant,
  registerAndConfirmByApi,
  RegisterPage,
  SignInPage,
  swapLastTwo,
} from '../pages/auth-pages.ts'
import { ActivationPage, codeFromNewestLetter, ContractsPage } from '../pages/contract-pages.ts'
import { ProfilePage } from '../pages/profile-page.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const PASSWORD = 'Salzach-Ufer-Mozartkugel-Regen'
const ANNA = {
  email: 'anna.huber@demo.mini.at',
  password: 'Festungsberg-Regenschirm-2026',
  firstName: 'Anna',
  lastName: 'Huber',
  dateOfBirth: '1984-03-12',
  customerNumber: '100482117',
}

test.describe('a new customer without dead ends', () => {
  test('a typo in the customer number → corrected → the letter in the demo mailbox → activated', async ({
    page,
  }) => {
    test.setTimeout(180_000)
    const person = await demoRegistrant(page.request, 0, 'e2e.typo@example.at', PASSWORD)
    const typo = swapLastTwo(person.customerNumber)
    expect(typo).not.toBe(person.customerNumber)

    // A letter in the customer number is pointed out while it is typed.
    const register = new RegisterPage(page)
    await register.open()
    await register.fill({ ...person, customerNumber: `${person.customerNumber.slice(0, 8)}A` })
    const number = page.getByLabel('Kundennummer')
    await expect(number).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText(/Die Kundennummer hat genau 9 Ziffern/)).toBeVisible()
    await saveScreenshot(page, '70-register-customer-number')

    // Nine digits, but the wrong ones: the registration goes through and matches nothing.
    await number.fill(typo)
    await expect(number).not.toHaveAttribute('aria-invalid', 'true')
    await register.submit()
    await expect(page).toHaveURL(/#\/register\/check-email/)
    const mailbox = new DemoMailbox(page, page.request)
    await mailbox.waitFor(person.email, /bestätigen|confirm/i)
    await mailbox.openLinkIn(/bestätigen|confirm/i)
    await expect(page.getByRole('link', { name: /Jetzt anmelden/ })).toBeVisible()
    const unmatched = await mailbox.waitFor(person.email, /prüfen Sie Ihre Angaben/)
    expect(unmatched.text).toContain('Dort können Sie Ihre Angaben korrigieren.')

    const signIn = new SignInPage(page)
    await signIn.open()
    await signIn.signIn(person.email, person.password)
    const activation = new ActivationPage(page)
    await activation.expectNotMatched()
    await expect(page.getByText(/keinen Brief mit einem Aktivierungscode geschickt/)).toBeVisible()
    await expect(page.getByText(/Werktage/)).toHaveCount(0)
    await expect(page.getByLabel('Kundennummer', { exact: true })).toHaveValue(typo)
    await expect(page.getByRole('button', { name: 'Konto löschen' })).toBeVisible()
    await saveScreenshot(page, '71-activation-not-matched')

    await activation.correctCustomerNumber(person.customerNumber)
    await activation.expectShown()
    await expect(page.getByTestId('letter-sent')).toContainText('Ihre Angaben passen.')
    await expect(page.getByTestId('letter-sent')).toContainText(
      /in der Regel bis \d{2}\.\d{2}\.\d{4}/,
    )
    await saveScreenshot(page, '72-activation-matched')

    // The letter went to the address on file; a wrong code says how many tries are left.
    const code = await codeFromNewestLetter(page.request, person.lastName)
    const wrong = code.startsWith('AAAA') ? 'CCCC-CCCC-CCCC' : 'AAAA-AAAA-AAAA'
    expect(await activation.send(wrong)).toBe(400)
    await expect(page.getByText(/Sie haben noch 4 Versuche/)).toBeVisible()
    expect(await activation.send(code)).toBe(200)
    await new ContractsPage(page).expectShown()
  })

  test('five wrong codes: the tries counted down, then the code locked and a new letter with its day', async ({
    page,
  }) => {
    test.setTimeout(180_000)
    const person = await demoRegistrant(page.request, 1, 'e2e.locked@example.at', PASSWORD)
    await registerAndConfirmByApi(page.request, person)
    const signIn = new SignInPage(page)
    await signIn.open()
    await signIn.signIn(person.email, person.password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    await expect(page.getByTestId('letter-expected')).toContainText(
      /Wir haben Ihnen den Brief am \d{2}\.\d{2}\.\d{4} geschickt\. Er ist in der Regel bis \d{2}\.\d{2}\.\d{4} bei Ihnen\./,
    )
    const first = await codeFromNewestLetter(page.request, person.lastName)
    const wrong = first.startsWith('AAAA') ? 'CCCC-CCCC-CCCC' : 'AAAA-AAAA-AAAA'
    for (const left of ['4 Versuche', '3 Versuche', '2 Versuche', '1 Versuch,']) {
      expect(await activation.send(wrong)).toBe(400)
      await expect(page.getByText(`Sie haben noch ${left}`)).toBeVisible()
    }
    expect(await activation.send(wrong)).toBe(423)
    const blocked = page.getByTestId('activation-blocked')
    await expect(blocked).toContainText('Ihr Code ist gesperrt')
    await expect(blocked).toContainText(/in der Regel bis \d{2}\.\d{2}\.\d{4} bei Ihnen/)
    await expect(activation.code).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Code bestätigen' })).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Neuen Brief anfordern' })).toBeFocused()
    await saveScreenshot(page, '73-activation-locked')

    await activation.requestNewLetter({ confirm: false })
    await expect(page.getByTestId('letter-sent')).toContainText('Ein neuer Brief ist unterwegs.')
    await expect(activation.code).toBeEnabled()
    const second = await codeFromNewestLetter(page.request, person.lastName, first)
    expect(await activation.send(second)).toBe(200)
    await new ContractsPage(page).expectShown()
  })

  test('delete the account: signed out everywhere, the e-mail, and the address registers again', async ({
    page,
  }) => {
    test.setTimeout(180_000)
    const signIn = new SignInPage(page)
    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    const profile = new ProfilePage(page)
    await profile.open()
    const section = profile.section('delete')
    await expect(section.getByRole('heading', { name: 'Konto löschen' })).toBeVisible()
    await section.getByRole('button', { name: 'Konto löschen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Konto löschen' })
    await expect(dialog).toContainText('Ihre Verträge und Ihre Briefe bleiben bei uns gespeichert.')

    // A wrong password is said at the field (and counted with sign-in); nothing is deleted.
    const password = dialog.getByLabel('Ihr Passwort', { exact: true })
    await password.fill('Ein-falsches-Passwort-123')
    await dialog.getByRole('button', { name: 'Konto endgültig löschen' }).click()
    await expect(password).toHaveAttribute('aria-invalid', 'true')
    await expect(dialog.getByText(/Das Passwort ist nicht korrekt/)).toBeVisible()
    await saveScreenshot(page, '74-delete-account')

    await password.fill(ANNA.password)
    await dialog.getByRole('button', { name: 'Konto endgültig löschen' }).click()
    await expect(page).toHaveURL(/#\/$/)
    await expect(page.getByText(/Ihr Konto wurde gelöscht/)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0)
    expect(await (await page.request.get('/api/v1/session')).json()).toEqual({ signedIn: false })
    const mailbox = new DemoMailbox(page, page.request)
    const confirmation = await mailbox.waitFor(ANNA.email, /Ihr Konto wurde gelöscht/)
    expect(confirmation.text).toContain(
      'Ihre Verträge und Ihre Briefe bleiben bei uns gespeichert.',
    )

    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await expect(page.getByText('E-Mail-Adresse oder Passwort ist falsch.')).toBeVisible()

    // The address and the customer record are free: a new registration gets a letter and
    // sees the contracts only after entering its code.
    await registerAndConfirmByApi(page.request, { ...ANNA, password: PASSWORD })
    await signIn.signIn(ANNA.email, PASSWORD)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    const code = await codeFromNewestLetter(page.request, ANNA.lastName)
    expect(await activation.send(code)).toBe(200)
    await expect(new ContractsPage(page).cards).toHaveCount(3)
  })
})
