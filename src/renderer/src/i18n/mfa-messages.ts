/** The texts of the second factor (profile section, its dialogs, the code field), loaded with them. */
import de from './lazy/mfa.de.json'
import en from './lazy/mfa.en.json'
import { addPageMessages } from './page-messages.ts'

addPageMessages({ de, en })
