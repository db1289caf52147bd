import { describe, expect, it } from 'vitest'
import { pagedList, type Page } from '../../../src/renderer/src/stores/paged-list.ts'
import { later } from './support/later.ts'

interface Item {
  id: string
}

const page = (ids: string[], nextCursor: string | null): Page<Item> => ({
  items: ids.map((id) => ({ id })),
  nextCursor,
})

/** A list whose pages the test hands out, with the cursors it was asked for. */
function list(options: Parameters<typeof pagedList<Page<Item>>>[1] = {}) {
  const asked: (string | null)[] = []
  const answers: ReturnType<typeof later<Page<Item>>>[] = []
  const paged = pagedList((cursor) => {
    asked.push(cursor)
    const pending = later<Page<Item>>()
    answers.push(pending)
    return pending.promise
  }, options)
  return { paged, asked, answers }
}

describe('pagedList', () => {
  it('loads the first page, then the next ones, leaving out items already shown', async () => {
    const taken: Page<Item>[] = []
    const { paged, asked, answers } = list({ taken: (p) => taken.push(p) })
    const first = paged.load()
    expect(paged.listState.value.loading).toBe(true)
    answers[0]?.settle(page(['a', 'b'], 'c1'))
    await first
    const more = paged.loadMore()
    expect(paged.moreState.value.loading).toBe(true)
    // Nothing while a page is on its way.
    await paged.loadMore()
    answers[1]?.settle(page(['b', 'c'], null))
    await more
    expect(asked).toEqual([null, 'c1'])
    expect(paged.items.value.map((item) => item.id)).toEqual(['a', 'b', 'c'])
    expect([paged.status.value, paged.nextCursor.value, paged.loadingMore.value]).toEqual([
      'ready',
      null,
      false,
    ])
    expect(taken).toHaveLength(2)
    // No next page: nothing is asked.
    await paged.loadMore()
    expect(asked).toHaveLength(2)
  })

  it('drops an older answer when the list starts afresh or is forgotten', async () => {
    const { paged, answers } = list()
    const older = paged.load()
    const newer = paged.load()
    answers[1]?.settle(page(['new'], null))
    await newer
    answers[0]?.settle(page(['old'], null))
    await older
    expect(paged.items.value).toEqual([{ id: 'new' }])

    const forgotten = paged.load()
    paged.reset()
    answers[2]?.fail(new Error('offline'))
    await forgotten
    expect([paged.status.value, paged.error.value, paged.items.value]).toEqual(['idle', null, []])
  })

  it('clearOnLoad starts from nothing; starting is called; a failed page says so with its retry', async () => {
    let starts = 0
    const { paged, answers } = list({ clearOnLoad: true, starting: () => starts++ })
    const first = paged.load()
    answers[0]?.settle(page(['a'], 'c1'))
    await first
    const more = paged.loadMore()
    answers[1]?.fail(new Error('offline'))
    await more
    expect(paged.moreState.value.error?.kind).toBe('unexpected')
    expect(paged.items.value).toEqual([{ id: 'a' }])

    const again = paged.load()
    expect([paged.items.value, paged.moreError.value, starts]).toEqual([[], null, 2])
    answers[2]?.fail(new Error('offline'))
    await again
    expect(paged.status.value).toBe('failed')
    expect(paged.listState.value.error?.kind).toBe('unexpected')
    expect(paged.listState.value.retry).toBeTypeOf('function')
  })

  it('idleIsLoading: the page says "wird geladen" before the first load', () => {
    expect(list({ idleIsLoading: true }).paged.listState.value.loading).toBe(true)
    expect(list().paged.listState.value.loading).toBe(false)
  })
})
