/**
 * Personal data end to end: the phone number by the numbering plan, the address
 * (with the password; its letter in the postbox, an e-mail, letters to the old and
 * the new address), bank details, e-mail change through the demo mailbox.
 */
import { DemoMailbox, SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { ProfilePage } from '../pages/profile-page.ts'
import { AS_THE_APP, expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = {
  email: 'anna.huber@demo.mini.at',
  password: 'Festungsberg-Regenschirm-2026',
  /** The letters' recipients: before and after the address change. */
  oldAddress: 'Anna Huber, Getreidegasse 9, 5020 Salzburg, AT',
  newAddress: 'Anna Huber, Linzer Gasse 12/3, 5020 Salzburg, AT',
}

test.describe('personal data', () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    await new ProfilePage(page).open()
  })

  test('a phone number is checked by the numbering plan: "0664 12" is refused, a complete one is stored and shown in one format', async ({
    page,
  }) => {
    const profile = new ProfilePage(page)
    const contact = profile.section('contact')
    await expect(contact).toContainText('+43 664 1234567')
    const dialog = await profile.openPhoneDialog()
    const stored = dialog.getByTestId('phone-stored')

    // Once saved as "+43 66412" with a success message: now refused at the field.
    await profile.fillPhone('0664 12')
    await profile.savePhone()
    await expect(
      dialog.getByText('Diese Telefonnummer ist zu kurz: Es fehlen Ziffern.'),
    ).toBeVisible()
    await expect(stored).toBeHidden()
    await saveScreenshot(page, '82-profile-phone-too-short')
    // The backend refuses it as well, whatever sends it.
    const direct = await page.request.patch('/api/v1/me', {
      data: { phone: '0664 12' },
      headers: AS_THE_APP,
    })
    expect(direct.status()).toBe(400)
    expect(((await direct.json()) as { error: { fields: unknown } }).error.fields).toEqual({
      phone: 'too_short',
    })

    await profile.fillPhone('0800 123456')
    await expect(dialog.getByText(/Service- oder Mehrwertnummer/)).toBeVisible()

    await profile.fillPhone('0043 (0)676 987 65 43')
    await expect(stored).toHaveText('Wir speichern: +43 676 9876543')
    await saveScreenshot(page, '83-profile-phone-dialog')
    await profile.savePhone()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Ihre Telefonnummer wurde geändert.')).toBeVisible()
    await expect(contact).toContainText('+43 676 9876543')
    await saveScreenshot(page, '84-profile-phone-saved')
    const me = await page.request.get('/api/v1/me')
    expect(((await me.json()) as { customer: { phone: string } }).customer.phone).toBe(
      '+436769876543',
    )
  })

  test('an address change needs the password, files its letter and writes to both addresses; new bank details show masked', async ({
    page,
  }) => {
    await saveScreenshot(page, '50-profile')
    const postbox = new PostboxPage(page)
    const profile = new ProfilePage(page)
    const unreadBefore = await postbox.unreadInNav()

    const address = await profile.openAddressDialog()
    // A German postal code for Austria, and no password: refused before anything is sent.
    await profile.fillAddress({ street: 'Linzer Gasse', houseNumber: '12/3', postalCode: '50200' })
    await profile.saveAddress()
    await expect(
      address.getByText(/Im gewählten Land \(Österreich\) hat sie diese Form: 5020/),
    ).toBeVisible()
    await expect(address.getByText('Bitte geben Sie Ihr Passwort ein.')).toBeVisible()
    // A wrong password is named at its field, with how many more may be tried before the lock.
    await profile.fillAddress({ postalCode: '5020', city: 'Salzburg' }, 'Das-ist-es-nicht-123')
    await profile.saveAddress()
    await expect(address.getByText(/Das Passwort ist nicht korrekt/)).toBeVisible()
    await expect(address.getByText(/Noch 2 Versuche, danach wird Ihr Konto gesperrt/)).toBeVisible()
    await saveScreenshot(page, '50a-profile-address-password')
    await profile.fillAddress({}, ANNA.password)
    await profile.saveAddress()
    await expect(address).toBeHidden()
    await expect(
      page.getByText(
        'Ihre Adresse wurde geändert. Eine Bestätigung finden Sie in Ihrem Postfach.',
        {
          exact: false,
        },
      ),
    ).toBeVisible()
    await expect(profile.section('address')).toContainText('Linzer Gasse 12/3')
    await expect.poll(() => postbox.unreadInNav()).toBe(unreadBefore + 1)

    // Anna is told by e-mail, and a letter goes to the old and one to the new address.
    const mailbox = new DemoMailbox(page, page.request)
    await mailbox.waitFor(ANNA.email, /Ihre Adresse wurde geändert/)
    const toOld = await mailbox.waitFor(ANNA.oldAddress, /wurde geändert/, 'letter')
    expect(toOld.text).not.toContain('Linzer Gasse')
    await mailbox.waitFor(ANNA.newAddress, /Ihre neue Adresse/, 'letter')

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
