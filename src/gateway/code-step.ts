/**
 * The sign-in's code step (second factor) in the gateway: the backend's
 * challenge of a sign-in is kept here, in memory, like the tokens; the renderer
 * learns only that a code is wanted and until when, and sends only the code.
 */
import { errorResponse } from './http.ts'
import {
  isMfaRequired,
  ownAnswer,
  rateLimitsOf,
  readSignInCode,
  unexpectedAnswer,
} from './own-routes.ts'

export interface CodeStep {
  /**
   * The backend's 200 to a sign-in: keeps its challenge with the password step's
   * "stay signed in", and answers the renderer without it.
   */
  open(response: Response, staySignedIn: boolean): Promise<Response>
  /**
   * Reads the renderer's code and sends it with the kept challenge (`send` posts the
   * body upstream): the backend's answer, or the gateway's own 400, or its 401
   * challenge_expired without a challenge (then the backend is not asked).
   */
  submit(
    request: Request,
    send: (body: string) => Promise<Response>,
  ): Promise<{ response: Response; staySignedIn: boolean } | { refused: Response }>
  /** Forgets the challenge: a new sign-in, a sign-out, a forgotten session. */
  forget(): void
}

export function createCodeStep(now: () => number): CodeStep {
  let challenge: { id: string; staySignedIn: boolean; expiresAt: number } | null = null
  return {
    async open(response, staySignedIn) {
      const body: unknown = await response.json()
      if (!isMfaRequired(body)) return unexpectedAnswer()
      challenge = { id: body.challengeId, staySignedIn, expiresAt: Date.parse(body.expiresAt) }
      const answer = { mfaRequired: true, expiresAt: body.expiresAt } as const
      return ownAnswer('POST /sessions', answer, rateLimitsOf(response), 200)
    },
    async submit(request, send) {
      const reading = await readSignInCode(request)
      if (!reading.ok) return { refused: reading.response }
      const open = challenge
      if (!open || open.expiresAt <= now()) {
        challenge = null
        const message = 'The sign-in has expired. Please sign in again.'
        return { refused: errorResponse(401, 'challenge_expired', message) }
      }
      const response = await send(JSON.stringify({ challengeId: open.id, code: reading.code }))
      // Only a wrong code or a limit leaves the step open for another try; anything else
      // (signed in, locked, expired) ends it.
      const retry =
        response.status === 429 ||
        (response.status === 401 && (await errorCodeOf(response)) === 'invalid_code')
      if (challenge === open && !retry) challenge = null
      return { response, staySignedIn: open.staySignedIn }
    },
    forget() {
      challenge = null
    },
  }
}

/** The error code of an answer, read from a copy (the answer goes on as it is). */
async function errorCodeOf(response: Response): Promise<unknown> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null)
  return (body as { error?: { code?: unknown } } | null)?.error?.code
}
