// Image files for tests, built byte by byte: a PNG encoder small enough to read (RGBA, no
// filter), and hostile variants of real files. The tiny.* fixtures beside this file were
// encoded by Chromium from a 24×16 canvas (tiny.gif is the classic 1×1 GIF).
import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const FIXTURES = new URL('./fixtures/', import.meta.url)
export const tinyImage = (name: 'tiny.png' | 'tiny.jpg' | 'tiny.webp' | 'tiny.gif') => new Uint8Array(readFileSync(new URL(name, FIXTURES)))

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
	return c >>> 0
})
function crc32(bytes: Uint8Array) {
	let crc = 0xffffffff
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
	return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array) {
	const out = Buffer.alloc(12 + data.length)
	out.writeUInt32BE(data.length, 0)
	out.write(type, 4, 'latin1')
	Buffer.from(data).copy(out, 8)
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
	return out
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A PNG whose header says width × height; `pixel(x, y)` gives RGBA (omitted: a one-row IDAT, as a header-only bomb). */
export function encodePng(width: number, height: number, pixel?: (x: number, y: number) => [number, number, number, number]) {
	const header = Buffer.alloc(13)
	header.writeUInt32BE(width, 0)
	header.writeUInt32BE(height, 4)
	header[8] = 8 // bit depth
	header[9] = 6 // RGBA
	let raw: Buffer
	if (pixel) {
		raw = Buffer.alloc(height * (1 + width * 4))
		for (let y = 0; y < height; y++) {
			const row = y * (1 + width * 4)
			for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4)
		}
	} else raw = Buffer.alloc(1 + 4)
	return new Uint8Array(Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]))
}

export const concatBytes = (...parts: (Uint8Array | string)[]) => new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))))
