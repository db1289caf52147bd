/**
 * Every route of the app, by name: one line each (path, name, view, who may see
 * it, the key of its title). Views other than the start page load on demand.
 */
import type { RouteComponent, RouteRecordRaw } from 'vue-router'
import StartView from '../views/StartView.vue'
import type { RouteAccess } from './access.ts'

// One chunk per view, loaded when its route is first visited.
const lazyViews = import.meta.glob<RouteComponent>(
  ['../views/*View.vue', '!../views/StartView.vue', '!../views/KioskStartView.vue'],
  {
    import: 'default',
  },
)

function view(name: string): () => Promise<RouteComponent> {
  const load = lazyViews[`../views/${name}.vue`]
  if (load === undefined) throw new Error(`No view ${name}`)
  return load
}

/**
 * The page at `path` named `name`: its view, who may see it, and its title, the
 * message `<name in camelCase>.title` ("forgot-password" → forgotPassword.title).
 */
function page(
  path: string,
  name: string,
  viewName: string,
  access: RouteAccess,
  more: { props?: true; notOnKiosk?: true; endsSessions?: true } = {},
): RouteRecordRaw {
  const { props, notOnKiosk, endsSessions } = more
  const titleKey = `${name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}.title`
  return {
    path,
    name,
    component: view(viewName),
    ...(props ? { props } : {}),
    meta: {
      access,
      titleKey,
      ...(notOnKiosk ? { notOnKiosk } : {}),
      ...(endsSessions ? { endsSessions } : {}),
    },
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'start',
    component: StartView,
    meta: { access: 'public', titleKey: 'nav.start' },
  },
  page('/help', 'help', 'HelpView', 'public'),
  page('/sign-in', 'sign-in', 'SignInView', 'guest'),
  page('/register', 'register', 'RegisterView', 'guest'),
  page('/register/check-email', 'register-check-email', 'RegisterCheckEmailView', 'public'),
  // The link in the confirmation e-mail: myminifinance://confirm?token=…
  page('/confirm', 'confirm', 'ConfirmView', 'public'),
  page('/forgot-password', 'forgot-password', 'ForgotPasswordView', 'guest'),
  page(
    '/forgot-password/check-email',
    'forgot-password-check-email',
    'ForgotPasswordCheckEmailView',
    'public',
  ),
  // The link in the reset e-mail: myminifinance://reset?token=…
  page('/reset', 'reset', 'ResetPasswordView', 'public', { endsSessions: true }),
  page('/activation', 'activation', 'ActivationView', 'signedIn'),
  page('/settings/password', 'change-password', 'ChangePasswordView', 'signedIn'),
  // Personal data; some sections open only once activated (the view says so).
  page('/profile', 'profile', 'ProfileView', 'signedIn'),
  // The link in the e-mail to a new address: myminifinance://email-change?token=…
  page('/email-change', 'email-change', 'EmailChangeConfirmView', 'public', { endsSessions: true }),
  // What is new (the header's bell): letters, requests' answers, instalments and codes due.
  page('/notifications', 'notifications', 'NotificationsView', 'signedIn'),
  // The link in a co-borrower's invitation: myminifinance://invitation?token=… (sign-in first).
  page('/invitation', 'invitation', 'InvitationView', 'activated'),
  page('/contracts', 'contracts', 'ContractsView', 'activated'),
  page('/contracts/:id', 'contract', 'ContractDetailView', 'activated', {
    props: true,
  }),
  // What a special repayment would save (loan and balloon), and filing it.
  page('/contracts/:id/simulator', 'simulator', 'SimulatorView', 'activated', { props: true }),
  // Whom to call, and a payment deferral with its preview, signed with the password.
  page(
    '/contracts/:id/payment-difficulties',
    'payment-difficulties',
    'PaymentDifficultiesView',
    'activated',
    { props: true },
  ),
  // A leasing or balloon contract's end: days left, options, milestones.
  page('/contracts/:id/end-of-term', 'end-of-term', 'EndOfTermView', 'activated', { props: true }),
  // The correspondence; the filters live in the query (?contract=…&category=…&unread=1&year=…&q=…).
  page('/postbox', 'postbox', 'PostboxView', 'activated'),
  // Service requests; ?contract=<id> preselects a contract.
  page('/services', 'services', 'ServicesView', 'activated'),
  // Demo mode only: the view says so otherwise (and the API answers 404). Never on a
  // kiosk: it lists what the demo sent to every customer (reset links, letters as PDFs).
  page('/mailbox', 'mailbox', 'MailboxView', 'public', { notOnKiosk: true }),
  page('/:pathMatch(.*)*', 'not-found', 'NotFoundView', 'public'),
]
