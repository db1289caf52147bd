/**
 * A link from an e-mail that confirms something when its page opens (/confirm,
 * /email-change): the token is checked as the deep-link parser checks it, an
 * ill-formed one is "invalid" without a request, an expired or used link is
 * told apart from a failure, which may be tried again.
 */
import { computed, ref, watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import type { DeepLinkAction } from '../../../shared/deep-links.ts'
import type { ApiErrorCode } from '../../../shared/errors.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import { linkToken } from '../forms/link-token.ts'

/** Where confirming is at: checking, one of the caller's outcomes, or a refusal. */
export type LinkOutcome<O extends string> = 'checking' | 'expired' | 'invalid' | 'failed' | O

export interface LinkConfirmation<O extends string> {
  /** The link's token, or null when it is ill-formed. */
  token: Readonly<Ref<string | null>>
  outcome: Ref<LinkOutcome<O>>
  /** The error of a failed attempt (`outcome` 'failed'), else null. */
  error: Ref<UserError | null>
  /** Confirms (again): on load, when the token changes, and on "Erneut versuchen". */
  confirm(): Promise<void>
}

/**
 * Confirms the link's token with `run` as soon as the page opens. `refusals`
 * names further error codes that are an outcome of their own, not a failure.
 */
export function useLinkConfirmation<O extends string>(
  action: DeepLinkAction,
  run: (token: string) => Promise<O>,
  refusals: Partial<Record<ApiErrorCode, O>> = {},
): LinkConfirmation<O> {
  const route = useRoute()
  const token = computed(() => linkToken(route.query.token, action))
  const outcome = ref('checking') as Ref<LinkOutcome<O>>
  const error = ref<UserError | null>(null)

  async function confirm(): Promise<void> {
    error.value = null
    const current = token.value
    // An ill-formed link is not worth a request: it cannot be valid.
    if (current === null) {
      outcome.value = 'invalid'
      return
    }
    outcome.value = 'checking'
    try {
      outcome.value = await run(current)
    } catch (caught) {
      const userError = toUserError(caught)
      const refusal = userError.code === null ? undefined : refusals[userError.code]
      if (userError.code === 'link_expired') outcome.value = 'expired'
      else if (userError.code === 'link_invalid') outcome.value = 'invalid'
      else if (refusal !== undefined) outcome.value = refusal
      else {
        error.value = userError
        outcome.value = 'failed'
      }
    }
  }

  watch(token, () => void confirm(), { immediate: true })
  return { token, outcome, error, confirm }
}
