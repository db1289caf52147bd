/**
 * The app loads its English messages on demand (src/renderer/src/i18n/index.ts);
 * the renderer tests switch languages synchronously, as the app does once they are
 * loaded, so they load them up front. Only where a DOM is: the backend's tests
 * never import the renderer.
 */
if (typeof window !== 'undefined') {
  const { loadLocaleMessages } = await import('../../../src/renderer/src/i18n/index.ts')
  await loadLocaleMessages('en')
}
