/**
 * Co-borrowers end to end (issue 17, points 6 and 8): Anna Huber invites the
 * co-borrower of her leasing contract; Markus Huber, in a second browser
 * context, registers, activates, opens the invitation from the demo mailbox and
 * confirms his date of birth; he sees only that contract, read-only, and the
 * API refuses him a change (403 holder_only); Anna sees his access and ends it,
 * and his next look finds nothing. The web preview's gateway keeps one session
 * (like the desktop app), so the two take turns signing in.
 */
import type { Page } from '@playwright/test'
import { AppShell } from '../pages/app-shell.ts'
import { DemoMailbox, registerAndConfirmByApi, SignInPage } from '../pages/auth-pages.ts'
import { ActivationPage, codeFromNewestLetter, ContractsPage } from '../pages/contract-pages.ts'
import {
  checkDialogInBothLanguages,
  checkInBothLanguages,
  switchLanguage,
} from '../fixtures/axe.ts'
import { AS_THE_APP, expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }
const MARKUS = {
  salutation: 'Herr',
  firstName: 'Markus',
  lastName: 'Huber',
  dateOfBirth: '1982-06-03',
  customerNumber: '100482125',
  email: 'markus.huber@example.at',
  password: 'Gaisberg-Fahrradweg-Nebel-2026',
}
const LEASING = /LS-2026-048212/

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  const signInPage = new SignInPage(page)
  await signInPage.open()
  await signInPage.signIn(who.email, who.password)
}

async function signOut(page: Page): Promise<void> {
  await new AppShell(page).signOut()
  await expect(page.getByText('Sie wurden abgemeldet.')).toBeVisible()
}

