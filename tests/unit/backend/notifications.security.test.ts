/**
 * Notifications are the customer's own: another customer's cannot be listed,
 * counted or marked read, and its id answers 404 exactly like an id that names
 * nothing. The e-mail of new letters tells only that there are some: no title
 * of a letter, no link, no token.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA, ANNA_LOGIN, demoCustomer, SOPHIE, signInAnna } from '../../helpers/customers.ts'
import {
  allNotifications,
  fileLetter,
  notificationsOfKind,
  unreadCount,
  patchPreferences,
} from './notifications-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

describe('another customer’s notifications', () => {
  it('are not listed, not counted, and answer 404 exactly like an unknown id; read-all leaves them', async () => {
    backend = await createTestBackend()
    const sophie = await demoCustomer(backend, SOPHIE)
    const anna = await signInAnna(backend)
    await fileLetter(backend, ANNA)
    const [annas] = await notificationsOfKind(backend, anna, 'document_new')
    if (!annas) throw new Error('Anna has no notification')

    const sophies = await allNotifications(backend, sophie)
    expect(sophies.map((n) => n.id)).not.toContain(annas.id)
    const sophieUnread = await unreadCount(backend, sophie)

    const theirs = await backend.json(
      'POST',
      `/api/v1/notifications/${annas.id}/read`,
      undefined,
      sophie,
    )
    const unknown = await backend.json(
      'POST',
      '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read',
      undefined,
      sophie,
    )
    expect(theirs.statusCode).toBe(404)
    expect(theirs.body).toBe(unknown.body)
    expect(theirs.headers['content-length']).toBe(unknown.headers['content-length'])

    expect(
      (await backend.json('POST', '/api/v1/notifications/read-all', undefined, sophie)).statusCode,
    ).toBe(204)
    // Anna's stays unread; Sophie's count was hers alone.
    expect((await notificationsOfKind(backend, anna, 'document_new'))[0]?.read).toBe(false)
    expect(await unreadCount(backend, sophie)).toBe(0)
    expect(sophieUnread).toBe(sophies.filter((n) => !n.read).length)
  })
})

describe('the e-mail of new letters', () => {
  it('names no letter and carries no link and no token', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const patched = await patchPreferences(backend, anna, { paperless: true })
    expect(patched.statusCode, patched.body).toBe(200)
    const id = await fileLetter(backend, ANNA)
    backend.clock.advance(60)
    await fileLetter(backend, ANNA, {
      kind: 'service_answer',
      subject: 'Ihre Stundung: vertraulich',
      paragraphs: ['Geheimer Inhalt'],
    })
    const letter = (await backend.json('GET', `/api/v1/documents/${id}`, undefined, anna)).json()
    const [email, ...more] = (
      await backend.app.services.repos.outbox.list({
        to: ANNA_LOGIN.email,
        kind: 'email',
        limit: 10,
      })
    ).filter((m) => m.subject.includes('Postfach'))
    expect(more).toEqual([])
    if (!email) throw new Error('no e-mail')
    const all = `${email.subject}\n${email.text}\n${email.html ?? ''}`
    expect(email.links).toEqual([])
    expect(all).not.toMatch(/:\/\/|token|www\.|https?:/i)
    expect(all).not.toContain(letter.title)
    expect(all).not.toMatch(/Jahreskontoauszug|Stundung|vertraulich|Geheimer/)
    expect(all).toContain('2 neue Dokumente')
  })
})
