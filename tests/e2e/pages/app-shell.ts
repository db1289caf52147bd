/** Page object of the app's frame: header, language switch, navigation, customer menu, footer. */
import { expect, type Locator, type Page } from '@playwright/test'

export class AppShell {
  readonly page: Page
  readonly languageGroup: Locator
  readonly supportContacts: Locator
  /** The signed-in customer's button in the header ("Angemeldet als Anna Huber"). */
  readonly accountMenu: Locator

  constructor(page: Page) {
    this.page = page
    this.languageGroup = page.getByRole('group', { name: /Sprache|Language/ })
    this.supportContacts = page.getByTestId('support-contacts')
    this.accountMenu = page
      .getByRole('banner')
      .getByRole('button', { name: /^(Angemeldet als|Signed in as) / })
  }

  /** Opens the customer menu (Passwort ändern, Demo-Briefkasten, Abmelden) unless it is open. */
  async openAccountMenu(): Promise<void> {
    if ((await this.accountMenu.getAttribute('aria-expanded')) !== 'true')
      await this.accountMenu.click()
    await expect(this.accountMenu).toHaveAttribute('aria-expanded', 'true')
  }

  /** Signs out with "Abmelden" ("Sign out") in the customer menu. */
  async signOut(): Promise<void> {
    await this.openAccountMenu()
    await this.page
      .getByRole('banner')
      .getByRole('button', { name: /^(Abmelden|Sign out)$/ })
      .click()
  }

  async open(path = '/'): Promise<void> {
    await this.page.goto(`/#${path}`)
  }

  languageButton(name: 'Deutsch' | 'English'): Locator {
    return this.languageGroup.getByRole('button', { name })
  }

  async chooseLanguage(name: 'Deutsch' | 'English'): Promise<void> {
    await this.languageButton(name).click()
  }

  navLink(name: string | RegExp): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name })
  }
}
