// Draws resources/icon.png (1024×1024): a dark rounded square with a white
// winged ring, the app's mark. Run once; the PNG is committed.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { join } from 'node:path'

const size = 1024
const pixels = Buffer.alloc(size * size * 4)
const inRoundedSquare = (x, y) => {
  const r = 200
  const m = 40
  const cx = Math.min(Math.max(x, m + r), size - m - r)
  const cy = Math.min(Math.max(y, m + r), size - m - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && y >= m && x < size - m && y < size - m
}
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4
    if (!inRoundedSquare(x, y)) continue
    const dx = x - size / 2
    const dy = y - size / 2
    const d = Math.hypot(dx, dy)
    const ring = d > 230 && d < 290
    const wing =
      Math.abs(dy) < 26 &&
      Math.abs(dx) > 290 &&
      Math.abs(dx) < 420 &&
      Math.abs(dy) < 26 - (Math.abs(dx) - 290) / 8
    const white = ring || wing
    pixels[i] = white ? 255 : 26
    pixels[i + 1] = white ? 255 : 26
    pixels[i + 2] = white ? 255 : 26
    pixels[i + 3] = 255
  }
}
const raw = Buffer.alloc((size * 4 + 1) * size)
for (let y = 0; y < size; y++)
  pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type), data])
  const c = Buffer.alloc(4)
  c.writeUInt32BE(crc(td))
  return Buffer.concat([len, td, c])
}
const ihdr = Buffer.alloc(13)
ihdr.writeUInt32BE(size, 0)
ihdr.writeUInt32BE(size, 4)
ihdr[8] = 8
ihdr[9] = 6
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
writeFileSync(join(import.meta.dirname, '../resources/icon.png'), png)
console.log(`resources/icon.png: ${png.length} bytes`)
