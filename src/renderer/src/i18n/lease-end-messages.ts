/** The texts of lease end and mileage (`leaseEnd.*`), loaded with the contract and end-of-term pages. */
import de from './lazy/lease-end.de.json'
import en from './lazy/lease-end.en.json'
import { addPageMessages } from './page-messages.ts'

addPageMessages({ de, en })
