/**
 * Notifications end to end (issue 16, point 10): a payoff quote's letter shows
 * in the bell and on the notifications page, opens in the postbox, and its
 * announcement (no content, no link with a token) is in the demo mailbox.
 */
import { advanceDemoClock, DemoMailbox, SignInPage } from '../pages/auth-pages.ts'
import { ContractsPage } from '../pages/contract-pages.ts'
import { earliestDate, germanDate } from '../pages/date-fields.ts'
import { NotificationsPage } from '../pages/second-factor-page.ts'
import { checkInBothLanguages } from '../fixtures/axe.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }

/** The bell's unread count, from its accessible name ("Benachrichtigungen, 3 ungelesen"). */
async function unreadInBell(notifications: NotificationsPage): Promise<number> {
  const name = (await notifications.bell.getAttribute('aria-label')) ?? ''
  const match = /, (\d+)\+? ungelesen$/.exec(name)
  return match ? Number(match[1]) : 0
}

test.describe('notifications', () => {
  test('a payoff quote’s letter shows in the bell, opens from the notifications page, and is announced by e-mail', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const signIn = new SignInPage(page)
    const notifications = new NotificationsPage(page)
    await signIn.open()
    await signIn.signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    // What is due today (an instalment, Anna's lease end) is recorded now, by the sweep
    // that moving the demo clock runs, not by the server's own first sweep while this
    // test counts.
    await advanceDemoClock(page.request, 1)
    await expect(notifications.bell).toBeVisible()
    const before = await unreadInBell(notifications)

    // A payoff quote: answered at once with a letter in the postbox.
    await page.getByRole('navigation').getByRole('link', { name: 'Services' }).click()
    const contract = page.getByLabel('Vertrag', { exact: true })
    const loan = await contract.locator('option', { hasText: 'Kredit' }).first().textContent()
    await contract.selectOption({ label: (loan as string).trim() })
    await page.getByRole('radio', { name: 'Ablöseangebot' }).check()
    await page.getByRole('button', { name: 'Weiter', exact: true }).click()
    const payoffDate = page.getByLabel('Ablösetermin')
    await payoffDate.fill(germanDate(await earliestDate(payoffDate)))
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click()
    await page.getByRole('button', { name: 'Anfrage senden' }).click()
    await expect(page.getByTestId('service-reference')).toHaveText(/^SR-\d{4}-\d{6}$/)

    // The bell counts it as soon as the app asks again (on the next navigation).
    await page.getByRole('navigation').getByRole('link', { name: 'Meine Verträge' }).click()
    await expect.poll(() => unreadInBell(notifications)).toBeGreaterThan(before)
    await expect(notifications.bell).toHaveAttribute(
      'aria-label',
      /^Benachrichtigungen, \d+\+? ungelesen$/,
    )
    await saveScreenshot(page, 'a6-notifications-bell', { fullPage: false })

    await notifications.open()
    const entry = notifications.entry(/^Neu .*(Dokument|Ablöse)/)
    await expect(entry).toBeVisible()
    await saveScreenshot(page, 'a7-notifications-page')
    await checkInBothLanguages(page, 'notifications page')

    // Opening it shows the letter in the postbox and marks it read.
    await entry.click()
    const preview = page.getByTestId('preview')
    await expect(preview.getByRole('heading', { name: /Ablöse/ })).toBeVisible()
    await saveScreenshot(page, 'a8-notification-opens-letter')
    await page.keyboard.press('Escape')
    await expect(preview).toBeHidden()
    // Back on the notifications page the letter's entry is read ("Neu" gone). The bell
    // may not drop by one: the sweep may meanwhile have recorded that the quote,
    // valid for a few days only, is about to expire.
    await notifications.open()
    await expect(notifications.entry(/^Neues Dokument: Ablöse/)).toBeVisible()

    // "Alle als gelesen markieren": the bell has no number any more.
    await notifications.open()
    const readAll = page.getByRole('button', { name: 'Alle als gelesen markieren' })
    if (await readAll.isVisible()) await readAll.click()
    await expect(notifications.bell).toHaveAttribute('aria-label', 'Benachrichtigungen')
    await expect(page.getByText(/^Neu$/)).toHaveCount(0)

    // The e-mail that announces the letter: in the demo mailbox (letters within 15
    // minutes go out in one e-mail: the demo clock moves past that window), without
    // its content and without a link that carries a token.
    await advanceDemoClock(page.request, 16 * 60)
    const mail = await new DemoMailbox(page, page.request).waitFor(
      ANNA.email,
      /Postfach|Dokument|postbox|document/i,
    )
    expect(mail.text).not.toMatch(/Ablösebetrag/)
    expect(mail.links.filter((link) => /token=/.test(link))).toEqual([])
    await page.goto('/#/mailbox')
    await expect(page.getByRole('listitem').filter({ hasText: mail.subject }).first()).toBeVisible()
    await saveScreenshot(page, 'a9-notification-email')
  })
})
