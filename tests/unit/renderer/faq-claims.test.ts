// @vitest-environment jsdom
/**
 * Every FAQ answer must be true of the app. An answer names the screens, fields,
 * links and buttons the customer is to use in quotes („…“ in German, “…” in
 * English); each such name is a claim in the table below, and the test finds it
 * where the answer says, in both languages, and follows a link or button to
 * where it leads. A changed answer, a renamed button or a screen that loses one
 * fails here: the quotes of an answer and its claims must match one for one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import de from '../../../src/renderer/src/i18n/de.json'
import en from '../../../src/renderer/src/i18n/en.json'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, fill, link } from './support/queries.ts'

type Lang = 'de' | 'en'
type FaqKey = keyof typeof de.faq

/** Where the customer is when the answer sends them to the element. */
type Scene =
  /** The start page, signed out. */
  | 'start'
  /** The sign-in page. */
  | 'sign-in'
  /** The sign-in page after trying to sign in with an address not yet confirmed. */
  | 'sign-in-unconfirmed'
  /** The page after the registration was sent. */
  | 'registered'
  /** The page that sends a link for a new password. */
  | 'forgot-password'
  /** Signed in before the activation code was entered. */
  | 'not-activated'
  /** Signed in and activated: the navigation. */
  | 'activated'

interface Claim {
  /** The FAQ item whose answer quotes the name. */
  faq: FaqKey
  /** The quoted name, as the answer and the screen read it. */
  name: Record<Lang, string>
  scene: Scene
  /** What the name is on that screen. */
  kind: 'link' | 'button' | 'heading' | 'field'
  /** For a link or button: the screen it leads to (a route name). */
  leadsTo?: string
  /** What the customer types first, into the field with this label. */
  typeFirst?: { label: Record<Lang, string>; value: string }
}

const CLAIMS: Claim[] = [
  // "Warum soll ich mich registrieren?": what the portal offers, once activated.
  ...(
    [
      [{ de: 'Meine Verträge', en: 'My contracts' }, 'contracts'],
      [{ de: 'Persönliche Daten', en: 'Personal details' }, 'profile'],
      [{ de: 'Services', en: 'Services' }, 'services'],
      [{ de: 'Postfach', en: 'Postbox' }, 'postbox'],
    ] as const
  ).map(([name, route]): Claim => ({
    faq: 'whyRegister',
    name,
    scene: 'activated',
    kind: 'link',
    leadsTo: route,
  })),
  // "Keine E-Mail bekommen?": the resend button after registering and at sign-in.
  {
    faq: 'noEmail',
    name: { de: 'Bestätigungs-E-Mail erneut senden', en: 'Send the confirmation e-mail again' },
    scene: 'registered',
    kind: 'button',
  },
  {
    faq: 'noEmail',
    name: { de: 'Bestätigungs-E-Mail erneut senden', en: 'Send the confirmation e-mail again' },
    scene: 'sign-in-unconfirmed',
    kind: 'button',
  },
  // "Noch nicht aktiviert?": activation is the code from the letter, after signing in.
  {
    faq: 'notActivated',
    name: { de: 'Aktivierungscode eingeben', en: 'Enter your activation code' },
    scene: 'not-activated',
    kind: 'heading',
  },
  {
    faq: 'notActivated',
    name: { de: 'Aktivierungscode', en: 'Activation code' },
    scene: 'not-activated',
    kind: 'field',
  },
  {
    faq: 'notActivated',
    name: { de: 'Neuen Brief anfordern', en: 'Request a new letter' },
    scene: 'not-activated',
    kind: 'button',
  },
  // "Wie melde ich mich an?": sign in first, register without an account.
  {
    faq: 'signIn',
    name: { de: 'Anmelden', en: 'Sign in' },
    scene: 'start',
    kind: 'link',
    leadsTo: 'sign-in',
  },
  {
    faq: 'signIn',
    name: { de: 'Registrieren', en: 'Register' },
    scene: 'start',
    kind: 'link',
    leadsTo: 'register',
  },
  // "Gesperrt?" and "Passwort vergessen?": a new password, from the sign-in page.
  {
    faq: 'locked',
    name: { de: 'Passwort vergessen?', en: 'Forgotten your password?' },
    scene: 'sign-in',
    kind: 'link',
    leadsTo: 'forgot-password',
  },
  {
    faq: 'forgotPassword',
    name: { de: 'Passwort vergessen?', en: 'Forgotten your password?' },
    scene: 'sign-in',
    kind: 'link',
    leadsTo: 'forgot-password',
  },
  {
    faq: 'forgotPassword',
    name: { de: 'Link anfordern', en: 'Request link' },
    scene: 'forgot-password',
    kind: 'button',
    leadsTo: 'forgot-password-check-email',
    typeFirst: { label: { de: 'E-Mail-Adresse', en: 'E-mail address' }, value: 'anna@example.at' },
  },
]

const MESSAGES = { de, en } as const
const QUOTES: Record<Lang, RegExp> = { de: /„([^“]+)“/g, en: /“([^”]+)”/g }

/** Every text of an FAQ item (question, answer, the lines around it), in one language. */
function textsOf(faq: FaqKey, lang: Lang): string[] {
  return Object.values(MESSAGES[lang].faq[faq] as Record<string, string>)
}

