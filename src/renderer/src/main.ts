import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { installCrashHandlers } from './crash.ts'
import { i18n, localeReady } from './i18n/index.ts'
import { createAppRouter } from './router/index.ts'
import './styles/base.css'
import './styles/kiosk.css'

const app = createApp(App)
// Pinia before the router: the router's guard reads the session store on the first navigation.
app.use(createPinia())
app.use(i18n)
const router = createAppRouter()
// Before app.use(router): the first navigation starts there and may already fail.
installCrashHandlers(app, router)
app.use(router)
// The remembered language first (English loads on demand): no German flash.
void localeReady.then(() => app.mount('#app'))
