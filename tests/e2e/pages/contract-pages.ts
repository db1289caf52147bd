/** Page objects of the activation screen and the contract pages, and the letters in the demo outbox. */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test'

/** The newest activation code posted to a customer (the letter goes to the postal address). */
export async function codeFromNewestLetter(
  api: APIRequestContext,
  lastName: string,
  notThis?: string,
): Promise<string> {
  let code: string | undefined
  await expect
    .poll(
      async () => {
        const response = await api.get('/api/v1/dev/outbox?kind=letter')
        const body = (await response.json()) as { items: { to: string; text: string }[] }
        const letter = body.items.find((m) => m.to.includes(lastName))
        code = /(?:Aktivierungscode|Activation code):\s+([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(
          letter?.text ?? '',
        )?.[1]
        return code !== undefined && code !== notThis
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  return code as string
}

export class ActivationPage {
  readonly page: Page
  readonly code: Locator

  constructor(page: Page) {
    this.page = page
    this.code = page.getByLabel('Aktivierungscode')
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/#\/activation/)
    await expect(
      this.page.getByRole('heading', { name: 'Aktivierungscode eingeben' }),
    ).toBeVisible()
  }

  /** Types the code and confirms it (no request when the app finds the input wrong itself). */
  async enter(code: string): Promise<void> {
    await this.code.fill('')
    await this.code.pressSequentially(code)
    await this.page.getByRole('button', { name: 'Code bestätigen' }).click()
  }

  /** Types the code, confirms it and waits for the backend's answer; returns its status. */
  async send(code: string): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/me/activation') && r.request().method() === 'POST',
      ),
      this.enter(code),
    ])
    return response.status()
  }

  /**
   * Asks for a new letter. While the code still works the app asks first (the old code
   * stops working); a locked or expired code sends at once (`confirm: false`).
   */
  async requestNewLetter(options: { confirm?: boolean } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Neuen Brief anfordern' }).click()
    if (options.confirm !== false) {
      await this.page.getByRole('button', { name: 'Ja, neuen Brief anfordern' }).click()
    }
    await expect(this.page.getByTestId('letter-sent')).toBeVisible()
  }

  /** The screen of an account whose details matched no customer record. */
  async expectNotMatched(): Promise<void> {
    await expect(this.page).toHaveURL(/#\/activation/)
    await expect(
      this.page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Angaben', level: 1 }),
    ).toBeVisible()
  }

  /** Corrects the customer number on the not-matched screen and sends the details. */
  async correctCustomerNumber(customerNumber: string): Promise<void> {
    await this.page.getByLabel('Kundennummer', { exact: true }).fill(customerNumber)
    await this.page.getByRole('button', { name: 'Angaben senden' }).click()
  }
}

export class ContractsPage {
  readonly page: Page
  readonly cards: Locator

  constructor(page: Page) {
    this.page = page
    this.cards = page.getByTestId('contract-card')
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/#\/contracts$/)
    await expect(this.page.getByRole('heading', { name: 'Meine Verträge', level: 1 })).toBeVisible()
    await expect(this.cards.first()).toBeVisible()
  }

  /** Opens the detail of the card whose text matches. */
  async open(text: RegExp | string): Promise<void> {
    await this.cards.filter({ hasText: text }).first().getByRole('link').click()
    await expect(this.page.getByTestId('schedule')).toBeVisible()
  }
}

/** The value of a labelled field in the detail's contract data. */
export function contractField(page: Page, label: string): Locator {
  return page
    .getByTestId('contract-fields')
    .locator('div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')
}
