/** NFC, as passwords are stored and compared (api.md): never truncated, never case-folded. */
export function normalisePassword(password: string): string {
  return password.normalize('NFC')
}
