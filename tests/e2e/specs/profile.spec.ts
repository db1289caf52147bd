/** Personal data end to end: address (its letter in the postbox), bank details, e-mail change through the demo mailbox. */
import { DemoMailbox, SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { AS_THE_APP, expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

test.describe('personal data', () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    await page.getByRole('navigation').getByRole('link', { name: 'Persönliche Daten' }).click()
    await expect(page.getByRole('heading', { name: 'Persönliche Daten', level: 1 })).toBeVisible()
  })

  test('an address change files its confirmation letter; new bank details show masked', async ({
    page,
  }) => {
    await saveScreenshot(page, '50-profile')
    const postbox = new PostboxPage(page)
    const unreadBefore = await postbox.unreadInNav()

    await page.getByRole('button', { name: 'Ändern: Adresse' }).click()
    const address = page.getByRole('dialog', { name: 'Adresse ändern' })
    await address.getByLabel('Straße', { exact: true }).fill('Linzer Gasse')
    await address.getByLabel('Hausnummer').fill('12/3')
    // A German postal code for Austria is refused before anything is sent.
    await address.getByLabel('Postleitzahl').fill('50200')
    await address.getByRole('button', { name: 'Speichern' }).click()
    await expect(address.getByText(/Das ist keine Postleitzahl in Österreich/)).toBeVisible()
    await address.getByLabel('Postleitzahl').fill('5020')
    await address.getByLabel('Ort').fill('Salzburg')
    await address.getByRole('button', { name: 'Speichern' }).click()
    await expect(address).toBeHidden()
    await expect(
      page.getByText('Ihre Adresse wurde geändert. Eine Bestätigung finden Sie in Ihrem Postfach.'),
    ).toBeVisible()
    await expect(page.locator('[data-section="address"]')).toContainText('Linzer Gasse 12/3')
    await expect.poll(() => postbox.unreadInNav()).toBe(unreadBefore + 1)

    await page.getByRole('button', { name: 'Ändern: Bankverbindung' }).click()
    const bank = page.getByRole('dialog', { name: 'Bankverbindung ändern' })
    const iban = bank.getByLabel('Neue IBAN')
    await iban.pressSequentially('at611904300234573202')
    await expect(iban).toHaveValue('AT61 1904 3002 3457 3202')
    await expect(bank.getByText(/Die Prüfziffern passen nicht/)).toBeVisible()
    await iban.fill('')
    await iban.pressSequentially('AT611904300234573201')
    await expect(bank.getByText('Die IBAN ist gültig (Österreich).')).toBeVisible()
    await bank.getByLabel('Kontoinhaber/in').fill('Anna Huber')
    await bank.getByRole('checkbox', { name: 'Ich erteile das SEPA-Lastschriftmandat.' }).check()
    await bank.getByLabel('Ihr Passwort').fill(ANNA.password)
    await saveScreenshot(page, '51-profile-bank-dialog')
    await bank.getByRole('button', { name: 'Speichern' }).click()
    await expect(bank).toBeHidden()
    await expect(page.getByText(/Ihre Bankverbindung wurde geändert/)).toBeVisible()
    const bankSection = page.locator('[data-section="bank"]')
    await expect(bankSection).toContainText('AT61 **** **** **** 3201')
    // Only the masked IBAN ever reaches the page.
    expect(await page.content()).not.toContain('1904300234573201')
    await saveScreenshot(page, '52-profile-changed')

    // Both letters are in the postbox, the address confirmation among the newest.
    await postbox.open()
    await expect(postbox.row('Bestätigung Ihrer neuen Adresse')).toBeVisible()
    await expect(postbox.rows.first()).toContainText(/Bankverbindung|SEPA/)
  })

  test('an e-mail change takes effect only through the link sent to the new address', async ({
    page,
  }) => {
    const newEmail = 'anna.huber@beispiel.at'
    await page.getByRole('button', { name: /^Ändern: E-Mail/ }).click()
    const dialog = page.getByRole('dialog', { name: 'E-Mail-Adresse ändern' })
    await dialog.getByLabel('Neue E-Mail-Adresse').fill(newEmail)
    await dialog.getByLabel('Ihr Passwort').fill(ANNA.password)
    await dialog.getByRole('button', { name: /Speichern|Link senden|Senden/ }).click()
    await expect(page.getByTestId('email-change-pending')).toContainText(newEmail)

    // The old address is told; nothing has changed yet.
    const mailbox = new DemoMailbox(page, page.request)
    await mailbox.waitFor(ANNA.email, /E-Mail-Adresse|e-mail address/i)
    await mailbox.waitFor(newEmail, /bestätigen|confirm/i)
    await page.goto('/#/mailbox')
    const item = page.getByRole('listitem').filter({ hasText: newEmail }).first()
    await expect(item).toBeVisible()
    await item
      .getByText(/bestätigen/i)
      .first()
      .click()
    await item.getByRole('button', { name: 'Link öffnen' }).first().click()
    await expect(
      page.getByText(
        'Ihre E-Mail-Adresse wurde geändert. Bitte melden Sie sich mit der neuen Adresse an.',
      ),
    ).toBeVisible()
    await saveScreenshot(page, '53-email-change-confirmed')

    // The old address no longer signs in; the new one does.
    const sessions = async (email: string): Promise<number> =>
      (
        await page.request.post('/api/v1/sessions', {
          headers: AS_THE_APP,
          data: { email, password: ANNA.password, staySignedIn: false },
        })
      ).status()
    expect(await sessions(ANNA.email)).toBe(401)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(newEmail, ANNA.password)
    await new ContractsPage(page).expectShown()
  })
})
