/** JSON schema of the API's error body, shared by every route's error responses. */
export const apiErrorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
        /** Why a request was refused (409 not_eligible), a stable code. */
        reason: { type: 'string' },
      },
    },
  },
} as const