/** The names an FAQ item quotes, in the order they appear. */
function quotedNames(faq: FaqKey, lang: Lang): string[] {
  return textsOf(faq, lang).flatMap((text) =>
    [...text.matchAll(QUOTES[lang])].map((m) => m[1] ?? ''),
  )
}

describe('the FAQ tells the truth about the app', () => {
  const faqs = Object.keys(de.faq) as FaqKey[]

  it.each(['de', 'en'] as const)(
    'quotes in %s exactly the names the claims table checks',
    (lang) => {
      for (const faq of faqs) {
        const claimed = new Set(
          CLAIMS.filter((claim) => claim.faq === faq).map((claim) => claim.name[lang]),
        )
        expect(new Set(quotedNames(faq, lang)), `faq.${faq}`).toEqual(claimed)
      }
    },
  )

  it('answers the seed FAQ’s questions, with its promises', () => {
    // The seed (shared/seed) is the origin: its questions stay, and so do its promises.
    expect(faqs).toEqual([
      'whyRegister',
      'noEmail',
      'notActivated',
      'signIn',
      'cannotOpen',
      'locked',
      'forgotPassword',
    ])
    const german = (faq: FaqKey) => textsOf(faq, 'de').join(' ')
    expect(german('whyRegister')).toContain('Aktivierungscode')
    expect(german('noEmail')).toContain('Kundenbetreuung unter {phone} oder {email}')
    expect(german('notActivated')).toContain(
      'Ist er abgelaufen, wurden Ihre Daten aus Sicherheitsgründen gelöscht.',
    )
    expect(german('locked')).toContain('Nach drei falschen Passwörtern hintereinander')
    expect(german('locked')).toContain('Mit einem neuen Passwort entsperren Sie Ihr Konto')
  })

  it('no longer says that activation is the link in the confirmation e-mail', () => {
    // The review's finding: activation is the letter's code; one signs in before it.
    for (const lang of ['de', 'en'] as const) {
      expect(textsOf('notActivated', lang).join(' ')).not.toMatch(
        /(Bestätigungs-E-Mail|confirmation e-mail)[^.]*(aktivieren|activate)/,
      )
      expect(textsOf('signIn', lang).join(' ')).not.toMatch(/^(Sobald|As soon as)/)
    }
  })
})

describe('each claim of an FAQ answer holds on its screen', () => {
  let mounted: MountedApp | null = null
  let api: FakeApi

  beforeEach(() => {
    api = installFakeApi()
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = null
    resetLocale()
    vi.restoreAllMocks()
  })

  const main = () => (mounted as MountedApp).wrapper.get('main')

  /** Mounts the app as the customer is when the answer speaks to them. */
  async function enter(scene: Scene, lang: Lang): Promise<MountedApp> {
    resetLocale(lang)
    // A signed-in customer reads the app in the language of their setting.
    api.customerSpeaks(lang)
    switch (scene) {
      case 'start':
        return mountApp('/', api)
      case 'sign-in':
        return mountApp('/sign-in', api)
      case 'sign-in-unconfirmed': {
        api.on('POST', '/sessions', apiError(403, 'email_not_confirmed'))
        const app = await mountApp('/sign-in', api)
        const m = app.wrapper.get('main')
        await fill(field(m, MESSAGES[lang].signIn.email), 'anna.huber@example.at')
        await fill(field(m, MESSAGES[lang].signIn.password), 'tulpe-wolke-fenster-regen')
        await click(button(m, MESSAGES[lang].signIn.submit))
        return app
      }
      case 'registered':
        return mountApp('/register/check-email', api)
      case 'forgot-password':
        api.on('POST', '/password-resets', { status: 202, body: { status: 'accepted' } })
        return mountApp('/forgot-password', api)
      case 'not-activated':
        api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
        return mountApp('/activation', api)
      case 'activated':
        api
          .on('GET', '/session', {
            status: 200,
            body: { signedIn: true, customer: { ...ANNA, activated: true } },
          })
          .on('GET', '/contracts', { status: 200, body: { items: [] } })
        return mountApp('/contracts', api)
    }
  }

  /** Finds the element the claim names; the one to click for a link or button. */
  function find(claim: Claim, lang: Lang) {
    const name = claim.name[lang]
    const root = claim.scene === 'activated' ? (mounted as MountedApp).wrapper.get('nav') : main()
    switch (claim.kind) {
      case 'link':
        return link(root, name)
      case 'button':
        return button(root, name)
      case 'field':
        return field(root, name)
      case 'heading':
        expect(root.get('h1').text()).toBe(name)
        return null
    }
  }

  for (const claim of CLAIMS) {
    it.each(['de', 'en'] as const)(
      `faq.${claim.faq}: the ${claim.kind} “${claim.name.en}” (%s)`,
      async (lang) => {
        mounted = await enter(claim.scene, lang)
        const element = find(claim, lang)
        if (claim.kind === 'field') {
          expect(element?.element.tagName).toBe('INPUT')
          expect(element?.attributes('disabled')).toBeUndefined()
        }
        if (claim.typeFirst)
          await fill(field(main(), claim.typeFirst.label[lang]), claim.typeFirst.value)
        if (claim.leadsTo) {
          await click(element as NonNullable<typeof element>)
          // The first visit of a screen compiles its module: give it time.
          await vi.waitFor(
            () =>
              expect((mounted as MountedApp).router.currentRoute.value.name).toBe(claim.leadsTo),
            { timeout: 10_000 },
          )
        }
      },
    )
  }
})
