import { beforeAll, expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { warmPublishedBundles } from '../content-startup.server.ts'
import { syncGitContent } from '../git-sync.server.ts'
import { getLessonForLearner } from '../learner.ts'
import { createPerson, uniqueTag } from '../test-fixtures.ts'
import { parseStoredImageUrls } from '../images/image-refs.ts'
import { bundleKey, LessonBundleCache, pruneStaleBundles, UNSAVED_BUNDLE_TTL_MS } from './bundle-cache.server.ts'
import { sha256 } from './check-lesson.server.ts'
import { COMPILER_VERSION, compileStats } from './compile.server.ts'

describeEachProvider('compiled bundle cache', (getDb) => {
	beforeAll(async () => {
		await syncGitContent(await getDb())
	})

	function freshBody() {
		const body = `## 缓存测试 ${uniqueTag()}\n\n<Callout type="提示">正文</Callout>\n`
		return { bodyHash: sha256(body), body }
	}

	test('a body compiles once; then memory answers, then the table, never the compiler', async () => {
		const db = await getDb()
		const cache = new LessonBundleCache()
		const { bodyHash, body } = freshBody()
		let bodyReads = 0
		const source = { bodyHash, body: () => (bodyReads++, body) }
		const compilesBefore = compileStats.compiles

		const code = await cache.code(db, source)
		expect(code).toContain('缓存测试')
		expect(compileStats.compiles - compilesBefore).toBe(1)
		expect(await db.compiledLessonBundle.count({ where: { bodyHash, compilerVersion: COMPILER_VERSION } })).toBe(1)

		expect(await cache.code(db, source)).toBe(code)
		expect(cache.stats).toEqual({ memoryHits: 1, storeHits: 0, compiles: 1 })

		cache.forgetInMemory()
		expect(await new LessonBundleCache().code(db, source)).toBe(code)
		expect(await cache.code(db, source)).toBe(code)
		expect(cache.stats).toEqual({ memoryHits: 1, storeHits: 1, compiles: 1 })
		expect(compileStats.compiles - compilesBefore).toBe(1)
		expect(bodyReads).toBe(1)
	})

	test('concurrent first views of one body share a single compile', async () => {
		const db = await getDb()
		const cache = new LessonBundleCache()
		const { bodyHash, body } = freshBody()
		const compilesBefore = compileStats.compiles
		const codes = await Promise.all(Array.from({ length: 5 }, () => cache.code(db, { bodyHash, body: () => body })))
		expect(new Set(codes).size).toBe(1)
		expect(compileStats.compiles - compilesBefore).toBe(1)
	})

	test('the memory cache is bounded in size', async () => {
		const db = await getDb()
		const cache = new LessonBundleCache({ maxBytes: 1 })
		const { bodyHash, body } = freshBody()
		await cache.code(db, { bodyHash, body: () => body })
		await cache.code(db, { bodyHash, body: () => body })
		// Nothing fits in one byte, so the second view reads the table again.
		expect(cache.stats).toMatchObject({ memoryHits: 0, storeHits: 1, compiles: 1 })
	})

	test('warming compiles each published lesson once; a learner view of a warmed lesson compiles nothing', async () => {
		const db = await getDb()
		const cache = new LessonBundleCache()
		expect(await warmPublishedBundles(db, cache)).toBe(12)
		expect(await warmPublishedBundles(db, cache)).toBe(0)

		const learner = await createPerson(db)
		const compilesBefore = compileStats.compiles
		const viewCache = new LessonBundleCache()
		const view = await getLessonForLearner(db, { courseSlug: 'fixed-asset-investment-audit', lessonSlug: 'epc-projects', userId: learner.id }, viewCache)
		expect(view?.code).toContain('EPC')
		expect(viewCache.stats).toEqual({ memoryHits: 0, storeHits: 1, compiles: 0 })
		await getLessonForLearner(db, { courseSlug: 'fixed-asset-investment-audit', lessonSlug: 'epc-projects', userId: learner.id }, viewCache)
		expect(viewCache.stats).toEqual({ memoryHits: 1, storeHits: 1, compiles: 0 })
		expect(compileStats.compiles).toBe(compilesBefore)
	})

	test('bundles of older compilers and day-old unsaved previews are pruned; saved lessons keep theirs', async () => {
		const db = await getDb()
		const now = new Date()
		const dayAgo = new Date(now.getTime() - UNSAVED_BUNDLE_TTL_MS - 1000)
		// A lesson with images beside it in git is stored under its body's and its image map's hash (ADR 016).
		const savedHashes = (await db.lessonVersion.findMany({ select: { bodyHash: true, imageUrls: true } })).map((v) => bundleKey({ bodyHash: v.bodyHash, imageUrls: parseStoredImageUrls(v.imageUrls) }))
		await db.compiledLessonBundle.create({ data: { bodyHash: 'old-compiler', compilerVersion: 'mdx-bundler@0.0.1', code: 'old' } })
		await db.compiledLessonBundle.create({ data: { bodyHash: 'stale-preview', compilerVersion: COMPILER_VERSION, code: 'x', createdAt: dayAgo } })
		await db.compiledLessonBundle.create({ data: { bodyHash: 'fresh-preview', compilerVersion: COMPILER_VERSION, code: 'x' } })
		// Saved lessons' bundles are old too; age alone must not remove them.
		await db.compiledLessonBundle.updateMany({ where: { bodyHash: { in: savedHashes } }, data: { createdAt: dayAgo } })
		const savedBundles = await db.compiledLessonBundle.count({ where: { bodyHash: { in: savedHashes } } })
		expect(savedBundles).toBe(12)

		await pruneStaleBundles(db, now)
		const left = await db.compiledLessonBundle.findMany({ select: { bodyHash: true, compilerVersion: true } })
		const unsaved = left.filter((bundle) => !savedHashes.includes(bundle.bodyHash)).map((bundle) => bundle.bodyHash)
		expect(unsaved).toContain('fresh-preview')
		expect(unsaved).not.toContain('stale-preview')
		expect(unsaved).not.toContain('old-compiler')
		expect(left.filter((bundle) => savedHashes.includes(bundle.bodyHash))).toHaveLength(savedBundles)
		expect(left.every((bundle) => bundle.compilerVersion === COMPILER_VERSION)).toBe(true)
	})
})
