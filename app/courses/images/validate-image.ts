// What a lesson image must be before it is stored (ADR 016): the type is read from the bytes
// (PNG, JPEG, WebP, GIF; the file name and the browser's Content-Type are not trusted), the
// size and pixel counts are bounded, the file must be whole (it ends where its own structure
// says it ends, nothing hidden after it), and the dimensions come from the header through
// image-size, never from decoding the pixels. SVG is refused: it is a document that can carry
// script, and refusing is simpler than proving a sanitiser. Isomorphic (no Node API), so the
// editor could run the same check before uploading.
import { imageSize } from 'image-size'

const MB = 1024 * 1024
/** Bytes of one image; the body gate (server/request-body.mjs) admits this plus the multipart overhead. */
export const LESSON_IMAGE_MAX_BYTES = 5 * MB
export const LESSON_IMAGE_MAX_SIDE = 8000
export const LESSON_IMAGE_MAX_PIXELS = 40_000_000

export const LESSON_IMAGE_TYPES = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif',
} as const
export type LessonImageMime = keyof typeof LESSON_IMAGE_TYPES
export type LessonImageExt = (typeof LESSON_IMAGE_TYPES)[LessonImageMime]

export type ImageVerdict =
	| { ok: true; mime: LessonImageMime; ext: LessonImageExt; width: number; height: number; byteLength: number }
	| { ok: false; status: 400 | 413 | 415; message: string }

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, index) => bytes[at + index] === byte)
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

/** The type the bytes say they are; `other` names what was seen, for the message. */
export function sniffImageType(bytes: Uint8Array): { mime: LessonImageMime } | { other: string } {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png' }
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg' }
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { mime: 'image/webp' }
	if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { mime: 'image/gif' }
	const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase()
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.includes('<!doctype svg')) return { other: 'SVG' }
	if (ascii(bytes, 0, 2) === 'BM') return { other: 'BMP' }
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { other: 'TIFF' }
	if (ascii(bytes, 4, 8) === 'ftyp') return { other: 'HEIC/AVIF' }
	if (ascii(bytes, 0, 4) === '%PDF') return { other: 'PDF' }
	if (head.startsWith('<')) return { other: 'HTML/XML 文本' }
	return { other: '无法识别的文件' }
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256)
	for (let n = 0; n < 256; n++) {
		let c = n
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
		table[n] = c >>> 0
	}
	return table
})()

function crc32(bytes: Uint8Array) {
	let crc = 0xffffffff
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
	return (crc ^ 0xffffffff) >>> 0
}

const u32be = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
const u32le = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0

/** PNG: every chunk fits and has a correct CRC; IEND is last and nothing follows it. */
function pngIsWhole(bytes: Uint8Array): string | null {
	let at = 8
	let first = true
	while (at + 12 <= bytes.length) {
		const length = u32be(bytes, at)
		const type = ascii(bytes, at + 4, at + 8)
		if (first && type !== 'IHDR') return '文件头不完整'
		first = false
		const end = at + 12 + length
		if (end > bytes.length) return '文件不完整（数据被截断）'
		if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32be(bytes, at + 8 + length)) return '文件已损坏（校验和不符）'
		if (type === 'IEND') return end === bytes.length ? null : '图片结尾之后还有其他数据'
		at = end
	}
	return '文件不完整（数据被截断）'
}

/** JPEG: the segments before the scan fit, and the file ends with the end-of-image marker. */
function jpegIsWhole(bytes: Uint8Array): string | null {
	let at = 2
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) return '文件已损坏（段标记错误）'
		const marker = bytes[at + 1]!
		if (marker === 0xff) {
			at += 1
			continue
		}
		if (marker === 0xda) break
		if (marker === 0xd9) return '文件不完整（没有图像数据）'
		if (marker >= 0xd0 && marker <= 0xd7) {
			at += 2
			continue
		}
		at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!)
		if (at > bytes.length) return '文件不完整（数据被截断）'
	}
	if (at + 4 > bytes.length) return '文件不完整（数据被截断）'
	let end = bytes.length
	// Some cameras pad with zero bytes after the end marker.
	while (end > 2 && bytes[end - 1] === 0x00) end -= 1
	if (bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) return '文件不完整（缺少结束标记，或结尾之后还有其他数据）'
	return null
}

