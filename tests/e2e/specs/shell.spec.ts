import { AppShell } from '../pages/app-shell.ts'
import { expect, saveScreenshot, test } from '../fixtures/test.ts'

test.describe('the app shell in the web preview', () => {
  test('starts in German and shows the support contacts from the API', async ({ page }) => {
    const shell = new AppShell(page)
    await shell.open('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await expect(shell.languageButton('Deutsch')).toHaveAttribute('aria-pressed', 'true')
    await expect(shell.supportContacts).toContainText('+43 662 2191 4920')
    await expect(shell.supportContacts).toContainText('ksc@mini.at')
    await expect(shell.supportContacts.getByRole('link', { name: /ksc@mini\.at/ })).toHaveAttribute(
      'href',
      'mailto:ksc@mini.at',
    )
    await saveScreenshot(page, '01-start-de')
  })

  test('shows the whole FAQ in German and in English', async ({ page }) => {
    const shell = new AppShell(page)
    await shell.open('/help')
    await expect(page.getByRole('heading', { level: 1, name: 'Hilfe & FAQ' })).toBeVisible()
    for (const question of [
      'Warum soll ich mich für My MINI Finance registrieren?',
      'Ich habe keine E-Mail bekommen',
      'Mein Konto für My MINI Finance wurde noch nicht aktiviert',
      'Wie melde ich mich bei My MINI Finance an?',
      'Mein Konto für My MINI Finance wurde gesperrt',
      'Ich habe mein Passwort vergessen',
    ]) {
      await expect(page.getByText(question, { exact: false }).first()).toBeVisible()
    }
    await saveScreenshot(page, '02-help-de')

    await shell.chooseLanguage('English')
    await expect(page.getByRole('heading', { level: 1, name: 'Help & FAQ' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByText(/three wrong passwords|three times/i).first()).toBeAttached()
    await saveScreenshot(page, '03-help-en')
  })

  test('an answer opens and names the support contacts', async ({ page }) => {
    const shell = new AppShell(page)
    await shell.open('/help')
    await page.getByText('Ich habe keine E-Mail bekommen', { exact: false }).first().click()
    const main = page.getByRole('main')
    await expect(main.getByText('+43 662 2191 4920').first()).toBeVisible()
  })

  test('the language choice survives a reload', async ({ page }) => {
    const shell = new AppShell(page)
    await shell.open('/help')
    await shell.chooseLanguage('English')
    await expect(shell.languageButton('English')).toHaveAttribute('aria-pressed', 'true')
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Help & FAQ' })).toBeVisible()
    await expect(shell.languageButton('English')).toHaveAttribute('aria-pressed', 'true')
    await shell.chooseLanguage('Deutsch')
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Hilfe & FAQ' })).toBeVisible()
  })

  test('every page is served with the strict CSP and no inline script', async ({
    page,
    request,
  }) => {
    const response = await request.get('/')
    const csp = response.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    const html = await response.text()
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    // The page works under that policy: no CSP violation is reported.
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await new AppShell(page).open('/help')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(violations).toEqual([])
  })

  test('a foreign Host header is refused (DNS rebinding)', async ({ preview }) => {
    const url = new URL('/api/v1/support', preview.baseURL)
    const { request: httpRequest } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { host: 'evil.example' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })
})
