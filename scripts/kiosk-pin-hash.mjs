// `npm run kiosk:pin-hash`: prints the argon2id hash of an exit PIN for kiosk.json
// (src/host/kiosk/pin-hash-command.ts). Runs on the project's pinned Node 24,
// which loads the TypeScript source directly.
import { runPinHashCommand } from '../src/host/kiosk/pin-hash-command.ts'

process.exitCode = await runPinHashCommand({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
})
