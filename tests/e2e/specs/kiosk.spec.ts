/**
 * Kiosk mode end to end on the web preview (`--web --kiosk --kiosk-config`): the
 * showroom start screen, a customer who views and e-mails a letter and then walks
 * away (countdown → start screen), the back button, and the next customer, who
 * sees only their own data. A terminal never shows the demo mailbox (its /dev
 * routes answer 404 through the kiosk's gateway), so the test reads the e-mails
 * and letters the demo "sent" from the bank's side: the bare API server on the
 * same database. The web preview cannot print without a dialog: no "Drucken"
 * there, even with a printer in kiosk.json. Time is Playwright's fake clock in the
 * page: the idle countdown is real code on a clock the test moves forward.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request, type APIRequestContext, type Page } from '@playwright/test'
import { hashExitPin } from '../../../src/host/kiosk/exit-pin.ts'
import {
  DemoMailbox,
  freeDemoCustomer,
  isoDate,
  RegisterPage,
  SignInPage,
} from '../pages/auth-pages.ts'
import { ActivationPage, codeFromNewestLetter, ContractsPage } from '../pages/contract-pages.ts'
import { PostboxPage } from '../pages/postbox-page.ts'
import { startPreviewServer, type PreviewServer } from '../fixtures/preview-server.ts'
import { AS_THE_APP, expect, saveScreenshot, test } from '../fixtures/test.ts'

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
    // The showroom's demonstration terminal, on the built-in demo data.
    demo: true,
    printer: 'Showroom Laser (Empfang)',
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

/** The bank's side: the API server on the terminal's database, and a client for it. */
let bank: PreviewServer | null = null
let bankApi: APIRequestContext | null = null
test.afterEach(async () => {
  await bankApi?.dispose()
  await bank?.stop()
  bankApi = null
  bank = null
})

