/**
 * The frame every e-mail's text shares (outbox/email-text.ts): the greeting, the
 * message, the customer service line and the signature, the same in every kind
 * of e-mail, in German and in English.
 */
import { describe, expect, it } from 'vitest'
import { emailText } from '../../../src/backend/outbox/email-text.ts'
import { renderInvitationEmail } from '../../../src/backend/outbox/invitation-template.ts'
import { renderEmail } from '../../../src/backend/outbox/templates.ts'

const SUPPORT = { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8:00–17:00' }

describe('emailText', () => {
  it('frames the lines with the greeting, the customer service line and the signature', () => {
    expect(emailText('Anna Huber', 'en', SUPPORT, ['one', 'two']).split('\n')).toEqual([
      expect.stringMatching(/^.*Anna Huber,$/),
      '',
      'one',
      'two',
      '',
      'If you have any questions, please contact our customer service at +43 662 2191 4920 or ksc@mini.at.',
      '',
      'Your My MINI Finance team',
    ])
    const de = emailText('Anna Huber', 'de', SUPPORT, ['eins']).split('\n')
    expect(de.slice(-3)).toEqual([
      'Bei Fragen erreichen Sie unsere Kundenbetreuung unter +43 662 2191 4920 oder ksc@mini.at.',
      '',
      'Ihr Team von My MINI Finance',
    ])
  })

  it('is the frame of the account e-mails and of the invitation', () => {
    for (const locale of ['de', 'en'] as const) {
      const account = renderEmail({ kind: 'password_changed', name: 'Anna Huber' }, locale, SUPPORT)
      const invitation = renderInvitationEmail(
        {
          name: 'Anna Huber',
          holderName: 'Ben Berger',
          contractNumber: 'V-1',
          link: 'myminifinance://join?token=t',
          validDays: 7,
        },
        locale,
        SUPPORT,
      )
      for (const { text } of [account, invitation]) {
        const lines = text.split('\n')
        const frame = emailText('Anna Huber', locale, SUPPORT, []).split('\n')
        expect(lines.slice(0, 2)).toEqual(frame.slice(0, 2))
        expect(lines.slice(-4)).toEqual(frame.slice(-4))
      }
    }
  })
})
