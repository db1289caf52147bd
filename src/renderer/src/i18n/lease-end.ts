/**
 * The texts of lease end and mileage (`leaseEnd.*`), in both languages, merged
 * into the app's messages when the contract page or the end-of-term page loads:
 * they stay out of the first screen's JavaScript (its budget, first-load.spec).
 * Imported for its effect by every component that names these keys.
 */
import { i18n } from './index.ts'
import de from './lease-end/de.json'
import en from './lease-end/en.json'

i18n.global.mergeLocaleMessage('de', de)
i18n.global.mergeLocaleMessage('en', en)
