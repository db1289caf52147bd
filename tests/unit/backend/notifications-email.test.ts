/**
 * The e-mail of new letters (api.md "Notifications"), through a real local SMTP
 * server on the fake clock: for every activated customer, the first new
 * letter opens a window of 15 minutes and the letters filed within it go out in
 * one e-mail at its end, which says how many there are; a letter after the
 * window gets the next e-mail. Two nodes on one PostgreSQL database send one
 * e-mail per window. The helpers' clock starts on Sunday 2026-05-17 08:30 UTC.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createTestBackend,
  onPostgres,
  testDatabase,
  type TestBackend,
} from '../../helpers/backend.ts'
import { ANNA, ANNA_LOGIN, signInAnna } from '../../helpers/customers.ts'
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.ts'
import { fileLetter, patchPreferences } from './notifications-fixtures.ts'

let backends: TestBackend[] = []
let smtp: TestSmtpServer | undefined
let shared: { dir: string; drop(): Promise<void> } | null = null
afterEach(async () => {
  for (const b of backends) await b.dispose()
  backends = []
  await smtp?.close()
  smtp = undefined
  await shared?.drop()
  shared = null
})

const MINUTE = 60

/** A demo backend that sends through the test's SMTP server. */
async function startBackend(dataDir?: string): Promise<TestBackend> {
  smtp ??= await startSmtpServer()
  const backend = await createTestBackend({
    config: { smtp: smtp.settings },
    ...(dataDir ? { dataDir } : {}),
  })
  backends.push(backend)
  return backend
}

async function setPreferences(backend: TestBackend, preferences: object): Promise<void> {
  const auth = await signInAnna(backend)
  const response = await patchPreferences(backend, auth, preferences)
  expect(response.statusCode, response.body).toBe(200)
}

/** Lets every sender deliver what is due by its clock. */
async function deliverDue(...nodes: TestBackend[]): Promise<void> {
  for (const node of nodes) {
    node.outboxSender?.wake()
    await node.outboxSender?.idle()
  }
}

/** The e-mails to Anna about new letters the SMTP server accepted, decoded from quoted-printable. */
function letterEmails(): string[] {
  return (smtp?.accepted() ?? [])
    .filter((m) => m.to.includes(ANNA_LOGIN.email))
    .map((m) =>
      m.data
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    )
    .map((m) => Buffer.from(m, 'latin1').toString('utf8'))
    .filter((m) => /Subject: .*(Dokument|document)/i.test(m))
}

describe('the e-mail of new letters', () => {
  it('bundles the letters of 15 minutes in one e-mail and sends a letter after the window in the next', async () => {
    const backend = await startBackend()
    await setPreferences(backend, { paperless: true })
    await fileLetter(backend, ANNA)
    await deliverDue(backend)
    // Not before the window closes.
    expect(letterEmails()).toEqual([])
    backend.clock.advance(10 * MINUTE)
    await fileLetter(backend, ANNA)
    backend.clock.advance(5 * MINUTE - 1)
    await deliverDue(backend)
    expect(letterEmails()).toEqual([])
    backend.clock.advance(1)
    await deliverDue(backend)
    const [first, ...none] = letterEmails()
    expect(none).toEqual([])
    expect(first).toContain('Subject: Neue Dokumente in Ihrem Postfach')
    expect(first).toContain('liegen 2 neue Dokumente')

    // 20 minutes after the second letter: a new window, its own e-mail.
    backend.clock.advance(15 * MINUTE)
    await fileLetter(backend, ANNA)
    await deliverDue(backend)
    expect(letterEmails()).toHaveLength(1)
    backend.clock.advance(15 * MINUTE)
    await deliverDue(backend)
    const second = letterEmails()[1]
    expect(second).toContain('Subject: Neues Dokument in Ihrem Postfach')
    expect(second).toContain('liegt ein neues Dokument')
    expect(letterEmails()).toHaveLength(2)
  })

  it('tells every activated customer, paperless or not, in the customer’s language', async () => {
    const backend = await startBackend()
    // Letters by post as well: the e-mail still says that one is in the postbox.
    await fileLetter(backend, ANNA)
    backend.clock.advance(16 * MINUTE)
    await deliverDue(backend)
    const [german, ...none] = letterEmails()
    expect(none).toEqual([])
    expect(german).toContain('Subject: Neues Dokument in Ihrem Postfach')
    await setPreferences(backend, { paperless: true, locale: 'en' })
    await fileLetter(backend, ANNA)
    backend.clock.advance(16 * MINUTE)
    await deliverDue(backend)
    const [, english, ...more] = letterEmails()
    expect(more).toEqual([])
    expect(english).toContain('Subject: New document in your postbox')
    expect(english).toContain('There is a new document in your postbox in the My MINI Finance app.')
    expect(english).toContain('Hello Ms Huber,')
  })

  it('files the e-mail in the demo mailbox at once without SMTP, and counts the letters that join it', async () => {
    const backend = await createTestBackend()
    backends.push(backend)
    await setPreferences(backend, { paperless: true })
    await fileLetter(backend, ANNA)
    const mailbox = async () =>
      (await backend.app.services.repos.outbox.list({ to: ANNA_LOGIN.email, limit: 100 })).filter(
        (m) => m.subject.includes('Postfach'),
      )
    expect((await mailbox()).map((m) => m.subject)).toEqual(['Neues Dokument in Ihrem Postfach'])
    backend.clock.advance(14 * MINUTE)
    await fileLetter(backend, ANNA)
    const [joined, ...more] = await mailbox()
    expect(more).toEqual([])
    expect(joined?.subject).toBe('Neue Dokumente in Ihrem Postfach')
    expect(joined?.text).toContain('liegen 2 neue Dokumente')
    backend.clock.advance(MINUTE)
    await fileLetter(backend, ANNA)
    expect((await mailbox()).map((m) => m.subject)).toEqual([
      'Neues Dokument in Ihrem Postfach',
      'Neue Dokumente in Ihrem Postfach',
    ])
  })
})

describe('two nodes on one database', () => {
  if (!onPostgres) console.log('skipped on SQLite: two nodes share only a PostgreSQL database')
  it.skipIf(!onPostgres)(
    'send one e-mail per window, whichever node files the letters, also at once',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mmf-test-'))
      const database = await testDatabase(dir)
      shared = {
        dir,
        async drop() {
          await database?.drop()
          rmSync(dir, { recursive: true, force: true })
        },
      }
      const a = await startBackend(dir)
      const b = await startBackend(dir)
      const both = (seconds: number) => {
        a.clock.advance(seconds)
        b.clock.advance(seconds)
      }
      await setPreferences(a, { paperless: true })
      // Filed on both nodes at the same moment: one window.
      await Promise.all([fileLetter(a, ANNA), fileLetter(b, ANNA)])
      both(5 * MINUTE)
      await fileLetter(b, ANNA)
      both(10 * MINUTE)
      await Promise.all([deliverDue(a), deliverDue(b)])
      const [email, ...more] = letterEmails()
      expect(more).toEqual([])
      expect(email).toContain('liegen 3 neue Dokumente')
    },
  )
})