/** WebP: the RIFF size is the file's, and each chunk fits inside it. */
function webpIsWhole(bytes: Uint8Array): string | null {
	const riffEnd = 8 + u32le(bytes, 4)
	if (riffEnd > bytes.length) return '文件不完整（数据被截断）'
	if (riffEnd < bytes.length) return '图片结尾之后还有其他数据'
	let at = 12
	while (at < riffEnd) {
		if (at + 8 > riffEnd) return '文件已损坏（块头不完整）'
		const size = u32le(bytes, at + 4)
		at += 8 + size + (size % 2)
		if (at > riffEnd) return '文件不完整（数据被截断）'
	}
	return at === 12 ? '文件不完整（没有图像数据）' : null
}

/** GIF: blocks walked from the header to the trailer (0x3B), which is the last byte. */
function gifIsWhole(bytes: Uint8Array): string | null {
	if (bytes.length < 13) return '文件头不完整'
	let at = 13
	const flags = bytes[10]!
	if (flags & 0x80) at += 3 * 2 ** ((flags & 0x07) + 1)
	const skipSubBlocks = () => {
		while (at < bytes.length) {
			const size = bytes[at]!
			at += 1 + size
			if (size === 0) return true
		}
		return false
	}
	let frames = 0
	while (at < bytes.length) {
		const introducer = bytes[at]!
		if (introducer === 0x3b) {
			if (frames === 0) return '文件不完整（没有图像数据）'
			return at + 1 === bytes.length ? null : '图片结尾之后还有其他数据'
		}
		if (introducer === 0x21) {
			at += 2
			if (!skipSubBlocks()) break
		} else if (introducer === 0x2c) {
			if (at + 10 > bytes.length) break
			const imageFlags = bytes[at + 9]!
			at += 10
			if (imageFlags & 0x80) at += 3 * 2 ** ((imageFlags & 0x07) + 1)
			at += 1 // LZW minimum code size
			if (!skipSubBlocks()) break
			frames += 1
		} else return '文件已损坏（块标记错误）'
	}
	return '文件不完整（数据被截断）'
}

const WHOLE: Record<LessonImageMime, (bytes: Uint8Array) => string | null> = {
	'image/png': pngIsWhole,
	'image/jpeg': jpegIsWhole,
	'image/webp': webpIsWhole,
	'image/gif': gifIsWhole,
}

function sizeText(bytes: number) {
	return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/** Whether these bytes may become a lesson image, and if so their type and displayed size. */
export function checkLessonImage(bytes: Uint8Array): ImageVerdict {
	if (bytes.length === 0) return { ok: false, status: 400, message: '图片文件是空的' }
	if (bytes.length > LESSON_IMAGE_MAX_BYTES) {
		return { ok: false, status: 413, message: `图片超过 ${LESSON_IMAGE_MAX_BYTES / MB} MB（此文件 ${sizeText(bytes.length)}），请压缩后再上传` }
	}
	const sniffed = sniffImageType(bytes)
	if ('other' in sniffed) {
		const svg = sniffed.other === 'SVG' ? '（SVG 可能携带脚本，不予接受，请导出为 PNG）' : ''
		return { ok: false, status: 415, message: `不支持的图片格式：${sniffed.other}${svg}。请上传 PNG、JPEG、WebP 或 GIF 图片` }
	}
	const { mime } = sniffed
	const label = LESSON_IMAGE_TYPES[mime].toUpperCase()
	const broken = WHOLE[mime](bytes)
	if (broken) return { ok: false, status: 400, message: `${label} 图片无法使用：${broken}` }
	let size: { width: number; height: number; orientation?: number }
	try {
		size = imageSize(bytes)
	} catch {
		return { ok: false, status: 400, message: `${label} 图片无法使用：读不出图片尺寸，文件可能已损坏` }
	}
	if (!(size.width > 0 && size.height > 0)) return { ok: false, status: 400, message: `${label} 图片无法使用：宽或高为 0` }
	if (size.width > LESSON_IMAGE_MAX_SIDE || size.height > LESSON_IMAGE_MAX_SIDE) {
		return { ok: false, status: 413, message: `图片尺寸 ${size.width}×${size.height} 像素超过上限（每边不超过 ${LESSON_IMAGE_MAX_SIDE} 像素），请缩小后再上传` }
	}
	if (size.width * size.height > LESSON_IMAGE_MAX_PIXELS) {
		return { ok: false, status: 413, message: `图片尺寸 ${size.width}×${size.height} 像素超过上限（不超过 ${LESSON_IMAGE_MAX_PIXELS / 1_000_000} 百万像素），请缩小后再上传` }
	}
	// EXIF orientations 5–8 turn the picture a quarter: the page shows it the other way round.
	const turned = (size.orientation ?? 1) >= 5
	return {
		ok: true,
		mime,
		ext: LESSON_IMAGE_TYPES[mime],
		width: turned ? size.height : size.width,
		height: turned ? size.width : size.height,
		byteLength: bytes.length,
	}
}
