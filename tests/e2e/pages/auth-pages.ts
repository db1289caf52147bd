/** Page objects of the registration, sign-in and password screens, and the demo mailbox. */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test'
import { AS_THE_APP } from '../fixtures/test.ts'
import { germanDate } from './date-fields.ts'

export interface Registrant {
  salutation?: string
  firstName: string
  lastName: string
  /** YYYY-MM-DD, as the API takes it; the form is typed TT.MM.JJJJ. */
  dateOfBirth: string
  customerNumber: string
  email: string
  password: string
  /** The language the registration is sent in (the app sends its own; German when left out). */
  locale?: 'de' | 'en'
}

export class RegisterPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(): Promise<void> {
    await this.page.goto('/#/register')
    // The page's own heading: after an in-app hash change the previous screen (with its own
    // e-mail field) stays until the lazy page has loaded.
    await expect(this.page.getByRole('heading', { name: 'Registrieren', level: 1 })).toBeVisible()
    await expect(this.page.getByLabel('E-Mail-Adresse')).toBeVisible()
  }

  async fill(person: Registrant): Promise<void> {
    const p = this.page
    await p.getByLabel('Anrede').selectOption({ label: person.salutation ?? 'Frau' })
    await p.getByLabel('Vorname').fill(person.firstName)
    await p.getByLabel('Nachname').fill(person.lastName)
    await p.getByLabel('Geburtsdatum').fill(germanDate(person.dateOfBirth))
    await p.getByLabel('Kundennummer').fill(person.customerNumber)
    await p.getByLabel('E-Mail-Adresse').fill(person.email)
    await p.getByLabel('Passwort', { exact: true }).fill(person.password)
    await p.getByRole('checkbox', { name: /Nutzungsbedingungen/ }).check()
  }

  submit(): Promise<void> {
    return this.page.getByRole('button', { name: 'Registrieren' }).click()
  }

  /** Opens the form, fills it for `person` and sends it. */
  async registerAs(person: Registrant): Promise<void> {
    await this.open()
    await this.fill(person)
    await this.submit()
  }
}

export class SignInPage {
  readonly page: Page
  readonly email: Locator
  readonly password: Locator

  constructor(page: Page) {
    this.page = page
    this.email = page.getByLabel('E-Mail-Adresse')
    this.password = page.getByLabel('Passwort', { exact: true })
  }

  async open(): Promise<void> {
    await this.page.goto('/#/sign-in')
    // The page's own heading: after an in-app hash change the previous screen (the
    // registration, with fields of the same names) stays until the lazy page has loaded.
    await expect(this.page.getByRole('heading', { name: 'Anmelden', level: 1 })).toBeVisible()
    await expect(this.email).toBeVisible()
  }

  async signIn(
    email: string,
    password: string,
    options: { staySignedIn?: boolean } = {},
  ): Promise<void> {
    await this.email.fill(email)
    await this.password.fill(password)
    if (options.staySignedIn)
      await this.page.getByRole('checkbox', { name: 'Angemeldet bleiben' }).check()
    await this.page.getByRole('button', { name: 'Anmelden' }).click()
  }
}

/** The demo mailbox: the UI panel, and the API behind it for finding a message. */
export class DemoMailbox {
  readonly page: Page
  readonly api: APIRequestContext

  constructor(page: Page, api: APIRequestContext) {
    this.page = page
    this.api = api
  }

  /** Waits until a message to `to` whose subject matches arrives; returns it. */
  async waitFor(
    to: string,
    subject: RegExp,
    kind: 'email' | 'letter' = 'email',
  ): Promise<{ subject: string; text: string; links: string[] }> {
    let found: { subject: string; text: string; links: string[] } | undefined
    await expect
      .poll(
        async () => {
          const response = await this.api.get(
            `/api/v1/dev/outbox?to=${encodeURIComponent(to)}&kind=${kind}`,
          )
          const body = (await response.json()) as {
            items: { subject: string; text: string; links: string[] }[]
          }
          found = body.items.find((m) => subject.test(m.subject))
          return found !== undefined
        },
        { timeout: 15_000 },
      )
      .toBe(true)
    return found as { subject: string; text: string; links: string[] }
  }

  /** Opens the mailbox panel and follows the link of the newest message matching the subject. */
  async openLinkIn(subject: RegExp): Promise<void> {
    await this.page.goto('/#/mailbox')
    const item = this.page.getByRole('listitem').filter({ hasText: subject }).first()
    await expect(item).toBeVisible()
    await item.getByText(subject).first().click()
    await item.getByRole('button', { name: 'Link öffnen' }).first().click()
  }
}

