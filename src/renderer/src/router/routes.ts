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
    meta: { access: 'public', titleKey: 'signIn.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('../views/RegisterView.vue'),
    meta: { access: 'public', titleKey: 'register.title' },
  },
  {
    path: '/activation',
    name: 'activation',
    component: () => import('../views/ActivationView.vue'),
    meta: { access: 'signedIn', titleKey: 'activation.title' },
  },
  {
    path: '/contracts',
    name: 'contracts',
    component: () => import('../views/ContractsView.vue'),
    meta: { access: 'activated', titleKey: 'contracts.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
    meta: { access: 'public', titleKey: 'notFound.title' },
  },
]
