/**
 * Asks the desktop app to do something that may fail (open a window, a link, print);
 * a failure is logged with `failure` and answered with false, so the caller does
 * without (or shows it itself) instead of failing.
 */
export async function falseOnFailure(
  call: () => Promise<boolean>,
  failure: string,
  log: (message: string, error: unknown) => void = console.error,
): Promise<boolean> {
  try {
    return await call()
  } catch (error) {
    log(failure, error)
    return false
  }
}
