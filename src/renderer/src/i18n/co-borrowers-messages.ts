/** The texts of co-borrowers (access section, invitation page, parties), loaded with the contract pages. */
import de from './lazy/co-borrowers.de.json'
import en from './lazy/co-borrowers.en.json'
import { addPageMessages } from './page-messages.ts'

addPageMessages({ de, en })
