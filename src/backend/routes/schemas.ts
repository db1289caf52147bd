/** Shared pieces of route schemas. */
export const emptySchema = { type: 'null', description: 'No content' } as const

/** The schema of a `{items: [...]}` list answer of at most `maxItems` items. */
export const itemsSchema = <T extends object>(maxItems: number, item: T) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['items'],
    properties: { items: { type: 'array', maxItems, items: item } },
  }) as const
