/**
 * Calls a route of the contract as the app sees it (`appRoutes` in
 * src/shared/api/gateway.ts: the backend's routes, the gateway's own answers in
 * their place) by its key and returns its answer, checked against the
 * contract's schema: an answer of another shape rejects with a TypeError
 * (api/errors.ts shows it as an unexpected answer). The path is built from the
 * key, its parameters encoded.
 */
import type { AxiosRequestConfig, AxiosResponse } from 'axios'
import { methodOf, pathOf } from '../../../shared/api/contract.ts'
import type {
  AppAnswer,
  AppBody,
  AppParams,
  AppQuery,
  AppRoute,
} from '../../../shared/api/gateway.ts'
import { apiClient } from './client.ts'
import { unexpected } from './shape.ts'

type Part<Name extends string, T> = undefined extends T ? { [P in Name]?: T } : { [P in Name]: T }

/** What a call sends: the route's parameters, query and body, as the contract types them. */
export type CallInput<K extends AppRoute> = Part<'params', AppParams<K>> &
  Part<'query', AppQuery<K>> &
  Part<'body', AppBody<K>>

/** Request options the contract does not cover (headers, a signal, a blob answer). */
export type CallOptions = Pick<AxiosRequestConfig, 'headers' | 'signal' | 'responseType'>

/** Calls `key` and returns its checked answer. */
export async function call<K extends AppRoute>(
  key: K,
  input: CallInput<K>,
  options: CallOptions = {},
): Promise<AppAnswer<K>> {
  return (await callWithHeaders(key, input, options)).answer
}

/** A checked answer with the answer's headers (an ETag to send back in If-Match). */
export interface CallResult<K extends AppRoute> {
  answer: AppAnswer<K>
  headers: AxiosResponse['headers']
}

/** Calls `key` and returns its checked answer and the answer's headers. */
export async function callWithHeaders<K extends AppRoute>(
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
  return { answer: response.data as AppAnswer<K>, headers: response.headers }
}
