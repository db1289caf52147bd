/**
 * Kiosk mode end to end on the web preview (`--web --kiosk --kiosk-config`): the
 * showroom start screen, a customer who views, prints and e-mails a letter and then
 * walks away (countdown → start screen), the back button, and the next customer,
 * who sees only their own data. Time is Playwright's fake clock in the page: the
 * idle countdown is real code on a clock the test moves forward.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { hashExitPin } from '../../../src/main/kiosk/exit-pin.ts'
import { freeDemoCustomer, isoDate, registerAndConfirm, SignInPage } from '../pages/auth-pages.ts'
import { ActivationPage, codeFromNewestLetter, ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

const ANNA = { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' }
const IDLE_SECONDS = 60
const WARNING_SECONDS = 10
const DEALERSHIP = 'Autohaus Berger, Salzburg'

const configDir = mkdtempSync(join(tmpdir(), 'mmf-e2e-kiosk-'))
const configFile = join(configDir, 'kiosk.json')
writeFileSync(
  configFile,
  JSON.stringify({
    dealershipName: DEALERSHIP,
    // Any valid hash: the web preview has no app to quit, so the PIN is never asked.
    exitPinHash: await hashExitPin('246813'),
    idleTimeoutSeconds: IDLE_SECONDS,
    warningSeconds: WARNING_SECONDS,
    printingAllowed: true,
  }),
)
test.afterAll(() => rmSync(configDir, { recursive: true, force: true }))
test.use({ previewArgs: ['--kiosk', '--kiosk-config', configFile] })

/** Everything the page shows and keeps, for "is anything of Anna's left?". */
async function pageTraces(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      `${document.body.innerText}\n${JSON.stringify({ ...localStorage })}\n${JSON.stringify({ ...sessionStorage })}`,
  )
}

const ANNAS_TRACES = /Huber|anna\.huber|a\*\*\*\.h\*\*\*|Festungsberg/i

