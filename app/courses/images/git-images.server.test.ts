// content:sync with images beside the lessons (ADR 016): stored through the same check and store,
// the lesson compiled with its references rewritten, a missing one refused at its line and
// column, a replaced image picked up although the lesson text did not change.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { syncGitContent } from '../git-sync.server.ts'
import { getLessonDocument } from '../learner.ts'
import { forgetLessonShells } from '../lesson-shell.ts'
import { LessonBundleCache } from '../mdx/bundle-cache.server.ts'
import { copyOfContent } from '../test-fixtures.ts'
import { sha256Hex } from './image-store.server.ts'
import { encodePng } from './test-images.ts'

const COURSE = 'fiscal-budget-execution'
const LESSON = '01-budget-law-basics.mdx'

describeEachProvider('git-kept lesson images', (getDb) => {
	let root: string
	beforeAll(() => {
		root = copyOfContent()
	})

	test('the demo lesson syncs with its image stored and its reference rewritten on the page', async () => {
		const db = await getDb()
		const report = await syncGitContent(db, { root })
		// Only this course's files: on a loaded machine another course's first check may time out.
		expect(report.errors.filter((error) => error.file.startsWith(COURSE))).toEqual([])
		expect(report.images.stored + report.images.unchanged).toBeGreaterThanOrEqual(1)
		const png = await readFile(path.join(root, COURSE, 'images', 'budget-cycle.png'))
		const url = `/lesson-images/${sha256Hex(png)}.png`
		expect(await db.lessonImage.findUnique({ where: { sha256: sha256Hex(png) }, select: { mime: true, width: true, height: true } })).toEqual({ mime: 'image/png', width: 640, height: 160 })
		const version = await db.lessonVersion.findFirstOrThrow({ where: { publishedOf: { slug: 'budget-law-basics', course: { slug: COURSE } } }, select: { imageUrls: true } })
		expect(JSON.parse(version.imageUrls)).toEqual({ './images/budget-cycle.png': url })
		forgetLessonShells(db)
		const page = await getLessonDocument(db, { courseSlug: COURSE, lessonSlug: 'budget-law-basics' }, new LessonBundleCache())
		expect(page?.code).toContain(url)
		expect(page?.code).not.toContain('./images/budget-cycle.png')
	})

	test('a reference to a missing image is refused at its line and column; the lesson keeps its last version', async () => {
		const db = await getDb()
		const file = path.join(root, COURSE, LESSON)
		const original = await readFile(file, 'utf8')
		const lines = original.split('\n')
		const at = lines.findIndex((line) => line.startsWith('![预算收支'))
		lines.splice(at + 1, 0, '', '流程图之二：', '', '  ![缺失的图](/images/missing-chart.png)')
		await writeFile(file, lines.join('\n'))
		const before = await db.lesson.findFirstOrThrow({ where: { slug: 'budget-law-basics', course: { slug: COURSE } }, select: { publishedVersionId: true } })
		const report = await syncGitContent(db, { root })
		expect(report.errors.filter((error) => error.file.startsWith(COURSE))).toEqual([
			{ file: `${COURSE}/${LESSON}`, message: expect.stringMatching(new RegExp(`^第 ?${at + 5} ?行第 ?3 ?列.*图片 /images/missing-chart\\.png 不存在：课程目录中没有 ${COURSE}/images/missing-chart\\.png`)) },
		])
		expect(await db.lesson.findFirstOrThrow({ where: { slug: 'budget-law-basics', course: { slug: COURSE } }, select: { publishedVersionId: true } })).toEqual(before)
		await writeFile(file, original)
	})

	test('an image replaced in git gives the unchanged lesson text a new version with the new image', async () => {
		const db = await getDb()
		const image = path.join(root, COURSE, 'images', 'budget-cycle.png')
		const replacement = encodePng(32, 8, (x) => [200, x * 8, 0, 255])
		await writeFile(image, replacement)
		const report = await syncGitContent(db, { root })
		expect(report.errors.filter((error) => error.file.startsWith(COURSE))).toEqual([])
		expect(report.lessons.updated).toBeGreaterThanOrEqual(1)
		const version = await db.lessonVersion.findFirstOrThrow({ where: { publishedOf: { slug: 'budget-law-basics', course: { slug: COURSE } } }, select: { imageUrls: true } })
		expect(JSON.parse(version.imageUrls)).toEqual({ './images/budget-cycle.png': `/lesson-images/${sha256Hex(replacement)}.png` })
		const again = await syncGitContent(db, { root })
		expect(again.errors.filter((error) => error.file.startsWith(COURSE))).toEqual([])
		const after = await db.lessonVersion.count({ where: { lesson: { slug: 'budget-law-basics', course: { slug: COURSE } } } })
		await syncGitContent(db, { root })
		expect(await db.lessonVersion.count({ where: { lesson: { slug: 'budget-law-basics', course: { slug: COURSE } } } })).toBe(after)
	})

	test('an SVG beside the lessons is refused by name and a non-image in images/ is reported', async () => {
		const db = await getDb()
		await writeFile(path.join(root, COURSE, 'images', 'diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
		const report = await syncGitContent(db, { root })
		expect(report.errors.filter((error) => error.file.startsWith(COURSE))).toEqual([{ file: `${COURSE}/images/diagram.svg`, message: expect.stringMatching(/^不支持的图片格式：SVG/) }])
	})
})