test.describe('co-borrowers', () => {
  test('the holder invites, the co-borrower joins in a second browser context and reads only that contract, the holder revokes', async ({
    page,
    browser,
    context,
    preview,
  }) => {
    test.setTimeout(300_000)
    const second = await browser.newContext({ baseURL: preview.baseURL, locale: 'de-AT' })
    await second.addCookies(await context.cookies())
    const markusPage = await second.newPage()
    try {
      // Anna invites the co-borrower her leasing contract names.
      await signIn(page, ANNA)
      const annasContracts = new ContractsPage(page)
      await annasContracts.expectShown()
      await annasContracts.open(LEASING)
      const section = page.getByTestId('co-borrower-access')
      await expect(
        section.getByRole('heading', { name: 'Zugang für Mitantragsteller/in' }),
      ).toBeVisible()
      await expect(section).toContainText('Noch hat niemand Zugang')
      await section.getByLabel('E-Mail-Adresse für die Einladung').fill(MARKUS.email)
      await section.getByRole('button', { name: 'Einladung senden' }).click()
      await expect(section.getByText('Einladung gesendet', { exact: true })).toBeVisible()
      await section.scrollIntoViewIfNeeded()
      await saveScreenshot(page, 'c1-holder-invites')
      await signOut(page)

      // Markus, in his own browser: registered and activated (his letter in the demo mailbox).
      await registerAndConfirmByApi(markusPage.request, MARKUS)
      await signIn(markusPage, MARKUS)
      const activation = new ActivationPage(markusPage)
      await activation.expectShown()
      const code = await codeFromNewestLetter(markusPage.request, 'Markus Huber')
      expect(await activation.send(code)).toBe(200)
      await expect(
        markusPage.getByRole('heading', { name: 'Derzeit keine Verträge' }),
      ).toBeVisible()

      // The invitation from the demo mailbox asks for his date of birth.
      const mailbox = new DemoMailbox(markusPage, markusPage.request)
      const invitation = await mailbox.waitFor(MARKUS.email, /Einladung/)
      expect(invitation.links[0]).toMatch(/invitation\?token=/)
      await mailbox.openLinkIn(/Einladung/)
      await expect(
        markusPage.getByRole('heading', { name: 'Einladung zu einem Vertrag', level: 1 }),
      ).toBeVisible()
      await saveScreenshot(markusPage, 'c2-invitation-page')
      await checkInBothLanguages(markusPage, 'invitation page')
      await markusPage.getByLabel('Geburtsdatum').fill('03.06.1982')
      await markusPage.getByRole('button', { name: 'Bestätigen und Vertrag ansehen' }).click()

      // The contract, read-only: a note, no services, no access section.
      await expect(markusPage.getByTestId('co-borrower-note')).toContainText(
        'Sie sehen diesen Vertrag als Mitantragsteller/in.',
      )
      await expect(markusPage.getByTestId('schedule')).toBeVisible()
      await expect(markusPage.getByRole('link', { name: 'Service anfordern' })).toHaveCount(0)
      await expect(markusPage.getByTestId('co-borrower-access')).toHaveCount(0)
      await saveScreenshot(markusPage, 'c3-co-borrower-contract')
      await switchLanguage(markusPage, 'en')
      await expect(markusPage.getByTestId('co-borrower-note')).toContainText('as a co-borrower')
      await saveScreenshot(markusPage, 'c3-co-borrower-contract-en')
      await switchLanguage(markusPage, 'de')
      await checkInBothLanguages(markusPage, 'co-borrower contract')
      const contractId = /#\/contracts\/([\w-]+)/.exec(markusPage.url())?.[1] ?? ''
      expect(contractId).not.toBe('')

      // Only that contract, marked as his part.
      await markusPage.getByRole('navigation').getByRole('link', { name: 'Meine Verträge' }).click()
      const markusContracts = new ContractsPage(markusPage)
      await markusContracts.expectShown()
      await expect(markusContracts.cards).toHaveCount(1)
      await expect(markusContracts.cards.first()).toContainText('Mitantragsteller/in')
      await saveScreenshot(markusPage, 'c4-co-borrower-overview')

      // A change is not offered; the API refuses it anyway.
      const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
      const filed = await markusPage.request.post('/api/v1/service-requests', {
        headers: AS_THE_APP,
        data: { type: 'payoff_quote', contractId, details: { payoffDate: inTenDays } },
      })
      expect(filed.status()).toBe(403)
      expect((await filed.json()).error.code).toBe('holder_only')
      const invited = await markusPage.request.post(`/api/v1/contracts/${contractId}/invitations`, {
        headers: AS_THE_APP,
        data: { email: 'someone@example.at' },
      })
      expect(invited.status()).toBe(403)
      expect((await invited.json()).error.code).toBe('holder_only')
      await signOut(markusPage)

      // Anna sees his access and ends it.
      await signIn(page, ANNA)
      await annasContracts.expectShown()
      await annasContracts.open(LEASING)
      await expect(section.getByTestId('co-borrower-list')).toContainText('Markus Huber')
      await expect(section.getByTestId('co-borrower-list')).not.toContainText('noch nie')
      await section.scrollIntoViewIfNeeded()
      await saveScreenshot(page, 'c5-holder-access-list')
      await switchLanguage(page, 'en')
      await expect(
        section.getByRole('heading', { name: 'Access for the co-borrower' }),
      ).toBeVisible()
      await section.scrollIntoViewIfNeeded()
      await saveScreenshot(page, 'c5-holder-access-list-en', { fullPage: false })
      await switchLanguage(page, 'de')
      await checkInBothLanguages(page, 'holder access list')
      const dialog = page.getByTestId('co-borrower-revoke-dialog')
      await checkDialogInBothLanguages(page, 'revoke dialog', async () => {
        await section.getByRole('button', { name: /^(Zugang beenden|End access)$/ }).click()
        return dialog
      })
      await section.getByRole('button', { name: 'Zugang beenden' }).click()
      await saveScreenshot(page, 'c6-revoke-dialog')
      await dialog.getByRole('button', { name: 'Zugang beenden' }).click()
      await expect(section).toContainText('Der Zugang von Markus Huber ist beendet.')
      await expect(section.getByTestId('co-borrower-none')).toBeVisible()
      await saveScreenshot(page, 'c7-access-revoked')
      await signOut(page)

      // His next look: the contract is gone.
      await signIn(markusPage, MARKUS)
      await expect(
        markusPage.getByRole('heading', { name: 'Derzeit keine Verträge' }),
      ).toBeVisible()
      const gone = await markusPage.request.get(`/api/v1/contracts/${contractId}`)
      expect(gone.status()).toBe(404)
      await saveScreenshot(markusPage, 'c8-access-gone')
    } finally {
      await second.close()
    }
  })
})
