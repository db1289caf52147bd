/** What a profile edit dialog reports when it is done: the success message for its section. */

export type ProfileSection = 'email' | 'phone' | 'address' | 'bank' | 'preferences'

export interface ProfileNotice {
  /** i18n key of the message. */
  messageKey: string
  params?: Record<string, string>
  /** The change filed a letter: the message links to the postbox. */
  postbox?: boolean
}
