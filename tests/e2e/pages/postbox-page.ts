/** Page object of the postbox: the list, its filters, the preview and saving. */
import { expect, type Locator, type Page } from '@playwright/test'

export class PostboxPage {
  readonly page: Page
  readonly heading: Locator
  readonly rows: Locator
  readonly navLink: Locator
  readonly status: Locator

  constructor(page: Page) {
    this.page = page
    this.heading = page.getByRole('heading', { name: /^(Postfach|Postbox)$/, level: 1 })
    this.rows = page.getByRole('list', { name: /^(Dokumente|Documents)$/ }).getByRole('listitem')
    // "Postfach" alone, the app's postbox (the demo mailbox is the "Demo-Briefkasten").
    this.navLink = page.getByRole('navigation').getByRole('link', { name: /^(Postfach|Postbox)/ })
    this.status = page.locator('.postbox__count')
  }

  async open(): Promise<void> {
    await this.navLink.click()
    await this.expectShown()
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible()
    await expect(this.rows.first()).toBeVisible()
  }

  /** The row of the newest letter whose title matches. */
  row(title: RegExp | string): Locator {
    return this.rows.filter({ hasText: title }).first()
  }

  async selectFilter(label: string, option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option })
  }

  /** The unread count the navigation shows (its accessible name: "Postfach 4 ungelesen"). */
  async unreadInNav(): Promise<number> {
    const name = (await this.navLink.textContent()) ?? ''
    return Number(/(\d+)/.exec(name)?.[1] ?? 0)
  }
}
