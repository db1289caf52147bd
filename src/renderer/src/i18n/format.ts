/** Money, dates and numbers for the app's languages: the shared formatting (also used in PDF letters). */
export * from '../../../shared/format.ts'
