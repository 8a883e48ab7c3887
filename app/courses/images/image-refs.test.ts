import { describe, expect, test } from 'vitest'
import { classifyImageRef, imageUrlsJson, resolveImageRefs } from './image-refs.ts'

const SHA = 'a'.repeat(64)
const course = { slug: 'fiscal-budget-execution', files: new Map([['images/flow.png', `/lesson-images/${SHA}.png`], ['cover photo.jpg', `/lesson-images/${'b'.repeat(64)}.jpg`]]) }

describe('classifyImageRef', () => {
	test('http(s), protocol-relative and other schemes are external (the gate judges their scheme)', () => {
		for (const url of ['https://example.org/a.png', 'http://x/y.gif', '//cdn.example/z.webp', 'data:image/png;base64,xx']) expect(classifyImageRef(url)).toEqual({ kind: 'external' })
	})
	test('an uploaded image URL names its hash and extension', () => {
		expect(classifyImageRef(`/lesson-images/${SHA}.webp`)).toEqual({ kind: 'uploaded', sha256: SHA, ext: 'webp' })
	})
	test('relative and site-root paths resolve inside the course folder; "/" is the course folder', () => {
		expect(classifyImageRef('./images/flow.png')).toEqual({ kind: 'file', path: 'images/flow.png' })
		expect(classifyImageRef('images/flow.png')).toEqual({ kind: 'file', path: 'images/flow.png' })
		expect(classifyImageRef('/images/flow.png')).toEqual({ kind: 'file', path: 'images/flow.png' })
		expect(classifyImageRef('../images/flow.png', 'part-1')).toEqual({ kind: 'file', path: 'images/flow.png' })
		expect(classifyImageRef('/images/flow.png', 'part-1')).toEqual({ kind: 'file', path: 'images/flow.png' })
		expect(classifyImageRef('cover%20photo.jpg?v=2#top')).toEqual({ kind: 'file', path: 'cover photo.jpg' })
		expect(classifyImageRef('../../etc/passwd')).toEqual({ kind: 'file', path: null })
	})
})

describe('resolveImageRefs', () => {
	test('git lessons: files in the course folder become their stored URLs, keyed by the reference as written', () => {
		const refs = [
			{ url: './images/flow.png', line: 8, column: 1 },
			{ url: '/images/flow.png', line: 9, column: 3 },
			{ url: 'cover%20photo.jpg', line: 10 },
			{ url: 'https://example.org/x.png', line: 11 },
			{ url: `/lesson-images/${'c'.repeat(64)}.gif`, line: 12 },
		]
		expect(resolveImageRefs(refs, { storedUploads: new Set([`${'c'.repeat(64)}.gif`]), course })).toEqual({
			ok: true,
			imageUrls: { './images/flow.png': `/lesson-images/${SHA}.png`, '/images/flow.png': `/lesson-images/${SHA}.png`, 'cover%20photo.jpg': `/lesson-images/${'b'.repeat(64)}.jpg` },
		})
	})
	test('a missing file is refused at its line and column, naming the file looked for', () => {
		const verdict = resolveImageRefs([{ url: './images/flow.png', line: 3 }, { url: 'images/chart.png', line: 14, column: 5 }], { storedUploads: new Set(), course })
		expect(verdict).toEqual({ ok: false, issue: { line: 14, column: 5, message: '图片 images/chart.png 不存在：课程目录中没有 fiscal-budget-execution/images/chart.png' } })
		expect(resolveImageRefs([{ url: '../../x.png', line: 2, column: 1 }], { storedUploads: new Set(), course })).toMatchObject({ ok: false, issue: { message: expect.stringContaining('超出了课程目录') } })
	})
	test('editor lessons: uploaded images must be stored; a file path has nothing to point at', () => {
		const stored = new Set([`${SHA}.png`])
		expect(resolveImageRefs([{ url: `/lesson-images/${SHA}.png`, line: 4, column: 1 }], { storedUploads: stored })).toEqual({ ok: true, imageUrls: {} })
		expect(resolveImageRefs([{ url: `/lesson-images/${SHA}.jpg`, line: 4, column: 1 }], { storedUploads: stored })).toMatchObject({ ok: false, issue: { line: 4, column: 1, message: expect.stringMatching(/^图片 \/lesson-images\/a+\.jpg 不存在：没有上传过这张图片/) } })
		expect(resolveImageRefs([{ url: './images/flow.png', line: 6, column: 2 }], { storedUploads: stored })).toMatchObject({ ok: false, issue: { line: 6, message: expect.stringContaining('请用工具栏上传图片') } })
	})
})

test('imageUrlsJson sorts keys, so equal maps are equal text', () => {
	expect(imageUrlsJson({ b: '2', a: '1' })).toBe(imageUrlsJson({ a: '1', b: '2' }))
	expect(imageUrlsJson({})).toBe('{}')
})
