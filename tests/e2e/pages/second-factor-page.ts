/**
 * Page objects of the second factor and the notifications: the profile's
 * "Zwei-Faktor-Anmeldung" section with its dialogs, the sign-in's code
 * step, the header's bell and the notifications page. The codes are computed
 * here from the key the app shows, as an authenticator app would (otpauth).
 */
import { expect, type Locator, type Page } from '@playwright/test'
import { Secret, TOTP } from 'otpauth'

/** The code an authenticator app shows for `secret` (base32) at `at` (ms). */
export function totpCode(secret: string, at = Date.now()): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  })
  return totp.generate({ timestamp: at })
}

/**
 * A code the backend has not seen yet: the next 30-second step's (a step on
 * either side is accepted; each code works once, so the one that turned the
 * second factor on is refused as a replay within its step).
 */
export function nextTotpCode(secret: string): string {
  return totpCode(secret, Date.now() + 30_000)
}

export class SecondFactorSection {
  readonly page: Page
  readonly section: Locator
  readonly enableDialog: Locator
  readonly codesDialog: Locator

  constructor(page: Page) {
    this.page = page
    this.section = page.locator('[data-section="mfa"]')
    this.enableDialog = page.getByRole('dialog', {
      name: 'Zwei-Faktor-Anmeldung einschalten',
    })
    this.codesDialog = page.getByRole('dialog', { name: 'Ihre Wiederherstellungscodes' })
  }

  /** "Ein"/"Aus" as the section shows it. */
  status(): Locator {
    return this.section.locator('dd[data-field="mfa"]')
  }

  codesLeft(): Locator {
    return this.section.locator('dd[data-field="recoveryCodesLeft"]')
  }

  /** "Einschalten" and the password: the dialog then shows the QR code and the key. */
  async start(password: string): Promise<string> {
    await this.section.getByRole('button', { name: 'Einschalten' }).click()
    await expect(this.enableDialog).toBeVisible()
    await this.enableDialog.getByLabel('Ihr Passwort').fill(password)
    await this.enableDialog.getByRole('button', { name: 'Weiter' }).click()
    await expect(this.enableDialog.getByRole('img', { name: /QR-Code/ })).toBeVisible()
    const shown = (await this.enableDialog.getByTestId('mfa-secret').textContent()) ?? ''
    const groups = shown.match(/\b[A-Z2-7]{1,4}\b/g) ?? []
    // Shown in groups of four, for typing it in by hand.
    expect(groups.length).toBeGreaterThan(3)
    expect(groups.slice(0, -1).every((group) => group.length === 4)).toBe(true)
    return groups.join('')
  }

  /** The first code turns it on; returns the recovery codes shown once. */
  async confirm(code: string): Promise<string[]> {
    await this.enableDialog.getByLabel('Code', { exact: true }).fill(code)
    await this.enableDialog.getByRole('button', { name: 'Einschalten' }).click()
    await expect(this.codesDialog).toBeVisible()
    const codes = await this.codesDialog
      .getByTestId('mfa-recovery-codes')
      .getByRole('listitem')
      .allTextContents()
    expect(codes).toHaveLength(10)
    return codes.map((code) => code.trim())
  }

  async closeCodes(): Promise<void> {
    await this.codesDialog.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click()
    await expect(this.codesDialog).toBeHidden()
  }
}

/** The sign-in's code step, after the password. */
export class CodeStep {
  readonly page: Page
  readonly totp: Locator
  readonly recovery: Locator

  constructor(page: Page) {
    this.page = page
    this.totp = page.getByLabel('Code aus der Authenticator-App')
    this.recovery = page.getByLabel('Wiederherstellungscode')
  }

  async expectShown(): Promise<void> {
    await expect(this.totp).toBeVisible()
    await expect(this.totp).toHaveAttribute('autocomplete', 'one-time-code')
  }

  async enterCode(code: string): Promise<void> {
    await this.totp.fill(code)
    await this.page.getByRole('button', { name: 'Bestätigen' }).click()
  }

  async enterRecoveryCode(code: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Ich habe keinen Zugriff auf meine App' }).click()
    await this.recovery.fill(code)
    await this.page.getByRole('button', { name: 'Bestätigen' }).click()
  }
}

/** The header's bell and the notifications page. */
export class NotificationsPage {
  readonly page: Page
  readonly bell: Locator
  readonly heading: Locator
  readonly list: Locator

  constructor(page: Page) {
    this.page = page
    this.bell = page.getByRole('banner').getByRole('link', { name: /^Benachrichtigungen/ })
    this.heading = page.getByRole('heading', { name: 'Benachrichtigungen', level: 1 })
    this.list = page.getByTestId('notifications-list')
  }

  async open(): Promise<void> {
    await this.bell.click()
    await expect(this.heading).toBeVisible()
  }

  /** The entry whose text matches, newest first. */
  entry(text: RegExp | string): Locator {
    return this.list.getByRole('button', { name: text }).first()
  }
}