test.describe('kiosk mode', () => {
  test('a half-filled registration goes after the countdown: the start screen returns empty and says nothing of a sign-out', async ({
    page,
  }) => {
    await page.clock.install()
    await page.goto('/')
    await page.getByRole('link', { name: 'Registrieren', exact: true }).click()
    const lastName = page.getByLabel('Nachname')
    await expect(lastName).toBeVisible()
    // A visitor types part of the form and walks away (fill types without key events:
    // a pasted or dictated entry counts as much as a typed one).
    await page.getByLabel('Vorname').fill('Lukas')
    await lastName.fill('Gruber')
    await page.getByLabel('Geburtsdatum').fill('28.07.1990')
    await page.getByLabel('Kundennummer').fill('100517903')
    await page.getByLabel('E-Mail-Adresse').fill('lukas.gruber@example.at')
    const typed = /Lukas|Gruber|100517903|lukas\.gruber/

    const notice = page.getByRole('alertdialog', { name: 'Sind Sie noch da?' })
    await page.clock.fastForward((IDLE_SECONDS - WARNING_SECONDS) * 1000 + 500)
    await expect(notice).toBeVisible()
    await expect(notice).toContainText(/löschen wir Ihre Eingaben in \d+ Sekunden/)
    await expect(notice).not.toContainText('abgemeldet')
    await saveScreenshot(page, '80-kiosk-visitor-countdown')

    const startScreenLoaded = page.waitForEvent('load')
    await page.clock.fastForward((WARNING_SECONDS + 1) * 1000)
    await startScreenLoaded
    await expect(page.getByRole('heading', { name: `Willkommen bei ${DEALERSHIP}` })).toBeVisible()
    await expect(page.locator('body')).not.toContainText(/abgemeldet|Sitzung/)
    expect(new URL(page.url()).hash).toBe('#/')
    await saveScreenshot(page, '81-kiosk-visitor-reset')
    expect(await pageTraces(page)).not.toMatch(typed)

    // The form is empty for the next visitor, and going back brings nothing of it back.
    await page.getByRole('link', { name: 'Registrieren', exact: true }).click()
    await expect(lastName).toBeVisible()
    for (const label of ['Vorname', 'Nachname', 'Kundennummer', 'E-Mail-Adresse']) {
      await expect(page.getByLabel(label)).toHaveValue('')
    }
    await expect(page.getByLabel('Geburtsdatum')).toHaveValue('')
    await page.goBack()
    await page.goBack().catch(() => null)
    await page.waitForLoadState('domcontentloaded')
    expect(await pageTraces(page)).not.toMatch(typed)
  })

  test('start screen → letter by e-mail → idle → start screen; back shows nothing; no demo mailbox; the next customer sees only their own data', async ({
    page,
    preview,
  }) => {
    test.setTimeout(240_000)
    bank = await startPreviewServer({ dataDir: preview.dataDir, web: false })
    bankApi = await request.newContext({ baseURL: bank.baseURL })
    const outbox = bankApi
    await page.clock.install()
    // Nothing may open the browser's print dialog ("Save as PDF" writes to disk): every
    // call, on every page load, is counted here.
    let printDialogs = 0
    await page.exposeFunction('__mmfPrintDialog', () => {
      printDialogs += 1
    })
    await page.addInitScript(() => {
      window.print = () => {
        void (window as unknown as { __mmfPrintDialog: () => Promise<void> }).__mmfPrintDialog()
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
    const letter = page.getByTestId('preview')
    await expect(letter.locator('canvas').first()).toBeVisible()
    // A browser prints only through its dialog: the web preview offers no "Drucken".
    await expect(letter.getByRole('button', { name: 'Drucken' })).toHaveCount(0)
    await expect(page.locator('.lead')).not.toContainText('drucken')
    await letter.getByRole('button', { name: 'An meine E-Mail senden' }).click()
    await expect(letter.getByText(/Gesendet an a\*\*\*/)).toBeVisible()
    await saveScreenshot(page, '62-kiosk-preview-sent')

    // The terminal itself cannot read what the demo sent: no mailbox, customers or clock.
    for (const path of ['/api/v1/dev/outbox', '/api/v1/dev/customers']) {
      expect((await page.request.get(path)).status(), path).toBe(404)
    }
    const clock = await page.request.post('/api/v1/dev/clock', {
      data: { advanceSeconds: 60 },
      headers: AS_THE_APP,
    })
    expect(clock.status()).toBe(404)

    // The e-mail went to Anna's registered address, with the letter as a real PDF.
    const sent = await outbox.get(`/api/v1/dev/outbox?to=${encodeURIComponent(ANNA.email)}`)
    const mails = (
      (await sent.json()) as {
        items: { id: string; attachments?: { fileName: string; contentType: string }[] }[]
      }
    ).items.filter((m) => (m.attachments ?? []).length > 0)
    expect(mails).toHaveLength(1)
    const mail = mails[0] as {
      id: string
      attachments: { fileName: string; contentType: string }[]
    }
    expect(mail.attachments[0]?.contentType).toBe('application/pdf')
    const pdf = await outbox.get(`/api/v1/dev/outbox/${mail.id}/attachments/0`)
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect((await page.request.get(`/api/v1/dev/outbox/${mail.id}/attachments/0`)).status()).toBe(
      404,
    )
    await letter.getByRole('button', { name: 'Schließen' }).click()

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

    // The demo mailbox is not on the terminal: its address shows the start screen.
    await page.goto('/#/mailbox')
    await expect(page.getByRole('heading', { name: `Willkommen bei ${DEALERSHIP}` })).toBeVisible()
    await expect(page.getByText('Demo-Briefkasten')).toHaveCount(0)
    await saveScreenshot(page, '67-kiosk-no-mailbox')

    // The next customer registers on the same terminal and sees only their own contract.
    // The confirmation link reaches them by e-mail (read at the bank's side here).
    await page.goto('/')
    const free = await freeDemoCustomer(outbox, 0)
    const lukas = {
      ...free,
      dateOfBirth: isoDate(free.dateOfBirth),
      email: 'e2e.kiosk.next@example.at',
      password: 'Salzach-Ufer-Mozartkugel-Regen',
    }
    await new RegisterPage(page).registerAs(lukas)
    await expect(page).toHaveURL(/#\/register\/check-email/)
    const confirmation = await new DemoMailbox(page, outbox).waitFor(
      lukas.email,
      /bestätigen|confirm/i,
    )
    const token = new URL(confirmation.links[0] ?? '').searchParams.get('token')
    expect(token).toBeTruthy()
    await page.goto(`/#/confirm?token=${token}`)
    await expect(page.getByRole('link', { name: /Jetzt anmelden/ })).toBeVisible()
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(lukas.email, lukas.password)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    await expect(page.getByTestId('demo-letter-hint')).toHaveCount(0)
    await activation.enter(await codeFromNewestLetter(outbox, lukas.lastName))
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
    // Nothing on the terminal ever opened the browser's print dialog.
    expect(printDialogs).toBe(0)
  })
})
