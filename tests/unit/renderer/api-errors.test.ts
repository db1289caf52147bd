import {
  AxiosError,
  AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios'
import { describe, expect, it } from 'vitest'
import { fieldMessageKey, toUserError } from '../../../src/renderer/src/api/errors.ts'

const config = { headers: new AxiosHeaders(), url: '/sessions' } as InternalAxiosRequestConfig

function answered(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const response: AxiosResponse = {
    status,
    statusText: '',
    data,
    headers: new AxiosHeaders(headers),
    config,
  }
  return new AxiosError(
    `Request failed with status code ${status}`,
    'ERR_BAD_RESPONSE',
    config,
    {},
    response,
  )
}

describe('mapping a failed API call to what the user reads', () => {
  it('uses the API error code for the message', () => {
    const error = toUserError(
      answered(423, { error: { code: 'account_locked', message: 'Account locked.' } }),
    )
    expect(error).toMatchObject({
      kind: 'api',
      code: 'account_locked',
      status: 423,
      messageKey: 'errors.account_locked',
      fields: {},
    })
  })

  it('keeps the attempts left before the lock, when the answer says a sound number', () => {
    const wrong = (attemptsLeft: unknown) =>
      toUserError(
        answered(401, { error: { code: 'invalid_credentials', message: 'Wrong.', attemptsLeft } }),
      ).attemptsLeft
    expect(wrong(2)).toBe(2)
    expect(wrong(1)).toBe(1)
    for (const odd of ['2', 1.5, -1, null, undefined]) expect(wrong(odd)).toBeNull()
  })

  it('keeps the tries left of a wrong activation code, and nothing that is not a count', () => {
    const wrong = (attemptsLeft: unknown) =>
      toUserError(
        answered(400, { error: { code: 'activation_code_invalid', message: 'x', attemptsLeft } }),
      ).attemptsLeft
    expect(wrong(2)).toBe(2)
    expect(wrong(0)).toBe(0)
    expect(wrong(undefined)).toBeNull()
    expect(wrong(-1)).toBeNull()
    expect(wrong('3')).toBeNull()
    expect(wrong(1.5)).toBeNull()
  })

  it('gives forms a message per invalid field, nested fields included', () => {
    const error = toUserError(
      answered(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid.',
          fields: {
            password: 'too_common',
            'address.postalCode': 'invalid_format',
            x: 'new_reason',
          },
        },
      }),
    )
    expect(error.messageKey).toBe('errors.validation_failed')
    expect(error.fields).toEqual({
      password: 'fieldErrors.password.too_common',
      'address.postalCode': 'fieldErrors.invalid_format',
      x: 'fieldErrors.invalid_value',
    })
  })

  it('gives a field its own message when it has one, else the generic one', () => {
    expect(fieldMessageKey('too_short', 'password')).toBe('fieldErrors.password.too_short')
    // The new password of a reset or a change reads like the registration's.
    expect(fieldMessageKey('too_common', 'newPassword')).toBe('fieldErrors.password.too_common')
    expect(fieldMessageKey('invalid_format', 'email')).toBe('fieldErrors.email.invalid_format')
    expect(fieldMessageKey('out_of_range', 'email')).toBe('fieldErrors.out_of_range')
    expect(fieldMessageKey('required', 'nickname')).toBe('fieldErrors.required')
    expect(fieldMessageKey('whatever', 'email')).toBe('fieldErrors.invalid_value')
    expect(fieldMessageKey('required')).toBe('fieldErrors.required')
  })

  it('passes on how long to wait when throttled', () => {
    const error = toUserError(
      answered(
        429,
        { error: { code: 'rate_limited', message: 'Slow down.' } },
        { 'retry-after': '30' },
      ),
    )
    expect(error.messageKey).toBe('errors.rate_limited')
    expect(error.retryAfterSeconds).toBe(30)
  })

  it('reports a failed connection as a network problem', () => {
    const error = toUserError(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {}))
    expect(error).toMatchObject({ kind: 'network', messageKey: 'errors.network', status: null })
  })

  it('reports a timeout as such, from either adapter', () => {
    expect(
      toUserError(new AxiosError('timeout of 20000ms exceeded', AxiosError.ETIMEDOUT, config))
        .messageKey,
    ).toBe('errors.timeout')
    expect(
      toUserError(new AxiosError('timeout of 20000ms exceeded', AxiosError.ECONNABORTED, config))
        .messageKey,
    ).toBe('errors.timeout')
  })

  it('falls back to "unexpected" for anything else', () => {
    expect(toUserError(answered(500, '<html>Bad gateway</html>')).messageKey).toBe(
      'errors.unexpected',
    )
    expect(
      toUserError(answered(400, { error: { code: 'no_such_code', message: 'x' } })).messageKey,
    ).toBe('errors.unexpected')
    expect(toUserError(new TypeError('x is undefined')).messageKey).toBe('errors.unexpected')
    expect(toUserError(undefined).messageKey).toBe('errors.unexpected')
  })
})
