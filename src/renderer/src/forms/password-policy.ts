/**
 * The password policy as far as the app can check it while the customer types
 * (api.md, NIST SP 800-63B-4): length in code points after NFC, and no name or
 * e-mail local part in it. Whether a password is common only the server knows.
 * Mirrors the backend's check, so the hints never promise what the server refuses.
 */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/api/auth.ts'

/** What the password must not contain; null where the app does not know it (reset link). */
export interface PersonalData {
  email?: string
  firstName?: string
  lastName?: string
}

export type PasswordProblem = 'required' | 'too_short' | 'too_long' | 'contains_personal_data'
export type HintState = 'met' | 'unmet' | 'info'

export interface PasswordHint {
  id: 'minLength' | 'maxLength' | 'personal' | 'common'
  state: HintState
}

/** Names shorter than this are not checked (the backend does the same). */
const MIN_NAME_LENGTH = 3

/** The length the policy counts: Unicode code points after NFC. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length
}

function personalParts(personal: PersonalData): string[] {
  const localPart = personal.email?.trim().split('@')[0] ?? ''
  return [localPart, personal.firstName, personal.lastName]
    .map((part) => (part ?? '').normalize('NFC').toLowerCase().trim())
    .filter((part) => [...part].length >= MIN_NAME_LENGTH)
}

/** true when the password contains the name or the e-mail's local part (case-insensitive). */
export function containsPersonalData(password: string, personal: PersonalData): boolean {
  const lower = password.normalize('NFC').toLowerCase()
  return personalParts(personal).some((part) => lower.includes(part))
}

/** true when two passwords are the same to the policy (NFC, as the backend compares them). */
export function isSamePassword(a: string, b: string): boolean {
  return a !== '' && a.normalize('NFC') === b.normalize('NFC')
}

/** The first problem the app can see in a new password, or null. */
export function checkNewPassword(
  password: string,
  personal: PersonalData | null,
): PasswordProblem | null {
  if (password === '') return 'required'
  const length = passwordLength(password)
  if (length < PASSWORD_MIN_LENGTH) return 'too_short'
  if (length > PASSWORD_MAX_LENGTH) return 'too_long'
  if (personal && containsPersonalData(password, personal)) return 'contains_personal_data'
  return null
}

/** The live hints under a new-password field, each met, unmet or only information. */
export function passwordHints(password: string, personal: PersonalData | null): PasswordHint[] {
  const length = passwordLength(password)
  return [
    { id: 'minLength', state: length >= PASSWORD_MIN_LENGTH ? 'met' : 'unmet' },
    { id: 'maxLength', state: length <= PASSWORD_MAX_LENGTH ? 'met' : 'unmet' },
    {
      id: 'personal',
      state:
        personal === null
          ? 'info'
          : length > 0 && !containsPersonalData(password, personal)
            ? 'met'
            : 'unmet',
    },
    { id: 'common', state: 'info' },
  ]
}
