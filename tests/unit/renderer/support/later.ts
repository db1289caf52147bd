/** A promise the test settles when it wants (a printer that takes its time, answers out of order). */
export function later<T>(): {
  promise: Promise<T>
  settle: (value: T) => void
  fail: (error: unknown) => void
} {
  let settle: (value: T) => void = () => undefined
  let fail: (error: unknown) => void = () => undefined
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve
    fail = reject
  })
  return { promise, settle, fail }
}
