/**
 * What the app loads on demand, loaded up front for the renderer's tests, so that
 * a test's timing does not depend on a module's first import:
 * - the English messages (src/renderer/src/i18n/index.ts): the tests switch
 *   languages synchronously, as the app does once they are loaded;
 * - the answer checker (src/renderer/src/api/answer-check.ts), which the app
 *   loads with its first answer.
 * Only where a DOM is: the backend's tests never import the renderer.
 */
if (typeof window !== 'undefined') {
  const { loadLocaleMessages } = await import('../../../src/renderer/src/i18n/index.ts')
  await loadLocaleMessages('en')
  await import('../../../src/renderer/src/api/answer-check.ts')
}
