/** The repayment simulator and the payment difficulties page of a contract. */
import { expect, type Locator, type Page } from '@playwright/test'

export class SimulatorPage {
  readonly page: Page
  readonly amount: Locator
  readonly shorter: Locator
  readonly lower: Locator

  constructor(page: Page) {
    this.page = page
    this.amount = page.getByLabel('Betrag der Sondertilgung')
    this.shorter = page.getByTestId('variant-instalment')
    this.lower = page.getByTestId('variant-term')
  }

  /** From the contract's detail. */
  async openFromDetail(): Promise<void> {
    await this.page.getByRole('link', { name: 'Sondertilgung berechnen' }).click()
    await expect(
      this.page.getByRole('heading', { name: 'Sondertilgung berechnen', level: 1 }),
    ).toBeVisible()
  }

  /** Types an amount and waits for both variants of it. */
  async simulate(euros: string, formatted: string): Promise<void> {
    await this.amount.fill(euros)
    await expect(this.page.getByText(`${formatted}, verbucht mit der Rate am`)).toBeVisible()
    await expect(this.shorter).toBeVisible()
    await expect(this.lower).toBeVisible()
  }

  /** A figure of a variant by its term. */
  figure(variant: Locator, term: string): Locator {
    return variant.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]')
  }
}

export class PaymentDifficultiesPage {
  readonly page: Page
  readonly preview: Locator

  constructor(page: Page) {
    this.page = page
    this.preview = page.getByTestId('deferral-preview')
  }

  async openFromDetail(): Promise<void> {
    await this.page.getByRole('link', { name: 'Zahlungsschwierigkeiten?' }).click()
    await expect(
      this.page.getByRole('heading', { name: 'Zahlungsschwierigkeiten', level: 1 }),
    ).toBeVisible()
  }
}
