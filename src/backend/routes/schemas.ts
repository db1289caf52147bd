/** Shared pieces of route schemas. */
export const statusSchema = (values: readonly string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: { status: { type: 'string', enum: values } },
  }) as const

export const emptySchema = { type: 'null', description: 'No content' } as const
