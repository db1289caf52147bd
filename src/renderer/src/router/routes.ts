/** Every route of the app, by name. Views other than the start page load on demand. */
import type { RouteRecordRaw } from 'vue-router'
import StartView from '../views/StartView.vue'

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'start',
    component: StartView,
    meta: { access: 'public', titleKey: 'nav.start' },
  },
  {
    path: '/help',
    name: 'help',
    component: () => import('../views/HelpView.vue'),
    meta: { access: 'public', titleKey: 'help.title' },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('../views/SignInView.vue'),
    meta: { access: 'guest', titleKey: 'signIn.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('../views/RegisterView.vue'),
    meta: { access: 'guest', titleKey: 'register.title' },
  },
  {
    path: '/register/check-email',
    name: 'register-check-email',
    component: () => import('../views/RegisterCheckEmailView.vue'),
    meta: { access: 'public', titleKey: 'registerCheckEmail.title' },
  },
  {
    // The link in the confirmation e-mail: myminifinance://confirm?token=…
    path: '/confirm',
    name: 'confirm',
    component: () => import('../views/ConfirmView.vue'),
    meta: { access: 'public', titleKey: 'confirm.title' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('../views/ForgotPasswordView.vue'),
    meta: { access: 'guest', titleKey: 'forgotPassword.title' },
  },
  {
    path: '/forgot-password/check-email',
    name: 'forgot-password-check-email',
    component: () => import('../views/ForgotPasswordCheckEmailView.vue'),
    meta: { access: 'public', titleKey: 'forgotPasswordCheckEmail.title' },
  },
  {
    // The link in the reset e-mail: myminifinance://reset?token=…
    path: '/reset',
    name: 'reset',
    component: () => import('../views/ResetPasswordView.vue'),
    meta: { access: 'public', titleKey: 'reset.title' },
  },
  {
    path: '/activation',
    name: 'activation',
    component: () => import('../views/ActivationView.vue'),
    meta: { access: 'signedIn', titleKey: 'activation.title' },
  },
  {
    path: '/settings/password',
    name: 'change-password',
    component: () => import('../views/ChangePasswordView.vue'),
    meta: { access: 'signedIn', titleKey: 'changePassword.title' },
  },
  {
    // Personal data; some sections open only once activated (the view says so).
    path: '/profile',
    name: 'profile',
    component: () => import('../views/ProfileView.vue'),
    meta: { access: 'signedIn', titleKey: 'profile.title' },
  },
  {
    // The link in the e-mail to a new address: myminifinance://email-change?token=…
    path: '/email-change',
    name: 'email-change',
    component: () => import('../views/EmailChangeConfirmView.vue'),
    meta: { access: 'public', titleKey: 'emailChange.title' },
  },
  {
    path: '/contracts',
    name: 'contracts',
    component: () => import('../views/ContractsView.vue'),
    meta: { access: 'activated', titleKey: 'contracts.title' },
  },
  {
    path: '/contracts/:id',
    name: 'contract',
    component: () => import('../views/ContractDetailView.vue'),
    props: true,
    meta: { access: 'activated', titleKey: 'contract.title' },
  },
  {
    // The correspondence; the filters live in the query (?contract=…&category=…&unread=1&year=…&q=…).
    path: '/postbox',
    name: 'postbox',
    component: () => import('../views/PostboxView.vue'),
    meta: { access: 'activated', titleKey: 'postbox.title' },
  },
  {
    // Service requests; ?contract=<id> preselects a contract.
    path: '/services',
    name: 'services',
    component: () => import('../views/ServicesView.vue'),
    meta: { access: 'activated', titleKey: 'services.title' },
  },
  {
    // Demo mode only: the view says so otherwise (and the API answers 404). Never on a
    // kiosk: it lists what the demo sent to every customer (reset links, letters as PDFs).
    path: '/mailbox',
    name: 'mailbox',
    component: () => import('../views/MailboxView.vue'),
    meta: { access: 'public', titleKey: 'mailbox.title', notOnKiosk: true },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
    meta: { access: 'public', titleKey: 'notFound.title' },
  },
]
