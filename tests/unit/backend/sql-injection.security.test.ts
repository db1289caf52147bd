import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => backend?.dispose())

describe('parameterised SQL', () => {
  it('treats a quote in a filter as data, not as SQL', async () => {
    backend = await createTestBackend()
    await backend.app.services.outbox.send({
      kind: 'email',
      to: 'victim@example.at',
      subject: 'secret',
      text: 'x',
    })
    for (const to of ["' OR 1=1 --", "x' UNION SELECT * FROM accounts --", '%']) {
      const response = await backend.json('GET', `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)
      expect(response.statusCode).toBe(200)
      expect(response.json().items).toEqual([])
    }
  })

  it('refuses an injected kind before it reaches the database', async () => {
    backend = await createTestBackend()
    const response = await backend.json(
      'GET',
      `/api/v1/dev/outbox?kind=${encodeURIComponent("email' OR '1'='1")}`,
    )
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({ kind: 'invalid_value' })
  })

  it('signs nobody in with an injected address', async () => {
    backend = await createTestBackend()
    const response = await backend.json('POST', '/api/v1/sessions', {
      email: "anna.huber@demo.mini.at' --",
      password: 'anything at all, long enough',
    })
    expect(response.statusCode).toBe(401)
  })
})
