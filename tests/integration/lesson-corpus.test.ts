// Issue 14 part 10: the corpus of real documents written by others (tests/fixtures/lesson-corpus/)
// goes through content:sync as one git-kept course, on SQLite and PostgreSQL. Every harmless
// document is accepted; each one that really carries danger, or shows an image it does not ship,
// is refused for that reason, naming the line. Each accepted lesson is then compiled the way a
// page view compiles it (the bundle cache in front of the lesson worker) and rendered with the
// real components: no script, event handler, script URL or author style in the HTML, and the
// math, callouts, footnotes and heading ids the document uses are there.
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { syncGitContent } from '#app/courses/git-sync.server.ts'
import { parseStoredImageUrls } from '#app/courses/images/image-refs.ts'
import { LessonBundleCache } from '#app/courses/mdx/bundle-cache.server.ts'
import { storedLessonBody } from '#app/courses/mdx/check-lesson.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import {
	CORPUS_COURSE_SLUG,
	CORPUS_DIR,
	type CorpusVerdict,
	dangersIn,
	featureProblems,
	featuresOf,
	layOutAsCourse,
	loadCorpus,
	renderLessonHtml,
	startLessonWorkers,
	verdictMismatch,
	verdictsFrom,
} from '#tests/lesson-corpus.ts'

const documents = loadCorpus()
const accepted = documents.filter((document) => document.expect === 'accept')
const root = layOutAsCourse(documents)

beforeAll(() => startLessonWorkers())
afterAll(() => rmSync(root, { recursive: true, force: true }))

test('the corpus: at least 40 real documents, 25 or more in Chinese, each with its source recorded and a verdict', () => {
	expect(documents.length).toBeGreaterThanOrEqual(40)
	expect(documents.filter((document) => document.file.startsWith('zh-')).length).toBeGreaterThanOrEqual(25)
	const sources = readFileSync(path.join(CORPUS_DIR, 'SOURCES.md'), 'utf8')
	for (const document of documents) expect(sources, document.file).toContain(`| \`${document.file}\` |`)
	// Both kinds are present: harmless documents and ones that really carry danger.
	expect(accepted.length).toBeGreaterThanOrEqual(25)
	expect(documents.filter((document) => document.expect !== 'accept' && document.expect.refuse !== '图片').length).toBeGreaterThanOrEqual(5)
})

describeEachProvider('lesson corpus through content:sync', (getDb, provider) => {
	const verdicts = new Map<string, CorpusVerdict>()

	beforeAll(async () => {
		const report = await syncGitContent(await getDb(), { root })
		for (const [file, verdict] of verdictsFrom(report, documents)) verdicts.set(file, verdict)
	})

	test.each(documents.map((document) => [document.file, document] as const))('%s: the verdict the manifest expects', (_, document) => {
		const mismatch = verdictMismatch(document.expect, verdicts.get(document.file)!)
		expect(mismatch, mismatch ?? '').toBeNull()
	})

	// Compiling and rendering does not depend on the database; once is enough.
	if (provider !== 'sqlite') return
	const bundles = new LessonBundleCache()

	test.each(accepted.map((document) => [document.file, document] as const))('%s: compiles, renders nothing dangerous, shows what it uses', async (_, document) => {
		expect(verdicts.get(document.file)?.ok, 'content:sync refused it').toBe(true)
		const db = await getDb()
		const lesson = await db.lesson.findFirst({
			where: { slug: document.lessonSlug, course: { slug: CORPUS_COURSE_SLUG } },
			select: { publishedVersion: { select: { source: true, bodyHash: true, imageUrls: true } } },
		})
		const version = lesson?.publishedVersion
		expect(version, 'no published version').toBeTruthy()
		// As a lesson page asks for it (app/courses/lessons.ts): the body, and the map of its images to their stored URLs.
		const code = await bundles.code(db, { bodyHash: version!.bodyHash, body: () => storedLessonBody(version!.source), imageUrls: parseStoredImageUrls(version!.imageUrls) })
		const html = renderLessonHtml(code)
		const dangers = dangersIn(html)
		expect(dangers, dangers.join('；')).toEqual([])
		const problems = featureProblems(featuresOf(document.source), html)
		expect(problems, problems.join('；')).toEqual([])
	})
})

test('the HTML and feature checks catch what they are meant to catch', () => {
	expect(dangersIn('<p style="color:red">x</p>')).toHaveLength(1)
	expect(dangersIn('<script>alert(1)</script>')).toEqual(['tag <script'])
	expect(dangersIn('<a href="javascript:void(0);">x</a>')).toEqual(['href=javascript:void(0);'])
	expect(dangersIn('<img src="x" onerror="alert(1)">')).toEqual(['event attribute onerror'])
	expect(dangersIn('<span class="katex"><span class="strut" style="height:0.6444em;vertical-align:-0.1em;"></span><span style="top:-3em">x</span></span>')).toEqual([])
	expect(dangersIn('<span class="katex"><span>x</span></span><span style="top:-3em">x</span>')).toHaveLength(1)
	expect(dangersIn('<span style="background:url(x)">x</span>')).toHaveLength(1)
	expect(dangersIn('<span class="katex"><span class="mord" style="color:#b91c1c">x</span></span>')).toEqual([])
	expect(dangersIn('<span style="color:red">x</span>')).toHaveLength(1)
	expect(dangersIn('<span class="katex"><span class="mord" style="color:red;position:fixed;top:0">x</span></span>')).toHaveLength(1)
	expect(featureProblems({ math: true, callouts: false, footnotes: false, shippedImages: [] }, '<span class="katex"><mtext>\\ce</mtext></span>')).toEqual(['公式有 KaTeX 不认识的写法：\\ce'])
	expect(featuresOf('公式 $\\frac{1}{2}ah$ 与 `$x$`')).toEqual({ math: true, callouts: false, footnotes: false, shippedImages: [] })
	expect(featuresOf('```\n$x$\n:::tip\n```\n价格 $5 和 $6 ![图](_images/a.png)')).toEqual({ math: false, callouts: false, footnotes: false, shippedImages: ['_images/a.png'] })
	expect(featuresOf(':::tip\n提示\n:::\n\n文[^1]\n\n[^1]: 注')).toEqual({ math: false, callouts: true, footnotes: true, shippedImages: [] })
	expect(
		featureProblems({ math: true, callouts: true, footnotes: true, shippedImages: ['_images/a.png'] }, '<h2>无 id</h2><p><a href="#user-content-fn-1">1</a><img src="_images/a.png"></p>'),
	).toEqual(['公式未渲染为 KaTeX', '提示块未渲染为 Callout', '脚注链接无目标：user-content-fn-1', '图片 _images/a.png 未指向已保存的图片', '1 个 h2/h3 标题没有 id'])
	expect(featureProblems({ math: false, callouts: false, footnotes: false, shippedImages: ['_images/a.png'] }, `<h2 id="a">有 id</h2><img src="/lesson-images/${'a'.repeat(64)}.png">`)).toEqual([])
})
