/**
 * The web preview against other pages in the same Chromium. A page served from
 * another port of 127.0.0.1 is another origin but the same *site*: the browser
 * sends the preview's SameSite=Strict cookie with its requests, so only the
 * gateway's same-origin check stands between it and the customer's session. It
 * tries what a real attacker page would: a text/plain form that reads as JSON
 * (signing the victim into the attacker's account), a form asking for activation
 * letters, and no-cors fetches of both. And a browser context that did not open
 * the one-time link first gets nothing.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { demoRegistrant, registerAndConfirmByApi, SignInPage } from '../pages/auth-pages.ts'
import { ActivationPage } from '../pages/contract-pages.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'
import type { APIRequestContext, Page } from '@playwright/test'

/** The attacker's web server: serves the pages a test puts in, by path, on its own port. */
const attackerPages = new Map<string, string>()
let attacker: Server
let attackerOrigin = ''

test.beforeAll(async () => {
  attacker = createServer((req, res) => {
    const page = attackerPages.get(new URL(req.url ?? '/', 'http://x').pathname)
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page ?? 'not here')
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`
})
test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()))
})

/** Activation letters sent to someone of that last name so far. */
async function lettersTo(api: APIRequestContext, lastName: string): Promise<number> {
  const body = (await (await api.get('/api/v1/dev/outbox?kind=letter')).json()) as {
    items: { to: string }[]
  }
  return body.items.filter((letter) => letter.to.includes(lastName)).length
}

/** Whom the preview's gateway holds a session for. */
async function sessionEmail(api: APIRequestContext): Promise<string | null> {
  const state = (await (await api.get('/api/v1/session')).json()) as {
    customer?: { email: string }
  }
  return state.customer?.email ?? null
}

/** Opens an attacker page that submits its form at once, and waits for the preview's answer. */
async function submitFrom(page: Page, path: string, target: string): Promise<string> {
  await Promise.all([page.waitForURL(target), page.goto(`${attackerOrigin}${path}`)])
  return page.locator('body').innerText()
}

test.describe('another site’s page in the same browser', () => {
  test('cannot sign the customer into the attacker’s account, nor ask for letters in their name', async ({
    page,
    preview,
  }) => {
    const api = page.request
    // The attacker's own account: its password holds the "=" a text/plain form puts
    // between a field's name and value, so the form's body reads as this JSON.
    const mallory = await demoRegistrant(
      api,
      1,
      'mallory.e2e@example.at',
      'Gurken-Salat=Dienstag-17',
    )
    await registerAndConfirmByApi(api, mallory)
    // The victim: Lukas, registered and signed in, waiting for his activation letter.
    const lukas = await demoRegistrant(
      api,
      0,
      'lukas.e2e@example.at',
      'Salzach-Ufer-Mozartkugel-Regen',
    )
    await registerAndConfirmByApi(api, lukas)
    await new SignInPage(page).open()
    await new SignInPage(page).signIn(lukas.email, lukas.password)
    await new ActivationPage(page).expectShown()
    expect(await sessionEmail(api)).toBe(lukas.email)
    const letters = await lettersTo(api, lukas.lastName)
    expect(letters).toBeGreaterThan(0)

    const signInUrl = `${preview.baseURL}/api/v1/sessions`
    const lettersUrl = `${preview.baseURL}/api/v1/me/activation/letters`
    const [name, value] = JSON.stringify({ email: mallory.email, password: mallory.password })
      .split('=')
      .map((part) => part.replaceAll("'", '&#39;'))
    attackerPages.set(
      '/sign-in-form',
      `<form method="post" action="${signInUrl}" enctype="text/plain">
         <input type="hidden" name='${name}' value='${value}'>
       </form>
       <script>document.forms[0].submit()</script>`,
    )
    attackerPages.set(
      '/letters-form',
      `<form method="post" action="${lettersUrl}"></form>
       <script>document.forms[0].submit()</script>`,
    )
    attackerPages.set('/', '<title>Gewinnspiel</title><p>Sie haben gewonnen!</p>')

    // The browser sent the cookie (the answer is not 401) and the gateway refused (403).
    expect(await submitFrom(page, '/sign-in-form', signInUrl)).toContain('origin_not_allowed')
    expect(await submitFrom(page, '/letters-form', lettersUrl)).toContain('origin_not_allowed')
    await page.goto(`${attackerOrigin}/`)
    await page.evaluate(
      async ({ signIn, letters, body }) => {
        // Opaque answers: the page cannot read them, but a request could still act.
        await fetch(signIn, { method: 'POST', mode: 'no-cors', credentials: 'include', body })
        await fetch(letters, { method: 'POST', mode: 'no-cors', credentials: 'include' })
      },
      {
        signIn: signInUrl,
        letters: lettersUrl,
        body: JSON.stringify({ email: mallory.email, password: mallory.password }),
      },
    )
    const refused = (path: string): number =>
      preview
        .output()
        .split('\n')
        .filter((line) => line.includes(`refused POST ${path} 403`)).length
    // The preview logs each refusal; its lines arrive on their own pace: wait for all four.
    await expect
      .poll(() => [refused('/api/v1/sessions'), refused('/api/v1/me/activation/letters')])
      .toEqual([2, 2])

    // Nothing happened: still Lukas, no letter more.
    expect(await sessionEmail(api)).toBe(lukas.email)
    expect(await lettersTo(api, lukas.lastName)).toBe(letters)

    // The app itself still works: back in the preview, Lukas asks for a new letter.
    await page.goto(`${preview.baseURL}/#/activation`)
    const activation = new ActivationPage(page)
    await activation.expectShown()
    await activation.requestNewLetter()
    expect(await lettersTo(api, lukas.lastName)).toBe(letters + 1)
  })

  test('the app’s own page cannot send a form’s text/plain as JSON either', async ({ page }) => {
    await page.goto('/')
    const statuses = await page.evaluate(async () => {
      const body = JSON.stringify({
        email: 'anna.huber@demo.mini.at',
        password: 'wrong-wrong-wrong',
      })
      const send = async (type: string): Promise<number> =>
        (
          await fetch('/api/v1/sessions', {
            method: 'POST',
            headers: { 'content-type': type },
            body,
          })
        ).status
      return { plain: await send('text/plain'), json: await send('application/json') }
    })
    // JSON reaches the backend (a wrong password); text/plain is not read at all.
    expect(statuses).toEqual({ plain: 415, json: 401 })
  })
})

test.describe('a browser that did not open the one-time link', () => {
  test('gets a page saying the link is used up, and the app says how to get in', async ({
    browser,
    context,
    preview,
  }) => {
    // The test's own context opened the link already (the fixture): it works once.
    expect(await context.cookies(preview.baseURL)).toHaveLength(1)
    const stranger = await browser.newContext({ baseURL: preview.baseURL, locale: 'de-AT' })
    try {
      const page = await stranger.newPage()
      const entered = await page.goto(preview.entryURL)
      expect(entered?.status()).toBe(403)
      await expect(page.getByRole('heading', { name: 'Dieser Link gilt nicht mehr' })).toBeVisible()
      expect((await stranger.cookies()).length).toBe(0)

      const state = await page.request.get('/api/v1/session')
      expect(state.status()).toBe(401)
      expect((await state.json()).error.code).toBe('preview_link_required')
      const outbox = await page.request.get('/api/v1/dev/outbox')
      expect(outbox.status()).toBe(401)

      await page.goto('/')
      await expect(
        page.getByRole('heading', { name: 'Öffnen Sie die Web-Vorschau über ihren Link' }),
      ).toBeVisible()
      await saveScreenshot(page, '04-preview-without-link')
    } finally {
      await stranger.close()
    }
  })
})
