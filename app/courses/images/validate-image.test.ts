import { describe, expect, test } from 'vitest'
import { BODY_RULES, bodyRuleFor, LESSON_IMAGE_UPLOAD_LIMIT } from '../../../server/request-body.mjs'
import { concatBytes, encodePng, tinyImage } from './test-images.ts'
import { checkLessonImage, LESSON_IMAGE_MAX_BYTES } from './validate-image.ts'

describe('checkLessonImage: the type comes from the bytes', () => {
	test.each([
		['tiny.png', 'image/png', 'png', 24, 16],
		['tiny.jpg', 'image/jpeg', 'jpg', 24, 16],
		['tiny.webp', 'image/webp', 'webp', 24, 16],
		['tiny.gif', 'image/gif', 'gif', 1, 1],
	] as const)('%s is a %s of %i×%i', (name, mime, ext, width, height) => {
		const bytes = tinyImage(name)
		expect(checkLessonImage(bytes)).toEqual({ ok: true, mime, ext, width, height, byteLength: bytes.length })
	})

	test('a PNG drawn by our own encoder passes too', () => {
		expect(checkLessonImage(encodePng(3, 2, () => [0, 0, 0, 255]))).toMatchObject({ ok: true, width: 3, height: 2 })
	})

	test('SVG is refused in Chinese, with or without an XML prolog, script or not', () => {
		const svgs = [
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
			'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
			'\uFEFF  <svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
			'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>',
		]
		for (const svg of svgs) {
			expect(checkLessonImage(concatBytes(svg))).toMatchObject({ ok: false, status: 415, message: expect.stringMatching(/^不支持的图片格式：SVG/) })
		}
	})

	test('other formats and text are refused, naming what they are', () => {
		expect(checkLessonImage(concatBytes('BM', new Uint8Array(60)))).toMatchObject({ ok: false, status: 415, message: expect.stringContaining('不支持的图片格式：BMP') })
		expect(checkLessonImage(concatBytes('%PDF-1.7\n'))).toMatchObject({ ok: false, status: 415, message: expect.stringContaining('PDF') })
		expect(checkLessonImage(concatBytes('<html><script>alert(1)</script></html>'))).toMatchObject({ ok: false, status: 415, message: expect.stringContaining('HTML') })
		expect(checkLessonImage(concatBytes('hello'))).toMatchObject({ ok: false, status: 415 })
		expect(checkLessonImage(new Uint8Array())).toMatchObject({ ok: false, status: 400, message: '图片文件是空的' })
	})

	test('an HTML page with a real image appended does not pass for the image (magic bytes must lead)', () => {
		expect(checkLessonImage(concatBytes('<html><body><script>alert(1)</script>', tinyImage('tiny.png')))).toMatchObject({ ok: false, status: 415 })
	})
})

describe('checkLessonImage: whole files only', () => {
	test.each(['tiny.png', 'tiny.jpg', 'tiny.webp', 'tiny.gif'] as const)('%s cut short is refused as incomplete', (name) => {
		const bytes = tinyImage(name)
		for (const keep of [bytes.length - 1, Math.floor(bytes.length / 2), 20]) {
			const verdict = checkLessonImage(bytes.subarray(0, keep))
			expect(verdict, `${name} cut to ${keep} bytes`).toMatchObject({ ok: false, status: 400 })
			if (!verdict.ok) expect(verdict.message).toMatch(/图片无法使用：/)
		}
	})

	test('a flipped byte inside a PNG fails its checksum', () => {
		const bytes = tinyImage('tiny.png').slice()
		bytes[40] = bytes[40]! ^ 0xff
		expect(checkLessonImage(bytes)).toMatchObject({ ok: false, message: expect.stringContaining('校验和不符') })
	})

	test.each(['tiny.png', 'tiny.jpg', 'tiny.webp', 'tiny.gif'] as const)('polyglot: %s followed by HTML or a ZIP is refused', (name) => {
		for (const tail of ['<html><script>alert(document.domain)</script></html>', concatBytes('PK\u0003\u0004', new Uint8Array(30))]) {
			expect(checkLessonImage(concatBytes(tinyImage(name), tail))).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/其他数据/) })
		}
	})
})

describe('checkLessonImage: size and pixel limits, read from the header', () => {
	test('over 5 MB is refused as such, before anything else is read', () => {
		const big = concatBytes(tinyImage('tiny.png'), new Uint8Array(LESSON_IMAGE_MAX_BYTES))
		expect(checkLessonImage(big)).toMatchObject({ ok: false, status: 413, message: expect.stringMatching(/^图片超过 5 MB/) })
	})

	test('a pixel bomb (a tiny file whose header claims 30000×30000) is refused without decoding', () => {
		const bomb = encodePng(30_000, 30_000)
		expect(bomb.length).toBeLessThan(200)
		expect(checkLessonImage(bomb)).toMatchObject({ ok: false, status: 413, message: expect.stringContaining('30000×30000') })
	})

	test('each side at most 8000 pixels, and at most 40 million pixels in all', () => {
		expect(checkLessonImage(encodePng(8001, 10))).toMatchObject({ ok: false, message: expect.stringContaining('每边不超过 8000') })
		expect(checkLessonImage(encodePng(8000, 5001))).toMatchObject({ ok: false, message: expect.stringContaining('40 百万像素') })
		// Only the header is read: a 8000×5000 header with one tiny row passes the limits, and the page never decodes it here.
		expect(checkLessonImage(encodePng(8000, 5000))).toMatchObject({ ok: true, width: 8000, height: 5000 })
	})
})

describe('the body gate admits an image upload and nothing else bigger than before', () => {
	test('the upload path takes 5 MB plus the multipart overhead; other lecturer paths stay at 2 MB', () => {
		expect(LESSON_IMAGE_UPLOAD_LIMIT).toBeGreaterThan(LESSON_IMAGE_MAX_BYTES)
		expect(LESSON_IMAGE_UPLOAD_LIMIT).toBeLessThanOrEqual(LESSON_IMAGE_MAX_BYTES + 64 * 1024)
		expect(bodyRuleFor('/lecturer/lesson-images')).toMatchObject({ limit: LESSON_IMAGE_UPLOAD_LIMIT, form: true, okReply: true })
		expect(bodyRuleFor('/lecturer/lesson-images.data')).toMatchObject({ limit: LESSON_IMAGE_UPLOAD_LIMIT })
		for (const other of ['/lecturer/lesson-images/x', '/lecturer/lesson-imagesx', '/lecturer/preview', '/lecturer/lessons/abc']) {
			expect(bodyRuleFor(other)?.limit, other).toBe(2 * 1024 * 1024)
		}
		expect(BODY_RULES.filter((rule) => rule.limit >= LESSON_IMAGE_UPLOAD_LIMIT).length).toBe(3) // two imports and this
	})
})
