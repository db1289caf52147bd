/** Page object of the personal data: its sections, the address and the phone dialog. */
import { expect, type Locator, type Page } from '@playwright/test'

export interface AddressInput {
  street: string
  houseNumber: string
  postalCode: string
  city: string
}

export class ProfilePage {
  readonly page: Page
  readonly heading: Locator
  readonly addressDialog: Locator
  readonly phoneDialog: Locator

  constructor(page: Page) {
    this.page = page
    this.heading = page.getByRole('heading', { name: 'Persönliche Daten', level: 1 })
    this.addressDialog = page.getByRole('dialog', { name: 'Adresse ändern' })
    this.phoneDialog = page.getByRole('dialog', { name: 'Telefonnummer ändern' })
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Persönliche Daten' }).click()
    await expect(this.heading).toBeVisible()
  }

  /** A section of the page (`address`, `bank` …). */
  section(name: string): Locator {
    return this.page.locator(`[data-section="${name}"]`)
  }

  async openAddressDialog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Ändern: Adresse' }).click()
    await expect(this.addressDialog).toBeVisible()
    return this.addressDialog
  }

  /** Types an address (and, when given, the password) into the open address dialog. */
  async fillAddress(address: Partial<AddressInput>, password?: string): Promise<void> {
    const dialog = this.addressDialog
    if (address.street !== undefined)
      await dialog.getByLabel('Straße', { exact: true }).fill(address.street)
    if (address.houseNumber !== undefined)
      await dialog.getByLabel('Hausnummer', { exact: true }).fill(address.houseNumber)
    if (address.postalCode !== undefined)
      await dialog.getByLabel('Postleitzahl', { exact: true }).fill(address.postalCode)
    if (address.city !== undefined)
      await dialog.getByLabel('Ort', { exact: true }).fill(address.city)
    if (password !== undefined)
      await dialog.getByLabel('Ihr Passwort', { exact: true }).fill(password)
  }

  async saveAddress(): Promise<void> {
    await this.addressDialog.getByRole('button', { name: 'Speichern' }).click()
  }

  async openPhoneDialog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Ändern: Telefonnummer' }).click()
    await expect(this.phoneDialog).toBeVisible()
    return this.phoneDialog
  }

  /** Types a phone number into the open phone dialog, as the customer writes it. */
  async fillPhone(phone: string): Promise<void> {
    await this.phoneDialog.getByLabel('Telefonnummer', { exact: true }).fill(phone)
  }

  async savePhone(): Promise<void> {
    await this.phoneDialog.getByRole('button', { name: 'Speichern' }).click()
  }
}
