/**
 * Calls a route of the contract (src/shared/api/routes.ts) by its key and
 * returns its answer, checked against the contract's schema: an answer of
 * another shape rejects with a TypeError (api/errors.ts shows it as an
 * unexpected answer). The path is built from the key, its parameters encoded.
 */
import type { AxiosRequestConfig, AxiosResponse } from 'axios'
import { methodOf, pathOf } from '../../../shared/api/contract.ts'
import type { Answer, ApiRoute, Body, Params, Query } from '../../../shared/api/routes.ts'
import { apiClient } from './client.ts'
import { unexpected } from './shape.ts'

type Part<Name extends string, T> = undefined extends T ? { [P in Name]?: T } : { [P in Name]: T }

/** What a call sends: the route's parameters, query and body, as the contract types them. */
export type CallInput<K extends ApiRoute> = Part<'params', Params<K>> &
  Part<'query', Query<K>> &
  Part<'body', Body<K>>

/** Request options the contract does not cover (headers, a signal, a blob answer). */
export type CallOptions = Pick<AxiosRequestConfig, 'headers' | 'signal' | 'responseType'>

/** Calls `key` and returns its checked answer. */
export async function call<K extends ApiRoute>(
  key: K,
  input: CallInput<K>,
  options: CallOptions = {},
): Promise<Answer<K>> {
  return (await callWithHeaders(key, input, options)).answer
}

/** A checked answer with the answer's headers (an ETag to send back in If-Match). */
export interface CallResult<K extends ApiRoute> {
  answer: Answer<K>
  headers: AxiosResponse['headers']
}

/** Calls `key` and returns its checked answer and the answer's headers. */
export async function callWithHeaders<K extends ApiRoute>(
  key: K,
  input: CallInput<K>,
  options: CallOptions = {},
): Promise<CallResult<K>> {
  const { params, query, body } = input as {
    params?: Record<string, string>
    query?: object
    body?: unknown
  }
  const response = await apiClient.request<unknown>({
    ...options,
    method: methodOf(key),
    url: pathOf(key, params),
    ...(query === undefined ? {} : { params: query }),
    ...(body === undefined ? {} : { data: body }),
  })
  const { isAnswer } = await import('./answer-check.ts')
  if (!isAnswer(key, response.status, response.data)) throw unexpected(key)
  return { answer: response.data as Answer<K>, headers: response.headers }
}
