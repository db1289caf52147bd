import { describe, expect, it } from 'vitest'
import type { InstalmentStatus } from '../../../src/shared/api/contracts.ts'
import { planWindow } from '../../../src/renderer/src/components/contracts/plan-window.ts'

/** A plan of `length` instalments, the first `paid` paid, the next due. */
function plan(length: number, paid: number): { status: InstalmentStatus }[] {
  return Array.from({ length }, (_, i) => ({
    status: i < paid ? 'paid' : i === paid ? 'due' : 'upcoming',
  }))
}

describe('the part of the instalment plan shown at first', () => {
  it('starts at the next instalment, a year of them', () => {
    expect(planWindow(plan(48, 7))).toEqual({ start: 7, end: 19, partial: true })
    expect(planWindow(plan(48, 0))).toEqual({ start: 0, end: 12, partial: true })
  })

  it('keeps a year near the end, with paid ones above the next instalment', () => {
    expect(planWindow(plan(36, 33))).toEqual({ start: 24, end: 36, partial: true })
  })

  it('shows the last year once every instalment is paid', () => {
    expect(planWindow(plan(60, 60))).toEqual({ start: 48, end: 60, partial: true })
  })

  it('shows a plan of a year or less whole', () => {
    expect(planWindow(plan(12, 3))).toEqual({ start: 0, end: 12, partial: false })
    expect(planWindow([])).toEqual({ start: 0, end: 0, partial: false })
  })
})