/** Registers through the form and confirms through the demo mailbox's link; returns the mailbox. */
export async function registerAndConfirm(page: Page, person: Registrant): Promise<DemoMailbox> {
  await new RegisterPage(page).registerAs(person)
  // The app moves on to "check your e-mail" by itself; going to the mailbox before it
  // did would be overtaken by that navigation.
  await expect(page).toHaveURL(/#\/register\/check-email/)
  const mailbox = new DemoMailbox(page, page.request)
  await mailbox.waitFor(person.email, /bestätigen|confirm/i)
  await mailbox.openLinkIn(/bestätigen|confirm/i)
  await expect(page.getByRole('link', { name: /Jetzt anmelden/ })).toBeVisible()
  return mailbox
}

/**
 * Registers through the API (as the app would send it) and confirms with the link from the
 * demo mailbox: for tests whose subject comes after registration.
 */
export async function registerAndConfirmByApi(
  api: APIRequestContext,
  person: Registrant,
): Promise<void> {
  const registered = await api.post('/api/v1/registrations', {
    headers: AS_THE_APP,
    data: {
      email: person.email,
      password: person.password,
      firstName: person.firstName,
      lastName: person.lastName,
      dateOfBirth: isoDate(person.dateOfBirth),
      customerNumber: person.customerNumber,
      acceptTerms: true,
      ...(person.locale ? { locale: person.locale } : {}),
    },
  })
  expect(registered.status()).toBe(202)
  let token = ''
  await expect
    .poll(async () => {
      const outbox = (await (
        await api.get(`/api/v1/dev/outbox?to=${encodeURIComponent(person.email)}&kind=email`)
      ).json()) as { items: { links: string[] }[] }
      token = /token=([^&]+)/.exec(outbox.items[0]?.links[0] ?? '')?.[1] ?? ''
      return token
    })
    .not.toBe('')
  const confirmed = await api.post('/api/v1/registrations/confirm', {
    headers: AS_THE_APP,
    data: { token },
  })
  expect(confirmed.status()).toBe(200)
}

/**
 * Asks for a reset link through the API (as the app's "Passwort vergessen" does) and
 * waits for its e-mail in the demo mailbox; returns the mailbox, to open the link.
 */
export async function requestResetLink(page: Page, email: string): Promise<DemoMailbox> {
  const asked = await page.request.post('/api/v1/password-resets', {
    headers: AS_THE_APP,
    data: { email },
  })
  expect(asked.status()).toBe(202)
  const mailbox = new DemoMailbox(page, page.request)
  await mailbox.waitFor(email, /neues Passwort/i)
  return mailbox
}

/** Advances the demo backend's clock. */
export async function advanceDemoClock(api: APIRequestContext, seconds: number): Promise<void> {
  const response = await api.post('/api/v1/dev/clock', {
    data: { advanceSeconds: seconds },
    headers: AS_THE_APP,
  })
  expect(response.status()).toBe(200)
}

/**
 * A demo customer who has not registered yet and holds contracts (from GET
 * /dev/customers; a co-borrower who holds none is left to the co-borrower spec).
 */
export async function freeDemoCustomer(
  api: APIRequestContext,
  index = 0,
): Promise<{ customerNumber: string; firstName: string; lastName: string; dateOfBirth: string }> {
  const response = await api.get('/api/v1/dev/customers')
  const body = (await response.json()) as {
    items: {
      customerNumber: string
      firstName: string
      lastName: string
      dateOfBirth: string
      registered: boolean
      contracts: number
    }[]
  }
  const free = body.items.filter((c) => !c.registered && c.contracts > 0)
  const customer = free[index]
  if (!customer) throw new Error(`no free demo customer #${index}`)
  return customer
}

/** A free demo customer (the `index`-th) as a registrant with the given address and password. */
export async function demoRegistrant(
  api: APIRequestContext,
  index: number,
  email: string,
  password: string,
): Promise<Registrant> {
  const customer = await freeDemoCustomer(api, index)
  return {
    firstName: customer.firstName,
    lastName: customer.lastName,
    dateOfBirth: isoDate(customer.dateOfBirth),
    customerNumber: customer.customerNumber,
    email,
    password,
  }
}

/** A customer number with its last two digits swapped: a typo no record has. */
export function swapLastTwo(number: string): string {
  return `${number.slice(0, -2)}${number.slice(-1)}${number.slice(-2, -1)}`
}

/** dd.mm.yyyy (the demo list) or yyyy-mm-dd as the API takes it (yyyy-mm-dd). */
export function isoDate(date: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(date)
  return m ? `${m[3]}-${m[2]}-${m[1]}` : date
}
