/** The masked address POST /documents/{id}/email answers with (api.md "Correspondence"). */
import { describe, expect, it } from 'vitest'
import { maskEmail } from '../../../src/backend/services/document-email.ts'

describe('maskEmail', () => {
  it('keeps the first character of each part of the local part, and the domain', () => {
    expect(maskEmail('anna.huber@demo.mini.at')).toBe('a***.h***@demo.mini.at')
    expect(maskEmail('x@example.at')).toBe('x***@example.at')
    expect(maskEmail('lukas.g@example.at')).toBe('l***.g***@example.at')
    expect(maskEmail('élodie.ünal@example.at')).toBe('é***.ü***@example.at')
    expect(maskEmail('a..b@example.at')).toBe('a***..b***@example.at')
    // Nothing of the hidden characters leaks, whatever their length.
    expect(maskEmail('secretname@example.at')).not.toContain('ecret')
  })
})
