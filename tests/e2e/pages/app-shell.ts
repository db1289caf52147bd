/** Page object of the app's frame: header, language switch, navigation, footer. */
import type { Locator, Page } from '@playwright/test'

export class AppShell {
  readonly page: Page
  readonly languageGroup: Locator
  readonly supportContacts: Locator

  constructor(page: Page) {
    this.page = page
    this.languageGroup = page.getByRole('group', { name: /Sprache|Language/ })
    this.supportContacts = page.getByTestId('support-contacts')
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
