/** The texts of the repayment simulator and the payment difficulties pages (and their FAQ entry), loaded with them. */
import de from './lazy/simulator.de.json'
import en from './lazy/simulator.en.json'
import { addPageMessages } from './page-messages.ts'

addPageMessages({ de, en })
