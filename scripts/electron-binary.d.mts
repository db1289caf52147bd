/** Returns { path } when the Electron binary is installed, else { reason }. */
export function findElectronBinary():
  { path: string; reason?: undefined } | { path?: undefined; reason: string }
