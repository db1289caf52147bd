/**
 * The second factor end to end (issue 16, point 10): turned on in the profile
 * with a code computed here from the key the app shows, then signing in with the
 * password and a code, and with a recovery code (which works once).
 */
import { AppShell } from '../pages/app-shell.ts'
import { DemoMailbox, SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { ProfilePage } from '../pages/profile-page.ts'
import {
  CodeStep,
  nextTotpCode,
  SecondFactorSection,
  totpCode,
} from '../pages/second-factor-page.ts'
import { checkScreen } from '../fixtures/axe.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

/** The e-mails to `email` in the demo mailbox. */
async function emailCount(mailbox: DemoMailbox, email: string): Promise<number> {
  const response = await mailbox.api.get(
    `/api/v1/dev/outbox?to=${encodeURIComponent(email)}&kind=email`,
  )
  return ((await response.json()) as { items: unknown[] }).items.length
}

test.describe('the second factor', () => {
  test('turned on with the app, then sign-in with password and code, and with a recovery code once', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const signIn = new SignInPage(page)
    const contracts = new ContractsPage(page)
    const shell = new AppShell(page)
    const codeStep = new CodeStep(page)
    const mailbox = new DemoMailbox(page, page.request)

    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await contracts.expectShown()
    await new ProfilePage(page).open()

    // Turning it on: the password, the QR code and the key, the app's first code.
    const mfa = new SecondFactorSection(page)
    await expect(mfa.status()).toHaveText('Ausgeschaltet')
    const emailsBefore = await emailCount(mailbox, ANNA.email)
    const secret = await mfa.start(ANNA.password)
    await saveScreenshot(page, 'a1-second-factor-qr-code')
    await checkScreen(page, 'second factor: QR code and key')
    const recoveryCodes = await mfa.confirm(totpCode(secret))
    await saveScreenshot(page, 'a2-second-factor-recovery-codes')
    await expect(mfa.codesDialog.getByRole('button', { name: 'Kopieren' })).toBeVisible()
    await expect(mfa.codesDialog.getByRole('button', { name: 'Drucken' })).toBeVisible()
    await mfa.closeCodes()
    await expect(mfa.status()).toHaveText('Eingeschaltet')
    await expect(mfa.codesLeft()).toHaveText('10')
    // Shown once: nowhere on the page any more.
    await expect(page.getByText(recoveryCodes[0] as string)).toHaveCount(0)
    // Turning it on is announced by e-mail.
    await expect.poll(() => emailCount(mailbox, ANNA.email)).toBeGreaterThan(emailsBefore)

    // Signing in again: the password, then the code step.
    await shell.signOut()
    await expect(page.getByText('Sie wurden abgemeldet.')).toBeVisible()
    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await codeStep.expectShown()
    await saveScreenshot(page, 'a3-sign-in-code-step')
    await checkScreen(page, 'sign-in: code step')
    // A wrong code is refused, with the attempts left before the lock.
    await codeStep.enterCode('000000')
    await expect(
      page.getByText(/Noch \d Versuche?, danach wird Ihr Konto gesperrt\./),
    ).toBeVisible()
    await saveScreenshot(page, 'a4-sign-in-code-wrong')
    await codeStep.enterCode(nextTotpCode(secret))
    await contracts.expectShown()

    // Without the app: a recovery code, through the link.
    await shell.signOut()
    await expect(page.getByText('Sie wurden abgemeldet.')).toBeVisible()
    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await codeStep.expectShown()
    await page.getByRole('button', { name: 'Ich habe keinen Zugriff auf meine App' }).click()
    await expect(codeStep.recovery).toBeVisible()
    await saveScreenshot(page, 'a5-sign-in-recovery-code')
    await codeStep.recovery.fill(recoveryCodes[0] as string)
    await page.getByRole('button', { name: 'Bestätigen' }).click()
    await contracts.expectShown()
    await new ProfilePage(page).open()
    await expect(mfa.codesLeft()).toHaveText('9')

    // The same recovery code a second time is refused.
    await shell.signOut()
    await expect(page.getByText('Sie wurden abgemeldet.')).toBeVisible()
    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await codeStep.enterRecoveryCode(recoveryCodes[0] as string)
    await expect(
      page.getByText('Dieser Wiederherstellungscode ist nicht korrekt oder wurde schon verwendet.'),
    ).toBeVisible()
  })
})