test.describe('kiosk mode', () => {
  test('start screen → letter by e-mail and print → idle → start screen; back shows nothing; the next customer sees only their own data', async ({
    page,
  }) => {
    test.setTimeout(240_000)
    await page.clock.install()
    // The machine has no print dialog (headless): count the calls instead.
    await page.addInitScript(() => {
      const scope = window as unknown as { __printed: number }
      scope.__printed = 0
      window.print = () => {
        scope.__printed += 1
      }
    })

    // The showroom's start screen: the dealership, two big ways in, contacts as text.
    await page.goto('/')
    await expect(page.getByRole('heading', { name: `Willkommen bei ${DEALERSHIP}` })).toBeVisible()
    const signInLink = page.getByRole('link', { name: 'Anmelden', exact: true })
    await expect(signInLink).toBeVisible()
    await expect(page.getByRole('link', { name: 'Registrieren', exact: true })).toBeVisible()
    await expect(page.getByTestId('kiosk-support')).toContainText('+43 662 2191 4920')
    await expect(page.locator('a[href^="tel:"], a[href^="mailto:"], a[href^="http"]')).toHaveCount(
      0,
    )
    const box = await signInLink.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    await saveScreenshot(page, '60-kiosk-start')

    // Sign-in: no "stay signed in", no autofill.
    await signInLink.click()
    const signIn = new SignInPage(page)
    await expect(signIn.email).toBeVisible()
    await expect(page.getByRole('checkbox', { name: 'Angemeldet bleiben' })).toHaveCount(0)
    await expect(signIn.email).toHaveAttribute('autocomplete', 'off')
    await expect(signIn.password).toHaveAttribute('autocomplete', 'off')
    await signIn.signIn(ANNA.email, ANNA.password)
    await new ContractsPage(page).expectShown()
    await expect(page.getByTestId('kiosk-banner')).toContainText('Gemeinsam genutztes Terminal')
    await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(1)
    await saveScreenshot(page, '61-kiosk-contracts')

    // The postbox saves nothing here: view, print, e-mail.
    const postbox = new PostboxPage(page)
    await postbox.open()
    await expect(page.getByRole('button', { name: /Alle speichern/ })).toHaveCount(0)
    await expect(page.getByRole('link', { name: /Speichern/ })).toHaveCount(0)
    await expect(page.getByRole('button', { name: /^Speichern/ })).toHaveCount(0)
    const row = postbox.rows.first()
    await row.getByRole('button', { name: /^Ansehen/ }).click()
    const preview = page.getByTestId('preview')
    await expect(preview.locator('canvas').first()).toBeVisible()
    await preview.getByRole('button', { name: 'Drucken' }).click()
    await expect
      // Every page is drawn first (at print resolution): slow on a busy 2-core machine.
      .poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed), {
        timeout: 60_000,
      })
      .toBe(1)
    await preview.getByRole('button', { name: 'An meine E-Mail senden' }).click()
    await expect(preview.getByText(/Gesendet an a\*\*\*/)).toBeVisible()
    await saveScreenshot(page, '62-kiosk-preview-sent')

    // The e-mail went to Anna's registered address, with the letter as a real PDF.
    const outbox = await page.request.get(`/api/v1/dev/outbox?to=${encodeURIComponent(ANNA.email)}`)
    const mails = (
      (await outbox.json()) as {
        items: { id: string; attachments?: { fileName: string; contentType: string }[] }[]
      }
    ).items.filter((m) => (m.attachments ?? []).length > 0)
    expect(mails).toHaveLength(1)
    const mail = mails[0] as {
      id: string
      attachments: { fileName: string; contentType: string }[]
    }
    expect(mail.attachments[0]?.contentType).toBe('application/pdf')
    const pdf = await page.request.get(`/api/v1/dev/outbox/${mail.id}/attachments/0`)
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await preview.getByRole('button', { name: 'Schließen' }).click()

    // Walking away: the countdown comes; "Ich bin noch da" keeps the session.
    const notice = page.getByRole('alertdialog', { name: 'Sind Sie noch da?' })
    await page.clock.fastForward((IDLE_SECONDS - WARNING_SECONDS) * 1000 + 500)
    await expect(notice).toBeVisible()
    await expect(notice).toContainText(/in \d+ Sekunden abgemeldet/)
    await saveScreenshot(page, '64-kiosk-idle-countdown')
    await notice.getByRole('button', { name: 'Ich bin noch da' }).click()
    await expect(notice).toBeHidden()
    expect(
      ((await (await page.request.get('/api/v1/session')).json()) as { signedIn: boolean })
        .signedIn,
    ).toBe(true)

    // Then gone for good: at zero the session ends and the start screen returns.
    await page.clock.fastForward((IDLE_SECONDS - WARNING_SECONDS) * 1000 + 500)
    await expect(notice).toBeVisible()
    // The session end loads the start screen as a new page: wait for that load.
    const startScreenLoaded = page.waitForEvent('load')
    await page.clock.fastForward((WARNING_SECONDS + 1) * 1000)
    await startScreenLoaded
    await expect(
      page.getByText('Sie wurden wegen Inaktivität abgemeldet.', { exact: false }),
    ).toBeVisible()
    await expect(page.getByRole('heading', { name: `Willkommen bei ${DEALERSHIP}` })).toBeVisible()
    await saveScreenshot(page, '65-kiosk-ended-idle')
    expect(await (await page.request.get('/api/v1/session')).json()).toEqual({ signedIn: false })
    expect(await pageTraces(page)).not.toMatch(ANNAS_TRACES)

    // The browser's back button leads to nothing of Anna's.
    for (let step = 0; step < 4; step++) {
      const went = await page.goBack().catch(() => null)
      await page.waitForLoadState('domcontentloaded')
      await expect(page.locator('body')).not.toContainText(/Huber|Meine Verträge|Postfach \d/)
      expect(await pageTraces(page)).not.toMatch(ANNAS_TRACES)
      if (!went) break
    }

    // The next customer registers on the same terminal and sees only their own contract.
    await page.goto('/')
    const free = await freeDemoCustomer(page.request, 0)
    const lukas = {
      ...free,
      dateOfBirth: isoDate(free.dateOfBirth),
      email: 'e2e.kiosk.next@example.at',
      password: 'Salzach-Ufer-Mozartkugel-Regen',
    }
    await registerAndConfirm(page, lukas)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(lukas.email, lukas.password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    await activation.enter(await codeFromNewestLetter(page.request, lukas.lastName))
    const contracts = new ContractsPage(page)
    await contracts.expectShown()
    const ownContracts = await page.request.get('/api/v1/contracts')
    const own = (await ownContracts.json()) as { items: unknown[] }
    await expect(contracts.cards).toHaveCount(own.items.length)
    await expect(page.locator('body')).toContainText(lukas.lastName)
    expect(await pageTraces(page)).not.toMatch(ANNAS_TRACES)
    await postbox.open()
    expect(await pageTraces(page)).not.toMatch(ANNAS_TRACES)
    await saveScreenshot(page, '66-kiosk-next-customer')

    // The big "Abmelden" ends it the same way.
    const reloaded = page.waitForEvent('load')
    await page.getByRole('button', { name: 'Abmelden' }).click()
    await reloaded
    await expect(
      page.getByText('Sie wurden abgemeldet. Ihre Daten wurden', { exact: false }),
    ).toBeVisible()
    expect(await (await page.request.get('/api/v1/session')).json()).toEqual({ signedIn: false })
    // The demo mailbox (a developer's view of everything the demo "sent", not part of a
    // customer's session; opened only now, so that it is not in the history checked above)
    // shows Anna's letter as an attachment.
    // The sign-out's own reload may still overtake a navigation started right after it.
    await expect(async () => {
      await page.goto('/#/mailbox')
      await expect(page.getByTestId('attachment').first()).toContainText(
        mail.attachments[0]?.fileName ?? '',
        { timeout: 5000 },
      )
    }).toPass({ timeout: 30_000 })
    await saveScreenshot(page, '67-kiosk-mailbox-attachment')
  })
})
