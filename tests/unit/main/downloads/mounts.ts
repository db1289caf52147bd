/**
 * Real file systems for the disk tests: a small tmpfs fills up for real (ENOSPC),
 * a read-only one refuses for real (EROFS). Root ignores permission bits, so
 * chmod alone proves nothing there; mounting needs root on Linux.
 */
import { execFileSync } from 'node:child_process'

/** Mounts a tmpfs with `options` on `dir`; answers null, or why it could not. */
export function mountTmpfs(dir: string, options: string): string | null {
  if (process.platform !== 'linux')
    return `mounting a tmpfs needs Linux (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root'
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' })
    return null
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim()
    return `mount -t tmpfs failed here: ${stderr || String(error)}`
  }
}

/** Unmounts what mountTmpfs mounted (lazily, should a test still hold a file open). */
export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' })
  } catch {
    // Busy: detach it now, the kernel frees it once the last file is closed.
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' })
  }
}
