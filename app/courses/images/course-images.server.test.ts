import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { resolveLessonImages, storedImagesCurrent, syncCourseImages } from './course-images.server.ts'
import { sha256Hex, storeLessonImage } from './image-store.server.ts'
import { encodePng, tinyImage } from './test-images.ts'

describeEachProvider('course images kept in git', (getDb) => {
	let dir: string
	const flow = encodePng(6, 2, (x) => [x * 40, 10, 200, 255])
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'course-images-'))
		await mkdir(path.join(dir, 'images', 'part-1'), { recursive: true })
		await mkdir(path.join(dir, '.git'))
		await writeFile(path.join(dir, 'images', 'flow.png'), flow)
		await writeFile(path.join(dir, 'images', 'part-1', 'photo.jpg'), tinyImage('tiny.jpg'))
		await writeFile(path.join(dir, 'beside.gif'), tinyImage('tiny.gif'))
		await writeFile(path.join(dir, 'images', 'evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
		await writeFile(path.join(dir, 'images', 'cut.png'), flow.subarray(0, 40))
		await writeFile(path.join(dir, 'images', 'notes.txt'), 'not an image')
		await writeFile(path.join(dir, '.git', 'hidden.png'), flow)
		await writeFile(path.join(dir, '01-lesson.md'), '---\ntitle: x\n---\n')
	})
	afterAll(() => rm(dir, { recursive: true, force: true }))

	test('every image in the folder is checked and stored; refused ones are reported by file', async () => {
		const db = await getDb()
		const synced = await syncCourseImages(db, dir, 'demo-course')
		expect([...synced.files.keys()].sort()).toEqual(['beside.gif', 'images/flow.png', 'images/part-1/photo.jpg'])
		expect(synced.files.get('images/flow.png')).toBe(`/lesson-images/${sha256Hex(flow)}.png`)
		expect(synced.errors).toEqual([
			{ file: 'demo-course/images/notes.txt', message: '图片目录中只能放 PNG、JPEG、WebP 或 GIF 图片' },
			{ file: 'demo-course/images/cut.png', message: expect.stringMatching(/^PNG 图片无法使用：文件不完整/) },
			{ file: 'demo-course/images/evil.svg', message: expect.stringMatching(/^不支持的图片格式：SVG/) },
		])
		// A second sync stores nothing new.
		const again = await syncCourseImages(db, dir, 'demo-course')
		expect({ stored: again.stored, unchanged: again.unchanged }).toEqual({ stored: 0, unchanged: 3 })
	})

	test('a lesson resolves its references against the folder and the uploaded images in the database', async () => {
		const db = await getDb()
		const synced = await syncCourseImages(db, dir, 'demo-course')
		const uploaded = encodePng(2, 2, () => [1, 2, 3, 255])
		const stored = await storeLessonImage(db, uploaded)
		const url = stored.ok ? stored.image.url : ''
		const course = { files: synced.files, slug: 'demo-course' }
		expect(await resolveLessonImages(db, [{ url: './images/flow.png', line: 5, column: 1 }, { url, line: 6, column: 1 }, { url: '/beside.gif', line: 7, column: 1 }], course)).toEqual({
			ok: true,
			imageUrls: { './images/flow.png': synced.files.get('images/flow.png'), '/beside.gif': synced.files.get('beside.gif') },
		})
		expect(await resolveLessonImages(db, [{ url: `/lesson-images/${'d'.repeat(64)}.png`, line: 9, column: 4 }])).toMatchObject({ ok: false, issue: { line: 9, column: 4 } })
		expect(await resolveLessonImages(db, [{ url: './images/gone.png', line: 11, column: 2 }], course)).toMatchObject({ ok: false, issue: { line: 11, column: 2, message: expect.stringContaining('demo-course/images/gone.png') } })
	})

	test('a stored map stays current until a file beside the lesson changes', async () => {
		const db = await getDb()
		const synced = await syncCourseImages(db, dir, 'demo-course')
		const course = { files: synced.files, slug: 'demo-course' }
		const map = JSON.stringify({ './images/flow.png': synced.files.get('images/flow.png') })
		expect(storedImagesCurrent(map, course)).toBe(true)
		await writeFile(path.join(dir, 'images', 'flow.png'), encodePng(6, 2, () => [0, 0, 0, 255]))
		const changed = await syncCourseImages(db, dir, 'demo-course')
		expect(storedImagesCurrent(map, { files: changed.files, slug: 'demo-course' })).toBe(false)
		await writeFile(path.join(dir, 'images', 'flow.png'), flow)
	})
})
